import type { ChatTools } from './agent/chat-tools.ts'
import { createAgentLoop, type ToolActionOutcome } from './client/agent-loop.ts'
import { createChatStore } from './chat-store.ts'
import { createMetricsProbe } from './client/metrics-probe.ts'
import { fanOut, type ClientProbe } from './client/probe.ts'
import { createRecordingProbe } from './client/recording-probe.ts'
import { createTurnRunner, type RunnerCallbacks } from './client/turn-runner.ts'
import type { ChatCallbacks } from './client/chat-callbacks.ts'
import { chatReducer } from './chat-reducer.ts'
import type { ChatStore } from './chat-store.ts'
import type { ChatClientOptions } from './client/chat-client-options.ts'
import { createThreadActions, type BranchResult } from './client/thread-actions.ts'
import type { BranchInfo } from './branches/branch-tree.ts'
import { createSessionCursorStore, type ActiveStreamCursor } from './persistence/stream-cursor-store.ts'
import { attachThreadSync, type ThreadStatus } from './persistence/thread-sync.ts'
import { createWireLogProbe } from './client/wire-log-probe.ts'
import { createFrameScheduler } from './frame-scheduler.ts'
import { preloadDecoder } from '../protocol/decoders/decoder-chunks.ts'
import type { ChatMetrics } from './metrics.ts'
import { isTurnActive, type ChatMessage, type ChatState, type MessagePart } from './state.ts'
import { toFileParts, type SendMessageInput } from './files/file-parts.ts'
import type { StreamLogListener } from './stream-log.ts'
import { createHttpTransport } from './transports/http-transport.ts'
import type { ToolApprovalResponse, ToolOutcome } from './tool-actions.ts'
import { beginTurn, prepareRetry, stopTurn } from './turn.ts'
import type { ReadableValue } from './value-store.ts'

export type { ChatCallbacks, StepFinishInfo } from './client/chat-callbacks.ts'
export type { BranchResult } from './client/thread-actions.ts'
export type { ChatClientOptions } from './client/chat-client-options.ts'
export type { SendMessageInput } from './files/file-parts.ts'

/** The members only the React binding uses, under symbol-like `~` names (as the AI SDK does). */
export interface ChatClientInternals {
  /** @internal The latest callbacks (used by `useChat` so changing them never restarts the chat). */
  '~setCallbacks'(callbacks: ChatCallbacks): void
  /** @internal Counts a React commit caused by this chat (the `commits` metric). */
  '~recordCommit'(): void
  /** @internal The latest browser tools (used by `useChat`, whose tool closures change per render). */
  '~setTools'(tools: ChatTools | undefined): void
}

export interface ChatClient extends ChatClientInternals {
  getSnapshot(): ChatState
  subscribe(listener: () => void): () => void
  /** Turn metrics, published at most once per frame. */
  metrics: ReadableValue<ChatMetrics>
  /**
   * Sends a user message and streams the answer. A turn in flight is aborted first. Resolves
   * once the turn has settled — finished, failed or stopped — including any automatic
   * reconnects of a broken stream; it never rejects (failures land in `state.error`), except
   * for a malformed `files` entry or a file that cannot be read (then nothing was sent).
   * `{ text, files }` attaches files: browser `File`s travel as `data:` URLs, ready parts
   * (`{ mediaType, url }`, e.g. uploaded by the app) as they are.
   */
  send(input: string | SendMessageInput): Promise<void>
  /** Aborts the turn in flight; its partial content stays. Nothing is written afterwards. */
  stop(): void
  /** Runs the last turn again (a new request with the same user message); resolves once settled. */
  retry(): Promise<void>
  /** Picks up a broken stream where it stopped (resume), when the error says it can; resolves once settled. */
  continueStream(): Promise<void>
  /** @deprecated Use `continueStream` (`continue` is a reserved word: it cannot be destructured). */
  continue(): Promise<void>
  setMessages(messages: ChatMessage[]): void
  /**
   * Answers a tool call with a result (`output`) or an error (`errorText`): for tools without
   * `execute`, answered by your UI. The turn continues once every call of the step has its
   * outcome. A refused answer (unknown id, a call that already has one…) returns `ok: false`
   * with the `problem`; nothing throws.
   */
  addToolResult(outcome: ToolOutcome): ToolActionOutcome
  /**
   * Answers an approval request: approved → a browser tool runs, or the next request tells
   * the server; denied → the call ends `output-denied` with the reason, and the model is told.
   */
  respondToApproval(response: ToolApprovalResponse): ToolActionOutcome
  /**
   * Watches the wire: requests, responses, raw chunks, comments, decoded events, retries,
   * reconnects and failures, with timestamps (what `StreamInspector` and recorders show).
   * Costs nothing while nobody observes. Returns the function that stops observing.
   */
  observe(listener: StreamLogListener): () => void
  /** @deprecated Internal to the React binding; kept for compatibility. */
  setCallbacks(callbacks: ChatCallbacks): void
  /** @deprecated Internal to the React binding; kept for compatibility. */
  recordCommit(): void
  /**
   * Asks again for the answer `messageId` (default: the last answer). The new answer is a
   * branch beside the old one; only the history before it is sent. Stops a turn in flight
   * first. Resolves once settled; refused (`ok: false`) for an unknown message or a prompt.
   */
  regenerate(messageId?: string): Promise<BranchResult>
  /**
   * Sends `text` in place of the user message `messageId`: a new branch from that point, the
   * old prompt and its answers kept. Stops a turn in flight first. Refused for an unknown
   * message (e.g. deleted) or an answer.
   */
  edit(messageId: string, text: string): Promise<BranchResult>
  /** Where a message sits among its alternatives (0-based `index`), `undefined` for an unknown id. */
  getBranches(messageId: string): BranchInfo | undefined
  /**
   * Shows the `index`-th alternative of `messageId` at once, without a request. Refused
   * (`busy`) while a turn streams, and for an unknown message or an index out of range.
   */
  switchBranch(messageId: string, index: number): BranchResult
  /** Load/save status of the thread (with `id` and `persistence`). */
  thread: ReadableValue<ThreadStatus> | undefined
  /** @internal Resumes the thread's unfinished answer found at load (what `resume: true` does). */
  '~resumeStored'(): Promise<void>
  /** @internal Saves the thread now (when the binding lets go of this client). */
  '~flushThread'(): Promise<void>
  /** @internal Unmount: stops locally only, so a stream kept alive server-side stays resumable. */
  '~detach'(): void
  /** Aborts everything and releases every listener and timer; the client is unusable after. */
  destroy(): void
}

