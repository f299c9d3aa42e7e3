import { ActionBar, type ActionBarRootProps } from './action-bar.tsx'

/** Props of {@link MessageActions}: those of `ActionBar.Root`. */
export type MessageActionsProps = ActionBarRootProps

/**
 * The usual action bar for a message's role: a user message gets Copy and Edit; an answer
 * gets Copy as Markdown, Copy as plain text, Regenerate and the two feedback buttons. Parts
 * whose callback is missing do not render.
 *
 * @example
 * <MessageActions message={m} onRegenerate={chat.regenerate} onFeedback={rate} />
 */
export function MessageActions({ message, onEdit, onRegenerate, ...rest }: MessageActionsProps) {
  const isUser = message.role === 'user'
  return (
    <ActionBar.Root message={message} onEdit={isUser ? onEdit : undefined} onRegenerate={isUser ? undefined : onRegenerate} {...rest}>
      <ActionBar.Copy format="markdown" />
      {isUser ? null : <ActionBar.Copy format="text" />}
      <ActionBar.Edit />
      <ActionBar.Regenerate />
      {isUser ? null : (
        <>
          <ActionBar.Feedback value="up" />
          <ActionBar.Feedback value="down" />
        </>
      )}
    </ActionBar.Root>
  )
}
