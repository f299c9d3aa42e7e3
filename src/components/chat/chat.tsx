'use client'
import { forwardRef, useCallback, useEffect, useRef, useState } from 'react'
import type { ComponentPropsWithoutRef, ReactNode } from 'react'
import type { ChatClient } from '../../core/chat-client.ts'
import type { FilePart } from '../../core/state.ts'
import type { ChatTransport } from '../../core/transports/transport.ts'
import type { StreamFormat } from '../../protocol/decoders/stream-format.ts'
import { useChat, type UseChatOptions } from '../../react/use-chat.ts'
import { Composer, type ComposerProps } from '../composer/composer.tsx'
import { LabelsProvider } from '../labels/labels-context.tsx'
import type { LabelOverrides } from '../labels/labels.ts'
import type { MessageProps } from '../message/message.tsx'
import type { Feedback } from '../actions/action-bar-context.ts'
import { useLabels } from '../labels/labels-context.tsx'
import { GroupedMessages } from './grouped-messages.tsx'
import { useProgressiveHistory } from './use-progressive-history.ts'
import { createRovingTabStop } from './message-focus.ts'
import { useHoverless } from './use-hoverless.ts'
import { MessageRow, type MessageAvatars } from '../message/message-row.tsx'
import { MessageList } from '../scroll/message-list.tsx'
import { TypingIndicator } from '../status/typing-indicator.tsx'
import { hasClientBehaviour, type ToolUIs } from '../parts/tool-ui.ts'
import { preloadMessageExtrasAtIdle } from '../lazy/message-extras-chunk.ts'

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
  /**
   * Tools by the name the model calls them, one object per tool: `execute` and `needsApproval`
   * (browser tools, see `ChatTool`) and `render`, the app's own component for its calls
   * (generative UI): `tools={{ get_weather: { render: WeatherCard } }}`. Unregistered tools
   * show the tool call card. Replaces `options.tools`; with a shared `chat`, render-only tools
   * leave that client's own tools in place.
   */
  tools?: ToolUIs
  /** Components for `data` parts by name (`{ weather: WeatherCard }`); data without one is not shown. */
  dataRenderers?: MessageProps['dataRenderers']
  onRenderError?: MessageProps['onRenderError']
  /** Sets `data-theme`; `system` follows `prefers-color-scheme`. @default inherited from the page */
  theme?: 'light' | 'dark' | 'system'
  /** Shown while there are no messages. */
  emptyState?: ReactNode
  /** The action bar on each message (copy, regenerate, edit, feedback). @default true */
  actions?: boolean
  /** The reader rated a message; without it there are no feedback buttons. */
  onFeedback?: (messageId: string, value: Feedback) => void
  /**
   * Avatars and role names ("You", "Assistant" from `labels.roles`) beside each message:
   * `true` for the defaults, or your own node per role. Off by default: one reader and one
   * assistant need no names, and the answer keeps the full reading width.
   * @default false
   */
  avatars?: boolean | MessageAvatars
  /**
   * Lets the user attach files (button, paste, drop): `true`, or limits (`accept`,
   * `maxFiles`, `maxFileSize`) and `uploadFile` to send files to your storage instead of as
   * `data:` URLs. Pass a stable object. @default false
   */
  attachments?: ComposerProps['attachments']
}

const DEFAULT_AVATARS: MessageAvatars = Object.freeze({})

