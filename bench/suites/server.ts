/**
 * `npm run bench -- server`: one Node server process on loopback holding 100, 1,000 and 5,000
 * concurrent streams of a paced fake model (10 tokens/s each, gated so every stream is open
 * before tokens flow), with the memory store, with the Redis store, and with a naive
 * hand-written `ReadableStream` SSE handler. Each pass runs in a fresh server process
 * (`bench/server/serve.ts`) so memory figures are its own, and each Redis pass gets a fresh
 * private redis-server (its CPU time and `XADD` count are that pass's); the load comes from this
 * process (`bench/server/load-client.ts`). Memory-store and Redis-store passes are interleaved,
 * `BENCH_MOUNTS` (default 5) of each per size, alternating which goes first; figures are medians
 * over those passes with their spread, and the Redis store's added p99 is the median of the
 * differences between adjacent passes. The naive handler runs once per size (informative).
 * Also: a slow client (never reads after the first chunk) against a 100,000-event unpaced
 * source, and what happens past the file-descriptor limit. Bounded: every wait has a deadline.
 */
import { writeFile } from 'node:fs/promises'
import { loadavg } from 'node:os'
import { fileURLToPath } from 'node:url'
import { atMost, judgeDeclared, type GoalTable } from '../lib/goals.ts'
import { median, spreadOf } from '../lib/stats.ts'
import type { BenchContext, BenchResult } from '../lib/types.ts'
import { call, openStreams } from '../server/load-client.ts'
import { INTERVAL_MS, measureLoad, TOKENS, type LoadFigures } from '../server/measure-load.ts'
import { sleep, startServer, within, type Mode, type Stats } from '../server/server-process.ts'
import { hasRedisServer, startRedisServer, type RedisServer } from '../../test/support/redis-server.ts'

export const name = 'server'

// BENCH_SERVER_SIZES=100 for a quick look; the results in README come from the default.
const SIZES = (process.env['BENCH_SERVER_SIZES'] ?? '100,1000,5000').split(',').map(Number)
/** Interleaved passes per store and size (the runner's `--mounts`). */
const RUNS = Math.max(1, Number(process.env['BENCH_MOUNTS'] ?? 5))
const FAST_EVENTS = 100_000
const LABEL: Record<Mode, string> = { naive: 'naive ReadableStream handler', memory: 'Rivulet, memory store', redis: 'Rivulet, Redis store' }

/** The goal rows this suite judges (the runner fails a declared row a run did not produce). */
export const goals = {
  'server.redis.100.p99-added': atMost(2, ' ms'),
  'server.redis.1000.p99-added': atMost(2, ' ms'),
  'server.redis.5000.p99-added': atMost(2, ' ms'),
  'server.naive.5000.rss': atMost(1024, ' MB'),
  'server.memory.5000.rss': atMost(1024, ' MB'),
  'server.redis.5000.rss': atMost(1024, ' MB'),
  'server.memory.slow-client.heap': atMost(8, ' MB'),
  'server.redis.slow-client.heap': atMost(8, ' MB'),
} satisfies GoalTable

/** A pass of `mode`; a Redis pass gets a redis-server of its own, stopped after it. */
async function pass(mode: Mode, count: number, log: (m: string) => void): Promise<LoadFigures> {
  const redis = mode === 'redis' ? await startRedisServer() : undefined
  try {
    return await measureLoad(mode, count, redis, log)
  } finally {
    await redis?.stop()
  }
}

/** A client that reads one chunk and then stops reading: how far does the source run ahead? */
async function measureSlowClient(mode: Mode, redisUrl: string | undefined, log: (m: string) => void) {
  const server = await startServer(mode, redisUrl)
  try {
    const before = await call<Stats>(server.port, '/stats')
    const run = await openStreams(server.port, `/fast?n=${FAST_EVENTS}`, 1)
    const stream = run.streams[0]!
    await stream.opened
    stream.response!.pause()
    await sleep(1500)
    const during = await call<Stats>(server.port, '/stats')
    const ahead = during.fastYielded - stream.tokens
    const heapGrowthMb = (during.heapUsed + during.external - before.heapUsed - before.external) / 1024 / 1024
    stream.request.destroy()
    log(`${mode} slow client: source yielded ${during.fastYielded} events, client took ${stream.tokens}; server heap +${heapGrowthMb.toFixed(1)} MB`)
    return { ahead, heapGrowthMb }
  } finally {
    await server.stop()
  }
}

