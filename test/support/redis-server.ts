/**
 * A real `redis-server` for tests: each call starts its own on a free loopback port with no
 * persistence (`--save '' --appendonly no`) and stops it afterwards. Locally, without the
 * binary, Redis tests are skipped with a message naming the install command; under `CI=true` a
 * missing binary fails the run, so CI can never pass by skipping them.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'

export const REDIS_INSTALL_HINT = 'apt-get install -y redis-server'

export interface RedisServer {
  url: string
  port: number
  /** Kills the server (SIGKILL: like a crash, nothing is flushed) and waits for it to exit. */
  stop(): Promise<void>
  /** Starts a fresh server on the same port (after `stop`), e.g. to test a reconnect. */
  restart(): Promise<void>
  /** Freezes the server (SIGSTOP): connections stay open and nothing answers, like a hung host. */
  pause(): void
  /** Lets a paused server run again (SIGCONT). */
  resume(): void
  /** The server's process id while it runs (benchmarks read its CPU time). */
  pid(): number | undefined
}

const binary = process.env['REDIS_SERVER'] ?? 'redis-server'

/** True when `redis-server` can be run here. */
export function hasRedisServer(): boolean {
  const probe = spawnSync(binary, ['--version'], { stdio: 'ignore' })
  return probe.error === undefined && probe.status === 0
}

/**
 * Whether this file's Redis tests run. Logs why when they are skipped; throws under CI.
 *
 * @example
 * describe.skipIf(!redisAvailable())('redis store', () => { … })
 */
export function redisAvailable(): boolean {
  if (hasRedisServer()) return true
  const message = `redis-server not found: the Redis tests need it (${REDIS_INSTALL_HINT})`
  if (process.env['CI'] === 'true') throw new Error(`${message}. CI must run them, so this fails instead of skipping.`)
  console.warn(`[skipped] ${message}`)
  return false
}

/** A free TCP port on 127.0.0.1 (the OS picks it; there is a small window before Redis binds it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

function launch(port: number): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'yes'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      if (output.includes('Ready to accept connections')) {
        child.stdout!.off('data', onData)
        child.stdout!.resume() // keep draining so the pipe never fills
        resolve(child)
      }
    }
    child.stdout!.on('data', onData)
    child.stderr!.resume()
    child.once('error', reject)
    child.once('exit', (code) => reject(new Error(`redis-server exited (${code}) before it was ready:\n${output}`)))
  })
}

/**
 * Starts a private `redis-server`. Call `stop()` in `afterAll`.
 *
 * @example
 * const redis = await startRedisServer()
 * const client = createClient({ url: redis.url })
 */
export async function startRedisServer(): Promise<RedisServer> {
  const port = await freePort()
  let child: ChildProcess | undefined = await launch(port)
  const stop = async () => {
    const running = child
    child = undefined
    if (!running || running.exitCode !== null) return
    const exited = new Promise((resolve) => running.once('exit', resolve))
    running.kill('SIGKILL')
    await exited
  }
  process.once('exit', () => child?.kill('SIGKILL'))
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop,
    async restart() {
      await stop()
      child = await launch(port)
    },
    pause() {
      child?.kill('SIGSTOP')
    },
    resume() {
      child?.kill('SIGCONT')
    },
    pid: () => child?.pid,
  }
}
