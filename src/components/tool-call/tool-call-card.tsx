import { forwardRef } from 'react'
import { ToolCallApproval } from './tool-call-approval.tsx'
import { ToolCallArgs } from './tool-call-args.tsx'
import { ToolCallContent } from './tool-call-content.tsx'
import { ToolCallHeader } from './tool-call-header.tsx'
import { ToolCallResult } from './tool-call-result.tsx'
import { ToolCallRoot } from './tool-call-root.tsx'
import type { ToolCallRootProps } from './tool-call-root.tsx'

/** Props of {@link ToolCallCard}: those of `ToolCall.Root`, without children. */
export type ToolCallCardProps = Omit<ToolCallRootProps, 'children'>

/**
 * A complete tool call card: header toggle with name and state, Approve/Deny while approval
 * is requested (with `onApprovalResponse`) and the decision after, then the arguments and the
 * result or error in a collapsible region. Open while the call runs, folded when it
 * succeeded, open when it failed, unless `open` or `defaultOpen` say otherwise.
 *
 * @example
 * {message.parts.map((part) => (part.type === 'tool-call' ? <ToolCallCard key={part.id} part={part} /> : null))}
 */
export const ToolCallCard = forwardRef<HTMLDivElement, ToolCallCardProps>(function ToolCallCard(props, ref) {
  return (
    <ToolCallRoot {...props} ref={ref}>
      <ToolCallHeader />
      <ToolCallApproval />
      <ToolCallContent>
        <ToolCallArgs />
        <ToolCallResult />
      </ToolCallContent>
    </ToolCallRoot>
  )
})
