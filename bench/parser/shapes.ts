/**
 * Real frame shapes, so the parser is not judged only on the frames its fast path was built for:
 * OpenAI Chat Completions (`data:` only, no `id:`), Anthropic Messages (an `event:` line before
 * every `data:`), CRLF line ends, and events whose data spans several `data:` lines; plus the
 * recorded provider streams in `fixtures/`.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createRandom, type Random } from '../lib/prng.ts'
import { token, type TokenStream } from './token-stream.ts'

/** How one event is written. `data` is what a parser must hand over for it. */
export interface FrameShape {
  id: string
  label: string
  frame: (seq: number, random: Random) => { frame: string; data: string }
}

const openAiChunk = (text: string) =>
  JSON.stringify({
    id: 'chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT',
    object: 'chat.completion.chunk',
    created: 1741569952,
    model: 'gpt-4o-2024-08-06',
    system_fingerprint: 'fp_f9f4fb6dbf',
    choices: [{ index: 0, delta: { content: text }, logprobs: null, finish_reason: null }],
  })

/** Text for a `data:` line written raw: a line end inside it would end the line. */
const rawText = (random: Random) => token(random).replace(/\n/g, ' ')

export const shapes: readonly FrameShape[] = [
  {
    id: 'openai',
    label: 'OpenAI Chat Completions chunks: data: only, no id:',
    frame: (_seq, random) => {
      const data = openAiChunk(token(random))
      return { frame: `data: ${data}\n\n`, data }
    },
  },
  {
    id: 'anthropic',
    label: 'Anthropic Messages: event: content_block_delta + data:',
    frame: (_seq, random) => {
      const data = JSON.stringify({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: token(random) } })
      return { frame: `event: content_block_delta\ndata: ${data}\n\n`, data }
    },
  },
  {
    id: 'crlf',
    label: 'the best-case frames with CRLF line ends',
    frame: (seq, random) => {
      const data = JSON.stringify({ type: 'token', seq, content: token(random) })
      return { frame: `id: ${seq}\r\ndata: ${data}\r\n\r\n`, data }
    },
  },
  {
    id: 'multiline',
    label: 'text events of 2–4 data: lines each',
    frame: (_seq, random) => {
      const lines = Array.from({ length: 2 + Math.floor(random() * 3) }, () => rawText(random))
      return { frame: `${lines.map((line) => `data: ${line}\n`).join('')}\n`, data: lines.join('\n') }
    },
  },
]

function collect(targetBytes: number, next: () => { frame: string; data: string }): TokenStream {
  const encoder = new TextEncoder()
  const frames: string[] = []
  const data: string[] = []
  let size = 0
  let dataChars = 0
  while (size < targetBytes) {
    const event = next()
    frames.push(event.frame)
    data.push(event.data)
    size += encoder.encode(event.frame).length
    dataChars += event.data.length
  }
  return { bytes: encoder.encode(frames.join('')), data, dataChars, seqSum: 0 }
}

/**
 * A stream of about `targetBytes` in one shape, deterministic for a seed.
 *
 * @example
 * const stream = generateShapedStream(10 * 1024 * 1024, shapes[0], 1)
 */
export function generateShapedStream(targetBytes: number, shape: FrameShape, seed: number): TokenStream {
  const random = createRandom(seed)
  let seq = 0
  return collect(targetBytes, () => shape.frame(seq++, random))
}

const fixturesDir = fileURLToPath(new URL('../../fixtures/', import.meta.url))

/**
 * The recorded provider streams in `fixtures/*.sse` (OpenAI Chat and Responses, Anthropic,
 * Groq, OpenRouter, Hugging Face, the AI SDK UI stream…), one after the other, repeated until
 * the stream reaches `targetBytes`. Only the event count and data length are known in advance
 * here, so they come from eventsource-parser's reading and ours must agree with it.
 *
 * @example
 * const { text, files } = recordedFixtures(10 * 1024 * 1024)
 */
export function recordedFixtures(targetBytes: number): { text: string; files: number; bytes: Uint8Array } {
  const files = readdirSync(fixturesDir)
    .filter((file) => file.endsWith('.sse'))
    .sort()
  // Each file is a whole response; a blank line between them closes any event left open.
  const once = files.map((file) => readFileSync(join(fixturesDir, file), 'utf8')).join('\n\n') + '\n\n'
  const bytesOnce = new TextEncoder().encode(once).length
  const text = once.repeat(Math.max(1, Math.round(targetBytes / bytesOnce)))
  return { text, files: files.length, bytes: new TextEncoder().encode(text) }
}
