import type { ReasoningPart } from '../../core/state.ts'
import { formatDuration } from '../labels/format.ts'
import { defaultLabels, type RivuletLabels } from '../labels/labels.ts'

/**
 * The header of a reasoning block: "Thinking…" while it streams, then how long it took,
 * rounded to whole seconds and never below one ("Thought for 1 second" for a quick
 * thought, minutes past a minute). Without both timestamps (a restored chat, a reducer run
 * without a clock) it says "Thought for a few seconds" rather than guessing. Words come from
 * `labels.reasoning`, the duration is spelled by `Intl` in `labels.locale`.
 *
 * @example
 * reasoningLabel({ done: false })                              // 'Thinking…'
 * reasoningLabel({ done: true, startedAt: 0, endedAt: 4_200 }) // 'Thought for 4 seconds'
 * reasoningLabel({ done: true })                               // 'Thought for a few seconds'
 */
export function reasoningLabel(part: Pick<ReasoningPart, 'done' | 'startedAt' | 'endedAt'>, labels: RivuletLabels = defaultLabels): string {
  const words = labels.reasoning
  if (!part.done) return words.thinking
  const { startedAt, endedAt } = part
  const ms = startedAt === undefined || endedAt === undefined ? Number.NaN : endedAt - startedAt
  // A clock that went backwards is as unknown as a missing one.
  if (!Number.isFinite(ms) || ms < 0) return words.thoughtBriefly
  return words.thoughtFor(formatDuration(ms, labels.locale))
}
