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

/**
 * Lanes in display order with their labels.
 *
 * @example
 * for (const { lane, label } of timelineLanes) console.log(lane, label)
 */
export const timelineLanes: ReadonlyArray<{ lane: TimelineLane; label: string }> = [
  { lane: 'wire', label: 'Wire' },
  { lane: 'content', label: 'Content' },
  { lane: 'tools', label: 'Tools' },
  { lane: 'faults', label: 'Faults' },
]

/** How a kind is drawn: many thin ticks, or few marks that each deserve a label. */
export interface MarkKindInfo {
  lane: TimelineLane
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
  request: { lane: 'wire', label: 'Request', color: '#4f46e5', discrete: false },
  response: { lane: 'wire', label: 'Response', color: '#0ea5e9', discrete: false },
  chunk: { lane: 'wire', label: 'Chunk', color: '#64748b', discrete: false },
  'keep-alive': { lane: 'wire', label: 'Keep-alive', color: '#a3a3a3', discrete: false },
  retry: { lane: 'wire', label: 'Retry', color: '#d97706', discrete: true },
  reconnect: { lane: 'wire', label: 'Reconnect', color: '#c026d3', discrete: true },
  start: { lane: 'content', label: 'Start', color: '#16a34a', discrete: false },
  token: { lane: 'content', label: 'Token', color: '#2563eb', discrete: false },
  reasoning: { lane: 'content', label: 'Reasoning', color: '#8b5cf6', discrete: false },
  done: { lane: 'content', label: 'Done', color: '#16a34a', discrete: false },
  tool: { lane: 'tools', label: 'Tool event', color: '#0d9488', discrete: false },
  status: { lane: 'tools', label: 'Status', color: '#ca8a04', discrete: false },
  error: { lane: 'faults', label: 'Error', color: '#dc2626', discrete: true },
  gap: { lane: 'faults', label: 'Seq gap', color: '#ea580c', discrete: true },
  stall: { lane: 'faults', label: 'Stall', color: '#f59e0b', discrete: true },
  stopped: { lane: 'faults', label: 'Stopped', color: '#525252', discrete: true },
}
