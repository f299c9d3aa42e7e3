'use client'
import { useEffect, useLayoutEffect, useState, useSyncExternalStore } from 'react'
import { createChatClient, type ChatClient, type ChatClientOptions } from '../core/chat-client.ts'
import type { ToolActionOutcome } from '../core/client/agent-loop.ts'
import type { ChatMetrics } from '../core/metrics.ts'
import type { ToolApprovalResponse, ToolOutcome } from '../core/tool-actions.ts'
import { isTurnActive, type ChatError, type ChatMessage, type ChatStatus } from '../core/state.ts'

export interface UseChatOptions extends ChatClientOptions {
  /** Use this client instead of making one (e.g. shared through `ChatProvider`). */
  chat?: ChatClient
}

export interface UseChatResult {
  messages: ChatMessage[]
  status: ChatStatus
  error: ChatError | undefined
  metrics: ChatMetrics
  /** True while a turn is in flight (submitted, streaming or reconnecting). */
  isStreaming: boolean
  /** Sends a user message; resolves once the turn settled (including automatic reconnects). */
  send: (text: string) => Promise<void>
  stop: () => void
  /** Runs the last turn again; resolves once it settled. */
  retry: () => Promise<void>
  /** Resumes a broken stream where it stopped (when `error.resumable`); resolves once it settled. */
  continueStream: () => Promise<void>
  /** @deprecated Use `continueStream` (`continue` is a reserved word: it cannot be destructured). */
  continue: () => Promise<void>
  setMessages: (messages: ChatMessage[]) => void
  /** Answers a tool call (`{ toolCallId, output }` or `{ toolCallId, errorText }`); see `ChatClient.addToolResult`. */
  addToolResult: (outcome: ToolOutcome) => ToolActionOutcome
  /** Answers an approval request (`{ toolCallId, approved, reason? }`); see `ChatClient.respondToApproval`. */
  respondToApproval: (response: ToolApprovalResponse) => ToolActionOutcome
  /** The underlying client, for `ChatProvider` and selector hooks. */
  client: ChatClient
}

// Layout effects warn during server rendering; plain effects are fine there.
const useIsomorphicLayoutEffect = typeof window === 'undefined' ? useEffect : useLayoutEffect

/**
 * The chat as React state. A thin adapter over `createChatClient`: the client batches updates
 * to one render per animation frame, and callbacks may change on every render without
 * restarting anything. Transport options (`api`, `transport`, `format`…) are read once.
 *
 * @example
 * const { messages, status, send, stop } = useChat({ api: '/api/chat' })
 */
export function useChat(options: UseChatOptions = {}): UseChatResult {
  const [own] = useState(() => (options.chat ? undefined : createChatClient(options)))
  const client = options.chat ?? own!
  const state = useSyncExternalStore(client.subscribe, client.getSnapshot, client.getSnapshot)
  const metrics = useSyncExternalStore(client.metrics.subscribe, client.metrics.getSnapshot, client.metrics.getSnapshot)

  const { onEvent, onFinish, onError, tools } = options
  useIsomorphicLayoutEffect(() => {
    client['~setCallbacks']({ onEvent, onFinish, onError })
    // A shared client (`chat`) keeps its own tools unless this hook names some.
    if (own || tools) client['~setTools'](tools)
  })
  // One call per commit of this component: what the "commits" metric counts.
  useEffect(() => {
    client['~recordCommit']()
  })
  // Unmount aborts the request and stops all writes; the client itself stays usable, which
  // StrictMode's mount → unmount → mount needs.
  useEffect(() => () => own?.stop(), [own])

  return {
    messages: state.messages,
    status: state.status,
    error: state.error,
    metrics,
    isStreaming: isTurnActive(state.status),
    send: client.send,
    stop: client.stop,
    retry: client.retry,
    continueStream: client.continueStream,
    continue: client.continueStream,
    setMessages: client.setMessages,
    addToolResult: client.addToolResult,
    respondToApproval: client.respondToApproval,
    client,
  }
}
