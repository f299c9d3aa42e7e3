/**
 * Structured output (issue 17): the cost of one streamed delta of a JSON document as the
 * document grows, 1 KB vs 1 MB, for the incremental parser behind `useObject` against
 * `partial-json` re-parsing the whole text per delta and the repair-then-`JSON.parse` approach
 * of the AI SDK's `parsePartialJson`. Every contender produces the partial value after every
 * delta (the worst case: the client itself builds it once per frame), contenders interleaved.
 */
import { isDeepStrictEqual } from 'node:util'
import { ALL, parse as partialJsonParse } from 'partial-json'
import { createPartialJsonParser, type PartialJsonParser } from '../../src/core/object/partial-json-parser.ts'
import { atLeast, atMost, judge } from '../lib/goals.ts'
import { spreadOf } from '../lib/stats.ts'
import { measureInterleaved } from '../lib/measure.ts'
import type { BenchContext, BenchResult } from '../lib/types.ts'
import { generateDocument, splitDeltas } from '../object/documents.ts'
import { repairThenParse } from '../object/repair-then-parse.ts'

export const name = 'object'

const PARTIAL_JSON = 'partial-json 0.1.7 (re-parse all)'
const REPAIR = 'repair + JSON.parse (AI SDK parsePartialJson approach)'

interface Size {
  id: string
  label: string
  bytes: number
  /** Deltas timed at the end of the document, where it is largest. */
  tail: number
  /** Repetitions per pass, so a pass is long enough to time: ours, and the re-parsers. */
  oursReps: number
  peerReps: number
}

const sizes: Size[] = [
  { id: '1kb', label: '1 KB', bytes: 1024, tail: 30, oursReps: 400, peerReps: 400 },
  { id: '1mb', label: '1 MB', bytes: 1024 * 1024, tail: 1500, oursReps: 1, peerReps: 1 },
]
/** Re-parsers at 1 MB pay ~10 ms a delta; fewer of their deltas keep a pass short. */
const PEER_TAIL_1MB = 15

interface Workload {
  final: unknown
  prefix: string
  tail: string[]
}

function workload(size: Size, tail: number): Workload {
  const text = generateDocument(size.bytes, 17)
  const deltas = splitDeltas(text, 2, 24, 5)
  const cut = deltas.length - tail
  return { final: JSON.parse(text), prefix: deltas.slice(0, cut).join(''), tail: deltas.slice(cut) }
}

/** Parsers already fed the prefix, one per repetition of every pass: their set-up is not timed. */
function prepareParsers(load: Workload, count: number): PartialJsonParser[] {
  return Array.from({ length: count }, () => {
    const parser = createPartialJsonParser()
    parser.append(load.prefix)
    parser.value()
    return parser
  })
}

/** Appends every delta; builds the partial value after each one, or only at the end (`everyDelta: false`). */
function runOurs(parser: PartialJsonParser, tail: readonly string[], everyDelta = true): unknown {
  for (const delta of tail) {
    parser.append(delta)
    if (everyDelta) parser.value()
  }
  return parser.value()
}

function runReparse(parseAll: (text: string) => unknown, load: Workload): unknown {
  let text = load.prefix
  let value: unknown
  for (const delta of load.tail) {
    text += delta
    value = parseAll(text)
  }
  return value
}

const partialJson = (text: string) => partialJsonParse(text, ALL) as unknown

function check(label: string, value: unknown, final: unknown) {
  if (!isDeepStrictEqual(value, final)) throw new Error(`object bench: ${label} did not end with the document`)
}

