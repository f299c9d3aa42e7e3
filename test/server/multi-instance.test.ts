// @vitest-environment node
/**
 * Two example-server processes sharing one real redis-server, as behind a load balancer: a
 * stream POSTed to the first, cut mid-answer, is resumed from the second; a stop sent to the
 * second ends the producer running in the first; when the first crashes, a client following
 * its stream on the second gets an error instead of waiting.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodeText } from '../../src/protocol/decoders/decode-stream.ts'
import type { ChatEvent } from '../../src/protocol/events.ts'
import { freePort, redisAvailable, startRedisServer, type RedisServer } from '../support/redis-server.ts'

const root = fileURLToPath(new URL('../..', import.meta.url))

interface Instance {
  url: string
  logs: string[]
  child: ChildProcess
  exited: Promise<number | null>
}

/** Starts `examples/server/index.ts` (what `npm run example` runs after building the page) with env. */
async function startExample(env: Record<string, string>): Promise<Instance> {
  const port = await freePort()
  const child = spawn(process.execPath, ['--import', 'tsx', 'examples/server/index.ts'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), RIVULET_FAKE_DELAY_MS: '25', RIVULET_LOG_USAGE: '1', RIVULET_LOG_REQUESTS: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const logs: string[] = []
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
  const ready = new Promise<void>((resolve, reject) => {
    const collect = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) if (line) logs.push(line)
      if (logs.some((line) => line.includes('Rivulet example server on'))) resolve()
    }
    child.stdout!.on('data', collect)
    child.stderr!.on('data', collect)
    void exited.then((code) => reject(new Error(`example server exited (${code}):\n${logs.join('\n')}`)))
  })
  await ready
  return { url: `http://127.0.0.1:${port}`, logs, child, exited }
}

