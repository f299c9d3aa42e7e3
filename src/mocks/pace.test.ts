import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createSseParser } from '../protocol/sse/parser.ts'
import { KEEP_ALIVE_FRAME, paceFrames, type Chunking, type PacedChunk } from './pace.ts'

const frames = ['id: 0\ndata: {"a":"é"}\n\n', '', 'id: 1\ndata: {"b":"🌊"}\n\n', 'id: 2\ndata: {"c":3}\n\n']
const text = (plan: PacedChunk[]) => new TextDecoder().decode(concat(plan))
const total = (plan: PacedChunk[]) => plan.reduce((sum, c) => sum + c.delayMs, 0)

function concat(plan: PacedChunk[]): Uint8Array {
  const out = new Uint8Array(plan.reduce((n, c) => n + c.chunk.byteLength, 0))
  let offset = 0
  for (const { chunk } of plan) {
    out.set(chunk, offset)
    offset += chunk.byteLength
  }
  return out
}

describe('paceFrames', () => {
  it.each(['event', 'random', 'byte', 'whole'] as Chunking[])('%s chunking gives every byte back in order', (chunking) => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme' }), { maxLength: 8 }), fc.integer(), (texts, seed) => {
        const plan = paceFrames(texts, { chunking, seed })
        expect(text(plan)).toBe(texts.join(''))
      }),
      { numRuns: 50 },
    )
  })

  it('sends the first frame after ttft and each next one a token interval later', () => {
    const plan = paceFrames(frames, { ttft: 300, tokensPerSecond: 20 })
    // The empty frame (an event the format cannot express) still takes its turn.
    expect(plan.map((c) => c.delayMs)).toEqual([300, 100, 50])
  })

  it('keeps jittered gaps within the spread and repeats them for the same seed', () => {
    const many = Array.from({ length: 200 }, (_, i) => `data: ${i}\n\n`)
    const plan = paceFrames(many, { tokensPerSecond: 10, jitter: 0.5, seed: 9 })
    const gaps = plan.slice(1).map((c) => c.delayMs)
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(50)
    expect(Math.max(...gaps)).toBeLessThanOrEqual(150)
    expect(new Set(gaps.map(Math.round)).size).toBeGreaterThan(10)
    expect(paceFrames(many, { tokensPerSecond: 10, jitter: 0.5, seed: 9 })).toEqual(plan)
  })

  it('random chunking is repeatable per seed and differs between seeds', () => {
    const sizes = (seed: number) => paceFrames(frames, { chunking: 'random', seed, maxChunkBytes: 8 }).map((c) => c.chunk.byteLength)
    expect(sizes(1)).toEqual(sizes(1))
    expect(sizes(1)).not.toEqual(sizes(2))
    expect(Math.max(...sizes(3))).toBeLessThanOrEqual(8)
  })

  it('byte chunking splits multi-byte characters across chunks', () => {
    const plan = paceFrames(frames, { chunking: 'byte' })
    expect(plan.every((c) => c.chunk.byteLength === 1)).toBe(true)
    expect(plan).toHaveLength(new TextEncoder().encode(frames.join('')).byteLength)
  })

  it('a chunk leaves when the frame holding its last byte is ready', () => {
    const plan = paceFrames(['aaaa', 'bbbb'], { chunking: 'byte', ttft: 10, tokensPerSecond: 10 })
    expect(plan.map((c) => c.delayMs)).toEqual([10, 0, 0, 0, 100, 0, 0, 0])
  })

  it('whole chunking sends one chunk when the last frame is ready', () => {
    const plan = paceFrames(frames, { chunking: 'whole', ttft: 200, tokensPerSecond: 10 })
    expect(plan).toHaveLength(1)
    expect(plan[0]!.delayMs).toBe(500)
  })

  it('fills silences with keep-alive frames that never land inside another frame', () => {
    const plan = paceFrames(frames, { ttft: 250, tokensPerSecond: 4, keepAliveIntervalMs: 100, chunking: 'byte' })
    const comments: string[] = []
    const events: string[] = []
    const parser = createSseParser({ onEvent: (e) => events.push(e.data), onComment: (c) => comments.push(c) })
    const decoder = new TextDecoder()
    for (const { chunk } of plan) parser.feed(decoder.decode(chunk, { stream: true }))
    expect(events).toEqual(['{"a":"é"}', '{"b":"🌊"}', '{"c":3}'])
    // 250 ms before the first frame: pings at 100 and 200; then 500 ms (two gaps) with 4 pings; then 250 ms with 2.
    expect(comments).toHaveLength(8)
    expect(new Set(comments)).toEqual(new Set([KEEP_ALIVE_FRAME.slice(2, -2)]))
    expect(total(plan)).toBe(1000)
  })

  it('adds a stall before the given frame', () => {
    const plan = paceFrames(['a', 'b', 'c'], { tokensPerSecond: 10, stalls: [{ beforeFrame: 2, ms: 5000 }] })
    expect(plan.map((c) => c.delayMs)).toEqual([0, 100, 5100])
  })
})
