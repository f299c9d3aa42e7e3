import { describe, expect, it } from 'vitest'
import { lazyChunk } from '../lazy-chunk.ts'
import type { ObjectEngine } from './object-engine-chunk.ts'
import { createObjectClientWith } from './object-client.ts'
import type { ObjectTransport } from './object-transport.ts'
import type { ObjectError } from './object-state.ts'

/** A chunk the test releases or fails by hand, one attempt at a time. */
function heldChunk() {
  const attempts: { release: () => void; fail: (error: Error) => void }[] = []
  const chunk = lazyChunk<ObjectEngine>(
    () =>
      new Promise<void>((resolve, reject) => attempts.push({ release: resolve, fail: reject })).then(() => import('./object-engine.ts')),
  )
  return { chunk, attempts }
}

/** Answers every request with `{"dish":"soup"}` as plain text; counts the requests. */
function jsonTransport() {
  const requests: unknown[] = []
  const transport: ObjectTransport = {
    async send({ input }) {
      requests.push(input)
      return new Response('{"dish":"soup"}', { headers: { 'content-type': 'text/plain' } })
    },
  }
  return { transport, requests }
}

const immediate = { schedule: (run: () => void) => run(), cancel: () => {}, flush: () => {} }

describe('the object engine loads on first use', () => {
  it('a submit before the chunk is in is submitted at once and sends its request once the chunk lands', async () => {
    const { chunk, attempts } = heldChunk()
    const { transport, requests } = jsonTransport()
    const client = createObjectClientWith(chunk, { transport, scheduler: immediate })
    const done = client.submit({ dish: 'soup' })
    expect(client.getSnapshot().status).toBe('submitted')
    await Promise.resolve()
    expect(requests).toEqual([])
    attempts[0]!.release()
    await done
    expect(requests).toHaveLength(1)
    expect(client.getSnapshot()).toMatchObject({ status: 'ready', object: { dish: 'soup' }, error: undefined })
  })

  it('a failed load ends the submit with a clear error, and the next submit tries again', async () => {
    const { chunk, attempts } = heldChunk()
    const { transport, requests } = jsonTransport()
    const errors: ObjectError[] = []
    const client = createObjectClientWith(chunk, { transport, scheduler: immediate, onError: (error) => errors.push(error) })
    const first = client.submit({})
    attempts[0]!.fail(new Error('Failed to fetch dynamically imported module'))
    await first
    expect(client.getSnapshot().status).toBe('error')
    expect(client.getSnapshot().error).toMatchObject({ code: 'network', resumable: false })
    expect(client.getSnapshot().error?.message).toBe('could not load the object stream parser: Failed to fetch dynamically imported module')
    expect(errors).toHaveLength(1)
    expect(requests).toEqual([])

    const second = client.submit({})
    expect(attempts).toHaveLength(2)
    attempts[1]!.release()
    await second
    expect(requests).toHaveLength(1)
    expect(client.getSnapshot()).toMatchObject({ status: 'ready', object: { dish: 'soup' }, error: undefined })
  })

  it('stop while the chunk loads sends nothing; a newer submit replaces an older one still waiting', async () => {
    const { chunk, attempts } = heldChunk()
    const { transport, requests } = jsonTransport()
    const client = createObjectClientWith(chunk, { transport, scheduler: immediate })
    const stopped = client.submit({ n: 1 })
    client.stop()
    expect(client.getSnapshot().status).toBe('ready')
    const older = client.submit({ n: 2 })
    const newer = client.submit({ n: 3 })
    attempts[0]!.release()
    await Promise.all([stopped, older, newer])
    expect(requests).toEqual([{ n: 3 }])
    expect(client.getSnapshot().status).toBe('ready')
  })
})
