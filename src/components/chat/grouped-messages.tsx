import { memo, useState, useSyncExternalStore } from 'react'
import type { ChatClient } from '../../core/chat-client.ts'
import { GROUP_SIZE, MessageGroup, type MessageGroupProps } from './message-group.tsx'
import { createShapeSelector } from './thread-shape.ts'

/** Props of {@link GroupedMessages}. */
export interface GroupedMessagesProps extends Omit<MessageGroupProps, 'messages' | 'tail' | 'streamingIndex' | 'editingIndex' | 'offscreen'> {
  /** The chat whose messages these are; the list reads them itself (see below). */
  client: ChatClient
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
 * It subscribes to the thread's shape (every message but the newest, and the count), not to
 * the messages: a token changes only the newest message, which the last group reads itself,
 * so a token renders one group whatever the thread's length. Every prop must be stable while
 * an answer streams (the chat passes the client's methods and refs).
 *
 * @example
 * <GroupedMessages client={client} start={0} streaming={isStreaming} editingId={undefined} getBranches={getBranches} tree={tree} … />
 */
export const GroupedMessages = memo(function GroupedMessages({ client, start, streaming, editingId, ...item }: GroupedMessagesProps) {
  const [selectShape] = useState(createShapeSelector)
  const readShape = () => selectShape(client.getSnapshot())
  const { settled, count } = useSyncExternalStore(client.subscribe, readShape, readShape)
  const groups = []
  const lastGroup = Math.floor((count - 1) / GROUP_SIZE)
  for (let group = Math.floor(start / GROUP_SIZE); group <= lastGroup; group++) {
    const from = Math.max(start, group * GROUP_SIZE)
    const to = Math.min(count, (group + 1) * GROUP_SIZE)
    const holdsLast = to === count
    // The newest message is not in `settled`: the last group appends it from the chat.
    const slice = settled.slice(from, holdsLast ? count - 1 : to)
    const streamingIndex = streaming && holdsLast ? to - from - 1 : -1
    const editingIndex = editingId === undefined ? -1 : editingIndexOf(slice, editingId, holdsLast ? client : undefined)
    groups.push(
      <MessageGroup
        key={group}
        {...item}
        messages={slice}
        tail={holdsLast ? client : undefined}
        streamingIndex={streamingIndex}
        editingIndex={editingIndex}
        offscreen={group !== lastGroup && streamingIndex === -1}
      />,
    )
  }
  return <>{groups}</>
})

function editingIndexOf(slice: readonly { id: string }[], id: string, tail: ChatClient | undefined): number {
  const index = slice.findIndex((message) => message.id === id)
  if (index !== -1 || tail === undefined) return index
  // Editing the newest message (a user message whose answer is not there yet).
  const messages = tail.getSnapshot().messages
  return messages[messages.length - 1]?.id === id ? slice.length : -1
}
