import type { ChatTools } from '../agent/chat-tools.ts'
import { chatReducer } from '../chat-reducer.ts'
import { withReducer, type ChatStore } from '../chat-store.ts'
import type { StateStore } from '../state-store.ts'
import type { ChatMetrics } from '../metrics.ts'
import { isTurnActive } from '../state.ts'
import { createHttpTransport } from '../transports/http-transport.ts'
import type { ReadableValue } from '../value-store.ts'
import { preloadDecoder } from '../../protocol/decoders/decoder-chunks.ts'
import { createAgentLoop, type AgentLoop } from './agent-loop.ts'
import type { ChatCallbacks } from './chat-callbacks.ts'
import type { ChatClientOptions } from './chat-client-options.ts'
import { fanOut, type ClientProbe } from './probe.ts'
import type { StreamLogListener } from '../stream-log.ts'
import { createWireLogProbe } from './wire-log-probe.ts'
import { createTurnRunner, type RunnerCallbacks, type TurnRunner } from './turn-runner.ts'

/** What the chat client hands the engine: the state it owns, and its latest callbacks and tools. */
export interface ChatEngineContext {
  options: ChatClientOptions
  store: StateStore
  probes: ClientProbe[]
  /** The wire log's observers (`client.observe()`). */
  observers: ReadonlySet<StreamLogListener>
  metrics: ReadableValue<ChatMetrics>
  callbacks: () => ChatCallbacks
  tools: () => ChatTools | undefined
}

/** The part of the chat client that talks to the server and runs turns (see `chat-engine-chunk.ts`). */
export interface ChatEngine {
  runner: TurnRunner
  loop: AgentLoop
  /**
   * Stops the turn in flight (partial content stays) and, unless `tellServer` is false, tells
   * the server to stop the stream.
   */
  stop(tellServer: boolean): void
}

/**
 * The chat client's engine: the transport, the turn runner (requests, retries, resume, timers,
 * decoding) and the agent loop (browser tools, continuations), wired to the client's store.
 * It is the larger half of the client and nothing needs it before the first request, so it
 * lives in a chunk of its own; `createChatClient` keeps the state, branches and persistence.
 */
export function createChatEngine(context: ChatEngineContext): ChatEngine {
  const { options } = context
  // The reducer that applies stream events comes with the engine: the client's store has none.
  const store = withReducer(context.store)
  const transport = options.transport ?? createHttpTransport({ ...options, api: options.api ?? '/api/chat' })
  // A format named up front loads its decoder now, so the first answer does not wait for it.
  preloadDecoder(options.format)

  // The runner applies events through this view of the store: a step's `done` that asked for
  // tools goes through the loop, which keeps the status `streaming` when it goes on by itself.
  const runnerStore: ChatStore = {
    ...store,
    dispatch(event, now) {
      if (event.type !== 'done' || event.finishReason !== 'tool-calls') return store.dispatch(event, now)
      store.update((state) => loop.holdStep(chatReducer(state, event, now ?? Date.now())))
    },
  }
  const runner = createTurnRunner({
    store: runnerStore,
    transport,
    probe: fanOut([...context.probes, createWireLogProbe(context.observers)]),
    metrics: context.metrics,
    callbacks: {
      // The loop sees each event first, then the user's callback.
      onEvent: (event) => {
        loop.onEvent(event)
        const callbacks = context.callbacks()
        if (event.type === 'data') callbacks.onData?.(event)
        callbacks.onEvent?.(event)
      },
      onStepFinish: (message, event, metrics) =>
        context.callbacks().onStepFinish?.(message, { step: loop.step(), finishReason: event.finishReason ?? message.finishReason, usage: event.usage, metrics }),
      onError: (error) => context.callbacks().onError?.(error),
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
    tools: context.tools,
    maxSteps: options.maxSteps ?? 5,
    request: (messages) => runner.run({ kind: 'send', messages }),
    onTurnFinish: (message) => context.callbacks().onFinish?.(message, context.metrics.getSnapshot()),
  })

  return {
    runner,
    loop,
    stop(tellServer) {
      const state = store.getState()
      const streamId = isTurnActive(state.status) ? state.stream?.streamId : undefined
      runner.stop()
      // Fire and forget: a stream the server keeps alive for resume stops costing tokens.
      if (tellServer && streamId !== undefined && transport.stop) void transport.stop({ streamId }).catch(() => {})
    },
  }
}
