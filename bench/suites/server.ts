/**
 * `npm run bench -- server`: one Node server process on loopback holding 100, 1,000 and 5,000
 * concurrent streams of a paced fake model (10 tokens/s each, gated so every stream is open
 * before tokens flow), with the memory store, with the Redis store (a private redis-server),
 * and with a naive hand-written `ReadableStream` SSE handler, interleaved in one run. Each
 * contender runs in a fresh server process (`bench/server/serve.ts`) so memory figures are its
 * own; the load comes from this process (`bench/server/load-client.ts`). Also: a slow client
 * (never reads after the first chunk) against a 100,000-event unpaced source, and what happens
 * past the file-descriptor limit. Bounded: every wait has a deadline.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { readFile, writeFile } from 'node:fs/promises'
import { loadavg } from 'node:os'
import { fileURLToPath } from 'node:url'
import { atMost } from '../lib/goals.ts'
import type { BenchContext, BenchResult } from '../lib/types.ts'
import { call, openStreams, percentile } from '../server/load-client.ts'
import { hasRedisServer, startRedisServer, type RedisServer } from '../../test/support/redis-server.ts'

export const name = 'server'

type Mode = 'naive' | 'memory' | 'redis'
const root = fileURLToPath(new URL('../..', import.meta.url))
// BENCH_SERVER_SIZES=100 for a quick look; the results in README come from the default.
const SIZES = (process.env['BENCH_SERVER_SIZES'] ?? '100,1000,5000').split(',').map(Number)
const TOKENS = 30
const INTERVAL_MS = 100
const FAST_EVENTS = 100_000
const LABEL: Record<Mode, string> = { naive: 'naive ReadableStream handler', memory: 'Rivulet, memory store', redis: 'Rivulet, Redis store' }

interface Stats {
  open: number
  fastYielded: number
  heapUsed: number
  rss: number
  external: number
  /** CPU time the server process has used (user + system). */
  cpuMs: number
}

/** CPU time (user + system) a process has used, from /proc (Linux); undefined elsewhere. */
async function processCpuMs(pid: number | undefined): Promise<number | undefined> {
  if (pid === undefined) return undefined
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100 // utime + stime, in 100 Hz ticks
  } catch {
    return undefined
  }
}

interface Server {
  port: number
  child: ChildProcess
  stop(): Promise<void>
}

async function startServer(mode: Mode, redisUrl: string | undefined, fdLimit?: number): Promise<Server> {
  const args = ['--expose-gc', '--import', 'tsx', 'bench/server/serve.ts', mode, ...(redisUrl ? [redisUrl] : [])]
  const child =
    fdLimit === undefined
      ? spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] })
      : spawn('sh', ['-c', `ulimit -n ${fdLimit} && exec "$0" "$@"`, process.execPath, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] })
  const port = await new Promise<number>((resolve, reject) => {
    let out = ''
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const match = /\{"port":(\d+)\}/.exec(out)
      if (match) resolve(Number(match[1]))
    })
    child.once('exit', (code) => reject(new Error(`bench server (${mode}) exited with ${code}`)))
  })
  return {
    port,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGKILL')
      }),
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const within = <T>(promise: Promise<T>, ms: number) => Promise.race([promise, sleep(ms).then(() => undefined)])

interface LoadFigures {
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
}