const body = JSON.stringify({ messages: [{ id: 'u1', role: 'user', content: 'scaling out' }] })
const postChat = (instance: Instance, signal?: AbortSignal) =>
  fetch(`${instance.url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body, ...(signal && { signal }) })

/** Reads raw SSE text until `enough` says stop (or the body ends). */
async function readUntil(response: Response, enough: (text: string) => boolean): Promise<string> {
  const reader = response.body!.getReader()
  const decoder = new TextDecoder()
  let text = ''
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    text += decoder.decode(value, { stream: true })
    if (enough(text)) {
      await reader.cancel()
      break
    }
  }
  return text
}

/** Complete frames only (a cut can leave half a frame). */
const completeFrames = (text: string) => text.slice(0, text.lastIndexOf('\n\n') + 2)
const withoutStreamId = (events: ChatEvent[]) => events.map((e) => (e.type === 'start' ? { ...e, streamId: '-' } : e))
const textOf = (events: ChatEvent[]) => events.flatMap((e) => (e.type === 'token' ? [e.content] : [])).join('')

describe.skipIf(!redisAvailable())('two example servers sharing one Redis', () => {
  let redis: RedisServer
  let first: Instance
  let second: Instance

  beforeAll(async () => {
    redis = await startRedisServer()
    ;[first, second] = await Promise.all([startExample({ REDIS_URL: redis.url }), startExample({ REDIS_URL: redis.url })])
  }, 60_000)
  afterAll(async () => {
    for (const instance of [first, second]) {
      instance?.child.kill('SIGTERM')
      await instance?.exited
    }
    await redis?.stop()
  })

  it('resumes on the second instance a stream cut on the first: byte-identical text, no duplicate or missing event, one POST', async () => {
    const cut = new AbortController()
    const [whole, partial] = await Promise.all([
      postChat(first).then(async (r) => decodeText(await r.text(), 'rivulet')),
      postChat(first, cut.signal).then(async (r) => ({ cookie: r.headers.getSetCookie()[0]!.split(';')[0]!, text: await readUntil(r, (t) => (t.match(/"type":"token"/g) ?? []).length >= 12) })),
    ])
    const before = decodeText(completeFrames(partial.text), 'rivulet').filter((e) => !(e.type === 'error' && e.code === 'network'))
    const streamId = (before[0] as { streamId: string }).streamId
    const lastSeq = before.at(-1)!.seq
    expect(textOf(before).length).toBeGreaterThan(0)

    const resumed = await fetch(`${second.url}/api/chat/${streamId}/resume`, { headers: { 'last-event-id': String(lastSeq), cookie: partial.cookie } })
    expect(resumed.status).toBe(200)
    const after = decodeText(await resumed.text(), 'rivulet')
    const joined = [...before, ...after]

    expect(joined.map((e) => e.seq)).toEqual(joined.map((_, i) => i))
    expect(withoutStreamId(joined)).toEqual(withoutStreamId(whole))
    expect(textOf(joined)).toBe(textOf(whole))
    expect(after.at(-1)).toMatchObject({ type: 'done', finishReason: 'stop' })
    // One POST for the cut stream (plus the uninterrupted one), none from the resume.
    const posts = [...first.logs, ...second.logs].filter((line) => line.includes('POST /api/chat'))
    expect(posts).toHaveLength(2)
    expect(second.logs.some((line) => line.includes(`GET /api/chat/${streamId}/resume`))).toBe(true)
  })

  it('a stop sent to the second instance cancels the producer on the first', async () => {
    const response = await postChat(first)
    const cookie = response.headers.getSetCookie()[0]!.split(';')[0]!
    const reader = response.body!.getReader()
    const decoder = new TextDecoder()
    let text = ''
    while (!/"streamId":"([^"]+)"/.test(text)) text += decoder.decode((await reader.read()).value, { stream: true })
    const streamId = /"streamId":"([^"]+)"/.exec(text)![1]!

    expect((await fetch(`${second.url}/api/chat/${streamId}/stop`, { method: 'POST' })).status).toBe(404) // no cookie
    expect((await fetch(`${second.url}/api/chat/${streamId}/stop`, { method: 'POST', headers: { cookie } })).status).toBe(204)
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      text += decoder.decode(value, { stream: true })
    }
    const events = decodeText(text, 'rivulet')
    expect(events.at(-1)).toMatchObject({ type: 'done', finishReason: 'other' })
    expect(textOf(events)).not.toContain('Happy streaming')
    const finished = first.logs.filter((line) => line.includes('stream finished') && line.includes(streamId))
    expect(finished).toHaveLength(1)
    expect(finished[0]).toContain('"outcome":"stopped"')
  })

  it('refuses to start with a clear error when Redis is unreachable', async () => {
    const deadPort = await freePort()
    const failing = startExample({ REDIS_URL: `redis://127.0.0.1:${deadPort}` })
    await expect(failing).rejects.toThrow(/Redis is unreachable \(connect ECONNREFUSED 127\.0\.0\.1:\d+\)/)
  })

  // Last: it kills the first instance.
  it('when the producing instance crashes mid-answer, a client resuming on the second ends with a non-resumable upstream_error (the producer’s heartbeat stopped) instead of waiting', async () => {
    const response = await postChat(first)
    const cookie = response.headers.getSetCookie()[0]!.split(';')[0]!
    const reader = response.body!.getReader()
    const decoder = new TextDecoder()
    let text = ''
    while ((text.match(/"type":"token"/g) ?? []).length < 3) text += decoder.decode((await reader.read()).value, { stream: true })
    const streamId = /"streamId":"([^"]+)"/.exec(text)![1]!
    // Frozen first, so however slow this machine is the answer cannot finish before the crash.
    first.child.kill('SIGSTOP')

    const resumed = await fetch(`${second.url}/api/chat/${streamId}/resume`, { headers: { 'last-event-id': '0', cookie } })
    expect(resumed.status).toBe(200)
    first.child.kill('SIGKILL')
    await first.exited
    await reader.cancel().catch(() => {})
    // Default timing (heartbeat every 2 s, producer given up after 10 s): generous wait, no bound asserted.
    const after = decodeText(await resumed.text(), 'rivulet')
    expect(after.map((e) => e.seq)).toEqual(after.map((_, i) => i + 1))
    expect(after.at(-1)).toMatchObject({ type: 'error', code: 'upstream_error', message: 'The stream stopped: the server producing it went away.' })
    expect(after.at(-1)).not.toHaveProperty('resumable')
  }, 60_000)
})
