/**
 * SSE parser throughput (issue 2, item 9): `createSseParser` against eventsource-parser and a
 * tutorial-style `split('\n\n')` parser, on a generated 10 MB token stream, plus its cost over
 * the decode + JSON floor, linearity in stream size, and a 1 MB line fed 4 bytes at a time.
 */
import { atLeast, atMost, below, within, type Goal } from '../lib/goals.ts'
import { measureInterleaved } from '../lib/measure.ts'
import type { BenchContext, BenchResult } from '../lib/types.ts'
import { eventsourceParser, naiveSplit, rivulet, type Contender } from '../parser/contenders.ts'
import { decodeChunks, generateTokenStream, splitBytes, type TokenStream } from '../parser/token-stream.ts'
import { assertTally, collectPayloads, runFloor, runPass, type ChunkedInput, type Mode, type Tally } from '../parser/workloads.ts'

export const name = 'parser'

const MiB = 1024 * 1024
const STREAM_SEED = 20240901
const CHUNK_SEED = 7

const chunkings = [
  { id: '1-4096', label: '1–4096 B chunks', min: 1, max: 4096 },
  { id: '1-64', label: '1–64 B chunks', min: 1, max: 64 },
] as const

const modes: { id: Mode; label: string }[] = [
  { id: 'strings', label: 'pre-split strings' },
  { id: 'bytes', label: 'bytes + streaming TextDecoder' },
  { id: 'bytes-json', label: 'bytes + TextDecoder + JSON.parse per event' },
]

function chunk(stream: TokenStream, min: number, max: number): ChunkedInput {
  const bytes = splitBytes(stream.bytes, min, max, CHUNK_SEED)
  return { bytes, strings: decodeChunks(bytes) }
}

function expectedTally(stream: TokenStream, mode: Mode): Tally {
  return { events: stream.data.length, chars: stream.dataChars, seqSum: mode === 'bytes-json' ? stream.seqSum : 0 }
}

function speedUpRow(id: string, description: string, mibPerS: number, peer: Contender, ratio: number, goal: Goal | null): BenchResult {
  return { id, description, value: mibPerS, unit: 'MiB/s', peer: peer.name, ratio, goal: goal?.label ?? null, pass: goal ? goal.met(ratio) : null }
}

async function throughput(ctx: BenchContext, stream: TokenStream): Promise<BenchResult[]> {
  const rows: BenchResult[] = []
  const sizeMiB = stream.bytes.length / MiB
  for (const chunking of chunkings) {
    const input = chunk(stream, chunking.min, chunking.max)
    for (const mode of modes) {
      ctx.log(`${mode.id}, ${chunking.label}`)
      const expected = expectedTally(stream, mode.id)
      const contenders = [rivulet, eventsourceParser, naiveSplit]
      for (const c of contenders) assertTally(`${c.name} (${mode.id}, ${chunking.id})`, runPass(c, mode.id, input), expected)

      const withFloor = mode.id === 'bytes-json'
      const payloads = withFloor ? collectPayloads(rivulet, input) : []
      if (withFloor) assertTally('floor', runFloor(input.bytes, payloads), expected)
      const times = await measureInterleaved(
        {
          ours: () => runPass(rivulet, mode.id, input),
          esp: () => runPass(eventsourceParser, mode.id, input),
          naive: () => runPass(naiveSplit, mode.id, input),
          // Only timed where it is reported; elsewhere it would cost time and say nothing.
          floor: withFloor ? () => runFloor(input.bytes, payloads) : () => undefined,
        },
        { passes: ctx.passes, warmup: ctx.warmup, gc: ctx.gc, clock: ctx.clock },
      )
      const ours = times.ours.median
      const mibPerS = sizeMiB / (ours / 1000)
      const rate = (ms: number) => `${(sizeMiB / (ms / 1000)).toFixed(0)} MiB/s`
      const what = `createSseParser, ${mode.label}, ${chunking.label}, ${sizeMiB.toFixed(0)} MiB`
      const goal = mode.id === 'strings' && chunking.id === '1-4096' ? atLeast(1.5) : atLeast(1)
      rows.push(
        speedUpRow(`parser.${mode.id}.${chunking.id}.vs-eventsource-parser`, `${what}; peer ${rate(times.esp.median)}`, mibPerS, eventsourceParser, times.esp.median / ours, goal),
        speedUpRow(`parser.${mode.id}.${chunking.id}.vs-naive-split`, `${what}; peer ${rate(times.naive.median)}`, mibPerS, naiveSplit, times.naive.median / ours, null),
      )
      if (withFloor) {
        const slowdown = ours / times.floor.median
        const floorGoal = within(1.15)
        rows.push({
          id: `parser.bytes-json.${chunking.id}.vs-floor`,
          description: `time of bytes + JSON over the floor (TextDecoder + JSON.parse of the same data strings, pre-extracted: ${rate(times.floor.median)}), ${chunking.label}`,
          value: slowdown,
          unit: 'x floor',
          peer: 'TextDecoder + JSON.parse floor',
          ratio: 1 / slowdown,
          goal: floorGoal.label,
          pass: floorGoal.met(slowdown),
        })
      }
    }
  }
  return rows
}

