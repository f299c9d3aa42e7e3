import { closeOpenReasoning } from './message-updates.ts'
import type { MessagePart } from './state.ts'
import { forgetTextVersion } from './text-log.ts'
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
 * Lets go of the logs of `parts`' texts (see `forgetTextVersion`): the turn ended (done,
 * stopped, or failed for good), so they stop growing, and each log would hold a second copy
 * of its text for as long as the message lives. A text grown again later (an edit of the state
 * from elsewhere) starts a new log.
 *
 * @example
 * forgetTextLogs(message.parts)
 */
export function forgetTextLogs(parts: readonly MessagePart[]): void {
  for (const part of parts) if (part.type === 'text') forgetTextVersion(part)
}

/**
 * Ends everything a finished or stopped turn left open, so no part keeps a spinner: open
 * reasoning is closed, tool calls still streaming their input get the input received so far,
 * generating images keep their last preview. Returns `parts` itself when nothing was open.
 * The texts' logs are let go ({@link forgetTextLogs}).
 *
 * @example
 * const parts = settleOpenParts(message.parts, Date.now())
 */
export function settleOpenParts(parts: MessagePart[], now: number | undefined): MessagePart[] {
  forgetTextLogs(parts)
  let settled = closeOpenReasoning(parts, now)
  settled.forEach((part, i) => {
    if (part.type !== 'tool-call' || part.state !== 'input-streaming') return
    if (settled === parts) settled = parts.slice()
    settled[i] = completeToolInput(part)
  })
  return endGeneratingFiles(settled)
}
