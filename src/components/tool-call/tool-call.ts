import { ToolCallApproval } from './tool-call-approval.tsx'
import { ToolCallArgs } from './tool-call-args.tsx'
import { ToolCallContent } from './tool-call-content.tsx'
import { ToolCallHeader } from './tool-call-header.tsx'
import { ToolCallResult } from './tool-call-result.tsx'
import { ToolCallRoot } from './tool-call-root.tsx'

/**
 * The parts of a tool call card, to assemble your own layout; `ToolCallCard` is the
 * ready-made assembly.
 *
 * @example
 * <ToolCall.Root part={part} defaultOpen={false}>
 *   <ToolCall.Header />
 *   <ToolCall.Content>
 *     <ToolCall.Args />
 *     <ToolCall.Result />
 *   </ToolCall.Content>
 * </ToolCall.Root>
 */
export const ToolCall = {
  Root: ToolCallRoot,
  Header: ToolCallHeader,
  Approval: ToolCallApproval,
  Content: ToolCallContent,
  Args: ToolCallArgs,
  Result: ToolCallResult,
} as const
