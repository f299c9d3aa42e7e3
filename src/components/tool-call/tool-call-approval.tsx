import { forwardRef, useEffect, useRef, useState } from 'react'
import type { ComponentPropsWithoutRef } from 'react'
import { useLabels } from '../labels/labels-context.tsx'
import { useToolCallContext } from './tool-call-context.ts'
import { ToolCallDenyForm } from './tool-call-deny-form.tsx'

/** Props of {@link ToolCallApproval}; the rest are spread on its `<div>`. */
export interface ToolCallApprovalProps extends ComponentPropsWithoutRef<'div'> {
  /** Overrides `labels.toolCall.approve`. */
  approveLabel?: string
  /** Overrides `labels.toolCall.deny`. */
  denyLabel?: string
}

/**
 * Human in the loop on a tool call card: while the call is `approval-requested`, an Approve
 * and a Deny button (a labelled group, reachable by Tab, Approve first) that answer through
 * `ToolCall.Root`'s `onApprovalResponse`, and "Deny with reason…", which opens a field whose
 * text goes to the model as the call's outcome (Enter denies, Escape goes back to the
 * buttons); afterwards the decision ("Approved", "Denied: …").
 * The choice is announced by the card's state line; focus moves to the decision, so keyboard
 * users are not dropped at the top of the page when the buttons go away. Renders nothing for
 * calls that were never asked about.
 *
 * @example
 * <ToolCall.Root part={part} onApprovalResponse={chat.respondToApproval}>
 *   <ToolCall.Header />
 *   <ToolCall.Approval />
 * </ToolCall.Root>
 */
export const ToolCallApproval = forwardRef<HTMLDivElement, ToolCallApprovalProps>(function ToolCallApproval({ approveLabel, denyLabel, ...rest }, ref) {
  const { part, labels, onApprovalResponse } = useToolCallContext('ToolCall.Approval')
  const words = useLabels().toolCall
  const decision = useRef<HTMLParagraphElement>(null)
  const answered = useRef(false)
  const reasonButton = useRef<HTMLButtonElement>(null)
  const [asking, setAsking] = useState(false)
  const name = part.name || words.unnamed

  useEffect(() => {
    if (answered.current && part.approval !== undefined) decision.current?.focus()
  }, [part.approval])

  if (part.state === 'approval-requested') {
    const respond = (approved: boolean, reason?: string) => {
      answered.current = true
      onApprovalResponse?.(reason === undefined ? { toolCallId: part.id, approved } : { toolCallId: part.id, approved, reason })
    }
    const cantAnswer = onApprovalResponse === undefined
    return (
      <div role="group" aria-label={words.approvalPrompt(name)} data-rivulet="tool-call-approval" data-state="requested" {...rest} ref={ref}>
        <button type="button" data-rivulet="tool-call-approve" disabled={cantAnswer} onClick={() => respond(true)}>
          {approveLabel ?? words.approve}
        </button>
        <button type="button" data-rivulet="tool-call-deny" disabled={cantAnswer} onClick={() => respond(false)}>
          {denyLabel ?? words.deny}
        </button>
        {asking ? (
          <ToolCallDenyForm
            onDeny={(reason) => respond(false, reason)}
            onCancel={() => {
              setAsking(false)
              // Back where the user came from, not to the top of the page.
              queueMicrotask(() => reasonButton.current?.focus())
            }}
          />
        ) : (
          <button type="button" ref={reasonButton} data-rivulet="tool-call-deny-with-reason" disabled={cantAnswer} onClick={() => setAsking(true)}>
            {words.denyWithReason}
          </button>
        )}
      </div>
    )
  }
  if (part.approval === undefined) return null
  const { approved, reason } = part.approval
  return (
    <div data-rivulet="tool-call-approval" data-state={approved ? 'approved' : 'denied'} {...rest} ref={ref}>
      <p ref={decision} tabIndex={-1} data-rivulet="tool-call-decision">
        {approved ? labels['approval-responded'] : reason ? words.deniedBecause(reason) : labels['output-denied']}
      </p>
    </div>
  )
})
