/**
 * One load pass of the server bench: a fresh server process in one mode holding `count`
 * streams of a paced fake model, opened before tokens flow (gated), then released together.
 */
import { loadavg } from 'node:os'
import { createClient } from 'redis'
import type { RedisServer } from '../../test/support/redis-server.ts'
import { call, openStreams, percentile } from './load-client.ts'
import { processCpuMs, sleep, startServer, within, type Mode, type Stats } from './server-process.ts'

export const TOKENS = 30
export const INTERVAL_MS = 100

export interface LoadFigures {
  rssPerStreamKb: number
  heapPerStreamKb: number
  rssAtOpenMb: number
  eventsPerSecond: number
  offeredPerSecond: number
  p50: number
  p99: number
  delivered: number
  expected: number
  failures: number
  /** Server process CPU per delivered token, from /go to the last stream's end: load-independent, unlike latency. */
  cpuUsPerEvent: number
  /** redis-server's CPU per delivered token over the same span (Redis store only). */
  redisCpuUsPerEvent?: number
  /** Entries the pass wrote into Redis (`XADD` calls that succeeded; Redis store only). */
  stored?: number
  /** `os.loadavg()[0]` when the pass started. */
  load1: number
}

/** `XADD` calls that succeeded so far on a fresh redis-server. */
async function xaddCount(url: string): Promise<number | undefined> {
  const client = createClient({ url })
  client.on('error', () => {})
  try {
    await client.connect()
    const info = await client.info('commandstats')
    const match = /cmdstat_xadd:calls=(\d+)(?:.*?failed_calls=(\d+))?/.exec(info)
    return match ? Number(match[1]) - Number(match[2] ?? 0) : 0
  } catch {
    return undefined
  } finally {
    client.destroy()
  }
}

/**
 * The events the Redis store recorded in this pass: its writes may still be on their way when
 * the last client got its `done` (the producer never waits for them), so this waits until the
 * count reaches `expected` or stops moving for a second (10 s at most).
 */
async function storedEvents(url: string, expected: number): Promise<number | undefined> {
  let last = await xaddCount(url)
  for (let still = 0, waited = 0; last !== undefined && last < expected && still < 4 && waited < 40; waited++) {
    await sleep(250)
    const now = await xaddCount(url)
    still = now === last ? still + 1 : 0
    last = now
  }
  return last
}

/**
 * Measures one pass. With the Redis store, `redis` must be a redis-server started for this
 * pass alone, so its CPU time and `XADD` count are this pass's.
 */
export async function measureLoad(mode: Mode, count: number, redis: RedisServer | undefined, log: (m: string) => void): Promise<LoadFigures> {
  const load1 = loadavg()[0]!
  const server = await startServer(mode, mode === 'redis' ? redis?.url : undefined)
  try {
    const before = await call<Stats>(server.port, '/stats')
    const run = await openStreams(server.port, `/stream?n=${TOKENS}&interval=${INTERVAL_MS}&gate=1`, count)
    const open = await call<Stats>(server.port, '/stats')
    const redisPid = mode === 'redis' ? redis?.pid() : undefined
    const redisCpuBefore = await processCpuMs(redisPid)
    const started = performance.now()
    await call(server.port, '/go', 'POST')
    await within(Promise.all(run.streams.map((s) => s.ended)), 60_000)
    // Throughput over the flow: the last token can only come TOKENS × INTERVAL after /go.
    const seconds = (performance.now() - started) / 1000
    const end = await call<Stats>(server.port, '/stats')
    const delivered = run.streams.reduce((sum, s) => sum + s.tokens, 0)
    for (const s of run.streams) s.request.destroy()
    // Redis's CPU counts the writes still arriving after the last client finished.
    const stored = mode === 'redis' && redis ? await storedEvents(redis.url, count * (TOKENS + 2)) : undefined
    const redisCpuAfter = await processCpuMs(redisPid)
    const figures: LoadFigures = {
      rssPerStreamKb: (open.rss - before.rss) / count / 1024,
      heapPerStreamKb: (open.heapUsed + open.external - before.heapUsed - before.external) / count / 1024,
      rssAtOpenMb: open.rss / 1024 / 1024,
      eventsPerSecond: delivered / seconds,
      offeredPerSecond: (count * 1000) / INTERVAL_MS,
      p50: percentile(run.latencies, 50),
      p99: percentile(run.latencies, 99),
      delivered,
      expected: count * TOKENS,
      failures: run.failures,
      cpuUsPerEvent: ((end.cpuMs - open.cpuMs) * 1000) / Math.max(1, delivered),
      ...(redisCpuBefore !== undefined && redisCpuAfter !== undefined && { redisCpuUsPerEvent: ((redisCpuAfter - redisCpuBefore) * 1000) / Math.max(1, delivered) }),
      ...(stored !== undefined && { stored }),
      load1,
    }
    log(
      `${mode} ×${count} (load ${load1.toFixed(1)}): ${open.open} open, rss ${figures.rssAtOpenMb.toFixed(0)} MB (${figures.rssPerStreamKb.toFixed(1)} KB/stream), ` +
        `${delivered}/${figures.expected} tokens, ${figures.eventsPerSecond.toFixed(0)} ev/s, p50 ${figures.p50.toFixed(2)} ms, p99 ${figures.p99.toFixed(2)} ms, ${run.failures} failures, server CPU ${figures.cpuUsPerEvent.toFixed(1)} µs/token` +
        (figures.redisCpuUsPerEvent === undefined ? '' : `, redis-server CPU ${figures.redisCpuUsPerEvent.toFixed(1)} µs/token`) +
        (stored === undefined ? '' : `, ${stored}/${count * (TOKENS + 2)} events stored in Redis`),
    )
    return figures
  } finally {
    await server.stop()
  }
}
