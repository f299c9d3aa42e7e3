import { closeOpenReasoning } from './message-updates.ts'
import type { MessagePart } from './state.ts'
import { completeToolInput } from './tool-call-updates.ts'

/**
 * Drops the `generating` state of images whose final version can no longer come (the turn
 * ended, was stopped or failed for good): the last preview stays, shown as an image.
 *
 * @example
 * const parts = endGeneratingFiles(message.parts)
 */
export function endGeneratingFiles(parts: MessagePart[]): MessagePart[] {
  let settled = parts
  parts.forEach((part, i) => {
    if (part.type !== 'file' || part.state !== 'generating') return
    if (settled === parts) settled = parts.slice()
    const { state: _generating, ...shown } = part
    settled[i] = shown
  })
  return settled
}

/**
 * Ends everything a finished or stopped turn left open, so no part keeps a spinner: open
 * reasoning is closed, tool calls still streaming their input get the input received so far,
 * generating images keep their last preview. Returns `parts` itself when nothing was open.
 *
 * @example
 * const parts = settleOpenParts(message.parts, Date.now())
 */
export function settleOpenParts(parts: MessagePart[], now: number | undefined): MessagePart[] {
  let settled = closeOpenReasoning(parts, now)
  settled.forEach((part, i) => {
    if (part.type !== 'tool-call' || part.state !== 'input-streaming') return
    if (settled === parts) settled = parts.slice()
    settled[i] = completeToolInput(part)
  })
  return endGeneratingFiles(settled)
}
