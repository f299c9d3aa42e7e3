import { describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { syncScheduler } from '../../src/core/frame-scheduler.ts'
import { createObjectClient } from '../../src/core/object/object-client.ts'
import { createObjectStreamResponse } from '../../src/server/object-stream-response.ts'

const doc = { title: 'Trip', days: [{ city: 'Lyon', nights: 2 }, { city: 'Annecy', nights: 1 }] }
const text = JSON.stringify(doc)

async function* deltas(parts: string[]) {
  for (const part of parts) yield part
}

function pieces(value: string, size: number) {
  return Array.from({ length: Math.ceil(value.length / size) }, (_, i) => value.slice(i * size, (i + 1) * size))
}

describe('createObjectStreamResponse with createObjectClient', () => {
  it('feeds createObjectClient end to end, and a client stop ends the source', async () => {
    const Trip = z.object({ title: z.string(), days: z.array(z.object({ city: z.string(), nights: z.number() })) })
    const client = createObjectClient({
      schema: Trip,
      scheduler: syncScheduler,
      fetch: async () => createObjectStreamResponse(deltas(pieces(text, 4)), { format: 'rivulet' }),
    })
    await client.submit({ destination: 'Alps' })
    await vi.waitFor(() => expect(client.getSnapshot().status).toBe('ready'))
    expect(client.getSnapshot().object).toEqual(doc)

    const ended = vi.fn()
    async function* endless() {
      try {
        yield '{"title": "'
        for (;;) {
          yield 'a'
          await new Promise((resolve) => setTimeout(resolve, 1))
        }
      } finally {
        ended()
      }
    }
    const slow = createObjectClient({ scheduler: syncScheduler, fetch: async (_, init) => createObjectStreamResponse(endless(), { signal: init?.signal ?? undefined }) })
    void slow.submit({})
    await vi.waitFor(() => expect((slow.getSnapshot().object as { title?: string } | undefined)?.title?.length).toBeGreaterThan(3))
    slow.stop()
    await vi.waitFor(() => expect(ended).toHaveBeenCalledTimes(1))
  })

})
