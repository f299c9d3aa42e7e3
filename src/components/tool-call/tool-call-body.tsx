import type { ReactNode } from 'react'
import { useLabels } from '../labels/labels-context.tsx'
import { useToolCallContext } from './tool-call-context.ts'
import { ToolCallApproval } from './tool-call-approval.tsx'
import { ToolCallArgs } from './tool-call-args.tsx'
import { ToolCallContent } from './tool-call-content.tsx'
import { ToolCallResult } from './tool-call-result.tsx'

/**
 * Everything of a tool call card below its header: Approve/Deny (or the decision) and the
 * collapsible region with the labelled "Arguments" and "Result" sections. Reads the call from
 * the surrounding `ToolCall.Root`. A chunk of its own in `<Chat>` (the header is all a folded
 * card shows), so the page's first download does not carry it.
 *
 * @example
 * <ToolCallRoot part={part}><ToolCallHeader /><ToolCallBody /></ToolCallRoot>
 */
export function ToolCallBody() {
  const labels = useLabels().toolCall
  const { part } = useToolCallContext('ToolCallBody')
  const hasResult = part.state === 'output-available' || part.state === 'output-error'
  return (
    <>
      <ToolCallApproval />
      <ToolCallContent>
        {part.argsText !== '' ? (
          <BodySection section="arguments" label={labels.arguments}>
            <ToolCallArgs />
          </BodySection>
        ) : null}
        {hasResult ? (
          <BodySection section="result" label={labels.result}>
            <ToolCallResult />
          </BodySection>
        ) : null}
      </ToolCallContent>
    </>
  )
}

/** One labelled region of the body; the visible label is hidden from assistive technology, which reads the group's name. */
function BodySection({ section, label, children }: { section: 'arguments' | 'result'; label: string; children: ReactNode }) {
  return (
    <div data-rivulet="tool-call-section" data-section={section} role="group" aria-label={label}>
      <div data-rivulet="tool-call-section-label" aria-hidden="true">
        {label}
      </div>
      {children}
    </div>
  )
}
