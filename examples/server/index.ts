/**
 * The Rivulet example backend: `npm run example`, then open http://127.0.0.1:8787.
 *
 * - POST /api/chat                     streams an answer (Rivulet protocol v1)
 * - GET  /api/chat/:streamId/resume    replays a dropped stream from Last-Event-ID
 * - POST /api/chat/:streamId/stop      stops a stream, on whichever instance produces it
 * - GET  /                             the chat page (public/index.html when built)
 * - POST /api/fake/release             only with RIVULET_FAKE_HOLD=1: lets held fake answers go on
 *
 * Environment: `PORT` (default 8787); `REDIS_URL` (e.g. redis://127.0.0.1:6379) to share
 * streams through Redis, so several instances can resume and stop each other's streams;
 * `OPENAI_API_KEY` or `ANTHROPIC_API_KEY` for a real model (else a built-in fake one);
 * `RIVULET_FAKE_DELAY_MS` for the fake model's pace; `RIVULET_FAKE_HOLD=1` to hold every
 * fake answer halfway until POST /api/fake/release (tests); `RIVULET_PUBLIC_DIR` to serve
 * another build of the page; `RIVULET_LOG_USAGE=1` to log each
 * finished stream, `RIVULET_LOG_REQUESTS=1` each request. Plain node:http and Web streams, no framework.
 */
import { createServer } from 'node:http'
import { sendWebResponse, toWebRequest } from '../../src/server/node-http.ts'
import type { SharedResumeStore } from '../../src/server/resume-store.ts'
import { createApp } from './app.ts'
import { createFakeGate } from './fake-gate.ts'

const PORT = Number(process.env['PORT'] ?? 8787)
const HOST = '127.0.0.1'
const REDIS_URL = process.env['REDIS_URL']
const OPENAI_API_KEY = process.env['OPENAI_API_KEY']
const ANTHROPIC_API_KEY = process.env['ANTHROPIC_API_KEY']
const FAKE_DELAY_MS = process.env['RIVULET_FAKE_DELAY_MS']
const FAKE_HOLD = process.env['RIVULET_FAKE_HOLD'] === '1'
const PUBLIC_DIR = process.env['RIVULET_PUBLIC_DIR']
const model = OPENAI_API_KEY ? 'openai' : ANTHROPIC_API_KEY ? 'anthropic' : 'fake'

/** The Redis store when REDIS_URL is set; exits with a clear message when Redis cannot be reached. */
async function sharedStore(): Promise<SharedResumeStore | undefined> {
  if (!REDIS_URL) return undefined
  // Loaded only when asked for: `redis` is an optional peer dependency.
  const { createClient } = await import('redis')
  const { createRedisResumeStore } = await import('../../src/server/redis/index.ts')
  const client = createClient({ url: REDIS_URL })
  client.on('error', () => {}) // reconnects by itself; requests meanwhile get 503 or an error event
  const store = createRedisResumeStore({ client })
  try {
    await store.ready()
  } catch (error) {
    console.error(`[rivulet example] ${error instanceof Error ? error.message : String(error)} (REDIS_URL=${REDIS_URL})`)
    process.exit(1)
  }
  return store
}

const store = await sharedStore()
const handle = createApp({
  model,
  openaiApiKey: OPENAI_API_KEY,
  anthropicApiKey: ANTHROPIC_API_KEY,
  ...(FAKE_DELAY_MS !== undefined && { fakeDelayMs: Number(FAKE_DELAY_MS) }),
  ...(store && { store }),
  ...(FAKE_HOLD && { gate: createFakeGate() }),
  ...(PUBLIC_DIR && { publicDir: PUBLIC_DIR }),
  ...(process.env['RIVULET_LOG_USAGE'] && { onUsage: (finish) => console.log(`[rivulet example] stream finished: ${JSON.stringify(finish)}`) }),
})

const server = createServer((req, res) => {
  if (process.env['RIVULET_LOG_REQUESTS']) console.log(`[rivulet example] ${req.method} ${req.url}`)
  const request = toWebRequest(req, res)
  handle(request)
    .then((response) => sendWebResponse(res, response, { http2: req.httpVersionMajor >= 2 }))
    .catch((error: unknown) => {
      console.error('[rivulet example] request failed:', error)
      if (!res.headersSent) res.statusCode = 500
      res.end()
    })
})

server.listen(PORT, HOST, () => {
  // The bound port, not PORT: with PORT=0 the system picks a free one (tests read this line).
  const address = server.address()
  const port = typeof address === 'object' && address !== null ? address.port : PORT
  console.log(`Rivulet example server on http://${HOST}:${port} (model: ${model}, store: ${store ? 'redis' : 'memory'})`)
})
