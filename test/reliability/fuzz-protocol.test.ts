import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { createEncoder } from '../../src/protocol/encoders/create-encoder.ts'
import { STREAM_FORMATS } from '../../src/protocol/decoders/stream-format.ts'
import { createDecoder } from '../../src/protocol/decoders/create-decoder.ts'
import type { ChatEvent } from '../../src/protocol/events.ts'
import { createSseParser, type SseEvent } from '../../src/protocol/sse/parser.ts'
import { cuts, decodeChunks, eventScript, frameMutations, inputsTried, mutate, reduceChecked, runs, split, streamProblem, wireText } from './fuzz-kit.ts'

/*
 * Property-based fuzzing of the protocol layer with fixed seeds: a failure prints its seed and
 * shrunk input, and reruns the same way. Inputs: raw text and raw bytes (any chunking), and
 * encoded provider streams damaged frame by frame (dropped, repeated, swapped, cut, garbage).
 */

afterAll(() => {
  const total = [...inputsTried.values()].reduce((a, b) => a + b, 0)
  console.info(`protocol fuzzing: ${total} generated inputs`, Object.fromEntries(inputsTried))
})

function parseAll(chunks: readonly string[]) {
  const out: (SseEvent | { comment: string } | { retry: number })[] = []
  const parser = createSseParser({
    onEvent: (event) => out.push({ ...event }),
    onComment: (comment) => out.push({ comment }),
    onRetry: (retry) => out.push({ retry }),
  })
  for (const chunk of chunks) parser.feed(chunk)
  parser.end()
  return out
}

describe('SSE parser under fuzzing', () => {
  it('never throws and dispatches the same events, comments and retries whatever the chunking', () => {
    fc.assert(
      fc.property(wireText, cuts, (text, at) => {
        const whole = parseAll([text])
        expect(parseAll(split(text, at))).toEqual(whole)
        expect(parseAll([...text])).toEqual(whole)
      }),
      runs('sse parser: text', 1500, 1),
    )
  })

  it('never throws on arbitrary bytes and gives the same events at any byte boundary', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), cuts, (bytes, at) => {
        const decode = (chunks: Uint8Array[]) => {
          const text = new TextDecoder()
          return parseAll([...chunks.map((chunk) => text.decode(chunk, { stream: true })), text.decode()])
        }
        expect(decode(split(bytes, at))).toEqual(decode([bytes]))
      }),
      runs('sse parser: bytes', 1500, 2),
    )
  })
})

describe.each(STREAM_FORMATS)('%s decoder under fuzzing', (format) => {
  const foreign = format !== 'rivulet'

  it('keeps the stream rules on arbitrary SSE events (any type, any data)', () => {
    const sseEvent = fc.record({
      type: fc.oneof(fc.constantFrom('message', 'error', 'ping', 'message_start', 'content_block_delta', 'response.output_text.delta'), fc.string({ maxLength: 6 })),
      data: fc.oneof(
        wireText,
        fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)),
        fc.constantFrom('[DONE]', '{}', 'null', '{"type":"token","seq":1,"content":"x"}', '{"choices":[{"delta":{"content":"x"}}]}', '{"type":"text-delta","id":"t","delta":"x"}'),
      ),
      lastEventId: fc.constantFrom('', '1', 'x'),
    })
    fc.assert(
      fc.property(fc.array(sseEvent, { maxLength: 20 }), (input) => {
        const events: ChatEvent[] = []
        const decoder = createDecoder(format, (event) => events.push(event), { generateId: () => 'gen' })
        for (const event of input) decoder.push(event)
        decoder.end()
        expect(streamProblem(events, { foreign })).toBeUndefined()
        expect(reduceChecked(events).problem).toBeUndefined()
      }),
      runs('decoders: arbitrary sse events', 400, 10 + STREAM_FORMATS.indexOf(format)),
    )
  })

  it('keeps the stream rules on damaged encoded streams, identically at any chunking', () => {
    fc.assert(
      fc.property(eventScript, frameMutations, cuts, (script, mutations, at) => {
        const encoder = createEncoder(format)
        const frames = mutate([...script.map((event) => encoder.encode(event)), encoder.end()], mutations)
        const body = frames.join('')
        const whole = decodeChunks(format, [body])
        expect(streamProblem(whole.events, { foreign })).toBeUndefined()
        expect(reduceChecked(whole.events).problem).toBeUndefined()
        expect(decodeChunks(format, split(body, at)).events).toEqual(whole.events)
        // Bytes carry well-formed text only: a lone surrogate goes over the wire as U+FFFD.
        const wellFormed = new TextDecoder().decode(new TextEncoder().encode(body))
        const bytes = new TextEncoder().encode(wellFormed)
        expect(decodeChunks(format, split(bytes, at.map((n) => n * 7))).events).toEqual(decodeChunks(format, [wellFormed]).events)
      }),
      runs('decoders: damaged encoded streams', 400, 20 + STREAM_FORMATS.indexOf(format)),
    )
  })

  it('decodes an undamaged encoded stream back to the same text and tool arguments', () => {
    fc.assert(
      fc.property(eventScript, cuts, (script, at) => {
        const encoder = createEncoder(format)
        const body = [...script.map((event) => encoder.encode(event)), encoder.end()].join('')
        // Think-tag splitting is a feature of openai-chat that rewrites content on purpose.
        const { events } = decodeChunks(format, split(body, at), { thinkTags: false })
        expect(streamProblem(events, { foreign })).toBeUndefined()
        expect(reduceChecked(events).problem).toBeUndefined()
        const text = (list: readonly ChatEvent[]) => list.flatMap((e) => (e.type === 'token' ? [e.content] : [])).join('')
        expect(text(events)).toBe(text(script))
      }),
      runs('decoders: clean round trips', 300, 30 + STREAM_FORMATS.indexOf(format)),
    )
  })

  it('never throws on arbitrary bytes fed through the parser', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), cuts, (bytes, at) => {
        const whole = decodeChunks(format, [bytes])
        expect(streamProblem(whole.events, { foreign })).toBeUndefined()
        expect(decodeChunks(format, split(bytes, at)).events).toEqual(whole.events)
      }),
      runs('decoders: arbitrary bytes', 400, 40 + STREAM_FORMATS.indexOf(format)),
    )
  })
})
