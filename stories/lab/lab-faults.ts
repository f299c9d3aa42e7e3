import {
  corruptFrame,
  dropConnectionAt,
  duplicateSeq,
  httpError,
  injectErrorEvent,
  keepAlivesOnly,
  rechunk,
  skipSeq,
  stallAt,
  stripFinalEvent,
  type Fault,
} from '../../src/mocks/faults.ts'

/** The faults the lab offers, each placed at the event the lab's "at event" field names. */
export const labFaultIds = [
  'rechunk-byte',
  'rechunk-random',
  'rechunk-whole',
  'drop',
  'stall',
  'duplicate',
  'skip',
  'corrupt',
  'error',
  'strip-final',
  'keep-alives',
  'http-429',
  'http-500',
] as const
export type LabFaultId = (typeof labFaultIds)[number]

/** What each checkbox says, before the event number is known. */
export const labFaultLabels: Record<LabFaultId, string> = {
  'rechunk-byte': 'One byte per chunk',
  'rechunk-random': 'Random chunk sizes',
  'rechunk-whole': 'Whole body in one chunk',
  drop: 'Drop the connection at the event',
  stall: 'Stall 3 s at the event',
  duplicate: 'Duplicate the event’s seq',
  skip: 'Skip the event’s seq',
  corrupt: 'Corrupt the event',
  error: 'Error event after the event',
  'strip-final': 'Strip the final event',
  'keep-alives': 'Keep-alives only',
  'http-429': 'HTTP 429 before the stream',
  'http-500': 'HTTP 500 before the stream',
}

/** Builds the chosen faults, in the order of {@link labFaultIds} (rechunking first, HTTP last). */
export function makeLabFaults(ids: readonly LabFaultId[], atEvent: number): Fault[] {
  const at = Math.max(0, Math.floor(atEvent))
  const make: Record<LabFaultId, () => Fault> = {
    'rechunk-byte': () => rechunk('byte'),
    'rechunk-random': () => rechunk('random', 7),
    'rechunk-whole': () => rechunk('whole'),
    drop: () => dropConnectionAt({ event: at }),
    stall: () => stallAt({ event: at, ms: 3000 }),
    duplicate: () => duplicateSeq(at),
    skip: () => skipSeq(at),
    corrupt: () => corruptFrame(at),
    error: () => injectErrorEvent({ afterEvent: at, code: 'upstream_error', message: 'Injected by the Stream Lab' }),
    'strip-final': () => stripFinalEvent(),
    'keep-alives': () => keepAlivesOnly({ intervalMs: 500, count: 6 }),
    'http-429': () => httpError({ status: 429, retryAfter: 30 }),
    'http-500': () => httpError({ status: 500 }),
  }
  return labFaultIds.filter((id) => ids.includes(id)).map((id) => make[id]())
}
