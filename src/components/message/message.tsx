import { forwardRef, memo, type ComponentPropsWithoutRef, type ErrorInfo, type ReactNode } from 'react'
import type { ChatMessage, MessagePart } from '../../core/state.ts'
import type { ToolApprovalResponse, ToolOutcome } from '../../core/tool-actions.ts'
import { ToolPart } from '../parts/tool-part.tsx'
import { registeredRenderer, type ToolUIs } from '../parts/tool-ui.ts'
import { StreamingMarkdown } from '../markdown/streaming-markdown.tsx'
import { Reasoning } from '../reasoning/reasoning.tsx'
import { FilePartView } from '../files/file-part-view.tsx'
import { ErrorNotice } from '../status/error-notice.tsx'
import { StatusLine } from '../status/status-line.tsx'
import { StepSeparator } from './step-separator.tsx'

export interface MessageProps extends Omit<ComponentPropsWithoutRef<'div'>, 'children'> {
  message: ChatMessage
  /** This message is the one receiving the stream right now. */
  streaming?: boolean
  /** Offered on an inline error. */
  onRetry?: () => void
  /** Offered on an inline error when the stream can be resumed. */
  onContinue?: () => void
  /** Answers tool approval requests (Approve/Deny on the cards): `chat.respondToApproval`. */
  onApprovalResponse?: (response: ToolApprovalResponse) => unknown
  /** Gives a tool call its outcome from a tool's own component (`addToolResult`): `chat.addToolResult`. */
  onToolResult?: (outcome: ToolOutcome) => unknown
  /**
   * Tools by name; those with `render` show the app's component instead of the tool call card
   * (`{ get_weather: { render: WeatherCard } }`). Others fall back to `ToolCallCard`.
   */
  tools?: ToolUIs
  /** Told when a part's own component throws (the part shows that it failed; the rest renders on). */
  onRenderError?: (error: unknown, part: MessagePart, info: ErrorInfo) => void
  /** Origins images may load from; everything else shows a placeholder. @default none */
  allowedImageOrigins?: readonly string[]
  /** `target` for links. @default '_blank' */
  linkTarget?: string
  /** Render a part yourself; return `undefined` to keep the default rendering. */
  renderPart?: (part: MessagePart, index: number, message: ChatMessage) => ReactNode | undefined
  /** Shown after the parts, inside the message (its actions and branch picker); keep it stable, the message is memoised. */
  footer?: ReactNode
}

/**
 * One message, its parts in arrival order: text as streaming markdown (user text stays plain),
 * reasoning, tool calls, status lines, files (images, download chips), a separator between the
 * steps of an agent turn, and an inline error where the stream broke.
 * Memoized: a finished message keeps its identity in the store, so it never re-renders while
 * the next one streams.
 *
 * @example
 * <Message message={message} streaming={isLast && isStreaming} onRetry={retry} />
 */
export const Message = memo(forwardRef<HTMLDivElement, MessageProps>(function Message({
  message,
  streaming = false,
  onRetry,
  onContinue,
  onApprovalResponse,
  onToolResult,
  tools,
  onRenderError,
  allowedImageOrigins,
  linkTarget,
  renderPart,
  footer,
  ...rest
}, ref) {
  const lastIndex = message.parts.length - 1
  // A step marker before any content (a stream that opens with one) separates nothing.
  const firstContent = message.parts.findIndex((part) => part.type !== 'step-start')
  return (
    <div
      data-rivulet="message"
      data-role={message.role}
      data-streaming={streaming ? '' : undefined}
      aria-busy={streaming || undefined}
      {...rest}
      ref={ref}
    >
      {message.parts.map((part, index) => {
        const custom = renderPart?.(part, index, message)
        if (custom !== undefined) return custom
        const live = streaming && index === lastIndex
        switch (part.type) {
          case 'text':
            return message.role === 'user' ? (
              <div key={index} data-rivulet="user-text">
                {part.text}
              </div>
            ) : (
              <StreamingMarkdown key={index} streaming={live} allowedImageOrigins={allowedImageOrigins} linkTarget={linkTarget}>
                {part.text}
              </StreamingMarkdown>
            )
          case 'reasoning':
            return <Reasoning key={index} part={part} />
          case 'tool-call':
            // A call with its input in a message no longer streaming is waiting for the app.
            return (
              <ToolPart
                key={part.id}
                part={part}
                render={registeredRenderer(tools, part.name)?.render}
                waiting={!streaming}
                onApprovalResponse={onApprovalResponse}
                onToolResult={onToolResult}
                onRenderError={onRenderError}
              />
            )
          case 'status':
            return <StatusLine key={index} part={part} active={live} />
          case 'error':
            return <ErrorNotice key={index} error={part} onRetry={onRetry} onContinue={part.resumable ? onContinue : undefined} />
          case 'file':
            return <FilePartView key={index} part={part} allowedImageOrigins={allowedImageOrigins} />
          case 'step-start':
            return firstContent !== -1 && index > firstContent ? <StepSeparator key={index} /> : null
        }
      })}
      {footer}
    </div>
  )
}))
