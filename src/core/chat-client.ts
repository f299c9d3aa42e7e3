import type { ChatTools } from './agent/chat-tools.ts'
import type { ToolActionOutcome } from './client/agent-loop.ts'
import { createStateStore } from './state-store.ts'
import { createMetricsProbe } from './client/metrics-probe.ts'
import type { ClientProbe } from './client/probe.ts'
import { createRecordingProbe } from './client/recording-probe.ts'
import type { TurnStep } from './client/turn-runner.ts'
import type { ChatCallbacks } from './client/chat-callbacks.ts'
import type { ChatClientOptions } from './client/chat-client-options.ts'
import type { ChatEngine } from './client/chat-engine.ts'
import { applyToolAction } from './client/apply-tool-action.ts'
import { chatEngine, type ChatEngineModule } from './client/chat-engine-chunk.ts'
import { createThreadActions, type BranchResult } from './client/thread-actions.ts'
import type { BranchInfo } from './branches/branch-tree.ts'
import { loadFailure, type LazyChunk } from './lazy-chunk.ts'
import type { ActiveStreamCursor } from './persistence/stream-cursor-store.ts'
import { attachLazyThreadSync, threadSyncChunk, type ThreadSyncModule } from './persistence/lazy-thread-sync.ts'
import type { ThreadStatus } from './persistence/thread-sync.ts'
import type { PersistenceError } from './persistence/persistence-error.ts'
import { createFrameScheduler } from './frame-scheduler.ts'
import type { ChatMetrics } from './metrics.ts'
import { isTurnActive, type ChatError, type ChatMessage, type ChatState, type MessagePart } from './state.ts'
import type { SendMessageInput } from './files/file-parts.ts'
import { toFilePartsLater } from './files/file-parts-chunk.ts'
import type { StreamLogListener } from './stream-log.ts'
import { respondToToolApproval, setToolOutcome, type ToolApprovalResponse, type ToolOutcome } from './tool-actions.ts'
import { beginTurn, failTurn, prepareRetry, stopTurn } from './turn.ts'
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
   * for a malformed `files` entry, a file that cannot be read or file reading's lazy code failing to
   * load (then nothing was sent).
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
  /** @internal Resumes the answer left unfinished at load (`resume: true`); a cursor read synchronously is `reconnecting` at once. */
  '~resumeStored'(): Promise<void>
  /** @internal Whether an answer read at load waits for `~resumeStored` (the binding reports it `reconnecting` meanwhile). */
  '~resumePending'(): boolean
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
 * `useChat` is a thin adapter over it. The work is split: the client keeps the state, branches,
 * persistence, metrics and the wire log; its engine (`client/chat-engine.ts`: transport, turn
 * runner, agent loop) is a chunk loaded when the client is created, so an empty or restored
 * chat paints without it and a message sent before it lands goes out when it is in.
 *
 * @example
 * const chat = createChatClient({ api: '/api/chat' })
 * chat.subscribe(() => render(chat.getSnapshot()))
 * await chat.send('Hello') // resolves once the answer settled
 */
export function createChatClient(options: ChatClientOptions = {}): ChatClient {
  return createChatClientWith(options, chatEngine)
}

/**
 * `createChatClient` with the engine's chunk (and the thread sync's) given. Internal (not exported
 * from the package): it lets a test hold a chunk back or fail it without mocking modules.
 */
