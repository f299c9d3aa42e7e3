import { forwardRef, useId, useMemo } from 'react'
import type { ComponentPropsWithoutRef } from 'react'
import type { ToolCallPart } from '../../core/state.ts'
import type { ToolApprovalResponse } from '../../core/tool-actions.ts'
import { ToolCallContext } from './tool-call-context.ts'
import type { ToolCallContextValue } from './tool-call-context.ts'
import { defaultToolCallLabels, isToolCallOpenByDefault } from './tool-call-labels.ts'
import type { ToolCallLabels } from './tool-call-labels.ts'
import { useDisclosure } from '../shared/use-disclosure.ts'
import { useLabels } from '../labels/labels-context.tsx'

/** Props of {@link ToolCallRoot}; the rest are spread on the root `<div>`. */
export interface ToolCallRootProps extends Omit<ComponentPropsWithoutRef<'div'>, 'part'> {
  /** The tool call as the chat state holds it. */
  part: ToolCallPart
  /** Controlled open state of the details. */
  open?: boolean
  /**
   * Uncontrolled initial open state. Left out, the card follows the call: open while it
   * is prepared and runs, folded when it succeeds, open when it fails, until the user
   * toggles it; from then on the user's choice stays.
   */
  defaultOpen?: boolean
  onOpenChange?: (open: boolean) => void
  /** State labels, to translate "Preparing arguments…", "Running…", "Done", "Failed". */
  labels?: Partial<ToolCallLabels>
  /**
   * The call has its input but nobody runs it (the turn is over): it waits for the app's
   * `addToolResult`. Shown as "Waiting for result" instead of "Running…", with `data-waiting`.
   */
  waiting?: boolean
  /** Answers an approval request: wire it to `respondToApproval` to get Approve/Deny buttons. */
  onApprovalResponse?: (response: ToolApprovalResponse) => void
}

/**
 * The context provider and outer element of a tool call card. `data-state` is the call's
 * lifecycle state (`input-streaming`, `input-available`, `output-available`,
 * `output-error`); `data-open` is present while the details show.
 *
 * @example
 * <ToolCall.Root part={part}>
 *   <ToolCall.Header />
 *   <ToolCall.Content>
 *     <ToolCall.Args />
 *     <ToolCall.Result />
 *   </ToolCall.Content>
 * </ToolCall.Root>
 */
export const ToolCallRoot = forwardRef<HTMLDivElement, ToolCallRootProps>(function ToolCallRoot({ part, open, defaultOpen, onOpenChange, labels, waiting = false, onApprovalResponse, children, ...rest }, ref) {
  const disclosure = useDisclosure({ open, defaultOpen, onOpenChange, autoOpen: isToolCallOpenByDefault(part.state) })
  const id = useId()
  const inherited = useLabels().toolCall.states
  const merged = useMemo(() => ({ ...defaultToolCallLabels, ...inherited, ...labels }), [inherited, labels])
  const { open: isOpen, setOpen, toggle } = disclosure
  const isWaiting = waiting && part.state === 'input-available'
  const context = useMemo<ToolCallContextValue>(
    () => ({ part, labels: merged, open: isOpen, setOpen, toggle, contentId: `${id}content`, stateId: `${id}state`, waiting: isWaiting, onApprovalResponse }),
    [part, merged, isOpen, setOpen, toggle, id, isWaiting, onApprovalResponse],
  )

  return (
    <div
      data-rivulet="tool-call"
      data-state={part.state}
      data-open={isOpen ? '' : undefined}
      data-waiting={isWaiting ? '' : undefined}
      data-tool-name={part.name || undefined}
      {...rest}
      ref={ref}
    >
      <ToolCallContext.Provider value={context}>{children}</ToolCallContext.Provider>
    </div>
  )
})
