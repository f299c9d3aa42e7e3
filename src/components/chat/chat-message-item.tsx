import { memo, useRef } from 'react'
import type { BranchInfo } from '../../core/branches/branch-tree.ts'
import { messageText } from '../../core/message-text.ts'
import type { ChatMessage } from '../../core/state.ts'
import type { Feedback } from '../actions/action-bar-context.ts'
import { LazyBranchPicker, LazyMessageActions, LazyMessageEditor } from '../lazy/lazy-message-parts.tsx'
import { Message, type MessageProps } from '../message/message.tsx'
import { MessageRow, type MessageAvatars } from '../message/message-row.tsx'
import { useLabels } from '../labels/labels-context.tsx'
import type { RovingTabStop } from './message-focus.ts'
import { offscreenStyle } from './offscreen-style.ts'
import { useHandedOverFocus, useMessageEngagement } from './use-message-engagement.ts'

/** Props of {@link ChatMessageItem}: a message with its branch position and the chat's actions. */
export interface ChatMessageItemProps extends Pick<MessageProps, 'allowedImageOrigins' | 'linkTarget' | 'renderPart' | 'onRetry' | 'onContinue' | 'onApprovalResponse' | 'onToolResult' | 'tools' | 'dataRenderers' | 'onRenderError'> {
  message: ChatMessage
  streaming: boolean
  /** A turn runs: branch switching and regenerate/edit wait (the arrows are disabled). */
  busy: boolean
  /** Primitives, so an unchanged message keeps its memo while another one streams. */
  branchIndex: number
  branchCount: number
  editing: boolean
  /** Every callback must be stable (the chat passes the client's methods and refs). */
  onSwitchBranch: (messageId: string, index: number) => void
  onRegenerate: (messageId: string) => void
  onStartEdit: (messageId: string) => void
  onSaveEdit: (messageId: string, text: string) => void
  onCancelEdit: () => void
  onFeedback: ((messageId: string, value: Feedback) => void) | undefined
  /** Show the action bar. */
  actions: boolean
  /** The thread's last message: its action bar is always rendered, and it holds the tab stop until another message is focused. */
  last: boolean
  /** The device cannot hover (touch): every finished message's bar is rendered, as the theme shows them all. */
  hoverless: boolean
  /** The list's roving tab stop (one per chat, stable). */
  tabStop: RovingTabStop
  /** Avatars and role names beside the message; `undefined` for none. Stable. */
  avatars?: MessageAvatars | undefined
}

/**
 * One message of `<Chat>` with its footer: the branch picker (‹ 2 / 3 ›) when it has
 * alternatives and the action bar; a user message being edited shows the inline editor
 * instead. The action bar renders only while the message is engaged (pointer over it, focus
 * in it), on the last message and on devices without hover: with actions on, a finished
 * message is an `article` in the list's roving tab order, so the keyboard reaches every bar
 * (see `useMessageEngagement`). Memoised on primitives and stable callbacks, so a token re-renders only the
 * streaming message.
 *
 * @example
 * <ChatMessageItem message={m} streaming={false} busy={false} branchIndex={0} branchCount={2} editing={false} … />
 */
export const ChatMessageItem = memo(function ChatMessageItem(props: ChatMessageItemProps) {
  const item = <MessageItem {...props} />
  return props.avatars ? (
    <MessageRow role={props.message.role} avatars={props.avatars}>
      {item}
    </MessageRow>
  ) : (
    item
  )
})

function MessageItem(props: ChatMessageItemProps) {
  const { message, streaming, busy, branchIndex, branchCount, editing, actions } = props
  const roles = useLabels().roles
  const engagement = useMessageEngagement(message.id, props.last, props.tabStop)
  const element = useRef<HTMLDivElement>(null)
  useHandedOverFocus(props.tabStop, element)
  if (editing && message.role === 'user') {
    return (
      <div data-rivulet="message" data-role="user" data-editing="">
        <LazyMessageEditor defaultValue={messageText(message)} onSave={(text) => props.onSaveEdit(message.id, text)} onCancel={props.onCancelEdit} />
      </div>
    )
  }
  const branches: BranchInfo = { index: branchIndex, count: branchCount }
  // The picker sits in the flow (it is always visible); the action bar floats below the
  // message (the theme positions it), so a message without alternatives keeps its size.
  const footer = streaming ? null : (
    <>
      {branchCount > 1 ? (
        <div data-rivulet="message-footer">
          <LazyBranchPicker branches={branches} disabled={busy} onSwitch={(index) => props.onSwitchBranch(message.id, index)} />
        </div>
      ) : null}
      {actions && (props.hoverless || props.last || engagement.engaged) ? (
        <LazyMessageActions
          message={message}
          disabled={busy}
          onRegenerate={props.onRegenerate}
          onEdit={props.onStartEdit}
          {...(props.onFeedback !== undefined && { onFeedback: props.onFeedback })}
        />
      ) : null}
    </>
  )
  // Only a finished message with actions is a stop of its own: it is what leads to its bar. The
  // answer being written can take focus from a script only (a regenerated answer takes it over).
  const focusable = actions && !streaming
  return (
    <Message
      ref={element}
      {...(focusable ? { ...engagement.props, role: 'article', 'aria-label': roles[message.role] } : actions && { tabIndex: -1 })}
      message={message}
      streaming={streaming}
      onRetry={props.onRetry}
      onContinue={props.onContinue}
      onApprovalResponse={props.onApprovalResponse}
      onToolResult={props.onToolResult}
      tools={props.tools}
      dataRenderers={props.dataRenderers}
      onRenderError={props.onRenderError}
      allowedImageOrigins={props.allowedImageOrigins}
      linkTarget={props.linkTarget}
      renderPart={props.renderPart}
      footer={footer}
      // Finished messages are contained (laid out and painted on their own); the streaming one grows freely.
      style={streaming ? undefined : offscreenStyle(message)}
    />
  )
}
