import type { StreamLogEntry } from '../../core/stream-log.ts'
import type { ChatEvent } from '../../protocol/events.ts'
import { detectStalls } from './detect-stalls.ts'
import { formatCount, type FigureLabels } from './format-figures.ts'
import { defaultLabels } from '../labels/labels.ts'
import { inspectorLabelsInEffect, type InspectorLabelsInEffect } from '../labels/inspector-labels.ts'
import { markKinds, type TimelineLane, type TimelineMarkKind } from './mark-kinds.ts'

/**
 * One thing on the timeline. `x` and `width` are fractions of the axis (0 = the request,
 * 1 = the last thing logged) so any renderer can scale them to its own size.
 *
 * @example
 * const mark: TimelineMark = { kind: 'token', lane: 'content', at: 412, x: 0.2, width: 0, label: 'token "Hel"' }
 */
export interface TimelineMark {
  kind: TimelineMarkKind
  lane: TimelineLane
  /** Milliseconds since the origin. */
  at: number
  x: number
  /** Zero for instants; stalls span their pause. */
  width: number
  label: string
}

/**
 * @example
 * const { durationMs, marks, counts } = layoutTimeline(entries)
 */
export interface TimelineLayout {
  /** The `at` of the turn's first request (or of the first entry, when the request was missed). */
  origin: number | undefined
  /** From the origin to the last entry. */
  durationMs: number
  marks: TimelineMark[]
  counts: Readonly<Record<TimelineMarkKind, number>>
}

/**
 * @example
 * layoutTimeline(entries, { stallThresholdMs: 5000 })
 */
export interface LayoutTimelineOptions {
  /** A pause between content events longer than this is a stall. @default 2000 */
  stallThresholdMs?: number
  /** Words and locale of the marks' labels (`useLabels()` in a component). @default English */
  labels?: FigureLabels
}

const snippetLength = 24

function snippet(text: string): string {
  return JSON.stringify(text.length > snippetLength ? `${text.slice(0, snippetLength)}…` : text)
}

type Mark = { kind: TimelineMarkKind; label: string }

function eventMark(event: ChatEvent, labels: InspectorLabelsInEffect): Mark {
  const words = labels.inspector.marks
  switch (event.type) {
    case 'start':
      return { kind: 'start', label: words.start(event.streamId) }
    case 'token':
      return { kind: 'token', label: words.token(snippet(event.content)) }
    case 'reasoning':
      return { kind: 'reasoning', label: words.reasoning(snippet(event.content)) }
    case 'object_delta':
      return { kind: 'token', label: words.object(snippet(event.delta)) }
    case 'tool_call_start':
      return { kind: 'tool', label: words.toolStarted(event.name) }
    case 'tool_call_delta':
      return { kind: 'tool', label: words.toolArguments(snippet(event.argsDelta)) }
    case 'tool_call_end':
      return { kind: 'tool', label: words.toolArgumentsComplete(event.id) }
    case 'tool_result':
      if (event.preliminary) return { kind: 'tool', label: words.toolProgress(event.id) }
      return { kind: 'tool', label: event.isError ? words.toolFailed(event.id) : words.toolResult(event.id) }
    case 'tool_approval_request':
      return { kind: 'tool', label: words.toolApproval(event.id) }
    case 'step_start':
      return { kind: 'status', label: words.stepStarted }
    case 'step_finish':
      return { kind: 'status', label: words.stepFinished }
    case 'step_reset':
      return { kind: 'status', label: words.stepReset }
    case 'status':
      return { kind: 'status', label: words.status(event.message) }
    case 'error':
      return { kind: 'error', label: words.error(event.code, event.message) }
    case 'done':
      return { kind: 'done', label: words.done(event.finishReason ?? '') }
    case 'metadata':
      return { kind: 'status', label: words.metadata(snippet(Object.keys(event.metadata).join(', '))) }
    case 'data':
      return { kind: 'status', label: words.data(event.name, event.id ?? '', event.transient === true) }
    case 'source':
      return { kind: 'status', label: words.source(snippet(event.title ?? event.url ?? event.id)) }
    case 'citation':
      return { kind: 'status', label: words.citation(event.sourceId) }
    case 'file':
      return { kind: 'status', label: words.file(event.mediaType) }
  }
}

