// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest'
import type { UnsequencedChatEvent } from '../../src/protocol/events.ts'
import { createEventStreamResponse, SAFE_ERROR_MESSAGE, type EventStreamResponseOptions } from '../../src/server/event-stream-response.ts'
import { eventsOf, frameReader, sleep, startLocalServer, type LocalServer } from './local-server.ts'

let server: LocalServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

/** Serves one source per request, through a real loopback HTTP server. */
async function serve(source: (request: Request) => AsyncIterable<UnsequencedChatEvent>, options: EventStreamResponseOptions = {}) {
  server = await startLocalServer((request) => createEventStreamResponse(source(request), { signal: request.signal, ...options }))
  return server.url
}

describe('createEventStreamResponse over HTTP', () => {
  it('sends the headers that keep proxies from buffering or transforming the stream', async () => {
    const url = await serve(async function* () {
      yield { type: 'token', content: 'hi' }
    })
    const response = await fetch(url)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/)
    expect(response.headers.get('cache-control')).toBe('no-cache, no-transform')
    expect(response.headers.get('x-accel-buffering')).toBe('no')
    expect(response.headers.get('connection')).toBe('keep-alive')
    expect(eventsOf(await frameReader(response.body!).rest()).map((e) => e.type)).toEqual(['start', 'token', 'done'])
  })

  it('delivers the first event while the source is still running', async () => {
    let release!: () => void
    const released = new Promise<void>((resolve) => (release = resolve))
    const url = await serve(async function* () {
      yield { type: 'token', content: 'first' }
      // The source cannot finish until the client has seen the first token: a buffering
      // server would deadlock here and the test would time out.
      await released
      yield { type: 'token', content: 'second' }
    })
    const reader = frameReader((await fetch(url)).body!)
    await reader.until(2)
    expect(eventsOf(reader.frames)).toEqual([
      { type: 'start', seq: 0, streamId: expect.any(String) },
      { type: 'token', seq: 1, content: 'first' },
    ])
    release()
    expect(eventsOf(await reader.rest()).map((e) => e.type)).toEqual(['start', 'token', 'token', 'done'])
  })

  it('stops the source within one event of the client disconnecting, and aborts the request signal', async () => {
    let produced = 0
    let producedAtAbort = -1
    let producedAtReturn = -1
    let signalAborted = false
    let returned!: () => void
    const stopped = new Promise<void>((resolve) => (returned = resolve))
    const url = await serve(async function* (request) {
      request.signal.addEventListener('abort', () => {
        signalAborted = true
        producedAtAbort = produced
      })
      try {
        for (;;) {
          await sleep(2)
          produced++
          yield { type: 'token', content: `t${produced} ` }
        }
      } finally {
        producedAtReturn = produced
        returned()
      }
    })
    const client = new AbortController()
    const reader = frameReader((await fetch(url, { signal: client.signal })).body!)
    await reader.until(6)
    const producedAtClientAbort = produced
    client.abort()
    await stopped
    expect(signalAborted).toBe(true)
    expect(producedAtReturn - producedAtAbort).toBeLessThanOrEqual(1)
    // Recorded for the report: how far the source got past the client's own abort.
    console.info(`disconnect: ${producedAtReturn - producedAtClientAbort} event(s) after the client aborted, ${producedAtReturn - producedAtAbort} after the server saw it`)
  })

  it('turns an exception in the source into an error event with a safe message', async () => {
    const seen: unknown[] = []
    const url = await serve(
      async function* () {
        yield { type: 'token', content: 'partial' }
        throw new Error('upstream 500: Authorization: Bearer sk-live-123 at /srv/app/provider.ts:42')
      },
      { onError: (error) => void seen.push(error) },
    )
    const text = await (await fetch(url)).text()
    expect(eventsOf(text.split('\n\n').filter(Boolean))).toEqual([
      { type: 'start', seq: 0, streamId: expect.any(String) },
      { type: 'token', seq: 1, content: 'partial' },
      { type: 'error', seq: 2, code: 'upstream_error', message: SAFE_ERROR_MESSAGE },
    ])
    expect(text).not.toContain('sk-live')
    expect(text).not.toContain('provider.ts')
    expect(seen).toHaveLength(1)
  })

  it('sends keep-alive comments while the source is silent', async () => {
    const url = await serve(
      async function* () {
        yield { type: 'token', content: 'thinking…' }
        await sleep(500)
        yield { type: 'token', content: 'done thinking' }
      },
      { keepAliveMs: 50 },
    )
    const frames = await frameReader((await fetch(url)).body!).rest()
    const between = frames.slice(frames.findIndex((f) => f.includes('thinking…')) + 1, frames.findIndex((f) => f.includes('done thinking')))
    // ~10 expected; loose bounds because timers on a busy machine drift.
    expect(between.length).toBeGreaterThanOrEqual(3)
    expect(between.length).toBeLessThanOrEqual(11)
    expect(between.every((frame) => frame === ': ping')).toBe(true)
    console.info(`keep-alive: ${between.length} pings in a 500 ms silence at keepAliveMs 50`)
  })

  it('stops reading the source while the client is not reading, holding at most one event in the server', async () => {
    const eventBytes = 64 * 1024
    const payload = 'x'.repeat(eventBytes)
    const total = 1000 // 64 MiB if it were produced up front
    let produced = 0
    const url = await serve(async function* () {
      for (let i = 0; i < total; i++) {
        produced++
        yield { type: 'token', content: payload }
      }
    })
    const reader = frameReader((await fetch(url)).body!)
    await reader.until(2)
    // The client stops reading. Production must come to a halt once the loopback socket
    // buffers (a few MiB, owned by the kernel) are full, rather than run through the source.
    let before = -1
    while (produced !== before) {
      before = produced
      await sleep(150)
    }
    const aheadWhilePaused = produced - 1
    for (let consumed = 2; consumed <= 40; consumed++) await reader.until(consumed + 1)
    await reader.cancel()
    console.info(
      `back-pressure over HTTP: paused client, source halted ${aheadWhilePaused} events (64 KiB) ahead (kernel socket buffers); ` +
        `server process buffered at most ${(server!.maxBufferedBytes / eventBytes).toFixed(2)} events`,
    )
    expect(produced).toBeLessThan(total / 4)
    // Node's own response buffer: one event in flight, never a backlog.
    expect(server!.maxBufferedBytes).toBeLessThanOrEqual(2 * eventBytes)
  })
})
