import { forwardRef, memo, useEffect, useId, useMemo, type ComponentPropsWithoutRef, type ErrorInfo, type ReactNode } from 'react'
import type { ChatMessage, MessagePart } from '../../core/state.ts'
import type { ToolApprovalResponse, ToolOutcome } from '../../core/tool-actions.ts'
import { ToolPart } from '../parts/tool-part.tsx'
import { registeredRenderer, type ToolUIs } from '../parts/tool-ui.ts'
import { DataPartView, type DataRenderers } from '../parts/data-part.tsx'
import { CitationScopeContext, collectSources, type CitationScope } from '../parts/citation-scope.ts'
import { LazyCitedMarkdown } from '../lazy/lazy-markdown.tsx'
import { useStableArray } from '../parts/use-stable-array.ts'
import { Reasoning } from '../reasoning/reasoning.tsx'
import { LazyErrorNotice, LazyFilePartView, LazySourceList } from '../lazy/lazy-message-parts.tsx'
import { preloadMessageExtrasAtIdle } from '../lazy/message-extras-chunk.ts'
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
  /** Components for `data` parts by name (`{ weather: WeatherCard }`); data without one is not shown. */
  dataRenderers?: DataRenderers
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
 * One message, its parts in arrival order: text as streaming markdown (user text stays plain)
 * with citation markers, reasoning, tool calls (or the app's `tools` components), data parts
 * through `dataRenderers`, status lines, files (images, download chips), a separator between
 * the steps of an agent turn, and an inline error where the stream broke; then the numbered
 * Sources list. Every tool and data part is memoised and has its own error boundary.
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
  dataRenderers,
  onRenderError,
  allowedImageOrigins,
  linkTarget,
  renderPart,
  footer,
  ...rest
}, ref) {
  const { parts } = message
  // The parts only some messages show come in a chunk loaded once the page has painted.
  useEffect(preloadMessageExtrasAtIdle, [])
  // Sources never interrupt the text: the streaming part is the last one that is not a source.
  let lastIndex = parts.length - 1
  while (lastIndex >= 0 && parts[lastIndex]!.type === 'source') lastIndex--
  const sources = useStableArray(collectSources(parts))
  const idPrefix = `${useId()}source-`
  const scope = useMemo<CitationScope | undefined>(() => (sources.length === 0 ? undefined : { idPrefix, sources }), [idPrefix, sources])
  const numbers = useMemo(() => new Map(sources.map((source, index) => [source.id, index + 1])), [sources])
  // A step marker before any content (a stream that opens with one) separates nothing.
  const firstContent = parts.findIndex((part) => part.type !== 'step-start')
  // Tool and data parts that did not change keep their element: a token creates none for them
  // (20 tool cards are 20 elements per token otherwise) and React skips them on identity alone.
  const kept = useMemo(
    () => new WeakMap<MessagePart, { index: number; element: ReactNode }>(),
    [streaming, tools, dataRenderers, onApprovalResponse, onToolResult, onRenderError, message.metadata],
  )
  const keep = (part: MessagePart, index: number, make: () => ReactNode): ReactNode => {
    const known = kept.get(part)
    if (known !== undefined && known.index === index) return known.element
    const element = make()
    kept.set(part, { index, element })
    return element
  }
  return (
    <div
      data-rivulet="message"
      data-role={message.role}
      data-streaming={streaming ? '' : undefined}
      aria-busy={streaming || undefined}
      {...rest}
      ref={ref}
    >
      {/* Always there, so the first source does not remount every part. */}
      <CitationScopeContext.Provider value={scope}>
      {parts.map((part, index) => {
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
              <LazyCitedMarkdown
                key={index}
                part={part}
                numbers={numbers}
                streaming={live}
                allowedImageOrigins={allowedImageOrigins}
                linkTarget={linkTarget}
              />
            )
          case 'reasoning':
            return <Reasoning key={index} part={part} />
          case 'tool-call':
            // A call with its input in a message no longer streaming is waiting for the app.
            return keep(part, index, () => (
              <ToolPart
                key={part.id}
                part={part}
                render={registeredRenderer(tools, part.name)?.render}
                waiting={!streaming}
                onApprovalResponse={onApprovalResponse}
                onToolResult={onToolResult}
                metadata={message.metadata}
                onRenderError={onRenderError}
              />
            ))
          case 'data':
            return keep(part, index, () => {
              const render = registeredRenderer(dataRenderers, part.name)
              // Unregistered data is the app's business, not the reader's: nothing shows.
              return render === undefined ? null : (
                <DataPartView key={part.id === undefined ? index : `${part.name}:${part.id}`} part={part} render={render} metadata={message.metadata} onRenderError={onRenderError} />
              )
            })
          case 'source':
            // Listed under the answer, numbered, where the citation markers point.
            return null
          case 'status':
            return <StatusLine key={index} part={part} active={live} />
          case 'error':
            return <LazyErrorNotice key={index} error={part} onRetry={onRetry} onContinue={part.resumable ? onContinue : undefined} />
          case 'file':
            return <LazyFilePartView key={index} part={part} allowedImageOrigins={allowedImageOrigins} />
          case 'step-start':
            return firstContent !== -1 && index > firstContent ? <StepSeparator key={index} /> : null
        }
      })}
      </CitationScopeContext.Provider>
      {sources.length > 0 ? <LazySourceList sources={sources} idPrefix={idPrefix} linkTarget={linkTarget} /> : null}
      {footer}
    </div>
  )
}))
