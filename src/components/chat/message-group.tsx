import { memo, useSyncExternalStore, type CSSProperties } from 'react'
import type { BranchInfo, BranchTree } from '../../core/branches/branch-tree.ts'
import type { ChatClient } from '../../core/chat-client.ts'
import type { ChatMessage } from '../../core/state.ts'
import { ChatMessageItem, type ChatMessageItemProps } from './chat-message-item.tsx'
import { estimateHeight } from './offscreen-style.ts'
import { selectLastMessage } from './thread-shape.ts'

/** Messages per group: a token re-renders and re-lays out one group, not the whole thread. */
export const GROUP_SIZE = 32

/** Props of {@link MessageGroup}: consecutive messages and what each one's item needs. */
export interface MessageGroupProps extends Omit<ChatMessageItemProps, 'message' | 'streaming' | 'branchIndex' | 'branchCount' | 'editing'> {
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
   * The browser may skip this group's layout and paint while it is far off screen. Never for
   * the last group (a message added to it must grow the list at once, even while the reader
   * is scrolled far up) nor for one holding the streaming message.
   */
  offscreen: boolean
}

const styles = new WeakMap<ChatMessage, CSSProperties>()
// Per-message allowance for the theme's gap between messages, inside a never-rendered group.
const GAP_PX = 24

function offscreenGroupStyle(messages: readonly ChatMessage[]): CSSProperties {
  // Keyed by the first message: a complete group's messages do not change while it is skipped.
  const first = messages[0]!
  let style = styles.get(first)
  if (!style) {
    let height = 0
    for (const message of messages) height += estimateHeight(message) + GAP_PX
    style = { contentVisibility: 'auto', containIntrinsicBlockSize: `auto ${height}px`, overflowClipMargin: '320px' }
    styles.set(first, style)
  }
  return style
}

/**
 * Up to {@link GROUP_SIZE} consecutive messages of `<Chat>` in one `<div data-rivulet="message-group">`
 * (the theme gives it the list's column layout). Memoised on its messages; the last group
 * subscribes to the newest message itself (`tail`), so a token re-renders that group and
 * nothing above it; a finished group far off screen
 * costs the browser no layout or paint (`content-visibility: auto`), so a 1,000-message
 * thread lays out ~30 groups per frame instead of 1,000 messages.
 *
 * @example
 * <MessageGroup messages={messages.slice(0, 32)} getBranches={getBranches} tree={tree} streamingIndex={-1} editingIndex={-1} offscreen … />
 */
export const MessageGroup = memo(function MessageGroup({ messages: settled, tail, getBranches, tree: _tree, streamingIndex, editingIndex, offscreen, ...item }: MessageGroupProps) {
  const readLast = () => (tail ? selectLastMessage(tail.getSnapshot()) : undefined)
  const last = useSyncExternalStore(tail?.subscribe ?? noSubscription, readLast, readLast)
  const messages = last === undefined ? settled : [...settled, last]
  return (
    <div data-rivulet="message-group" style={offscreen && messages.length > 0 ? offscreenGroupStyle(messages) : undefined}>
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
