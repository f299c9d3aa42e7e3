import { forwardRef } from 'react'
import { useLabels } from '../labels/labels-context.tsx'
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
  const labels = useLabels().toolCall
  const hasResult = props.part.state === 'output-available' || props.part.state === 'output-error'
  return (
    <ToolCallRoot {...props} ref={ref}>
      <ToolCallHeader />
      <ToolCallApproval />
      <ToolCallContent>
        {props.part.argsText !== '' ? (
          <div data-rivulet="tool-call-section" data-section="arguments" role="group" aria-label={labels.arguments}>
            <div data-rivulet="tool-call-section-label" aria-hidden="true">
              {labels.arguments}
            </div>
            <ToolCallArgs />
          </div>
        ) : null}
        {hasResult ? (
          <div data-rivulet="tool-call-section" data-section="result" role="group" aria-label={labels.result}>
            <div data-rivulet="tool-call-section-label" aria-hidden="true">
              {labels.result}
            </div>
            <ToolCallResult />
          </div>
        ) : null}
      </ToolCallContent>
    </ToolCallRoot>
  )
})
