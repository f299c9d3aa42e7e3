import { createContext, useContext } from 'react'
import type { ToolCallPart } from '../../core/state.ts'
import type { ToolApprovalResponse } from '../../core/tool-actions.ts'
import type { ToolCallLabels } from './tool-call-labels.ts'

/** What `ToolCall.Root` shares with its parts. */
export interface ToolCallContextValue {
  part: ToolCallPart
  labels: ToolCallLabels
  open: boolean
  setOpen: (open: boolean) => void
  toggle: () => void
  /** Ties the header's `aria-controls` to the content's `id`. */
  contentId: string
  /** Ties the header's `aria-describedby` to the state announcer. */
  stateId: string
  /** Nobody runs this call: it waits for the app's answer (shown as "Waiting for result"). */
  waiting: boolean
  /** Answers an approval request (`ToolCall.Approval`'s buttons). */
  onApprovalResponse: ((response: ToolApprovalResponse) => void) | undefined
}

export const ToolCallContext = createContext<ToolCallContextValue | null>(null)

/**
 * The nearest `ToolCall.Root`'s state, for custom parts placed inside it: the extension point
 * of the tool call card. `consumer` names the part in the error thrown outside a root.
 *
 * @example
 * function Elapsed() {
 *   const { part } = useToolCallContext('Elapsed')
 *   return <span>{part.state}</span>
 * }
 */
export function useToolCallContext(consumer = 'useToolCallContext'): ToolCallContextValue {
  const context = useContext(ToolCallContext)
  if (context === null) throw new Error(`<${consumer}> must be placed inside <ToolCall.Root>.`)
  return context
}
