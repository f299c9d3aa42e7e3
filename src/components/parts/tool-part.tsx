import { memo, useMemo, type ErrorInfo } from 'react'
import type { ToolActionOutcome } from '../../core/client/agent-loop.ts'
import type { MessagePart, ToolCallPart } from '../../core/state.ts'
import type { ToolApprovalResponse, ToolOutcome } from '../../core/tool-actions.ts'
import { LazyToolCallCard } from '../lazy/lazy-message-parts.tsx'
import { PartBoundary } from './part-boundary.tsx'
import type { ToolRenderProps, ToolUI } from './tool-ui.ts'

/** Props of {@link ToolPart}: keep every one stable, the part is memoised on them. */
export interface ToolPartProps {
  part: ToolCallPart
  /** The app's component for this tool; without it the built-in card shows. */
  render?: ToolUI['render'] | undefined
  /** The turn is over: a call with its input waits for the app. */
  waiting: boolean
  metadata?: unknown
  onApprovalResponse?: ((response: ToolApprovalResponse) => unknown) | undefined
  onToolResult?: ((outcome: ToolOutcome) => unknown) | undefined
  /** Told when `render` throws. */
  onRenderError?: ((error: unknown, part: MessagePart, info: ErrorInfo) => void) | undefined
}

const NO_HANDLER = (what: string): ToolActionOutcome => ({ ok: false, problem: `Nothing handles ${what} here: pass it to <Message> (or use <Chat>).` })

/** The outcome a handler reported, if it reported one (the client's methods do). */
function asOutcome(value: unknown): ToolActionOutcome {
  return typeof value === 'object' && value !== null && typeof (value as ToolActionOutcome).ok === 'boolean' ? (value as ToolActionOutcome) : { ok: true }
}

/**
 * One tool call of a message: the app's registered component (given the partial arguments,
 * the state, the result and answers bound to this call) or the built-in `ToolCallCard`,
 * inside its own error boundary. Memoised: a token elsewhere in the message does not render
 * it again, only a change of this call does.
 *
 * @example
 * <ToolPart part={part} render={tools.get_weather?.render} waiting={false} onToolResult={chat.addToolResult} />
 */
export const ToolPart = memo(function ToolPart({ part, render: Render, waiting, metadata, onApprovalResponse, onToolResult, onRenderError }: ToolPartProps) {
  const { id } = part
  // Bound to this call once per id, so the app's component may list them as effect dependencies.
  const actions = useMemo(
    () => ({
      respondToApproval: (response: { approved: boolean; reason?: string }) =>
        onApprovalResponse ? asOutcome(onApprovalResponse({ ...response, toolCallId: id })) : NO_HANDLER('respondToApproval'),
      addToolResult: (outcome: { output: unknown } | { errorText: string }) =>
        onToolResult ? asOutcome(onToolResult({ ...outcome, toolCallId: id })) : NO_HANDLER('addToolResult'),
    }),
    [id, onApprovalResponse, onToolResult],
  )
  const isWaiting = waiting && part.state === 'input-available'
  return (
    <PartBoundary resetKey={part} name={part.name} onError={onRenderError && ((error, info) => onRenderError(error, part, info))}>
      {Render === undefined ? (
        <LazyToolCallCard part={part} waiting={waiting} onApprovalResponse={onApprovalResponse} />
      ) : (
        <div data-rivulet="tool-ui" data-tool-name={part.name || undefined} data-state={part.state} data-waiting={isWaiting ? '' : undefined}>
          <Render {...renderProps(part, isWaiting, metadata)} {...actions} />
        </div>
      )}
    </PartBoundary>
  )
})

function renderProps(part: ToolCallPart, waiting: boolean, metadata: unknown): Omit<ToolRenderProps, 'respondToApproval' | 'addToolResult'> {
  return {
    part,
    toolCallId: part.id,
    name: part.name,
    state: part.state,
    args: part.args as ToolRenderProps['args'],
    result: part.state === 'output-available' ? part.result : undefined,
    errorText: part.errorText,
    preliminary: part.preliminary === true,
    approval: part.approval,
    waiting,
    metadata,
  }
}
