import { memo, useSyncExternalStore, type CSSProperties } from 'react'
import type { BranchInfo, BranchTree } from '../../core/branches/branch-tree.ts'
import type { ChatClient } from '../../core/chat-client.ts'
import type { ChatMessage } from '../../core/state.ts'
import { ChatMessageItem, type ChatMessageItemProps } from './chat-message-item.tsx'
import { selectLastMessage } from './thread-shape.ts'

/** Messages per group: a token re-renders and re-lays out one group, not the whole thread. */
export const GROUP_SIZE = 32

/** Props of {@link MessageGroup}: consecutive messages and what each one's item needs. */
export interface MessageGroupProps extends Omit<ChatMessageItemProps, 'message' | 'streaming' | 'branchIndex' | 'branchCount' | 'editing' | 'last'> {
  messages: readonly ChatMessage[]
  /**
   * The group that ends with the thread's newest message reads that message from the chat
   * itself, after `messages`: a token then renders this group alone, not the list of groups.
   */
  tail?: ChatClient | undefined
  getBranches: (messageId: string) => BranchInfo | undefined
  /**
   * The thread's branch tree, compared by identity only: branch positions change only with
   * it or with the messages, so a token re-renders no group but the streaming one.
   */
  tree: BranchTree | undefined
  /** Index in `messages` of the one streaming now, or -1. */
  streamingIndex: number
  /** Index in `messages` of the one being edited, or -1. */
  editingIndex: number
  /**
   * A settled group: contained, so a frame lays out and paints again only the groups that
   * changed. Never for the last group (a message added to it must grow the list at once, even
   * while the reader is scrolled far up) nor for one holding the streaming message.
   */
  offscreen: boolean
}

/**
 * Layout, style and paint containment: the group is laid out and painted on its own, and a
 * frame reuses what it painted while it does not change. Not `content-visibility: auto`,
 * whose skipping of groups off screen leaves their messages out of Chromium's accessibility
 * tree (a screen reader at the newest message found only the last few messages of a restored
 * thread: long-thread-a11y.browser.test.tsx). The clip margin lets what the theme floats
 * outside a message (its action bar over the top corner) show past the group's edge.
 */
const settledGroupStyle: CSSProperties = { contain: 'layout style paint', overflowClipMargin: '320px' }

/**
 * Up to {@link GROUP_SIZE} consecutive messages of `<Chat>` in one `<div data-rivulet="message-group">`
 * (the theme gives it the list's column layout). Memoised on its messages; the last group
 * subscribes to the newest message itself (`tail`), so a token re-renders that group and
 * nothing above it; a finished group is contained (layout, style and paint), so a token in a
 * 1,000-message thread lays out and paints again one group, not 1,000 messages, while every
 * message stays in the accessibility tree.
 *
 * @example
 * <MessageGroup messages={messages.slice(0, 32)} getBranches={getBranches} tree={tree} streamingIndex={-1} editingIndex={-1} offscreen … />
 */
export const MessageGroup = memo(function MessageGroup({ messages: settled, tail, getBranches, tree: _tree, streamingIndex, editingIndex, offscreen, ...item }: MessageGroupProps) {
  const readLast = () => (tail ? selectLastMessage(tail.getSnapshot()) : undefined)
  const last = useSyncExternalStore(tail?.subscribe ?? noSubscription, readLast, readLast)
  const messages = last === undefined ? settled : [...settled, last]
  return (
    <div data-rivulet="message-group" style={offscreen ? settledGroupStyle : undefined}>
      {messages.map((message, index) => {
        const branches = getBranches(message.id)
        return (
          <ChatMessageItem
            key={message.id}
            {...item}
            message={message}
            streaming={index === streamingIndex}
            branchIndex={branches?.index ?? 0}
            branchCount={branches?.count ?? 1}
            editing={index === editingIndex}
            last={tail !== undefined && index === messages.length - 1}
          />
        )
      })}
    </div>
  )
}, sameGroup)

const noSubscription = () => () => {}

function sameGroup(previous: MessageGroupProps, next: MessageGroupProps): boolean {
  for (const key of Object.keys(next) as (keyof MessageGroupProps)[]) {
    if (key !== 'messages' && previous[key] !== next[key]) return false
  }
  return sameItems(previous.messages, next.messages)
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a === b) return true
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}
