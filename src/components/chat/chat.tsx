import { forwardRef } from 'react'
'use client'
import type { ComponentPropsWithoutRef, ReactNode } from 'react'
import type { ChatClient } from '../../core/chat-client.ts'
import type { ChatTransport } from '../../core/transports/transport.ts'
import type { StreamFormat } from '../../protocol/decoders/stream-format.ts'
import { useChat, type UseChatOptions } from '../../react/use-chat.ts'
import { Composer } from '../composer/composer.tsx'
import { LabelsProvider } from '../labels/labels-context.tsx'
import type { LabelOverrides } from '../labels/labels.ts'
import { Message, type MessageProps } from '../message/message.tsx'
import { MessageList } from '../scroll/message-list.tsx'
import { TypingIndicator } from '../status/typing-indicator.tsx'

export interface ChatProps extends Omit<ComponentPropsWithoutRef<'div'>, 'onError'> {
  /** The chat endpoint (POST, any supported stream format). */
  api?: string
  transport?: ChatTransport
  format?: StreamFormat | 'auto'
  /** An existing client, e.g. shared with other components through `ChatProvider`. */
  chat?: ChatClient
  /** Every other `useChat` option (headers, body, timeouts, callbacks…). */
  options?: UseChatOptions
  /** The composer's placeholder; defaults to `labels.composer.placeholder`. */
  placeholder?: string
  /**
   * Every visible word of the chat (English by default); what you leave out stays as the
   * surrounding `LabelsProvider` or English has it. Pass a stable object.
   */
  labels?: LabelOverrides
  allowedImageOrigins?: MessageProps['allowedImageOrigins']
  linkTarget?: MessageProps['linkTarget']
  renderPart?: MessageProps['renderPart']
  /** Sets `data-theme`; `system` follows `prefers-color-scheme`. @default inherited from the page */
  theme?: 'light' | 'dark' | 'system'
  /** Shown while there are no messages. */
  emptyState?: ReactNode
}

/**
 * The assembled chat: message list with auto-scroll, markdown, code, tool calls, reasoning,
 * inline errors with Retry/Continue, and a composer — built only from Rivulet's public parts,
 * so you can rebuild it your way. Style it with `rivulet-ui/styles.css`.
 *
 * @example
 * import 'rivulet-ui/styles.css'
 * <Chat api="/api/chat" />
 */
export const Chat = forwardRef<HTMLDivElement, ChatProps>(function Chat({
  api,
  transport,
  format,
  chat,
  options,
  placeholder,
  labels,
  allowedImageOrigins,
  linkTarget,
  renderPart,
  theme,
  emptyState,
  ...rest
}, ref) {
  const { messages, status, isStreaming, send, stop, retry, continueStream, respondToApproval } = useChat({
    ...options,
    ...(api !== undefined && { api }),
    ...(transport !== undefined && { transport }),
    ...(format !== undefined && { format }),
    ...(chat !== undefined && { chat }),
  })
  const last = messages.at(-1)
  const waiting = isStreaming && (last?.role !== 'assistant' || last.parts.length === 0)

  return (
    <LabelsProvider labels={labels}>
      <div data-rivulet="chat" data-theme={theme} data-state={status} {...rest} ref={ref}>
        <MessageList aria-busy={isStreaming}>
          {messages.length === 0 && emptyState ? <div data-rivulet="empty-state">{emptyState}</div> : null}
          {messages.map((message) => (
            <Message
              key={message.id}
              message={message}
              streaming={isStreaming && message === last}
              onRetry={retry}
              onContinue={continueStream}
              onApprovalResponse={respondToApproval}
              allowedImageOrigins={allowedImageOrigins}
              linkTarget={linkTarget}
              renderPart={renderPart}
            />
          ))}
          {waiting ? <TypingIndicator /> : null}
        </MessageList>
        <Composer status={status} onSend={send} onStop={stop} placeholder={placeholder} />
      </div>
    </LabelsProvider>
  )
})