async function measureLoad(mode: Mode, count: number, redis: RedisServer | undefined, log: (m: string) => void): Promise<LoadFigures> {
  const redisUrl = redis?.url
  const server = await startServer(mode, redisUrl)
  try {
    const before = await call<Stats>(server.port, '/stats')
    const run = await openStreams(server.port, `/stream?n=${TOKENS}&interval=${INTERVAL_MS}&gate=1`, count)
    const open = await call<Stats>(server.port, '/stats')
    const redisPid = mode === 'redis' ? redis?.pid() : undefined
    const redisCpuBefore = await processCpuMs(redisPid)
    const started = performance.now()
    await call(server.port, '/go', 'POST')
    await within(Promise.all(run.streams.map((s) => s.ended)), 60_000)
    const end = await call<Stats>(server.port, '/stats')
    const redisCpuAfter = await processCpuMs(redisPid)
    // Throughput over the flow: the last token can only come TOKENS × INTERVAL after /go.
    const seconds = (performance.now() - started) / 1000
    const delivered = run.streams.reduce((sum, s) => sum + s.tokens, 0)
    for (const s of run.streams) s.request.destroy()
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
    }
    log(
      `${mode} ×${count}: ${open.open} open, rss ${figures.rssAtOpenMb.toFixed(0)} MB (${figures.rssPerStreamKb.toFixed(1)} KB/stream, heap+buffers ${figures.heapPerStreamKb.toFixed(1)} KB), ` +
        `${delivered}/${figures.expected} tokens, ${figures.eventsPerSecond.toFixed(0)} ev/s, p50 ${figures.p50.toFixed(2)} ms, p99 ${figures.p99.toFixed(2)} ms, ${run.failures} failures, server CPU ${figures.cpuUsPerEvent.toFixed(1)} µs/token` +
        (figures.redisCpuUsPerEvent === undefined ? '' : `, redis-server CPU ${figures.redisCpuUsPerEvent.toFixed(1)} µs/token`),
    )
    return figures
  } finally {
    await server.stop()
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
  let redis: RedisServer | undefined
  const modes: Mode[] = ['naive', 'memory']
  if (hasRedisServer()) {
    redis = await startRedisServer()
    modes.push('redis')
  } else ctx.log('redis-server not found (apt-get install -y redis-server): Redis rows skipped')
  const loadBefore = loadavg()
  const load: Record<string, LoadFigures> = {}
  const slow: Record<string, { ahead: number; heapGrowthMb: number }> = {}
  let pastLimit
  try {
    for (const [i, count] of SIZES.entries()) {
      // Rotate who goes first so machine load drifts land on everyone.
      const order = modes.map((_, j) => modes[(i + j) % modes.length]!)
      for (const mode of order) load[`${mode}.${count}`] = await measureLoad(mode, count, redis, ctx.log)
    }
    for (const mode of modes) slow[mode] = await measureSlowClient(mode, redis?.url, ctx.log)
    pastLimit = await measurePastLimit(ctx.log)
  } finally {
    await redis?.stop()
  }
  const loadAfter = loadavg()

  const rows: BenchResult[] = []
  // One server process per contender and size (a run takes minutes): README shows runs = 1.
  const row = (r: Omit<BenchResult, 'peer' | 'ratio' | 'goal' | 'pass'> & Partial<BenchResult>) =>
    rows.push({ peer: null, ratio: null, goal: null, pass: null, runs: 1, ...r })
  for (const count of SIZES) {
    const naive = load[`naive.${count}`]!
    for (const mode of modes) {
      const f = load[`${mode}.${count}`]!
      const vsNaive = mode === 'naive' ? {} : { peer: LABEL.naive }
      row({ id: `server.${mode}.${count}.memory`, description: `${LABEL[mode]}, ${count} open streams: RSS per stream`, value: round(f.rssPerStreamKb), unit: 'KB', ...vsNaive, ...(mode !== 'naive' && { ratio: round(naive.rssPerStreamKb / f.rssPerStreamKb) }) })
      if (count === 5000) {
        const goal = atMost(1024, ' MB')
        row({ id: `server.${mode}.5000.rss`, description: `${LABEL[mode]}: process RSS with 5,000 open streams`, value: round(f.rssAtOpenMb), unit: 'MB', goal: goal.label, pass: goal.met(f.rssAtOpenMb) })
      }
      row({ id: `server.${mode}.${count}.events`, description: `${LABEL[mode]}, ${count} streams: tokens delivered per second (offered ${f.offeredPerSecond}/s; ${f.delivered}/${f.expected} delivered)`, value: round(f.eventsPerSecond), unit: 'ev/s', ...vsNaive, ...(mode !== 'naive' && { ratio: round(f.eventsPerSecond / naive.eventsPerSecond) }) })
      row({ id: `server.${mode}.${count}.p50`, description: `${LABEL[mode]}, ${count} streams: source yield → client receive, p50`, value: round(f.p50), unit: 'ms', ...vsNaive, ...(mode !== 'naive' && { ratio: round(naive.p50 / f.p50) }) })
      row({ id: `server.${mode}.${count}.cpu`, description: `${LABEL[mode]}, ${count} streams: server CPU per token delivered${f.redisCpuUsPerEvent === undefined ? '' : ` (redis-server adds ${round(f.redisCpuUsPerEvent)} µs)`}`, value: round(f.cpuUsPerEvent), unit: 'µs', ...vsNaive, ...(mode !== 'naive' && { ratio: round(naive.cpuUsPerEvent / f.cpuUsPerEvent) }) })
      row({ id: `server.${mode}.${count}.p99`, description: `${LABEL[mode]}, ${count} streams: source yield → client receive, p99`, value: round(f.p99), unit: 'ms', ...vsNaive, ...(mode !== 'naive' && { ratio: round(naive.p99 / f.p99) }) })
    }
    if (modes.includes('redis')) {
      const added = load[`redis.${count}`]!.p99 - load[`memory.${count}`]!.p99
      const goal = atMost(2, ' ms')
      row({ id: `server.redis.${count}.p99-added`, description: `Redis store vs memory store, ${count} streams: added p99 latency per event`, value: round(added), unit: 'ms', goal: goal.label, pass: goal.met(added) })
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
      ...(rivulet && { peer: LABEL.naive, ratio: round(slow['naive']!.ahead / Math.max(1, s.ahead)) }),
    })
    const goal = atMost(8, ' MB')
    row({
      id: `server.${mode}.slow-client.heap`,
      description: `${LABEL[mode]}: server heap and buffers grown while that client stalled`,
      value: round(s.heapGrowthMb),
      unit: 'MB',
      ...(rivulet && { peer: LABEL.naive, ratio: round(slow['naive']!.heapGrowthMb / Math.max(0.01, s.heapGrowthMb)), goal: goal.label, pass: goal.met(s.heapGrowthMb) }),
    })
  }
  await writeFile(
    fileURLToPath(new URL('../results/server.json', import.meta.url)),
    `${JSON.stringify({ date: new Date().toISOString(), node: process.version, loadavgBefore: loadBefore, loadavgAfter: loadAfter, tokensPerStream: TOKENS, intervalMs: INTERVAL_MS, load, slow, pastLimit }, null, 2)}\n`,
  )
  ctx.log(`load average before ${loadBefore.map((l) => l.toFixed(1)).join(' ')}, after ${loadAfter.map((l) => l.toFixed(1)).join(' ')}; details in bench/results/server.json`)
  return rows
}

const round = (n: number) => Math.round(n * 100) / 100
