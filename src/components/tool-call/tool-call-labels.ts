import type { ToolCallState } from '../../core/state.ts'

/** The human label for each tool call state; pass your own to `ToolCall.Root` to translate. */
export type ToolCallLabels = Record<ToolCallState, string>

/**
 * English labels for the tool call lifecycle.
 *
 * @example
 * defaultToolCallLabels['input-available'] // 'Running…'
 */
export const defaultToolCallLabels: ToolCallLabels = {
  'input-streaming': 'Preparing arguments…',
  'input-available': 'Running…',
  'approval-requested': 'Needs your approval',
  'approval-responded': 'Approved',
  'output-available': 'Done',
  'output-error': 'Failed',
  'output-denied': 'Denied',
}

/**
 * Whether a tool card with no explicit open state shows its details. Open while the call
 * is being prepared or runs (the arguments growing are the only sign of progress), folded
 * once it succeeded (the answer text that follows matters more), open when it failed (the
 * reader needs the error to decide whether to retry).
 *
 * @example
 * isToolCallOpenByDefault('output-available') // false
 * isToolCallOpenByDefault('output-error')     // true
 */
export function isToolCallOpenByDefault(state: ToolCallState): boolean {
  return state !== 'output-available'
}