const defaultGenerateId = () =>
  typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : Math.random().toString(36).slice(2)

/**
 * The headless chat: wires a transport to the decoders, the reducer and the store, and owns
 * everything with a lifetime — requests, retries, resume, timeouts, metrics. Framework-free;
 * `useChat` is a thin adapter over it. The work is split: a turn runner
 * (`client/turn-runner.ts`) drives each turn through its requests, `open-response` retries,
 * `resume` and `turn-timers` keep their one concern, and metrics, the wire log and recording
 * are probes behind one fan-out.
 *
 * @example
 * const chat = createChatClient({ api: '/api/chat' })
 * chat.subscribe(() => render(chat.getSnapshot()))
 * await chat.send('Hello') // resolves once the answer settled
 */
export function createChatClient(options: ChatClientOptions = {}): ChatClient {
  const { generateId = defaultGenerateId } = options
  const transport = options.transport ?? createHttpTransport({ ...options, api: options.api ?? '/api/chat' })
  let callbacks: ChatCallbacks = { onEvent: options.onEvent, onData: options.onData, onFinish: options.onFinish, onStepFinish: options.onStepFinish, onError: options.onError }
  let tools = options.tools
  let destroyed = false

  const scheduler = options.scheduler ?? createFrameScheduler()
  const store = createChatStore({
    scheduler,
    initialState: { messages: options.initialMessages ?? [], status: 'idle', error: undefined, stream: undefined },
  })
  const metricsProbe = createMetricsProbe({ scheduler, stallThresholdMs: options.stallThresholdMs })
  const wireLog = createWireLogProbe()
  const probes: ClientProbe[] = [metricsProbe, wireLog]
  if (options.onRecording) probes.unshift(createRecordingProbe(options.onRecording))

  // The runner applies events through this view of the store: a step's `done` that asked for
  // tools goes through the loop, which keeps the status `streaming` when it goes on by itself.
  const runnerStore: ChatStore = {
    ...store,
    dispatch(event, now) {
      if (event.type !== 'done' || event.finishReason !== 'tool-calls') return store.dispatch(event, now)
      store.update((state) => loop.holdStep(chatReducer(state, event, now ?? Date.now())))
    },
  }
  // A format named up front loads its decoder now, so the first answer does not wait for it.
  preloadDecoder(options.format)
  const runner = createTurnRunner({
    store: runnerStore,
    transport,
    probe: fanOut(probes),
    metrics: metricsProbe.metrics,
    callbacks: {
      // The loop sees each event first, then the user's callback.
      onEvent: (event) => {
        loop.onEvent(event)
        if (event.type === 'data') callbacks.onData?.(event)
        callbacks.onEvent?.(event)
      },
      onStepFinish: (message, event, metrics) =>
        callbacks.onStepFinish?.(message, { step: loop.step(), finishReason: event.finishReason ?? message.finishReason, usage: event.usage, metrics }),
      onError: (error) => callbacks.onError?.(error),
    } satisfies RunnerCallbacks,
    format: options.format ?? 'auto',
    decoder: options.decoder,
    retry: { maxRetries: options.maxRetries ?? 2, maxRetryAfterMs: options.maxRetryAfterMs ?? 20_000, backoff: options.backoff },
    maxReconnects: options.maxReconnects ?? 3,
    backoff: options.backoff,
    firstTokenTimeoutMs: options.firstTokenTimeoutMs ?? 60_000,
    idleTimeoutMs: options.idleTimeoutMs ?? 30_000,
    autoResume: options.autoResume ?? true,
  })

  const loop = createAgentLoop({
    store,
    tools: () => tools,
    maxSteps: options.maxSteps ?? 5,
    request: (messages) => runner.run({ kind: 'send', messages }),
    onTurnFinish: (message) => callbacks.onFinish?.(message, metricsProbe.metrics.getSnapshot()),
  })

  /** The conversation to send: everything but the (empty) assistant message being streamed into. */
  const toSend = (assistantId: string) => store.getSnapshot().messages.filter((m) => m.id !== assistantId)

  async function send(input: string | SendMessageInput) {
    if (destroyed) return
    const { text = '', files } = typeof input === 'string' ? { text: input } : input
    // Only browser files make this wait (reading them); everything else starts the turn at once.
    const pending = toFileParts(files)
    const fileParts = Array.isArray(pending) ? pending : await pending
    if (destroyed) return
    runner.abort()
    loop.abort()
    const parts: MessagePart[] = text !== '' || fileParts.length === 0 ? [{ type: 'text', text }, ...fileParts] : fileParts
    const userMessage: ChatMessage = { id: generateId(), role: 'user', parts }
    const assistantId = generateId()
    store.update((state) => beginTurn(state, { userMessage, assistantId }))
    loop.beginTurn()
    await loop.run(() => runner.run({ kind: 'send', messages: toSend(assistantId) }))
  }

  async function retry() {
    if (destroyed) return
    runner.abort()
    loop.abort()
    const assistantId = generateId()
    let resent = false
    store.update((state) => {
      const prepared = prepareRetry(state)
      if (!prepared) return state
      resent = true
      // The failed answer is replaced, not kept as a branch.
      return beginTurn(threads.dropRetried(state, prepared), { assistantId })
    })
    if (!resent) return
    loop.beginTurn()
    await loop.run(() => runner.run({ kind: 'send', messages: toSend(assistantId) }))
  }

  const threads = createThreadActions({ store, runner, transport, generateId, destroyed: () => destroyed })
  const sync =
    options.id === undefined
      ? undefined
      : attachThreadSync(store, {
          threadId: options.id,
          persistence: options.persistence,
          cursorStore: options.cursorStore ?? createSessionCursorStore(),
          saveDelayMs: options.saveDelayMs,
          onError: (error) => options.onPersistenceError?.(error),
        })
  let stored: ActiveStreamCursor | undefined | Promise<ActiveStreamCursor | undefined> = sync?.load()
  async function resumeStored() {
    const cursor = await stored
    stored = undefined
    // The resumed answer is a turn like any other: its tool calls run and it may continue.
    if (cursor) await agentTurn(() => threads.resumeFrom(cursor))
  }
  if (options.resume) void resumeStored()

  /** A branch turn (regenerate, edit) is an agent turn too: its tool calls run and continue. */
  async function agentTurn<T>(start: () => Promise<T>): Promise<T> {
    loop.abort()
    loop.beginTurn()
    let result!: T
    await loop.run(async () => {
      result = await start()
    })
    return result
  }

  async function continueStream() {
    if (destroyed) return
    await loop.run(() => runner.resume())
  }

  function stopTurnAndTools(tellServer: boolean) {
    // Tools first: while only browser tools run, no stream is left for the server to stop.
    loop.stop()
    threads.stop(tellServer)
    // Between a step's end and the loop taking over, neither has a request to stop: mark the turn here.
    store.update((state) => (isTurnActive(state.status) ? stopTurn(state) : state))
  }

  const setCallbacks = (next: ChatCallbacks) => void (callbacks = next)
  const recordCommit = () => metricsProbe.commit()

  return {
    getSnapshot: store.getSnapshot,
    subscribe: store.subscribe,
    metrics: metricsProbe.metrics,
    send,
    stop: () => stopTurnAndTools(true),
    retry,
    continueStream,
    continue: continueStream,
    setMessages(messages) {
      runner.abort()
      loop.abort()
      // The given messages are the whole thread now: earlier branches go.
      store.update((state) => ({ ...state, messages, status: 'idle', error: undefined, stream: undefined, tree: undefined }))
    },
    regenerate: (messageId) => agentTurn(() => threads.regenerate(messageId)),
    edit: (messageId, text) => agentTurn(() => threads.edit(messageId, text)),
    getBranches: threads.getBranches,
    switchBranch: threads.switchBranch,
    thread: sync?.status,
    '~resumeStored': resumeStored,
    '~flushThread': () => sync?.flush() ?? Promise.resolve(),
    '~detach': () => stopTurnAndTools(false),
    observe: wireLog.observe,
    '~setCallbacks': setCallbacks,
    '~recordCommit': recordCommit,
    '~setTools': (next) => void (tools = next),
    addToolResult: (outcome) => loop.addToolResult(outcome),
    respondToApproval: (response) => loop.respondToApproval(response),
    setCallbacks,
    recordCommit,
    destroy() {
      runner.abort()
      loop.abort()
      sync?.detach()
      void sync?.flush()
      wireLog.clear()
      destroyed = true
      store.destroy()
      metricsProbe.destroy()
    },
  }
}