/** The thread's storage failed: the conversation is still here, only not saved (or not loaded). */
function ThreadNotice({ code, partial }: { code: string; partial: boolean }) {
  const words = useLabels().persistence
  const text =
    code === 'quota' ? words.storageFull : code === 'unavailable' ? words.storageUnavailable : code === 'version_too_new' ? words.tooNew : partial ? words.partlyLoaded : words.loadFailed
  return (
    <p role="alert" data-rivulet="thread-notice" data-code={code}>
      {text}
    </p>
  )
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
  tools,
  dataRenderers,
  onRenderError,
  theme,
  emptyState,
  actions = true,
  onFeedback,
  avatars,
  attachments,
  ...rest
}, ref) {
  const messageAvatars = avatars === true ? DEFAULT_AVATARS : avatars || undefined
  const clientTools = tools !== undefined && (chat === undefined || hasClientBehaviour(tools)) ? tools : options?.tools
  const { messages, status, isStreaming, send, stop, retry, continueStream, regenerate, edit, getBranches, switchBranch, threadError, threadLoading, respondToApproval, addToolResult, client } = useChat({
    ...options,
    ...(clientTools !== undefined && { tools: clientTools }),
    ...(api !== undefined && { api }),
    ...(transport !== undefined && { transport }),
    ...(format !== undefined && { format }),
    ...(chat !== undefined && { chat }),
  })
  // Tool cards, errors, the action bar… load once the page has painted, before an answer needs them.
  useEffect(preloadMessageExtrasAtIdle, [])
  const last = messages.at(-1)
  // A restored thread mounts its newest screen first and older messages in background slices.
  const history = useProgressiveHistory(messages)
  const waiting = isStreaming && (last?.role !== 'assistant' || last.parts.length === 0)
  const [editing, setEditing] = useState<string | undefined>(undefined)
  // One tab stop for the whole list of messages; arrows move it (see useMessageEngagement).
  const [tabStop] = useState(createRovingTabStop)
  const hoverless = useHoverless()
  // Stable callbacks keep every finished message memoised while another one streams.
  const feedbackRef = useRef(onFeedback)
  feedbackRef.current = onFeedback
  const giveFeedback = useCallback((id: string, value: Feedback) => feedbackRef.current?.(id, value), [])
  const renderErrorRef = useRef(onRenderError)
  renderErrorRef.current = onRenderError
  const reportRenderError = useCallback<NonNullable<ChatProps['onRenderError']>>((...args) => renderErrorRef.current?.(...args), [])
  const onSwitchBranch = useCallback((id: string, index: number) => void switchBranch(id, index), [switchBranch])
  // Regenerate and a saved edit replace the message focus is in: the next one to arrive takes it.
  const handOverFocus = useCallback(() => {
    if (document.activeElement?.closest('[data-rivulet="message"]')) tabStop.handOver()
  }, [tabStop])
  const onRegenerate = useCallback(
    (id: string) => {
      handOverFocus()
      void regenerate(id)
    },
    [handOverFocus, regenerate],
  )
  const onCancelEdit = useCallback(() => setEditing(undefined), [])
  const onSend = useCallback((text: string, files?: FilePart[]) => void send(files === undefined ? text : { text, files }), [send])
  const onSaveEdit = useCallback(
    (id: string, text: string) => {
      handOverFocus()
      setEditing(undefined)
      void edit(id, text)
    },
    [edit, handOverFocus],
  )

  return (
    <LabelsProvider labels={labels}>
      <div data-rivulet="chat" data-theme={theme} data-state={status} {...rest} ref={ref}>
        {threadError ? <ThreadNotice code={threadError.code} partial={threadError.partial !== undefined} /> : null}
        {/* A stored thread still being read is busy, not empty. */}
        <MessageList aria-busy={isStreaming || threadLoading} quiet={history.pending} latest={last ?? null}>
          {messages.length === 0 && emptyState && !threadLoading ? <div data-rivulet="empty-state">{emptyState}</div> : null}
          <GroupedMessages
            client={client}
            start={history.start}
            streaming={isStreaming}
            editingId={editing}
            getBranches={getBranches}
            tree={client.getSnapshot().tree}
            busy={isStreaming}
            actions={actions}
            hoverless={hoverless}
            tabStop={tabStop}
            avatars={messageAvatars}
            onRetry={retry}
            onContinue={continueStream}
            onApprovalResponse={respondToApproval}
            onToolResult={addToolResult}
            tools={tools ?? options?.tools}
            dataRenderers={dataRenderers}
            onRenderError={onRenderError ? reportRenderError : undefined}
            allowedImageOrigins={allowedImageOrigins}
            linkTarget={linkTarget}
            renderPart={renderPart}
            onSwitchBranch={onSwitchBranch}
            onRegenerate={onRegenerate}
            onStartEdit={setEditing}
            onSaveEdit={onSaveEdit}
            onCancelEdit={onCancelEdit}
            onFeedback={onFeedback ? giveFeedback : undefined}
          />
          {waiting ? (
            messageAvatars ? (
              <MessageRow role="assistant" avatars={messageAvatars}>
                <TypingIndicator />
              </MessageRow>
            ) : (
              <TypingIndicator />
            )
          ) : null}
        </MessageList>
        <Composer status={status} onSend={onSend} onStop={stop} placeholder={placeholder} attachments={attachments} />
      </div>
    </LabelsProvider>
  )
})