/** Past the limit: a server allowed `fdLimit` descriptors asked for more streams than that. */
async function measurePastLimit(log: (m: string) => void) {
  const fdLimit = 512
  const asked = 800
  const server = await startServer('memory', undefined, fdLimit)
  try {
    const run = await openStreams(server.port, `/stream?n=5&interval=50&gate=1`, asked, 100)
    await within(Promise.all(run.streams.map((s) => s.opened.catch(() => {}))), 10_000)
    const opened = run.streams.filter((s) => s.response).length
    const stats = await within(call<Stats>(server.port, '/stats').catch(() => undefined), 5000)
    for (const s of run.streams) s.request.destroy()
    await sleep(500)
    const after = await within(call<Stats>(server.port, '/stats').catch(() => undefined), 5000)
    log(`past the fd limit (${fdLimit}): ${opened}/${asked} streams opened, ${run.failures} refused/reset; server ${after ? 'still answers' : 'did not answer'} (open while full: ${stats?.open ?? '?'})`)
    return { fdLimit, asked, opened, failures: run.failures, alive: after !== undefined }
  } finally {
    await server.stop()
  }
}

export async function run(ctx: BenchContext): Promise<BenchResult[]> {
  const withRedis = hasRedisServer()
  if (!withRedis) ctx.log('redis-server not found (apt-get install -y redis-server): Redis rows skipped')
  const modes: Mode[] = withRedis ? ['naive', 'memory', 'redis'] : ['naive', 'memory']
  const stores = modes.filter((mode) => mode !== 'naive')
  const loadBefore = loadavg()
  const load: Record<string, LoadFigures[]> = {}
  const slow: Record<string, { ahead: number; heapGrowthMb: number }> = {}
  for (const [i, count] of SIZES.entries()) {
    load[`naive.${count}`] = [await pass('naive', count, ctx.log)]
    for (let r = 0; r < RUNS; r++) {
      // Alternate who goes first, so a drift of the machine's load lands on both stores.
      const order = (r + i) % 2 === 0 ? stores : [...stores].reverse()
      for (const mode of order) {
        ctx.gc?.() // the load client's own garbage from the pass before
        ;(load[`${mode}.${count}`] ??= []).push(await pass(mode, count, ctx.log))
      }
    }
  }
  let redis: RedisServer | undefined
  try {
    for (const mode of modes) {
      redis = mode === 'redis' ? await startRedisServer() : undefined
      slow[mode] = await measureSlowClient(mode, redis?.url, ctx.log)
      await redis?.stop()
    }
  } finally {
    await redis?.stop()
  }
  const pastLimit = await measurePastLimit(ctx.log)
  const loadAfter = loadavg()

  const rows: BenchResult[] = []
  const row = (r: Omit<BenchResult, 'peer' | 'ratio' | 'goal' | 'pass'> & Partial<BenchResult>) => rows.push({ peer: null, ratio: null, goal: null, pass: null, ...r })
  for (const count of SIZES) {
    const naive = summary(load[`naive.${count}`]!)
    for (const mode of modes) {
      const passes = load[`${mode}.${count}`]!
      const f = summary(passes)
      const runs = passes.length
      const of = runs > 1 ? `median of ${runs} interleaved passes` : 'one pass'
      const p99s = passes.map((p) => p.p99)
      const vs = (ours: number, theirs: number) => (mode === 'naive' ? {} : { peer: LABEL.naive, ratio: round(theirs / ours) })
      row({ id: `server.${mode}.${count}.memory`, description: `${LABEL[mode]}, ${count} open streams: RSS per stream (${of})`, value: round(f.rssPerStreamKb), unit: 'KB', runs, ...vs(naive.rssPerStreamKb, f.rssPerStreamKb) })
      if (count === 5000) {
        const id = `server.${mode}.5000.rss`
        row({ id, description: `${LABEL[mode]}: process RSS with 5,000 open streams (${of})`, value: round(f.rssAtOpenMb), unit: 'MB', runs, ...judgeDeclared(goals, id, f.rssAtOpenMb, 'MB') })
      }
      row({ id: `server.${mode}.${count}.events`, description: `${LABEL[mode]}, ${count} streams: tokens delivered per second (offered ${f.offeredPerSecond}/s; ${f.delivered}/${f.expected} delivered; ${of})`, value: round(f.eventsPerSecond), unit: 'ev/s', runs, ...vs(naive.eventsPerSecond, f.eventsPerSecond) })
      row({ id: `server.${mode}.${count}.p50`, description: `${LABEL[mode]}, ${count} streams: source yield → client receive, p50 (${of})`, value: round(f.p50), unit: 'ms', runs, spread: roundSpread(passes.map((p) => p.p50)), ...vs(f.p50, naive.p50) })
      const redisCpu = f.redisCpuUsPerEvent === undefined ? '' : ` (redis-server adds ${round(f.redisCpuUsPerEvent)} µs)`
      row({ id: `server.${mode}.${count}.cpu`, description: `${LABEL[mode]}, ${count} streams: server CPU per token delivered${redisCpu} (${of})`, value: round(f.cpuUsPerEvent), unit: 'µs', runs, ...vs(f.cpuUsPerEvent, naive.cpuUsPerEvent) })
      const stored = f.stored === undefined ? '' : `; ${f.stored}/${count * (TOKENS + 2)} events stored`
      row({ id: `server.${mode}.${count}.p99`, description: `${LABEL[mode]}, ${count} streams: source yield → client receive, p99 over every token of a pass (${of}${stored})`, value: round(f.p99), unit: 'ms', runs, spread: roundSpread(p99s), ...vs(f.p99, naive.p99) })
    }
    if (withRedis) {
      const redisPasses = load[`redis.${count}`]!
      const memoryPasses = load[`memory.${count}`]!
      // Each Redis pass against the memory pass of the same round (run next to it).
      const added = redisPasses.map((p, r) => p.p99 - memoryPasses[r]!.p99)
      const id = `server.redis.${count}.p99-added`
      const figure = median(added)
      row({
        id,
        description: `Redis store vs memory store, ${count} streams: added p99 latency per event, median over ${added.length} rounds of (Redis pass p99 − memory pass p99), passes interleaved (medians: ${round(median(redisPasses.map((p) => p.p99)))} vs ${round(median(memoryPasses.map((p) => p.p99)))} ms)`,
        value: round(figure),
        unit: 'ms',
        runs: added.length,
        spread: roundSpread(added),
        ...judgeDeclared(goals, id, figure, 'ms'),
      })
    }
  }
  for (const mode of modes) {
    const s = slow[mode]!
    const rivulet = mode !== 'naive'
    row({
      id: `server.${mode}.slow-client.ahead`,
      description: `${LABEL[mode]}: events a ${FAST_EVENTS.toLocaleString('en')}-event source ran ahead of a client that stopped reading (kernel socket buffers included)`,
      value: s.ahead,
      unit: 'events',
      runs: 1,
      ...(rivulet && { peer: LABEL.naive, ratio: round(slow['naive']!.ahead / Math.max(1, s.ahead)) }),
    })
    const id = `server.${mode}.slow-client.heap`
    row({
      id,
      description: `${LABEL[mode]}: server heap and buffers grown while that client stalled`,
      value: round(s.heapGrowthMb),
      unit: 'MB',
      runs: 1,
      ...(rivulet && { peer: LABEL.naive, ratio: round(slow['naive']!.heapGrowthMb / Math.max(0.01, s.heapGrowthMb)), ...judgeDeclared(goals, id, s.heapGrowthMb, 'MB') }),
    })
  }
  await writeFile(
    fileURLToPath(new URL('../results/server.json', import.meta.url)),
    `${JSON.stringify({ date: new Date().toISOString(), node: process.version, loadavgBefore: loadBefore, loadavgAfter: loadAfter, tokensPerStream: TOKENS, intervalMs: INTERVAL_MS, runs: RUNS, load, slow, pastLimit }, null, 2)}\n`,
  )
  ctx.log(`load average before ${loadBefore.map((l) => l.toFixed(1)).join(' ')}, after ${loadAfter.map((l) => l.toFixed(1)).join(' ')}; details in bench/results/server.json`)
  return rows
}

/** Each figure's median over the passes of one store and size. */
function summary(passes: LoadFigures[]): LoadFigures {
  const pick = (key: keyof LoadFigures) => {
    const values = passes.map((p) => p[key]).filter((v): v is number => v !== undefined)
    return values.length === 0 ? undefined : median(values)
  }
  const out = {} as Record<string, number | undefined>
  for (const key of Object.keys(passes[0]!) as Array<keyof LoadFigures>) out[key] = pick(key)
  return out as unknown as LoadFigures
}

const round = (n: number) => Math.round(n * 100) / 100
const roundSpread = (samples: number[]) => {
  const { min, median: mid, max } = spreadOf(samples)
  return { min: round(min), median: round(mid), max: round(max) }
}
