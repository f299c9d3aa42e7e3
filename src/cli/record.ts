#!/usr/bin/env node
/// <reference types="node" />
import { realpathSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { pathToFileURL } from 'node:url'
import { serializeRecording } from '../protocol/recording/parse-recording.ts'
import { recordResponse } from '../protocol/recording/record-response.ts'
import type { Recording } from '../protocol/recording/recording.ts'
import { parseRecordArgs, USAGE, UsageError, type RecordArgs } from './record-args.ts'

/**
 * Where the CLI talks to the world; tests pass their own.
 *
 * @example
 * await main(argv, { stdout: (line) => lines.push(line), signal: controller.signal })
 */
export interface RecordIo {
  stdout: (line: string) => void
  stderr: (line: string) => void
  fetch: typeof fetch
  /** Aborting stops the capture; what arrived is still written, marked truncated. */
  signal?: AbortSignal
}

/**
 * `rivulet-record`: fetches `url`, records the streamed response with `recordResponse`, writes
 * the recording to `-o`, and prints one line: chunks, bytes, duration, format. Resolves to the
 * exit code (0 written, 1 failed, 2 bad command line); never calls `process.exit`.
 *
 * @example
 * process.exitCode = await main(['http://localhost:3000/api/chat', '-d', '{"messages":[]}', '-o', 'turn.jsonl'])
 */
export async function main(argv: readonly string[], io: Partial<RecordIo> = {}): Promise<number> {
  const stdout = io.stdout ?? ((line: string) => void process.stdout.write(`${line}\n`))
  const stderr = io.stderr ?? ((line: string) => void process.stderr.write(`${line}\n`))
  let args: RecordArgs | 'help'
  try {
    args = parseRecordArgs(argv)
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    stderr(`rivulet-record: ${error.message}\n\n${USAGE}`)
    return 2
  }
  if (args === 'help') {
    stdout(USAGE)
    return 0
  }

  const headers = new Headers({ accept: 'text/event-stream' })
  for (const [name, value] of args.headers) headers.append(name, value)
  if (args.body !== undefined && !headers.has('content-type') && isJson(args.body)) headers.set('content-type', 'application/json')

  let recording: Recording
  try {
    const response = await (io.fetch ?? fetch)(args.url, { method: args.method, headers, body: args.body, signal: io.signal })
    const recorded = recordResponse(response, { format: args.format, url: args.url, method: args.method })
    // Read as an app would; a break or Ctrl-C still leaves a (truncated) recording to write.
    await recorded.response.arrayBuffer().catch(() => {})
    recording = await recorded.recording
  } catch (error) {
    stderr(`rivulet-record: could not fetch ${args.url}: ${error instanceof Error ? error.message : String(error)}`)
    return 1
  }
  try {
    await writeFile(args.output, serializeRecording(recording))
  } catch (error) {
    stderr(`rivulet-record: could not write ${args.output}: ${error instanceof Error ? error.message : String(error)}`)
    return 1
  }
  stdout(summary(recording, args.output))
  return 0
}

/**
 * The one line printed after a capture.
 *
 * @example
 * summary(recording, 'turn.jsonl') // 'Recorded 42 chunks, 12.3 kB in 1.52 s (openai-chat, HTTP 200) → turn.jsonl'
 */
export function summary(recording: Recording, output: string): string {
  const bytes = recording.chunks.reduce((sum, { chunk }) => sum + new TextEncoder().encode(chunk).length, 0)
  const size = bytes < 1000 ? `${bytes} B` : `${(bytes / 1000).toFixed(1)} kB`
  const seconds = ((recording.chunks.at(-1)?.t ?? 0) / 1000).toFixed(2)
  const count = recording.chunks.length
  const flags = [recording.header.format, `HTTP ${recording.header.status}`]
  if (recording.header.truncated) flags.push('truncated')
  return `Recorded ${count} chunk${count === 1 ? '' : 's'}, ${size} in ${seconds} s (${flags.join(', ')}) → ${output}`
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}

function isEntryPoint(): boolean {
  const entry = process.argv[1]
  if (!entry) return false
  try {
    // Through an npm bin link, argv[1] is the link; the module is the file it points to.
    return import.meta.url === pathToFileURL(realpathSync(entry)).href
  } catch {
    return false
  }
}

if (isEntryPoint()) {
  const controller = new AbortController()
  process.once('SIGINT', () => controller.abort())
  process.exitCode = await main(process.argv.slice(2), { signal: controller.signal })
}
