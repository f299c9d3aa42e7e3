import { defaultInspectorLabels } from '../labels/inspector-labels.ts'

/**
 * What the inspector's timeline can show. Each kind sits in one lane (a row of the
 * timeline) so a storm of token ticks never hides the one reconnect that explains it.
 *
 * @example
 * const kind: TimelineMarkKind = 'reconnect'
 */
export type TimelineMarkKind =
  | 'request'
  | 'response'
  | 'chunk'
  | 'keep-alive'
  | 'retry'
  | 'reconnect'
  | 'start'
  | 'token'
  | 'reasoning'
  | 'done'
  | 'tool'
  | 'status'
  | 'error'
  | 'gap'
  | 'stall'
  | 'stopped'

/**
 * The timeline's rows, top to bottom: what the network did, what content arrived, tool
 * work, and everything that went wrong.
 *
 * @example
 * const lane: TimelineLane = 'faults'
 */
export type TimelineLane = 'wire' | 'content' | 'tools' | 'faults'

const { lanes, kinds } = defaultInspectorLabels

/**
 * Lanes in display order with their English labels (the panel shows `labels.inspector.lanes`).
 *
 * @example
 * for (const { lane, label } of timelineLanes) console.log(lane, label)
 */
export const timelineLanes: ReadonlyArray<{ lane: TimelineLane; label: string }> = [
  { lane: 'wire', label: lanes.wire },
  { lane: 'content', label: lanes.content },
  { lane: 'tools', label: lanes.tools },
  { lane: 'faults', label: lanes.faults },
]

/** How a kind is drawn: many thin ticks, or few marks that each deserve a label. */
export interface MarkKindInfo {
  lane: TimelineLane
  /** The English legend name (the panel shows `labels.inspector.kinds`). */
  label: string
  /**
   * The default colour; every colour can be overridden with `--rivulet-inspector-<kind>`.
   * Inline with a variable fallback because the SVG must be readable without `styles.css`.
   */
  color: string
  /** Drawn one element per mark with its own tooltip (rare kinds), not as one shared path. */
  discrete: boolean
}

/**
 * Lane, legend label and colour of every kind, in legend order.
 *
 * @example
 * markKinds.token.lane // 'content'
 */
export const markKinds: Readonly<Record<TimelineMarkKind, MarkKindInfo>> = {
  request: { lane: 'wire', label: kinds.request, color: '#4f46e5', discrete: false },
  response: { lane: 'wire', label: kinds.response, color: '#0ea5e9', discrete: false },
  chunk: { lane: 'wire', label: kinds.chunk, color: '#64748b', discrete: false },
  'keep-alive': { lane: 'wire', label: kinds['keep-alive'], color: '#a3a3a3', discrete: false },
  retry: { lane: 'wire', label: kinds.retry, color: '#d97706', discrete: true },
  reconnect: { lane: 'wire', label: kinds.reconnect, color: '#c026d3', discrete: true },
  start: { lane: 'content', label: kinds.start, color: '#16a34a', discrete: false },
  token: { lane: 'content', label: kinds.token, color: '#2563eb', discrete: false },
  reasoning: { lane: 'content', label: kinds.reasoning, color: '#8b5cf6', discrete: false },
  done: { lane: 'content', label: kinds.done, color: '#16a34a', discrete: false },
  tool: { lane: 'tools', label: kinds.tool, color: '#0d9488', discrete: false },
  status: { lane: 'tools', label: kinds.status, color: '#ca8a04', discrete: false },
  error: { lane: 'faults', label: kinds.error, color: '#dc2626', discrete: true },
  gap: { lane: 'faults', label: kinds.gap, color: '#ea580c', discrete: true },
  stall: { lane: 'faults', label: kinds.stall, color: '#f59e0b', discrete: true },
  stopped: { lane: 'faults', label: kinds.stopped, color: '#525252', discrete: true },
}
