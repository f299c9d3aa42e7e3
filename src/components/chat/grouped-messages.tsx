import type { ChatMessage } from '../../core/state.ts'
import { GROUP_SIZE, MessageGroup, type MessageGroupProps } from './message-group.tsx'

/** Props of {@link GroupedMessages}. */
export interface GroupedMessagesProps extends Omit<MessageGroupProps, 'messages' | 'streamingIndex' | 'editingIndex' | 'offscreen'> {
  messages: readonly ChatMessage[]
  /** Messages before this index are not mounted yet (see `useProgressiveHistory`). */
  start: number
  /** The last message is streaming. */
  streaming: boolean
  /** The message being edited, if any. */
  editingId: string | undefined
}

/**
 * The messages of `<Chat>` in {@link MessageGroup}s of {@link GROUP_SIZE}, aligned to the
 * thread's start so a group keeps its key (and its DOM) while older messages mount above it.
 *
 * @example
 * <GroupedMessages messages={messages} start={0} streaming={isStreaming} editingId={undefined} getBranches={getBranches} tree={tree} … />
 */
export function GroupedMessages({ messages, start, streaming, editingId, ...item }: GroupedMessagesProps) {
  const groups = []
  const length = messages.length
  const lastGroup = Math.floor((length - 1) / GROUP_SIZE)
  for (let group = Math.floor(start / GROUP_SIZE); group <= lastGroup; group++) {
    const from = Math.max(start, group * GROUP_SIZE)
    const to = Math.min(length, (group + 1) * GROUP_SIZE)
    const slice = messages.slice(from, to)
    const streamingIndex = streaming && to === length ? to - from - 1 : -1
    const editingIndex = editingId === undefined ? -1 : slice.findIndex((message) => message.id === editingId)
    groups.push(
      <MessageGroup
        key={group}
        {...item}
        messages={slice}
        streamingIndex={streamingIndex}
        editingIndex={editingIndex}
        offscreen={group !== lastGroup && streamingIndex === -1}
      />,
    )
  }
  return <>{groups}</>
}
