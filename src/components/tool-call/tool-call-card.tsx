import { forwardRef } from 'react'
import { ToolCallBody } from './tool-call-body.tsx'
import { ToolCallHeader } from './tool-call-header.tsx'
import { ToolCallRoot } from './tool-call-root.tsx'
import type { ToolCallRootProps } from './tool-call-root.tsx'

/** Props of {@link ToolCallCard}: those of `ToolCall.Root`, without children. */
export type ToolCallCardProps = Omit<ToolCallRootProps, 'children'>

/**
 * A complete tool call card: header toggle with icon, name, state badge and chevron,
 * Approve/Deny while approval is requested (with `onApprovalResponse`) and the decision after,
 * then the labelled "Arguments" and "Result" sections (result or error) in a collapsible
 * region. Open while the call runs, folded when it
 * succeeded, open when it failed, unless `open` or `defaultOpen` say otherwise.
 *
 * @example
 * {message.parts.map((part) => (part.type === 'tool-call' ? <ToolCallCard key={part.id} part={part} /> : null))}
 */
export const ToolCallCard = forwardRef<HTMLDivElement, ToolCallCardProps>(function ToolCallCard(props, ref) {
  return (
    <ToolCallRoot {...props} ref={ref}>
      <ToolCallHeader />
      <ToolCallBody />
    </ToolCallRoot>
  )
})
