import { flushSync } from 'react-dom'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { createObjectClient, type ObjectClient } from '../../src/core/object/object-client.ts'
import type { ObjectTransport } from '../../src/core/object/object-transport.ts'
import { useObject } from '../../src/react/use-object.ts'
import { mountPerTest } from '../support/browser-root.ts'
import { watchLongTasks } from '../support/long-tasks.ts'

/*
 * Hostile structured output in Chromium, through useObject: the browser's long-task log
 * measures the longest main-thread block. On a shared 2-core machine the asserted bound is a
 * sanity bound (a hang or a runaway re-parse fails it); the real maxima are printed.
 */

const SANITY_BOUND_MS = 5_000
const figures: string[] = []
const page = mountPerTest('width: 640px')
afterAll(() => console.info(`useObject bad input, longest main-thread task:\n  ${figures.join('\n  ')}`))

/** A plain-text body that hands out one chunk per read, a macrotask apart, like a network. */
function chunkedTransport(chunks: string[]): ObjectTransport {
  return {
    async send() {
      const encoder = new TextEncoder()
      let index = 0
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          await new Promise((resolve) => setTimeout(resolve, 0))
          const chunk = chunks[index++]
          if (chunk === undefined) controller.close()
          else controller.enqueue(encoder.encode(chunk))
        },
      })
      return new Response(body, { headers: { 'content-type': 'text/plain' } })
    },
  }
}

function pieces(text: string, size: number): string[] {
  const out: string[] = []
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size))
  return out
}

/** Shows what a form would: the keys and the length of a long field. */
function Summary({ client }: { client: ObjectClient<unknown> }) {
  const { object, error, status } = useObject({ client })
  const record = (object ?? {}) as Record<string, unknown>
  return (
    <section data-status={status}>
      <p data-keys="">{typeof object === 'object' && object !== null ? Object.keys(record).join(',') : String(object)}</p>
      <p data-big="">{typeof record['big'] === 'string' ? record['big'].length : ''}</p>
      <p role="alert">{error?.code}</p>
    </section>
  )
}

const Doc = z.object({ title: z.string(), big: z.string().optional() })

const CASES: [string, () => string[], { status: string; code?: string; keys: string }][] = [
  // The first test of the file also pays for compiling zod, React and the client (a long task
  // of its own, 60–120 ms here): a small valid object goes first so the figures below are ours.
  ['a small valid object (warm-up)', () => pieces('{"title": "warm", "big": "up"}', 4), { status: 'ready', keys: 'title,big' }],
  ['a 5 MB string field in 64 KB chunks', () => ['{"title": "big", "big": "', ...pieces('lorem ipsum '.repeat(440_000), 64 * 1024), '"}'], { status: 'ready', keys: 'title,big' }],
  ['10,000-deep nesting', () => ['{"title": "deep", "nested": ', ...pieces('['.repeat(10_000), 1024)], { status: 'error', code: 'invalid_json', keys: 'title,nested' }],
  ['text that never becomes JSON', () => pieces('Sure! Here is the JSON you asked for: {"title": "x"}', 8), { status: 'error', code: 'invalid_json', keys: 'undefined' }],
  ['a stream that ends mid-object', () => pieces('{"title": "half", "big": "abc', 5), { status: 'error', code: 'invalid_json', keys: 'title,big' }],
  ['a top-level value of the wrong type', () => pieces('["title", "big"]', 3), { status: 'error', code: 'schema', keys: '0,1' }],
]

describe('useObject keeps bad structured output contained in Chromium', () => {
  it.for(CASES)('%s: a clear error, the partial object kept, nothing thrown', { timeout: 120_000 }, async ([what, chunks, expected]) => {
    const thrown: unknown[] = []
    const onError = (event: ErrorEvent) => thrown.push(event.error)
    window.addEventListener('error', onError)
    const client = createObjectClient<unknown>({ transport: chunkedTransport(chunks()), schema: Doc })
    const stopWatching = watchLongTasks()
    flushSync(() => page.root.render(<Summary client={client} />))
    void client.submit({})
    const section = () => page.host.querySelector('section')!
    await vi.waitFor(() => expect(['ready', 'error']).toContain(section().dataset['status']), { timeout: 60_000, interval: 50 })
    await new Promise((resolve) => requestAnimationFrame(resolve))
    const max = Math.max(0, ...stopWatching())
    figures.push(`${what}: ${Math.round(max)} ms`)
    window.removeEventListener('error', onError)
    expect(section().dataset['status']).toBe(expected.status)
    expect(page.host.querySelector('[role="alert"]')!.textContent).toBe(expected.code ?? '')
    expect(page.host.querySelector('[data-keys]')!.textContent).toBe(expected.keys)
    expect(thrown).toEqual([])
    expect(max).toBeLessThan(SANITY_BOUND_MS)
    client.destroy()
  })
})