async function perDelta(ctx: BenchContext, size: Size) {
  const ours = workload(size, size.tail)
  const peers = size.id === '1mb' ? workload(size, PEER_TAIL_1MB) : ours
  check(`ours ${size.id}`, runOurs(prepareParsers(ours, 1)[0]!, ours.tail), ours.final)
  check(`partial-json ${size.id}`, runReparse(partialJson, peers), peers.final)
  check(`repair ${size.id}`, runReparse(repairThenParse, peers), peers.final)

  const pool = prepareParsers(ours, (ctx.warmup + ctx.passes) * size.oursReps)
  const parsePool = prepareParsers(ours, (ctx.warmup + ctx.passes) * size.oursReps)
  const times = await measureInterleaved(
    {
      ours: () => {
        for (let r = 0; r < size.oursReps; r++) runOurs(pool.pop()!, ours.tail)
      },
      oursParse: () => {
        for (let r = 0; r < size.oursReps; r++) runOurs(parsePool.pop()!, ours.tail, false)
      },
      partialJson: () => {
        for (let r = 0; r < size.peerReps; r++) runReparse(partialJson, peers)
      },
      repair: () => {
        for (let r = 0; r < size.peerReps; r++) runReparse(repairThenParse, peers)
      },
    },
    { passes: ctx.passes, warmup: ctx.warmup, gc: ctx.gc, clock: ctx.clock },
  )
  const us = (ms: number, deltas: number) => (ms * 1000) / deltas
  const spread = (samples: number[], deltas: number) =>
    `${us(Math.min(...samples), deltas).toFixed(2)}–${us(Math.max(...samples), deltas).toFixed(2)}`
  const oursDeltas = size.oursReps * ours.tail.length
  const peerDeltas = size.peerReps * peers.tail.length
  return {
    ours: us(times.ours.median, oursDeltas),
    oursSpread: spread(times.ours.samples, oursDeltas),
    width: (ours.final as { items: unknown[] }).items.length,
    oursParse: us(times.oursParse.median, oursDeltas),
    oursParseSpread: spread(times.oursParse.samples, oursDeltas),
    partialJson: us(times.partialJson.median, peerDeltas),
    partialJsonSpread: spread(times.partialJson.samples, peerDeltas),
    repair: us(times.repair.median, peerDeltas),
    repairSpread: spread(times.repair.samples, peerDeltas),
    runs: times.ours.samples.length,
    // Pass i of every contender ran back to back (interleaved): their ratio is one paired sample.
    partialJsonRatios: times.partialJson.samples.map((t, i) => us(t, peerDeltas) / us(times.ours.samples[i]!, oursDeltas)),
    repairRatios: times.repair.samples.map((t, i) => us(t, peerDeltas) / us(times.ours.samples[i]!, oursDeltas)),
    oursParseSamples: times.oursParse.samples.map((t) => us(t, oursDeltas)),
  }
}

export async function run(ctx: BenchContext): Promise<BenchResult[]> {
  const rows: BenchResult[] = []
  const figures: Record<string, Awaited<ReturnType<typeof perDelta>>> = {}
  for (const size of sizes) {
    ctx.log(`per-delta cost, ${size.label} document`)
    const f = await perDelta(ctx, size)
    figures[size.id] = f
    const what = `µs per delta (append + partial value) at the end of a ${size.label} document; ours ${f.oursSpread} over passes`
    const goal = size.id === '1mb' ? atLeast(100) : atLeast(1)
    rows.push(
      {
        id: `object.per-delta.${size.id}.vs-partial-json`,
        description: `${what}; peer ${f.partialJson.toFixed(2)} µs (${f.partialJsonSpread})`,
        value: f.ours,
        unit: 'µs/delta',
        peer: PARTIAL_JSON,
        ratio: f.partialJson / f.ours,
        ...judge(goal, f.partialJson / f.ours, 'x'),
        title: `useObject: one delta at the end of a ${size.label} document vs partial-json re-parsing it`,
        runs: f.runs,
        spread: spreadOf(f.partialJsonRatios),
      },
      {
        id: `object.per-delta.${size.id}.vs-repair`,
        description: `${what}; peer ${f.repair.toFixed(2)} µs (${f.repairSpread})`,
        value: f.ours,
        unit: 'µs/delta',
        peer: REPAIR,
        ratio: f.repair / f.ours,
        ...judge(goal, f.repair / f.ours, 'x'),
        title: `useObject: one delta at the end of a ${size.label} document vs repair + JSON.parse`,
        runs: f.runs,
        spread: spreadOf(f.repairRatios),
      },
    )
  }
  const small = figures['1kb']!
  const large = figures['1mb']!
  const growth = large.oursParse / small.oursParse
  const goal = atMost(2, '')
  rows.push(
    {
      id: 'object.parse-growth.1mb-vs-1kb',
      description:
        `our parse cost per delta (append only; ${small.oursParse.toFixed(2)} µs at 1 KB, ${large.oursParse.toFixed(2)} µs at 1 MB; spread ` +
        `${small.oursParseSpread} / ${large.oursParseSpread}) at 1 MB ÷ at 1 KB: 1 = O(delta), 1000 = O(document); ` +
        `same ratio with a value per delta: ours ${(large.ours / small.ours).toFixed(1)}, partial-json ${(large.partialJson / small.partialJson).toFixed(0)}, repair ${(large.repair / small.repair).toFixed(0)}`,
      value: growth,
      unit: 'x',
      peer: null,
      ratio: null,
      ...judge(goal, growth, 'x'),
      title: 'useObject parse cost per delta, 1 MB ÷ 1 KB document',
      runs: large.runs,
      // Pass i at 1 MB over pass i at 1 KB (the sizes ran one after the other).
      spread: spreadOf(large.oursParseSamples.map((t, i) => t / small.oursParseSamples[i]!)),
    },
    {
      id: 'object.value-cost.1mb',
      description:
        'µs to build one partial value at the end of a 1 MB document (the client does it once per frame): copies only the open containers ' +
        `(here the ${large.width}-item list), shares every finished subtree`,
      value: Math.max(0, large.ours - large.oursParse),
      unit: 'µs/frame',
      peer: null,
      ratio: null,
      goal: null,
      pass: null,
    },
  )
  return rows
}
