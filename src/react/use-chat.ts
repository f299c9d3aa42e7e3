'use client'
import { useEffect, useLayoutEffect, useState, useSyncExternalStore } from 'react'
import { createChatClient, type BranchResult, type ChatClient, type ChatClientOptions, type SendMessageInput } from '../core/chat-client.ts'
import type { ToolActionOutcome } from '../core/client/agent-loop.ts'
import type { BranchInfo } from '../core/branches/branch-tree.ts'
import type { PersistenceError } from '../core/persistence/persistence-error.ts'
import type { ThreadStatus } from '../core/persistence/thread-sync.ts'
import type { ChatMetrics } from '../core/metrics.ts'
import type { StepFinishInfo } from '../core/client/chat-callbacks.ts'
import type { MessageMetadata } from '../protocol/events.ts'
import type { ToolApprovalResponse, ToolOutcome } from '../core/tool-actions.ts'
import { isTurnActive, type ChatError, type ChatMessage, type ChatStatus } from '../core/state.ts'

/**
 * Options of {@link useChat}: the client's, with `onFinish`/`onStepFinish` given messages whose
 * `metadata` has the hook's `Metadata` type.
 */
export interface UseChatOptions<Metadata extends MessageMetadata = MessageMetadata> extends Omit<ChatClientOptions, 'onFinish' | 'onStepFinish'> {
  /** Use this client instead of making one (e.g. shared through `ChatProvider`). */
  chat?: ChatClient
  /** The turn is over: its assistant message (every step of it), and the turn's metrics. */
  onFinish?: (message: ChatMessage<Metadata>, metrics: ChatMetrics) => void
  /** A step of the turn (one model request) ended cleanly; the message holds the steps so far. */
  onStepFinish?: (message: ChatMessage<Metadata>, info: StepFinishInfo) => void
}

/** What {@link useChat} returns; `messages` carry `metadata` of type `Metadata`. */
export interface UseChatResult<Metadata extends MessageMetadata = MessageMetadata> {
  messages: ChatMessage<Metadata>[]
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
  setMessages: (messages: ChatMessage<Metadata>[]) => void
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
  /**
   * The stored thread is still being read (`id` and `persistence` given; its storage code loads
   * lazily): nothing of it shows yet, and a message sent meanwhile comes after it once read.
   */
  threadLoading: boolean
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
 *
 * `Metadata` types `message.metadata` (what `start`, `metadata` and `done` events carry) for an
 * app that knows what its server sends; it is not checked at run time, like a response's JSON.
 *
 * @example
 * const { messages, status, send, stop } = useChat({ api: '/api/chat' })
 * const { messages } = useChat<{ model: string; totalTokens?: number }>({ api: '/api/chat' })
 * messages.at(-1)?.metadata?.model // string | undefined
 */
export function useChat<Metadata extends MessageMetadata = MessageMetadata>(options: UseChatOptions<Metadata> = {}): UseChatResult<Metadata> {
  // The client knows metadata only as a record: the type is the app's word for what its server sends.
  const make = () => (options.chat ? undefined : { id: options.id, client: createChatClient({ ...(options as ChatClientOptions), resume: false }) })
  const [owned, setOwned] = useState(make)
  // Another thread: a new client, made during render so the first paint shows that thread.
  if (owned !== undefined && owned.id !== options.id) setOwned(make)
  const own = owned?.id === options.id ? owned?.client : undefined
  const client = options.chat ?? own ?? owned!.client
  const thread = useSyncExternalStore(client.thread?.subscribe ?? noSubscription, client.thread?.getSnapshot ?? (() => noThread), client.thread?.getSnapshot ?? (() => noThread))
  const state = useSyncExternalStore(client.subscribe, client.getSnapshot, client.getSnapshot)
  const metrics = useSyncExternalStore(client.metrics.subscribe, client.metrics.getSnapshot, client.metrics.getSnapshot)

  const { onEvent, onData, onFinish, onStepFinish, onError, tools } = options as ChatClientOptions
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

  // A reloaded answer that will resume is `reconnecting` from the first render, as it will be
  // once the deferred resume starts (a state change here would survive a StrictMode unmount).
  const status = resume && own && state.status === 'idle' && own['~resumePending']() ? 'reconnecting' : state.status

  return {
    messages: state.messages as ChatMessage<Metadata>[],
    status,
    error: state.error,
    metrics,
    isStreaming: isTurnActive(status),
    send: client.send,
    stop: client.stop,
    retry: client.retry,
    continueStream: client.continueStream,
    continue: client.continueStream,
    setMessages: client.setMessages as (messages: ChatMessage<Metadata>[]) => void,
    addToolResult: client.addToolResult,
    respondToApproval: client.respondToApproval,
    regenerate: client.regenerate,
    edit: client.edit,
    getBranches: client.getBranches,
    switchBranch: client.switchBranch,
    threadError: thread.error,
    threadLoading: !thread.loaded,
    client,
  }
}