function entryMark(entry: StreamLogEntry, labels: InspectorLabelsInEffect): Mark | undefined {
  const words = labels.inspector.marks
  switch (entry.type) {
    case 'request':
      return { kind: 'request', label: words.request(entry.kind, entry.attempt > 0 ? formatCount(entry.attempt + 1, labels) : '') }
    case 'response':
      return { kind: 'response', label: words.response(formatCount(entry.status, labels)) }
    case 'chunk':
      return { kind: 'chunk', label: words.chunk(labels.inspector.units.bytes(formatCount(entry.bytes, labels))) }
    case 'comment':
      return { kind: 'keep-alive', label: words.comment(snippet(entry.text)) }
    case 'retry':
      return { kind: 'retry', label: words.retry(labels.inspector.units.ms(formatCount(Math.round(entry.delayMs), labels))) }
    case 'reconnect':
      return { kind: 'reconnect', label: words.reconnect(entry.lastEventId) }
    case 'event':
      return eventMark(entry.event, labels)
    case 'failed':
      return { kind: 'error', label: words.failed(entry.error.code, entry.error.message) }
    case 'stopped':
      return { kind: 'stopped', label: words.stopped }
  }
}

function emptyCounts(): Record<TimelineMarkKind, number> {
  const counts = {} as Record<TimelineMarkKind, number>
  for (const kind of Object.keys(markKinds) as TimelineMarkKind[]) counts[kind] = 0
  return counts
}

/**
 * Lays one turn's stream log out on a time axis: every entry becomes a mark at its time,
 * `seq` jumps become gap marks (the same rule the client counts gaps by), and pauses in
 * content longer than the threshold become stall spans. The axis runs from the request to
 * the last entry, so a 40 ms instant replay and a 40 s live stream both fill it.
 *
 * @example
 * const { marks } = layoutTimeline(entries)
 * marks.filter((m) => m.kind === 'token').map((m) => m.x * width)
 */
export function layoutTimeline(entries: readonly StreamLogEntry[], options: LayoutTimelineOptions = {}): TimelineLayout {
  const counts = emptyCounts()
  const labels = inspectorLabelsInEffect(options.labels ?? defaultLabels)
  const first = entries[0]
  if (first === undefined) return { origin: undefined, durationMs: 0, marks: [], counts }
  const origin = entries.find((entry) => entry.type === 'request')?.at ?? first.at
  const end = Math.max(origin, entries.at(-1)!.at)
  const durationMs = end - origin
  // A turn with everything at one instant still needs a non-zero scale.
  const scale = durationMs > 0 ? durationMs : 1
  const position = (at: number) => Math.min(1, Math.max(0, (at - origin) / scale))

  const marks: TimelineMark[] = []
  const add = (kind: TimelineMarkKind, at: number, label: string, width = 0) => {
    counts[kind]++
    marks.push({ kind, lane: markKinds[kind].lane, at: at - origin, x: position(at), width, label })
  }

  let lastSeq = -1
  for (const entry of entries) {
    if (entry.type === 'event') {
      const { seq, type } = entry.event
      if (lastSeq >= 0 && seq > lastSeq + 1 && type !== 'start') {
        add('gap', entry.at, labels.inspector.marks.gap(formatCount(lastSeq + 1, labels), formatCount(seq - 1, labels)))
      }
      lastSeq = Math.max(lastSeq, seq)
    }
    const mark = entryMark(entry, labels)
    if (mark) add(mark.kind, entry.at, mark.label)
  }
  for (const stall of detectStalls(entries, options.stallThresholdMs)) {
    const duration = labels.inspector.units.ms(formatCount(Math.round(stall.to - stall.from), labels))
    add('stall', stall.from, labels.inspector.marks.stall(duration, stall.open), position(stall.to) - position(stall.from))
  }
  return { origin, durationMs, marks, counts }
}