export function createChatClientWith(options: ChatClientOptions, engineChunk: LazyChunk<ChatEngineModule>, threadChunk: LazyChunk<ThreadSyncModule> = threadSyncChunk): ChatClient {
  const { generateId = defaultGenerateId } = options
  let callbacks: ChatCallbacks = { onEvent: options.onEvent, onData: options.onData, onFinish: options.onFinish, onStepFinish: options.onStepFinish, onError: options.onError }
  let tools = options.tools
  let destroyed = false

  const scheduler = options.scheduler ?? createFrameScheduler()
  const store = createStateStore({
    scheduler,
    initialState: { messages: options.initialMessages ?? [], status: 'idle', error: undefined, stream: undefined },
  })
  const metricsProbe = createMetricsProbe({ scheduler, stallThresholdMs: options.stallThresholdMs })
  // The wire log's probe comes with the engine; its observers are kept here.
  const observers = new Set<StreamLogListener>()
  const probes: ClientProbe[] = [metricsProbe]
  if (options.onRecording) probes.unshift(createRecordingProbe(options.onRecording))

  let engine: ChatEngine | undefined
  /** Bumped by whatever replaces or stops the turn: a turn waiting for the engine's chunk then never starts. */
  let ticket = 0
  /** The engine, when its chunk is in (made on first use). */
  function engineNow(): ChatEngine | undefined {
    const module = engine || destroyed ? undefined : engineChunk.current()
    if (module) {
      engine = module.createChatEngine({ options, store, probes, observers, metrics: metricsProbe.metrics, callbacks: () => callbacks, tools: () => tools })
    }
    return engine
  }
  // Started now, and the engine made as soon as it lands (its runner then loads the body reader):
  // usually both are in long before the first send. A failure is not an error yet: the turn that
  // needs the engine loads it again and reports a failure in the chat.
  engineChunk.load().then(engineNow, () => {})

  function failLoad(cause: unknown) {
    const error: ChatError = { code: 'network', message: `Could not load the chat client (${loadFailure(cause)})`, resumable: false }
    // A turn just begun fails like a request that failed (its answer says so, with Retry); a
    // Continue on a failed turn replaces that turn's error.
    store.update((state) => (isTurnActive(state.status) ? failTurn(state, error, Date.now()) : { ...state, status: 'error', error }))
    callbacks.onError?.(error)
  }

  /**
   * Runs one request of a turn through the engine (the agent loop around it); resolves once
   * settled. With the engine in, the request starts in this task (a stop right after the send
   * must find it); else once the chunk lands, unless the turn was replaced or stopped meanwhile.
   * A chunk that cannot load fails the turn in the chat (clear error, Retry).
   */
  function drive(work: (engine: ChatEngine) => Promise<void>, newTurn: boolean): Promise<void> {
    const start = (ready: ChatEngine) => {
      if (newTurn) ready.loop.beginTurn()
      return ready.loop.run(() => work(ready))
    }
    const ready = engineNow()
    if (ready) return start(ready)
    const mine = ticket
    return engineChunk.load().then(
      () => {
        const loaded = mine === ticket ? engineNow() : undefined
        return loaded && start(loaded)
      },
      (error: unknown) => {
        if (mine === ticket && !destroyed) failLoad(error)
      },
    )
  }

  /** Aborts the turn in flight (or waiting for the engine) without touching the state. */
  function abortTurn() {
    ticket++
    engine?.runner.abort()
    engine?.loop.abort()
  }

  /** The conversation to send: everything but the (empty) assistant message being streamed into. */
  const toSend = (assistantId: string) => store.getSnapshot().messages.filter((m) => m.id !== assistantId)

  async function send(input: string | SendMessageInput) {
    if (destroyed) return
    const { text = '', files } = typeof input === 'string' ? { text: input } : input
    // Only files make this wait (reading them, or their chunk); everything else starts the turn at once.
    const pending = toFilePartsLater(files)
    const fileParts = Array.isArray(pending) ? pending : await pending
    const loading = sync?.ready() // a thread still loading its storage chunk is read first
    if (loading) await loading
    if (destroyed) return
    abortTurn()
    const parts: MessagePart[] = text !== '' || fileParts.length === 0 ? [{ type: 'text', text }, ...fileParts] : fileParts
    const userMessage: ChatMessage = { id: generateId(), role: 'user', parts }
    const assistantId = generateId()
    // The message shows at once, also while the engine's chunk is still loading.
    store.update((state) => beginTurn(state, { userMessage, assistantId }))
    await drive((ready) => ready.runner.run({ kind: 'send', messages: toSend(assistantId) }), true)
  }

  async function retry() {
    if (destroyed) return
    abortTurn()
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
    await drive((ready) => ready.runner.run({ kind: 'send', messages: toSend(assistantId) }), true)
  }

  const threads = createThreadActions({
    store, generateId, failLoad,
    destroyed: () => destroyed,
    // A branch turn (regenerate, edit) and a reload's resume are agent turns too: their tool calls run and continue.
    request: (step: TurnStep) => drive((ready) => ready.runner.run(step), true),
    stop: (tellServer) => {
      ticket++
      engine?.stop(tellServer)
    },
  })
  const { id: threadId, persistence, cursorStore, saveDelayMs } = options
  const onError = (error: PersistenceError) => options.onPersistenceError?.(error)
  // Its chunk loads only for a chat with an id (see `lazy-thread-sync.ts`).
  const sync = threadId === undefined ? undefined : attachLazyThreadSync(store, { threadId, persistence, cursorStore, saveDelayMs, onError }, threadChunk)
  let stored: ActiveStreamCursor | undefined | Promise<ActiveStreamCursor | undefined> = sync?.load()
  async function resumeStored() {
    const cursor = stored instanceof Promise ? await stored : stored
    stored = undefined
    if (!cursor) return
    engine?.loop.abort()
    await threads.resumeFrom(cursor)
  }
  if (options.resume) void resumeStored()

  async function continueStream() {
    if (destroyed) return
    await drive((ready) => ready.runner.resume(), false)
  }

  function stopTurnAndTools(tellServer: boolean) {
    // Tools first: while only browser tools run, no stream is left for the server to stop.
    engine?.loop.stop()
    threads.stop(tellServer)
    // Between a step's end and the loop taking over, neither has a request to stop (nor has a
    // turn waiting for the engine's chunk): mark the turn here.
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
      abortTurn()
      // The given messages are the whole thread now: earlier branches go.
      store.update((state) => ({ ...state, messages, status: 'idle', error: undefined, stream: undefined, tree: undefined }))
    },
    regenerate: (messageId) => {
      engine?.loop.abort()
      return threads.regenerate(messageId)
    },
    edit: (messageId, text) => {
      engine?.loop.abort()
      return threads.edit(messageId, text)
    },
    getBranches: threads.getBranches,
    switchBranch: threads.switchBranch,
    thread: sync?.status,
    '~resumeStored': resumeStored,
    '~resumePending': () => stored !== undefined && !(stored instanceof Promise),
    '~flushThread': () => sync?.flush() ?? Promise.resolve(),
    '~detach': () => stopTurnAndTools(false),
    observe(listener) {
      observers.add(listener)
      return () => void observers.delete(listener)
    },
    '~setCallbacks': setCallbacks,
    '~recordCommit': recordCommit,
    '~setTools': (next) => void (tools = next),
    addToolResult: (outcome) => engineNow()?.loop.addToolResult(outcome) ?? applyToolAction(store, (state) => setToolOutcome(state, outcome)),
    respondToApproval: (response) => engineNow()?.loop.respondToApproval(response) ?? applyToolAction(store, (state) => respondToToolApproval(state, response)),
    setCallbacks,
    recordCommit,
    destroy() {
      abortTurn()
      sync?.detach()
      void sync?.flush()
      observers.clear()
      destroyed = true
      store.destroy()
      metricsProbe.destroy()
    },
  }
}
