/**
 * The server under load for `npm run bench -- server`, run as its own process so its memory is
 * its own: `node --expose-gc --import tsx bench/server/serve.ts <naive|memory|redis> [redisUrl]`.
 * Prints `{"port":…}` when listening. Routes:
 *
 * - GET /stream?n=&interval=&gate=1  a paced fake model: `start` at once, then (after /go when
 *   gated) `n` tokens `interval` ms apart; each token's content is the time it was yielded.
 * - GET /fast?n=                     an unpaced source, for the slow-client (back-pressure) run.
 * - GET /stats                       memory after a full GC, open streams, how far /fast ran, CPU time used.
 * - POST /go                         releases the gated streams.
 */
import { createServer } from 'node:http'
import { createClient } from 'redis'
import type { UnsequencedChatEvent } from '../../src/protocol/events.ts'
import { createEventStreamResponse } from '../../src/server/event-stream-response.ts'
import { createMemoryResumeStore } from '../../src/server/memory-resume-store.ts'
import { sendWebResponse, toWebRequest } from '../../src/server/node-http.ts'
import { createRedisResumeStore } from '../../src/server/redis/redis-resume-store.ts'
import type { ResumeStore } from '../../src/server/resume-store.ts'
import { naiveSseResponse } from './naive-handler.ts'

const mode = process.argv[2] as 'naive' | 'memory' | 'redis'
const now = () => performance.timeOrigin + performance.now()

let store: ResumeStore | undefined
if (mode === 'memory') store = createMemoryResumeStore({ maxStreams: 20_000 })
if (mode === 'redis') {
  const client = createClient({ url: process.argv[3]! })
  client.on('error', () => {})
  const redisStore = createRedisResumeStore({ client })
  await redisStore.ready()
  store = redisStore
}

let open = 0
let fastYielded = 0
let release: () => void = () => {}
let gate = new Promise<void>((resolve) => (release = resolve))

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function* paced(n: number, interval: number, gated: boolean): AsyncGenerator<UnsequencedChatEvent> {
  if (gated) await gate
  for (let i = 0; i < n; i++) {
    await sleep(interval)
    yield { type: 'token', content: `${now().toFixed(3)} ` }
  }
}

async function* fast(n: number): AsyncGenerator<UnsequencedChatEvent> {
  const filler = 'x'.repeat(40)
  for (let i = 0; i < n; i++) {
    fastYielded++
    yield { type: 'token', content: `${i} ${filler}` }
  }
}

function counted(response: Response): Response {
  open++
  const reader = response.body!.getReader()
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await reader.read()
      if (done) {
        open--
        controller.close()
      } else controller.enqueue(value)
    },
    cancel(reason) {
      open--
      return reader.cancel(reason)
    },
  }, { highWaterMark: 0 })
  return new Response(body, { status: response.status, headers: response.headers })
}

function respond(events: AsyncIterable<UnsequencedChatEvent>): Response {
  if (mode === 'naive') return naiveSseResponse(events)
  return createEventStreamResponse(events, { keepAliveMs: false, maxDurationMs: false, ...(store && { store }) })
}

async function handle(request: Request): Promise<Response> {
  const url = new URL(request.url)
  const number = (name: string, fallback: number) => Number(url.searchParams.get(name) ?? fallback)
  if (url.pathname === '/stream') return counted(respond(paced(number('n', 40), number('interval', 100), url.searchParams.has('gate'))))
  if (url.pathname === '/fast') return counted(respond(fast(number('n', 10_000))))
  if (url.pathname === '/go') {
    release()
    gate = new Promise<void>((resolve) => (release = resolve))
    return new Response('ok')
  }
  if (url.pathname === '/stats') {
    ;(globalThis as { gc?: () => void }).gc?.()
    const memory = process.memoryUsage()
    const cpu = process.cpuUsage()
    return Response.json({ open, fastYielded, heapUsed: memory.heapUsed, rss: memory.rss, external: memory.external + memory.arrayBuffers, cpuMs: (cpu.user + cpu.system) / 1000 })
  }
  return new Response('not found', { status: 404 })
}

const server = createServer((req, res) => {
  const request = toWebRequest(req, res)
  handle(request)
    .then((response) => sendWebResponse(res, response))
    .catch(() => res.destroy())
})
server.maxConnections = Infinity
server.on('error', (error) => console.error(`[serve] ${String(error)}`))
server.listen(0, '127.0.0.1', 4096, () => {
  const address = server.address()
  console.log(JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 }))
})
