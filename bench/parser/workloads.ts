import type { Contender, TextFeeder } from './contenders.ts'

/** What a pass computed; checked against the generator's figures so a wrong parser cannot win. */
export interface Tally {
  events: number
  chars: number
  seqSum: number
}

/** How the stream reaches the parser. */
export type Mode = 'strings' | 'bytes' | 'bytes-json'

/** The same input in both shapes, cut at the same places. */
export interface ChunkedInput {
  strings: readonly string[]
  bytes: readonly Uint8Array[]
}

const emptyTally = (): Tally => ({ events: 0, chars: 0, seqSum: 0 })

/**
 * One full pass of a contender over the input:
 * - `strings`: pre-decoded string pieces go straight to `feed`;
 * - `bytes`: each byte chunk is decoded by a streaming `TextDecoder` (BOM kept, as
 *   `SseParserStream` does) and fed;
 * - `bytes-json`: the same, and every event's data is `JSON.parse`d, as a chat client must.
 * Every contender's callback does identical work, so only parsing differs.
 *
 * @example
 * const tally = runPass(rivulet, 'bytes', input) // { events, chars, seqSum: 0 }
 */
export function runPass(contender: Contender, mode: Mode, input: ChunkedInput): Tally {
  const tally = emptyTally()
  const onData =
    mode === 'bytes-json'
      ? (data: string) => {
          tally.events++
          tally.chars += data.length
          tally.seqSum += (JSON.parse(data) as { seq: number }).seq
        }
      : (data: string) => {
          tally.events++
          tally.chars += data.length
        }
  const parser = contender.create(onData)
  if (mode === 'strings') feedEach(parser, input.strings)
  else {
    const decoder = new TextDecoder('utf-8', { ignoreBOM: true })
    for (const chunk of input.bytes) parser.feed(decoder.decode(chunk, { stream: true }))
    parser.feed(decoder.decode())
  }
  return tally
}

/**
 * Hands each piece to `feeder.feed`, one call per piece: the one loop that feeds pre-split
 * strings to every contender, floors included, so each pays the same call per piece.
 *
 * @example
 * feedEach(parser, ['data: a', '\n\n'])
 */
export function feedEach(feeder: TextFeeder, chunks: readonly string[]): void {
  for (const chunk of chunks) feeder.feed(chunk)
}

/**
 * Every event's data as a consumer receives it from `contender` reading the byte chunks, grouped
 * by the chunk that completed the event: the floors' input, so that their `JSON.parse` sees
 * strings of the same make-up (slices of decoded chunks, often two-byte) as a real consumer's,
 * not the generator's flat ones.
 *
 * @example
 * const perChunk = collectPayloads(rivulet, input) // perChunk[i]: events chunk i completed
 */
export function collectPayloads(contender: Contender, input: ChunkedInput): string[][] {
  const perChunk: string[][] = []
  let current: string[] = []
  const parser = contender.create((data) => current.push(data))
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true })
  for (const chunk of input.bytes) {
    parser.feed(decoder.decode(chunk, { stream: true }))
    perChunk.push(current)
    current = []
  }
  parser.feed(decoder.decode())
  perChunk.push(current)
  return perChunk
}

function parsePayload(tally: Tally, data: string) {
  tally.events++
  tally.chars += data.length
  tally.seqSum += (JSON.parse(data) as { seq: number }).seq
}

/**
 * The streaming floor no SSE consumer can beat: as each byte chunk arrives, decode it and
 * `JSON.parse` the events it completed, with the payloads already cut out (see
 * {@link collectPayloads}). What a parser adds on top of this is the price of finding the events.
 *
 * @example
 * const tally = runFloor(input.bytes, collectPayloads(rivulet, input))
 */
export function runFloor(bytes: readonly Uint8Array[], perChunk: readonly (readonly string[])[]): Tally {
  const tally = emptyTally()
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true })
  let decoded = 0
  for (let i = 0; i < bytes.length; i++) {
    decoded += decoder.decode(bytes[i], { stream: true }).length
    for (const data of perChunk[i]!) parsePayload(tally, data)
  }
  decoded += decoder.decode().length
  for (const data of perChunk[bytes.length]!) parsePayload(tally, data)
  // Keeps the decoding observable so nothing can treat it as dead work.
  if (decoded === 0) tally.events = -1
  return tally
}

/**
 * The same work batched: every chunk decoded first, then every payload parsed in one loop. No
 * streaming consumer can do this (it must parse an event before the next chunk arrives), and
 * the two tight loops run measurably faster than the interleaved ones; reported for reference.
 *
 * @example
 * const tally = runBatchFloor(input.bytes, collectPayloads(rivulet, input))
 */
export function runBatchFloor(bytes: readonly Uint8Array[], perChunk: readonly (readonly string[])[]): Tally {
  const tally = emptyTally()
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true })
  let decoded = 0
  for (const chunk of bytes) decoded += decoder.decode(chunk, { stream: true }).length
  decoded += decoder.decode().length
  for (const payloads of perChunk) for (const data of payloads) parsePayload(tally, data)
  if (decoded === 0) tally.events = -1
  return tally
}

/**
 * Throws unless a pass found exactly the expected events: a benchmark of a parser that drops
 * or merges events would be measuring something else.
 *
 * @example
 * assertTally('createSseParser strings', runPass(rivulet, 'strings', input), expected)
 */
export function assertTally(label: string, actual: Tally, expected: Tally): void {
  if (actual.events !== expected.events || actual.chars !== expected.chars || actual.seqSum !== expected.seqSum) {
    throw new Error(`${label} produced ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`)
  }
}
