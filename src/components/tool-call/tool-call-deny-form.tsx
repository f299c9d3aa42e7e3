import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react'
import { useLabels } from '../labels/labels-context.tsx'

/** Props of {@link ToolCallDenyForm}. */
export interface ToolCallDenyFormProps {
  /** Denies with the trimmed reason (undefined when left empty). */
  onDeny: (reason: string | undefined) => void
  /** Closes the form without answering (Cancel or Escape). */
  onCancel: () => void
}

/**
 * The "deny with a reason" form of an approval card: one text field (focused when it opens)
 * whose text goes to the model as the call's outcome, a Deny button (Enter does the same) and
 * Cancel (Escape). The reason is optional: an empty one denies without a reason.
 *
 * @example
 * <ToolCallDenyForm onDeny={(reason) => respond(false, reason)} onCancel={() => setAsking(false)} />
 */
export function ToolCallDenyForm({ onDeny, onCancel }: ToolCallDenyFormProps) {
  const words = useLabels().toolCall
  const [reason, setReason] = useState('')
  const input = useRef<HTMLInputElement>(null)
  useEffect(() => input.current?.focus(), [])

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Escape') return
    event.preventDefault()
    onCancel()
  }
  return (
    <form
      data-rivulet="tool-call-deny-form"
      onSubmit={(event: FormEvent<HTMLFormElement>) => {
        event.preventDefault()
        onDeny(reason.trim() || undefined)
      }}
    >
      <input
        ref={input}
        type="text"
        data-rivulet="tool-call-deny-reason"
        aria-label={words.denyReason}
        placeholder={words.denyReasonPlaceholder}
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <button type="submit" data-rivulet="tool-call-deny-submit">
        {words.deny}
      </button>
      <button type="button" data-rivulet="tool-call-deny-cancel" onClick={onCancel}>
        {words.cancel}
      </button>
    </form>
  )
}
