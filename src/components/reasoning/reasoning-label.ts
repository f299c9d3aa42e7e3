import type { ReasoningPart } from '../../core/state.ts'

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`

/**
 * The header of a reasoning block: "Thinking…" while it streams, then how long it took,
 * rounded to whole seconds and never below one ("Thought for 1 second" for a quick
 * thought, minutes past a minute). Without both timestamps (a restored chat, a reducer run
 * without a clock) it says "Thought for a few seconds" rather than guessing.
 *
 * @example
 * reasoningLabel({ done: false })                              // 'Thinking…'
 * reasoningLabel({ done: true, startedAt: 0, endedAt: 4_200 }) // 'Thought for 4 seconds'
 * reasoningLabel({ done: true })                               // 'Thought for a few seconds'
 */
export function reasoningLabel(part: Pick<ReasoningPart, 'done' | 'startedAt' | 'endedAt'>): string {
  if (!part.done) return 'Thinking…'
  const { startedAt, endedAt } = part
  const ms = startedAt === undefined || endedAt === undefined ? Number.NaN : endedAt - startedAt
  // A clock that went backwards is as unknown as a missing one.
  if (!Number.isFinite(ms) || ms < 0) return 'Thought for a few seconds'

  const seconds = Math.max(1, Math.round(ms / 1000))
  if (seconds < 60) return `Thought for ${plural(seconds, 'second')}`
  const minutes = Math.floor(seconds / 60)
  const rest = seconds % 60
  return `Thought for ${plural(minutes, 'minute')}${rest === 0 ? '' : ` ${plural(rest, 'second')}`}`
}
