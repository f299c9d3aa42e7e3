/**
 * The bench server as a child process (`bench/server/serve.ts`), one per contender and pass,
 * so its memory and CPU figures are its own; and the CPU time of any process from /proc.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'

export type Mode = 'naive' | 'memory' | 'redis'

/** What `GET /stats` answers (memory after a full GC). */
export interface Stats {
  open: number
  fastYielded: number
  heapUsed: number
  rss: number
  external: number
  /** CPU time the server process has used (user + system). */
  cpuMs: number
}

export interface Server {
  port: number
  child: ChildProcess
  stop(): Promise<void>
}

const root = fileURLToPath(new URL('../..', import.meta.url))

/** CPU time (user + system) a process has used, from /proc (Linux); undefined elsewhere. */
export async function processCpuMs(pid: number | undefined): Promise<number | undefined> {
  if (pid === undefined) return undefined
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100 // utime + stime, in 100 Hz ticks
  } catch {
    return undefined
  }
}

/** Starts `serve.ts` in `mode` (and `ulimit -n fdLimit` when given); resolves once it listens. */
export async function startServer(mode: Mode, redisUrl: string | undefined, fdLimit?: number): Promise<Server> {
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

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** `promise`, or `undefined` once `ms` have passed: every wait of the bench has a deadline. */
export const within = <T>(promise: Promise<T>, ms: number) => Promise.race([promise, sleep(ms).then(() => undefined)])
