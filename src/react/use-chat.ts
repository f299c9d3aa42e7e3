'use client'
import { useEffect, useLayoutEffect, useState, useSyncExternalStore } from 'react'
import { createChatClient, type BranchResult, type ChatClient, type ChatClientOptions, type SendMessageInput } from '../core/chat-client.ts'
import type { ToolActionOutcome } from '../core/client/agent-loop.ts'
import type { BranchInfo } from '../core/branches/branch-tree.ts'
import type { PersistenceError } from '../core/persistence/persistence-error.ts'
import type { ThreadStatus } from '../core/persistence/thread-sync.ts'
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
  /**
   * Sends a user message — text, or `{ text, files }` with browser `File`s (sent as `data:`
   * URLs) or ready `{ mediaType, url }` parts; resolves once the turn settled (including
   * automatic reconnects).
   */
  send: (input: string | SendMessageInput) => Promise<void>
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
  /** Asks again for an answer (default: the last); the old one stays as a branch. */
  regenerate: (messageId?: string) => Promise<BranchResult>
  /** Sends new text in place of a user message, as a new branch from there. */
  edit: (messageId: string, text: string) => Promise<BranchResult>
  /** `{ index, count }` (0-based) of a message among its alternatives. */
  getBranches: (messageId: string) => BranchInfo | undefined
  /** Shows another alternative at once (refused while a turn streams). */
  switchBranch: (messageId: string, index: number) => BranchResult
  /** Why the thread could not be loaded or saved (it stays in memory), when `id` and `persistence` are given. */
  threadError: PersistenceError | undefined
  /** The underlying client, for `ChatProvider` and selector hooks. */
  client: ChatClient
}

// Layout effects warn during server rendering; plain effects are fine there.
const useIsomorphicLayoutEffect = typeof window === 'undefined' ? useEffect : useLayoutEffect
const noThread: ThreadStatus = { threadId: '', loaded: true, error: undefined }
const noSubscription = () => () => {}

/**
 * The chat as React state. A thin adapter over `createChatClient`: the client batches updates
 * to one render per animation frame, and callbacks may change on every render without
 * restarting anything. Transport options (`api`, `transport`, `format`…) are read once per
 * thread: a new `id` makes a new client (the old thread's request is aborted and its stream
 * stopped) and loads that thread from `persistence`. With `resume: true` the thread's
 * unfinished answer is picked up after a reload, once the component has mounted.
 *
 * @example
 * const { messages, status, send, stop } = useChat({ api: '/api/chat' })
 */
export function useChat(options: UseChatOptions = {}): UseChatResult {
  const make = () => (options.chat ? undefined : { id: options.id, client: createChatClient({ ...options, resume: false }) })
  const [owned, setOwned] = useState(make)
  // Another thread: a new client, made during render so the first paint shows that thread.
  if (owned !== undefined && owned.id !== options.id) setOwned(make)
  const own = owned?.id === options.id ? owned?.client : undefined
  const client = options.chat ?? own ?? owned!.client
  const thread = useSyncExternalStore(client.thread?.subscribe ?? noSubscription, client.thread?.getSnapshot ?? (() => noThread), client.thread?.getSnapshot ?? (() => noThread))
  const state = useSyncExternalStore(client.subscribe, client.getSnapshot, client.getSnapshot)
  const metrics = useSyncExternalStore(client.metrics.subscribe, client.metrics.getSnapshot, client.metrics.getSnapshot)

  const { onEvent, onData, onFinish, onStepFinish, onError, tools } = options
  useIsomorphicLayoutEffect(() => {
    client['~setCallbacks']({ onEvent, onData, onFinish, onStepFinish, onError })
    // A shared client (`chat`) keeps its own tools unless this hook names some.
    if (own || tools) client['~setTools'](tools)
  })
  // One call per commit of this component: what the "commits" metric counts.
  useEffect(() => {
    client['~recordCommit']()
  })
  // Unmount aborts the request and stops all writes, without telling the server to stop (a stream
  // it keeps alive stays resumable, e.g. on return); the client stays usable, which StrictMode's
  // mount → unmount → mount needs.
  useEffect(
    () => () => {
      own?.['~detach']()
      // Leaving this thread (unmount, another id): save it now, not after the debounce.
      void own?.['~flushThread']()
    },
    [own],
  )
  // Deferred one task, so StrictMode's mount → unmount → mount resumes once, not twice.
  const resume = options.resume === true
  useEffect(() => {
    if (!resume || !own) return
    const timer = setTimeout(() => void own['~resumeStored'](), 0)
    return () => clearTimeout(timer)
  }, [own, resume])

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
    regenerate: client.regenerate,
    edit: client.edit,
    getBranches: client.getBranches,
    switchBranch: client.switchBranch,
    threadError: thread.error,
    client,
  }
}
