import { createRandom, randomInt, type Random } from '../lib/prng.ts'

/** A generated Rivulet token stream and what a correct parser must find in it. */
export interface TokenStream {
  bytes: Uint8Array
  /** Every event's `data:` payload, in order: the reference output and the JSON floor's input. */
  data: string[]
  /** Sum of the payload lengths (UTF-16 code units). */
  dataChars: number
  /** Sum of every payload's `seq`, which a JSON consumer must reproduce. */
  seqSum: number
}

// Mostly ASCII like real model output, with the multi-byte characters (2, 3 and 4 bytes in
// UTF-8, and JSON-escaped ones) that make chunk boundaries land inside characters.
const ascii = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789     .,;:!?-()'
const special = ['é', 'ü', 'ß', 'ñ', '€', '…', '中', '文', '字', '😀', '🚀', '"', '\\', '\n']

/**
 * One model token of 1–12 characters: mostly ASCII, sometimes a multi-byte character, a quote,
 * a backslash or a line end (which JSON escapes).
 *
 * @example
 * const text = token(createRandom(1))
 */
export function token(random: Random): string {
  const length = randomInt(random, 1, 12)
  let text = ''
  for (let i = 0; i < length; i++) {
    text += random() < 0.9 ? ascii[randomInt(random, 0, ascii.length - 1)] : special[randomInt(random, 0, special.length - 1)]
  }
  return text
}

/**
 * Builds `id: N\ndata: {"type":"token","seq":N,"content":"…"}\n\n` frames until the UTF-8 size
 * reaches `targetBytes`. Deterministic for a seed, and a longer target extends the same
 * stream, so a 20 MB run repeats the 10 MB one and continues it.
 *
 * @example
 * const stream = generateTokenStream(10 * 1024 * 1024, 1)
 * stream.data.length // number of events in it
 */
export function generateTokenStream(targetBytes: number, seed: number): TokenStream {
  const random = createRandom(seed)
  const encoder = new TextEncoder()
  const frames: string[] = []
  const data: string[] = []
  let size = 0
  let dataChars = 0
  let seqSum = 0
  for (let seq = 0; size < targetBytes; seq++) {
    const payload = JSON.stringify({ type: 'token', seq, content: token(random) })
    const frame = `id: ${seq}\ndata: ${payload}\n\n`
    frames.push(frame)
    data.push(payload)
    size += encoder.encode(frame).length
    dataChars += payload.length
    seqSum += seq
  }
  return { bytes: encoder.encode(frames.join('')), data, dataChars, seqSum }
}

/**
 * Cuts bytes into pieces of random size in `[min, max]`, as a network would, ignoring
 * character boundaries. Each piece is its own copy, like a chunk read from a socket.
 *
 * @example
 * const chunks = splitBytes(stream.bytes, 1, 4096, 7)
 */
export function splitBytes(bytes: Uint8Array, min: number, max: number, seed: number): Uint8Array[] {
  const random = createRandom(seed)
  const chunks: Uint8Array[] = []
  for (let pos = 0; pos < bytes.length; ) {
    const end = Math.min(bytes.length, pos + randomInt(random, min, max))
    chunks.push(bytes.slice(pos, end))
    pos = end
  }
  return chunks
}

/**
 * What a text consumer receives for those byte chunks: each decoded in streaming mode, so the
 * string pieces split where the bytes did, never inside a character. Empty pieces (a chunk
 * holding only the start of a character) are dropped, as `TextDecoderStream` drops them.
 *
 * @example
 * const strings = decodeChunks(splitBytes(stream.bytes, 1, 64, 7))
 */
export function decodeChunks(chunks: readonly Uint8Array[]): string[] {
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true })
  const strings = chunks.map((chunk) => decoder.decode(chunk, { stream: true }))
  strings.push(decoder.decode())
  return strings.filter((s) => s !== '')
}
