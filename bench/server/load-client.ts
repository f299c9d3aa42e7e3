/**
 * The load generator for the server bench: many concurrent SSE GETs over plain `node:http`
 * (one socket each, no pooling), recording for every token the delay from the time the server's
 * source yielded it (carried in its content) to the time its bytes arrived here.
 */
import { get, request, type ClientRequest, type IncomingMessage } from 'node:http'

const now = () => performance.timeOrigin + performance.now()

export interface LoadStream {
  opened: Promise<void>
  ended: Promise<void>
  tokens: number
  response?: IncomingMessage
  request: ClientRequest
}

export interface LoadRun {
  streams: LoadStream[]
  /** Source-yield → client-receive delays in ms, one per token. */
  latencies: number[]
  failures: number
}

/** Opens `count` streams of `path`, `batch` at a time so the listen backlog is not flooded. */
export async function openStreams(port: number, path: string, count: number, batch = 250): Promise<LoadRun> {
  const run: LoadRun = { streams: [], latencies: [], failures: 0 }
  for (let i = 0; i < count; i += batch) {
    const wave = Array.from({ length: Math.min(batch, count - i) }, () => openOne(port, path, run))
    run.streams.push(...wave)
    await Promise.all(wave.map((s) => s.opened.catch(() => {})))
  }
  return run
}

function openOne(port: number, path: string, run: LoadRun): LoadStream {
  let resolveOpened!: () => void
  let rejectOpened!: (error: Error) => void
  let resolveEnded!: () => void
  const stream = {
    opened: new Promise<void>((resolve, reject) => ((resolveOpened = resolve), (rejectOpened = reject))),
    ended: new Promise<void>((resolve) => (resolveEnded = resolve)),
    tokens: 0,
  } as LoadStream
  let buffer = ''
  const req = get({ host: '127.0.0.1', port, path, agent: false }, (res) => {
    stream.response = res
    res.setEncoding('utf8')
    resolveOpened()
    res.on('data', (chunk: string) => {
      const at = now()
      buffer += chunk
      let end: number
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, end)
        buffer = buffer.slice(end + 2)
        const mark = frame.indexOf('"content":"')
        if (mark < 0 || !frame.includes('"type":"token"')) continue
        stream.tokens++
        run.latencies.push(at - Number.parseFloat(frame.slice(mark + 11)))
      }
    })
    res.on('end', resolveEnded)
    res.on('error', resolveEnded)
    res.on('close', resolveEnded)
  })
  req.on('error', (error) => {
    run.failures++
    rejectOpened(error)
    resolveEnded()
  })
  stream.request = req
  return stream
}

/** GET or POST returning the parsed JSON (or text) body. */
export function call<T>(port: number, path: string, method = 'GET'): Promise<T> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, agent: false }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (text += chunk))
      res.on('end', () => {
        try {
          resolve(JSON.parse(text) as T)
        } catch {
          resolve(text as T)
        }
      })
    })
    req.on('error', reject)
    req.end()
  })
}

/** The p-th percentile (0–100) of a sample, nearest rank. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN
  const sorted = Float64Array.from(samples).sort()
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!
}
