import { http, HttpResponse } from 'msw'
import { flushSync } from 'react-dom'
import { createRoot } from 'react-dom/client'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { Chat } from '../../src/components/chat/chat.tsx'
import type { ChatEvent } from '../../src/protocol/events.ts'
import { createScript } from '../../src/mocks/script.ts'
import { scenarios } from '../../src/mocks/scenarios.ts'
import { mockChatStream } from '../../src/mocks/mock-chat-stream.ts'
import { createMswFetch } from './msw-fetch.ts'

/*
 * Leaks and load in Chromium: the page's listeners and timers are counted by wrapping the
 * browser's own functions, requests by the in-page MSW fetch (see msw-fetch.ts).
 */

const figures: string[] = []
afterAll(() => console.info(`leaks and load:\n  ${figures.join('\n  ')}`))

const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()))
const tokens = (events: readonly ChatEvent[]) => events.flatMap((e) => (e.type === 'token' ? [e.content] : [])).join('')

function send(container: HTMLElement, text: string) {
  const input = container.querySelector<HTMLTextAreaElement>('[data-rivulet="composer-input"]')!
  Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!.call(input, text)
  input.dispatchEvent(new Event('input', { bubbles: true }))
  input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }))
}

/** Counts listeners on window and document and live timers, by wrapping the browser's functions. */
function watchResources() {
  const listeners = new Map<string, number>()
  const timers = new Set<unknown>()
  const restores: (() => void)[] = []
  for (const target of [window, document] as EventTarget[]) {
    const add = target.addEventListener
    const remove = target.removeEventListener
    const seen = new Set<string>()
    const key = (type: string, listener: unknown, options: unknown) => {
      const capture = typeof options === 'boolean' ? options : Boolean((options as AddEventListenerOptions | undefined)?.capture)
      return `${target === window ? 'window' : 'document'}:${type}:${capture}:${ids.get(listener) ?? ids.set(listener, ids.size).size - 1}`
    }
    target.addEventListener = function (type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions) {
      const k = key(type, listener, options)
      if (!seen.has(k)) {
        seen.add(k)
        listeners.set(type, (listeners.get(type) ?? 0) + 1)
        // A `once` listener or an aborted signal removes itself without removeEventListener.
        const forget = () => {
          if (seen.delete(k)) listeners.set(type, (listeners.get(type) ?? 0) - 1)
        }
        if (typeof options === 'object' && options.once) {
          add.call(target, type, forget, { once: true })
        }
        if (typeof options === 'object' && options.signal) options.signal.addEventListener('abort', forget, { once: true })
      }
      return add.call(this, type, listener, options)
    }
    target.removeEventListener = function (type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | EventListenerOptions) {
      const k = key(type, listener, options)
      if (seen.delete(k)) listeners.set(type, (listeners.get(type) ?? 0) - 1)
      return remove.call(this, type, listener, options)
    }
    restores.push(() => {
      target.addEventListener = add
      target.removeEventListener = remove
    })
  }
  const ids = new Map<unknown, number>()
  const { setTimeout: st, clearTimeout: ct, setInterval: si, clearInterval: ci } = window
  window.setTimeout = ((handler: TimerHandler, ms?: number, ...args: unknown[]) => {
    const id = st(
      (...a: unknown[]) => {
        timers.delete(id)
        if (typeof handler === 'function') handler(...a)
      },
      ms,
      ...args,
    )
    timers.add(id)
    return id
  }) as typeof setTimeout
  window.clearTimeout = ((id?: number) => {
    timers.delete(id)
    ct(id)
  }) as typeof clearTimeout
  window.setInterval = ((handler: TimerHandler, ms?: number, ...args: unknown[]) => {
    const id = si(handler, ms, ...args)
    timers.add(id)
    return id
  }) as typeof setInterval
  window.clearInterval = ((id?: number) => {
    timers.delete(id)
    ci(id)
  }) as typeof clearInterval
  restores.push(() => Object.assign(window, { setTimeout: st, clearTimeout: ct, setInterval: si, clearInterval: ci }))
  return {
    listeners: () => Object.fromEntries([...listeners].filter(([, n]) => n !== 0)),
    timers: () => timers.size,
    restore: () => restores.forEach((restore) => restore()),
  }
}

