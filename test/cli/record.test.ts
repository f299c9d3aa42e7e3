// @vitest-environment node
/**
 * `rivulet-record` against a real SSE server on 127.0.0.1: in-process through `main(argv)` and
 * as a child process through tsx, then the recording replayed through the chat client must end
 * in the same state as the live run.
 */
import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { main } from '../../src/cli/record.ts'
import { createChatClient, type ChatClientOptions } from '../../src/core/chat-client.ts'
import { syncScheduler } from '../../src/core/frame-scheduler.ts'
import type { ChatState } from '../../src/core/state.ts'
import { createReplayTransport } from '../../src/mocks/replay.ts'
import { scenarios } from '../../src/mocks/scenarios.ts'
import { encodeEvents } from '../../src/protocol/encoders/create-encoder.ts'
import { createEncoder } from '../../src/protocol/encoders/create-encoder.ts'
import { formatHeaders } from '../../src/protocol/encoders/format-headers.ts'
import { parseRecording } from '../../src/protocol/recording/parse-recording.ts'
import { recordingBody } from '../../src/protocol/recording/recording.ts'

const root = join(import.meta.dirname, '../..')
const format = 'anthropic'
const frames = (() => {
  const encoder = createEncoder(format)
  return scenarios.toolCall.map((event) => encoder.encode(event)).filter((frame) => frame !== '')
})()

let server: Server
let base: string
let dir: string
const requests: Array<{ method: string; url: string; headers: IncomingMessage['headers']; body: string }> = []

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rivulet-record-'))
  server = createServer((request, response) => {
    let body = ''
    request.on('data', (piece: Buffer) => (body += piece.toString()))
    request.on('end', () => {
      requests.push({ method: request.method!, url: request.url!, headers: request.headers, body })
      response.writeHead(200, formatHeaders(format))
      const drop = request.url === '/drop'
      let i = 0
      const next = () => {
        if (drop && i === 3) return void response.destroy()
        if (i === frames.length) return void response.end()
        response.write(frames[i++])
        setTimeout(next, 5)
      }
      next()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
  await rm(dir, { recursive: true, force: true })
})

function counter() {
  let n = 0
  return () => `id-${++n}`
}

async function finalState(options: ChatClientOptions): Promise<ChatState> {
  const chat = createChatClient({ scheduler: syncScheduler, generateId: counter(), maxRetries: 0, autoResume: false, ...options })
  await chat.send('Weather in Zürich?')
  const state = chat.getSnapshot()
  chat.destroy()
  return state
}

describe('rivulet-record', () => {
  it('records a live stream to a file, prints a summary, and replays to the live run’s final state', async () => {
    const output = join(dir, 'in-process.jsonl')
    const lines: string[] = []
    const code = await main([`${base}/api/chat`, '-d', '{"messages":[{"role":"user","content":"hi"}]}', '-H', 'x-test: yes', '-o', output], { stdout: (l) => lines.push(l) })
    expect(code).toBe(0)

    const sent = requests.at(-1)!
    expect(sent).toMatchObject({ method: 'POST', url: '/api/chat', body: '{"messages":[{"role":"user","content":"hi"}]}' })
    expect(sent.headers).toMatchObject({ 'x-test': 'yes', 'content-type': 'application/json', accept: 'text/event-stream' })

    const recording = parseRecording(await readFile(output, 'utf8'))
    expect(recording.header).toMatchObject({ format, status: 200, url: `${base}/api/chat`, method: 'POST' })
    expect(recording.header.truncated).toBeUndefined()
    expect(recordingBody(recording)).toBe(encodeEvents(format, scenarios.toolCall))
    expect(recording.chunks.at(-1)!.t).toBeGreaterThan(0)
    const bytes = new TextEncoder().encode(recordingBody(recording)).length
    expect(lines).toEqual([`Recorded ${recording.chunks.length} chunks, ${(bytes / 1000).toFixed(1)} kB in ${(recording.chunks.at(-1)!.t / 1000).toFixed(2)} s (anthropic, HTTP 200) → ${output}`])

    const live = await finalState({ api: `${base}/api/chat` })
    const replayed = await finalState({ transport: createReplayTransport(recording, { speed: 'instant' }) })
    expect(live.status).toBe('ready')
    expect(live.messages.at(-1)!.parts.some((p) => p.type === 'tool-call')).toBe(true)
    expect(replayed).toEqual(live)
  })

  it('runs as a command through tsx and writes the same recording', async () => {
    const output = join(dir, 'child.jsonl')
    const { stdout } = await promisify(execFile)('npx', ['tsx', 'src/cli/record.ts', `${base}/api/chat`, '-X', 'POST', '-d', '{}', '-o', output], { cwd: root, timeout: 60_000 })
    expect(stdout).toMatch(/^Recorded \d+ chunks, [\d.]+ kB in [\d.]+ s \(anthropic, HTTP 200\) → .*child\.jsonl\n$/)
    const recording = parseRecording(await readFile(output, 'utf8'))
    expect(recordingBody(recording)).toBe(encodeEvents(format, scenarios.toolCall))
  }, 60_000)

  it('keeps what arrived from a connection that broke, marked to replay the break', async () => {
    const output = join(dir, 'drop.jsonl')
    const lines: string[] = []
    expect(await main([`${base}/drop`, '-o', output], { stdout: (l) => lines.push(l) })).toBe(0)
    const recording = parseRecording(await readFile(output, 'utf8'))
    expect(recording.header).toMatchObject({ method: 'GET', truncated: true, ending: 'network-error' })
    expect(recordingBody(recording)).toBe(frames.slice(0, 3).join(''))
    expect(lines[0]).toContain('truncated')
    const live = await finalState({ api: `${base}/drop` })
    const replayed = await finalState({ transport: createReplayTransport(recording, { speed: 'instant' }) })
    expect(live.error?.code).toBe('network')
    // Same partial answer and error part; only the runtime's wording of the break differs.
    const wording = (state: ChatState) => JSON.parse(JSON.stringify(state).replace(/The connection dropped \([^)]*\)/g, 'The connection dropped')) as ChatState
    expect(wording(replayed)).toEqual(wording(live))
  })

  it('prints usage for --help and for a command line it cannot run', async () => {
    const out: string[] = []
    const err: string[] = []
    expect(await main(['--help'], { stdout: (l) => out.push(l) })).toBe(0)
    expect(out[0]).toMatch(/^Usage: rivulet-record <url>/)
    expect(await main([`${base}/api/chat`], { stderr: (l) => err.push(l) })).toBe(2)
    expect(err[0]).toMatch(/^rivulet-record: missing -o FILE.jsonl[\s\S]*Usage:/)
  })

  it('fails with exit code 1 when nothing answers', async () => {
    const err: string[] = []
    const code = await main(['http://127.0.0.1:1/api/chat', '-o', join(dir, 'never.jsonl')], { stderr: (l) => err.push(l) })
    expect(code).toBe(1)
    expect(err[0]).toContain('could not fetch http://127.0.0.1:1/api/chat')
  })
})