async function linearity(ctx: BenchContext, ten: TokenStream): Promise<BenchResult> {
  ctx.log('linearity: 20 MB vs 10 MB')
  const twenty = generateTokenStream(2 * ten.bytes.length, STREAM_SEED)
  const small = chunk(ten, 1, 4096)
  const large = chunk(twenty, 1, 4096)
  assertTally('10 MB', runPass(rivulet, 'strings', small), expectedTally(ten, 'strings'))
  assertTally('20 MB', runPass(rivulet, 'strings', large), expectedTally(twenty, 'strings'))
  const times = await measureInterleaved(
    {
      small: () => runPass(rivulet, 'strings', small),
      large: () => runPass(rivulet, 'strings', large),
      // The peer's figure tells the parser's share apart from the machine's (caches, GC of a larger heap).
      espSmall: () => runPass(eventsourceParser, 'strings', small),
      espLarge: () => runPass(eventsourceParser, 'strings', large),
    },
    { passes: ctx.passes, warmup: ctx.warmup, gc: ctx.gc, clock: ctx.clock },
  )
  const ratio = times.large.median / times.small.median
  const peerRatio = times.espLarge.median / times.espSmall.median
  const goal = atMost(2.2, '')
  return {
    id: 'parser.linearity.20mb-vs-10mb',
    description: `createSseParser time on a 20 MB stream ÷ time on 10 MB (strings, 1–4096 B chunks); 2 is linear; eventsource-parser: ${peerRatio.toFixed(2)}`,
    value: ratio,
    unit: 'x',
    peer: null,
    ratio: null,
    goal: goal.label,
    pass: goal.met(ratio),
  }
}

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

async function longLine(ctx: BenchContext): Promise<BenchResult[]> {
  ctx.log('1 MB data line: 4 B pieces vs whole, and 2 MB vs 1 MB in 4 B pieces')
  const one = longLineInput(MiB)
  const two = longLineInput(2 * MiB)
  // A whole 1 MB line parses in tens of microseconds; repeating it keeps the clock's
  // resolution out of the figure.
  const wholeRepeats = 300
  assertTally('whole', feedAll(rivulet, [one.whole]), one.expected)
  assertTally('pieces', feedAll(rivulet, one.pieces), one.expected)
  assertTally('2 MB pieces', feedAll(rivulet, two.pieces), two.expected)
  assertTally('eventsource-parser pieces', feedAll(eventsourceParser, one.pieces), one.expected)
  const times = await measureInterleaved(
    {
      whole: () => {
        for (let i = 0; i < wholeRepeats; i++) feedAll(rivulet, [one.whole])
      },
      pieces: () => feedAll(rivulet, one.pieces),
      twice: () => feedAll(rivulet, two.pieces),
      esp: () => feedAll(eventsourceParser, one.pieces),
    },
    { passes: ctx.passes, warmup: ctx.warmup, gc: ctx.gc, clock: ctx.clock },
  )
  const wholeMs = times.whole.median / wholeRepeats
  const slowdown = times.pieces.median / wholeMs
  const goal = below(100)
  const scaling = times.twice.median / times.pieces.median
  const scalingGoal = atMost(2.2, '')
  return [
    {
      id: 'parser.long-line.4b-vs-whole',
      description: `createSseParser time for a 1 MiB data line fed 4 B at a time ÷ fed whole (${times.pieces.median.toFixed(1)} ms vs ${wholeMs.toFixed(3)} ms); ratio = speed-up over eventsource-parser on the 4 B pieces`,
      value: slowdown,
      unit: 'x whole',
      peer: `${eventsourceParser.name} (4 B pieces)`,
      ratio: times.esp.median / times.pieces.median,
      goal: goal.label,
      pass: goal.met(slowdown),
    },
    {
      id: 'parser.long-line.2mb-vs-1mb',
      description: 'createSseParser time for a 2 MiB data line ÷ a 1 MiB one, both fed 4 B at a time; 2 is linear, a quadratic parser gives 4 (goal proposed by the bench, not the issue)',
      value: scaling,
      unit: 'x',
      peer: null,
      ratio: null,
      goal: `${scalingGoal.label} (proposed)`,
      pass: scalingGoal.met(scaling),
    },
  ]
}

/**
 * Runs the parser benchmarks and returns their rows.
 *
 * @example
 * // npm run bench -- parser
 * const rows = await run({ passes: 7, warmup: 2, log: console.error })
 */
export async function run(ctx: BenchContext): Promise<BenchResult[]> {
  ctx.log('generating a 10 MiB token stream')
  const stream = generateTokenStream(10 * MiB, STREAM_SEED)
  return [...(await throughput(ctx, stream)), await linearity(ctx, stream), ...(await longLine(ctx))]
}
