/**
 * The example backend's routes as a Web handler, `(Request) => Response`, so the same code runs
 * under node:http (index.ts), an edge worker, Deno or Bun.
 */
import { readFile } from 'node:fs/promises'
import { extname, join, normalize, sep } from 'node:path'
import type { ChatEvent } from '../../src/protocol/events.ts'
import type { StreamFinish } from '../../src/server/event-stream-response.ts'
import { createMemoryResumeStore } from '../../src/server/memory-resume-store.ts'
import { resumeEventStream } from '../../src/server/resume-event-stream.ts'
import type { SharedResumeStore } from '../../src/server/resume-store.ts'
import { startEventStream } from '../../src/server/start-event-stream.ts'
import { handleStopRequest } from '../../src/server/stop-request.ts'
import { matchStreamUrl } from '../../src/protocol/stream-urls.ts'
import { fakeAgent } from './fake-agent.ts'
import type { FakeGate } from './fake-gate.ts'
import { fakeModel } from './fake-model.ts'
import { objectRoute } from './object-route.ts'
import { anthropicMessages, history, openAIChat, type PostedMessage } from './providers.ts'

export interface AppOptions {
  /** Which model answers. @default 'fake' */
  model?: 'fake' | 'openai' | 'anthropic'
  openaiApiKey?: string
  anthropicApiKey?: string
  /** The fake model's delay between events. @default 30 */
  fakeDelayMs?: number
  /** Where the chat page lives. @default examples/server/public */
  publicDir?: string
  /** Shared stream state; a Redis store lets several instances resume and stop each other's streams. @default in memory */
  store?: SharedResumeStore
  /** Called once per finished stream (the server logs it when RIVULET_LOG_USAGE is set). */
  onUsage?: (finish: StreamFinish) => void
  /**
   * Holds each fake answer halfway until `POST /api/fake/release` (index.ts sets one when
   * RIVULET_FAKE_HOLD=1): tests reload mid-answer at a point they control, not at a guessed time.
   */
  gate?: FakeGate
}

/**
 * Creates the example's request handler: POST /api/chat, GET /api/chat/:streamId/resume,
 * POST /api/chat/:streamId/stop, POST /api/object (structured output, resumable and stoppable the same way) and static files (the chat page) from `publicDir`.
 *
 * @example
 * const handle = createApp({ model: 'fake' })
 * const response = await handle(new Request('http://localhost/api/chat', { method: 'POST', body }))
 */
export function createApp(options: AppOptions = {}): (request: Request) => Promise<Response> {
  const model = options.model ?? 'fake'
  const publicDir = options.publicDir ?? join(import.meta.dirname, 'public')
  const openaiApiKey = options.openaiApiKey
  const anthropicApiKey = options.anthropicApiKey
  const store = options.store ?? createMemoryResumeStore()
  const streamOptions = { store, api: '/api/chat', onError: logError, ...(options.onUsage && { onUsage: options.onUsage }) }

  /** Defers the provider call into the stream, so a failed fetch becomes an `error` event, not a 500. */
  async function* deferred(start: () => Promise<AsyncIterable<ChatEvent>>): AsyncGenerator<ChatEvent> {
    yield* await start()
  }

  async function chat(request: Request): Promise<Response> {
    let messages: PostedMessage[]
    try {
      const body = (await request.json()) as { messages?: PostedMessage[] }
      messages = Array.isArray(body.messages) ? body.messages : []
    } catch {
      return new Response('Expected a JSON body with messages', { status: 400 })
    }
    const prompt = messages.filter((m) => m.role === 'user').at(-1)?.content ?? ''

    if (model === 'fake' && /\bagent\b/i.test(prompt)) {
      // The agent loop: each POST carries the history, tool results and approvals included.
      const events = fakeAgent(history(messages))
      const delayMs = options.fakeDelayMs ?? 30
      return startEventStream(request, async function* (signal) {
        for (const event of events) {
          if (signal.aborted) return
          await new Promise((resolve) => setTimeout(resolve, delayMs))
          yield event
        }
      }, streamOptions)
    }
    if (model === 'fake') {
      // The fake model costs nothing, so a dropped client leaves it running into the store and
      // a resume (on any instance) can show the rest of the answer. A stop request or the
      // two-minute cap (maxDurationMs) still ends it.
      const hold = options.gate && ((signal?: AbortSignal) => options.gate!.wait(signal))
      return startEventStream(request, (signal) => fakeModel(prompt, { delayMs: options.fakeDelayMs, signal, ...(hold && { hold }) }), { ...streamOptions, disconnect: 'continue' })
    }
    // A real provider bills per token: when the browser goes away, stop the call at once (the
    // signal given here aborts on disconnect, on a stop request and at maxDurationMs).
    return startEventStream(
      request,
      (signal) =>
        model === 'openai' ? deferred(() => openAIChat(messages, openaiApiKey!, signal)) : deferred(() => anthropicMessages(messages, anthropicApiKey!, signal)),
      streamOptions,
    )
  }

  function logError(error: unknown) {
    console.error('[rivulet example] the model stream failed:', error)
  }

  const CONTENT_TYPES: Record<string, string> = {
    '.html': 'text/html; charset=utf-8',
    '.js': 'text/javascript; charset=utf-8',
    '.css': 'text/css; charset=utf-8',
    '.json': 'application/json',
    '.svg': 'image/svg+xml',
    '.map': 'application/json',
  }

  async function staticFile(pathname: string): Promise<Response> {
    const relative = normalize(decodeURIComponent(pathname === '/' ? '/index.html' : pathname)).replace(/^([/\\])+/, '')
    const file = join(publicDir, relative)
    if (!file.startsWith(publicDir + sep)) return new Response('Not found', { status: 404 })
    try {
      const content = await readFile(file)
      return new Response(content, { headers: { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' } })
    } catch {
      if (pathname !== '/') return new Response('Not found', { status: 404 })
      return new Response(
        `Rivulet example server (model: ${model}).\n\nPOST /api/chat with {"messages":[{"role":"user","content":"Hi"}]}\n` +
          `GET  /api/chat/:streamId/resume with Last-Event-ID\nPOST /api/chat/:streamId/stop\n\n(No chat page built yet: put it in examples/server/public/index.html.)\n`,
        { headers: { 'content-type': 'text/plain; charset=utf-8' } },
      )
    }
  }

  async function handle(request: Request): Promise<Response> {
    const { pathname } = new URL(request.url)
    if (pathname === '/api/chat') {
      if (request.method !== 'POST') return new Response('Use POST', { status: 405, headers: { allow: 'POST' } })
      return chat(request)
    }
    if (pathname === '/api/object') {
      if (request.method !== 'POST') return new Response('Use POST', { status: 405, headers: { allow: 'POST' } })
      return objectRoute(request, { model, openaiApiKey, anthropicApiKey, fakeDelayMs: options.fakeDelayMs, store, onError: logError })
    }
    if (pathname === '/api/fake/release' && options.gate) {
      if (request.method !== 'POST') return new Response('Use POST', { status: 405, headers: { allow: 'POST' } })
      return Response.json({ released: options.gate.release() })
    }
    const route = matchStreamUrl('/api/chat', pathname) ?? matchStreamUrl('/api/object', pathname)
    if (route?.action === 'resume') return resumeEventStream(request, store, { streamId: route.streamId })
    if (route?.action === 'stop') return handleStopRequest(request, store, { streamId: route.streamId })
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response('Not found', { status: 404 })
    return staticFile(pathname)
  }

  return handle
}
