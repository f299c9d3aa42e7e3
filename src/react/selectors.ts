'use client'
import { useCallback, useSyncExternalStore } from 'react'
import type { ChatClient } from '../core/chat-client.ts'
import type { ChatMetrics } from '../core/metrics.ts'
import type { MessageMetadata } from '../protocol/events.ts'
import type { ChatMessage, ChatState, ChatStatus } from '../core/state.ts'
import { useChatClient } from './chat-context.tsx'

/**
 * Subscribes to one slice of the chat. The component re-renders only when the selected value
 * changes (by `Object.is`), so return primitives or objects the state already holds.
 *
 * @example
 * const count = useChatSelector((state) => state.messages.length)
 */
export function useChatSelector<T>(selector: (state: ChatState) => T, chat?: ChatClient): T {
  const client = useChatClient(chat)
  const getSelected = useCallback(() => selector(client.getSnapshot()), [client, selector])
  return useSyncExternalStore(client.subscribe, getSelected, getSelected)
}

const selectStatus = (state: ChatState) => state.status
const selectMessages = (state: ChatState) => state.messages

/** The chat's status; a badge using it does not re-render on every token. */
export function useChatStatus(chat?: ChatClient): ChatStatus {
  return useChatSelector(selectStatus, chat)
}

/** The chat's messages; `Metadata` types their `metadata` (see `useChat`). */
export function useChatMessages<Metadata extends MessageMetadata = MessageMetadata>(chat?: ChatClient): ChatMessage<Metadata>[] {
  return useChatSelector(selectMessages, chat) as ChatMessage<Metadata>[]
}

/** One message; finished messages keep their identity, so this re-renders only while it streams. */
export function useChatMessage<Metadata extends MessageMetadata = MessageMetadata>(id: string, chat?: ChatClient): ChatMessage<Metadata> | undefined {
  const select = useCallback((state: ChatState) => state.messages.find((m) => m.id === id), [id])
  return useChatSelector(select, chat) as ChatMessage<Metadata> | undefined
}

/** Turn metrics (TTFT, tokens/s, commits…), published at most once per frame. */
export function useChatMetrics(chat?: ChatClient): ChatMetrics {
  const client = useChatClient(chat)
  return useSyncExternalStore(client.metrics.subscribe, client.metrics.getSnapshot, client.metrics.getSnapshot)
}
