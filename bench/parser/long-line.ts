/**
 * One very long `data:` line arriving in 4-character pieces: the case that turns a parser that
 * re-reads its pending line on every piece quadratic.
 */
import { atMost, judge } from '../lib/goals.ts'
import { measureInterleaved, type Measurement } from '../lib/measure.ts'
import { median } from '../lib/stats.ts'
import type { BenchContext, BenchResult } from '../lib/types.ts'
import { eventsourceParser, rivulet, type Contender } from './contenders.ts'
import { describeSpread, pairedRatio } from './paired.ts'
import { assertTally, runPass, type Tally } from './workloads.ts'

const MiB = 1024 * 1024

/** A single `data:` line of `size` characters of JSON, whole and in 4-character pieces. */
function longLineInput(size: number) {
  const content = 'lorem ipsum dolor sit amet '.repeat(Math.ceil(size / 27)).slice(0, size)
  const payload = JSON.stringify({ type: 'token', seq: 0, content })
  const whole = `data: ${payload}\n\n`
  const pieces: string[] = []
  for (let i = 0; i < whole.length; i += 4) pieces.push(whole.slice(i, i + 4))
  const expected: Tally = { events: 1, chars: payload.length, seqSum: 0 }
  return { whole, pieces, expected }
}

const feedAll = (contender: Contender, chunks: readonly string[]) => runPass(contender, 'strings', { strings: chunks, bytes: [] })

/**
 * The least any consumer of those pieces does: keep each piece, then find the line's end once
 * and cut the value out; it does not even look for a line end in each piece, which a parser
 * must. Two ways to keep them, timed both, the faster one per pass is the floor: `+=` (a rope,
 * cheap until its nodes outgrow the young generation) and an array joined at the end.
 */
function ropeFloor(pieces: readonly string[]): number {
  let line = ''
  for (const piece of pieces) line += piece
  return line.slice(6, line.indexOf('\n')).length
}

function arrayFloor(pieces: readonly string[]): number {
  const kept: string[] = []
  for (const piece of pieces) kept.push(piece)
  const line = kept.join('')
  return line.slice(6, line.indexOf('\n')).length
}

/** Pass by pass, the faster of two interleaved contenders. */
function fasterOf(a: Measurement, b: Measurement): Measurement {
  const samples = a.samples.map((time, i) => Math.min(time, b.samples[i]!))
  return { median: median(samples), min: Math.min(...samples), samples }
}

/**
 * The long-line rows: 4-byte pieces against the concatenation floor (and eventsource-parser),
 * and 2 MiB against 1 MiB for linearity.
 *
 * @example
 * rows.push(...(await longLine(ctx)))
 */
export async function longLine(ctx: BenchContext): Promise<BenchResult[]> {
  ctx.log('1 MiB data line: 4 B pieces vs the keep-the-pieces floor, and 2 MiB vs 1 MiB in 4 B pieces')
  const one = longLineInput(MiB)
  const two = longLineInput(2 * MiB)
  // A whole 1 MiB line parses in tens of microseconds; repeating it keeps the clock's
  // resolution out of the figure.
  const wholeRepeats = 100
  assertTally('whole', feedAll(rivulet, [one.whole]), one.expected)
  assertTally('pieces', feedAll(rivulet, one.pieces), one.expected)
  assertTally('2 MiB pieces', feedAll(rivulet, two.pieces), two.expected)
  assertTally('eventsource-parser pieces', feedAll(eventsourceParser, one.pieces), one.expected)
  for (const floor of [ropeFloor, arrayFloor]) {
    if (floor(one.pieces) !== one.expected.chars) throw new Error(`${floor.name} cut the wrong value`)
  }
  const times = await measureInterleaved(
    {
      pieces: () => feedAll(rivulet, one.pieces),
      rope: () => ropeFloor(one.pieces),
      array: () => arrayFloor(one.pieces),
      esp: () => feedAll(eventsourceParser, one.pieces),
      twice: () => feedAll(rivulet, two.pieces),
      whole: () => {
        for (let i = 0; i < wholeRepeats; i++) feedAll(rivulet, [one.whole])
      },
    },
    { passes: ctx.passes, warmup: ctx.warmup, gc: ctx.gc, clock: ctx.clock },
  )
  const floor = fasterOf(times.rope, times.array)
  const overFloor = pairedRatio(times.pieces, floor)
  const overWhole = times.pieces.median / (times.whole.median / wholeRepeats)
  const floorOverWhole = floor.median / (times.whole.median / wholeRepeats)
  const speedUp = pairedRatio(times.esp, times.pieces)
  const scaling = pairedRatio(times.twice, times.pieces)
  return [
    {
      id: 'parser.long-line.4b-vs-floor',
      title: 'SSE parser: 1 MiB line in 4 B pieces ÷ keep-the-pieces floor',
      description:
        `createSseParser time for a 1 MiB data line fed 4 B at a time (${times.pieces.median.toFixed(1)} ms) ÷ the floor: ` +
        `keeping the same pieces (the faster of += and an array joined once, pass by pass) and finding the line end once (${floor.median.toFixed(1)} ms); ${describeSpread(overFloor)}. ` +
        `Fed whole the line takes ${((times.whole.median / wholeRepeats) * 1000).toFixed(0)} µs: pieces are ${overWhole.toFixed(0)}x that, ` +
        `the floor alone ${floorOverWhole.toFixed(0)}x, so a goal against the whole line measured the cost of 262,144 calls, not the parser. ` +
        `Ratio: speed-up over eventsource-parser on the same pieces (${speedUp.spread.min.toFixed(2)}–${speedUp.spread.max.toFixed(2)})`,
      value: overFloor.median,
      unit: 'x floor',
      peer: `${eventsourceParser.name} (4 B pieces)`,
      ratio: speedUp.median,
      ...judge(atMost(2), overFloor.median, 'x floor'),
      runs: overFloor.runs,
      spread: overFloor.spread,
    },
    {
      id: 'parser.long-line.2mb-vs-1mb',
      title: 'SSE parser: 2 MiB line ÷ 1 MiB line, 4 B pieces',
      description: `createSseParser time for a 2 MiB data line ÷ a 1 MiB one, both fed 4 B at a time; 2 is linear, a quadratic parser gives 4 (goal proposed by the bench, not the issue); ${describeSpread(scaling)}`,
      value: scaling.median,
      unit: 'x',
      peer: null,
      ratio: null,
      ...judge(atMost(2.2, ''), scaling.median, 'x'),
      runs: scaling.runs,
      spread: scaling.spread,
    },
  ]
}
