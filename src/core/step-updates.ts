import { appendPart, closeOpenReasoning } from './message-updates.ts'
import type { MessagePart } from './state.ts'

/**
 * Index of the last `step-start` marker, or -1 when the message has none.
 *
 * @example
 * lastStepStart([{ type: 'step-start' }, { type: 'text', text: 'Hi' }]) // 0
 */
export function lastStepStart(parts: readonly MessagePart[]): number {
  for (let i = parts.length - 1; i >= 0; i--) if (parts[i]?.type === 'step-start') return i
  return -1
}

/**
 * `step_start`: appends a step marker. A marker right after another one (an empty step) is
 * not repeated, so a client that opened a step itself and a server that announces it agree.
 *
 * @example
 * startStep([{ type: 'text', text: 'Hi' }], 0) // [..., { type: 'step-start' }]
 */
export function startStep(parts: MessagePart[], now: number | undefined): MessagePart[] {
  if (parts.at(-1)?.type === 'step-start') return parts
  return appendPart(parts, { type: 'step-start' }, now)
}

/** `step_finish`: the step's reasoning is over; everything else stays as it is. */
export function finishStep(parts: MessagePart[], now: number | undefined): MessagePart[] {
  return closeOpenReasoning(parts, now)
}

/**
 * `step_reset`: the server is redoing the current step, so what it produced is retracted:
 * every part after the last `step-start` marker goes (the marker stays, the retry fills it).
 * Without a marker the whole message is the step. Earlier steps are never touched.
 *
 * @example
 * resetStep([{ type: 'step-start' }, { type: 'text', text: 'Draft' }]) // [{ type: 'step-start' }]
 */
export function resetStep(parts: MessagePart[]): MessagePart[] {
  const start = lastStepStart(parts)
  if (start === parts.length - 1) return parts
  return parts.slice(0, start + 1)
}