describe('leaks', () => {
  it('leaves no listeners, timers or open requests after 100 mount → stream → unmount cycles', { timeout: 120_000 }, async () => {
    const mock = mockChatStream({ script: scenarios.markdown, ttft: 0, tokensPerSecond: 400, chunking: 'random', seed: 5 })
    const wire = createMswFetch(mock.handlers)
    const watch = watchResources()
    let finished = 0
    try {
      for (let cycle = 0; cycle < 100; cycle++) {
        const host = document.createElement('div')
        document.body.append(host)
        const root = createRoot(host)
        flushSync(() => root.render(<Chat api="/api/chat" options={{ fetch: wire.fetch }} />))
        send(host, `question ${cycle}`)
        const chat = () => host.querySelector('[data-rivulet="chat"]')!.getAttribute('data-state')
        // Half the cycles unmount mid-stream (abort), half after the answer finished.
        if (cycle % 2 === 0) await vi.waitFor(() => expect(host.querySelector('[data-rivulet="markdown"]')).not.toBeNull(), { timeout: 5_000, interval: 5 })
        else {
          await vi.waitFor(() => expect(chat()).toBe('ready'), { timeout: 5_000, interval: 5 })
          finished++
        }
        root.unmount()
        host.remove()
      }
      await vi.waitFor(() => expect(wire.open).toBe(0), { timeout: 2_000 })
      await vi.waitFor(() => expect(mock.openStreams).toBe(0), { timeout: 2_000 })
      await frame()
      await frame()
      await vi.waitFor(() => expect(watch.timers()).toBe(0), { timeout: 2_000 })
      // React's own document-wide selectionchange listener, added once for the first root ever.
      expect(watch.listeners()).toEqual({ selectionchange: 1 })
      expect(wire.count('POST')).toBe(100)
      figures.push(`100 cycles (${100 - finished} unmounted mid-stream): ${wire.count('POST')} POSTs, 0 open bodies, 0 listeners, 0 timers left`)
    } finally {
      watch.restore()
    }
  })

  const gc = (globalThis as { gc?: () => void }).gc
  it.skipIf(gc === undefined)('retains under 1 MB of heap after 100 cycles (needs --js-flags=--expose-gc)', { timeout: 120_000 }, async () => {
    const memory = () => (performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize
    const mock = mockChatStream({ script: scenarios.markdown, ttft: 0, tokensPerSecond: Infinity })
    const wire = createMswFetch(mock.handlers)
    const cycle = async () => {
      const host = document.createElement('div')
      document.body.append(host)
      const root = createRoot(host)
      flushSync(() => root.render(<Chat api="/api/chat" options={{ fetch: wire.fetch }} />))
      send(host, 'q')
      await vi.waitFor(() => expect(host.querySelector('[data-rivulet="chat"]')!.getAttribute('data-state')).toBe('ready'), { timeout: 5_000, interval: 5 })
      root.unmount()
      host.remove()
    }
    // What the test harness itself keeps (the mock's request log and resume buffers) is not
    // the library's: drop it before each reading, and let pending work finish before gc.
    const settle = async () => {
      mock.reset()
      for (let i = 0; i < 3; i++) {
        await frame()
        await new Promise((resolve) => setTimeout(resolve, 0))
        gc!()
      }
    }
    for (let i = 0; i < 30; i++) await cycle() // warm caches, lazy chunks and JIT
    await settle()
    const before = memory()
    for (let i = 0; i < 100; i++) await cycle()
    await settle()
    const growth = memory() - before
    figures.push(`retained heap growth over 100 cycles: ${(growth / 1024).toFixed(0)} KB`)
    expect(growth).toBeLessThan(1024 * 1024)
  })
})

describe('load', () => {
  it('streams 10 chats at once on one page without losing or reordering anything', { timeout: 60_000 }, async () => {
    const chats = Array.from({ length: 10 }, (_, i) => {
      const script = createScript({ streamId: `load-${i}` })
        .text(Array.from({ length: 120 }, (_, w) => `c${i}w${w}`).join(' '), { chunk: 'word' })
        .done()
      const mock = mockChatStream({ url: `/api/chat-${i}`, script, ttft: 5, tokensPerSecond: 300, jitter: 0.5, chunking: 'random', seed: i + 1 })
      const wire = createMswFetch(mock.handlers)
      const applied: ChatEvent[] = []
      const host = document.createElement('div')
      document.body.append(host)
      const root = createRoot(host)
      flushSync(() => root.render(<Chat api={`/api/chat-${i}`} options={{ fetch: wire.fetch, onEvent: (event) => applied.push(event) }} />))
      return { script, wire, applied, host, root }
    })
    for (const chat of chats) send(chat.host, 'go')
    for (const chat of chats) {
      await vi.waitFor(() => expect(chat.host.querySelector('[data-rivulet="chat"]')!.getAttribute('data-state')).toBe('ready'), { timeout: 20_000, interval: 10 })
    }
    for (const [i, chat] of chats.entries()) {
      expect(chat.applied.map((e) => e.seq)).toEqual(chat.script.map((e) => e.seq))
      expect(tokens(chat.applied)).toBe(tokens(chat.script))
      const words = chat.host.querySelector('[data-rivulet="message"][data-role="assistant"] [data-rivulet="markdown"]')!.textContent!.trim().split(/\s+/)
      expect(words).toEqual(Array.from({ length: 120 }, (_, w) => `c${i}w${w}`))
      expect(chat.wire.count('POST')).toBe(1)
      chat.root.unmount()
      chat.host.remove()
    }
    figures.push(`10 concurrent chats: ${chats.reduce((n, c) => n + c.applied.length, 0)} events, all in order, none lost`)
  })

  it('keeps a reconnect storm (every resume fails) within maxReconnects and the backoff', { timeout: 30_000 }, async () => {
    const mock = mockChatStream({ script: scenarios.markdown, ttft: 0, tokensPerSecond: Infinity, disconnectAfter: 6 })
    // Every resume answers, then drops before sending anything, as a flapping network does.
    const failingResume = http.get(
      '/api/chat/:streamId/resume',
      () =>
        new HttpResponse(
          new ReadableStream({
            start(controller) {
              controller.error(new TypeError('network'))
            },
          }),
          { headers: { 'content-type': 'text/event-stream' } },
        ),
    )
    const wire = createMswFetch([mock.chat, failingResume])
    const times: number[] = []
    const timed: typeof fetch = (input, init) => {
      times.push(performance.now())
      return wire.fetch(input, init)
    }
    const host = document.createElement('div')
    document.body.append(host)
    const root = createRoot(host)
    const baseMs = 40
    flushSync(() => root.render(<Chat api="/api/chat" options={{ fetch: timed, maxReconnects: 3, maxRetries: 0, backoff: { baseMs, maxMs: 1_000 } }} />))
    send(host, 'go')
    await vi.waitFor(() => expect(host.querySelector('[data-rivulet="chat"]')!.getAttribute('data-state')).toBe('error'), { timeout: 10_000, interval: 10 })
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(wire.count('POST')).toBe(1)
    expect(wire.count('GET')).toBe(3)
    const gaps = times.slice(1).map((t, i) => t - times[i]!)
    // Equal-jitter backoff waits at least half of base × 2^attempt; timers never fire early.
    gaps.forEach((gap, attempt) => expect(gap).toBeGreaterThanOrEqual((baseMs * 2 ** attempt) / 2 - 1))
    const notice = host.querySelector('[data-rivulet="error-notice"]')
    expect(notice?.getAttribute('data-code')).toBe('network')
    // The server still holds the stream: the user can still pick it up.
    expect(notice?.hasAttribute('data-resumable')).toBe(true)
    figures.push(`reconnect storm: 1 POST, ${wire.count('GET')} resumes (maxReconnects 3), gaps ${gaps.map((g) => Math.round(g)).join('/')} ms`)
    root.unmount()
    host.remove()
  })
})

describe('a resume that cannot connect', () => {
  it('keeps the error resumable so Continue stays offered', { timeout: 30_000 }, async () => {
    const mock = mockChatStream({ script: scenarios.markdown, ttft: 0, tokensPerSecond: Infinity, disconnectAfter: 6 })
    const unreachable = http.get('/api/chat/:streamId/resume', () => HttpResponse.error())
    const wire = createMswFetch([mock.chat, unreachable])
    const host = document.createElement('div')
    document.body.append(host)
    const root = createRoot(host)
    flushSync(() => root.render(<Chat api="/api/chat" options={{ fetch: wire.fetch, maxRetries: 1, backoff: { baseMs: 5, maxMs: 20 } }} />))
    send(host, 'go')
    await vi.waitFor(() => expect(host.querySelector('[data-rivulet="chat"]')!.getAttribute('data-state')).toBe('error'), { timeout: 10_000, interval: 10 })
    expect(wire.count('POST')).toBe(1)
    expect(wire.count('GET')).toBe(2)
    expect(host.querySelector('[data-rivulet="error-notice"]')?.hasAttribute('data-resumable')).toBe(true)
    expect(host.querySelector('[data-rivulet="error-continue"]')).not.toBeNull()
    root.unmount()
    host.remove()
  })
})
