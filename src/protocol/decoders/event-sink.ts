import type { ChatErrorCode, ChatEvent, MessageMetadata, UnsequencedChatEvent } from '../events.ts'
import type { ChatEventListener } from './stream-format.ts'

export interface EventSink {
  /**
   * Sends `start` if it has not gone out yet. Decoders call it as soon as the provider names
   * its response; if content comes first, `emit` starts the stream with a generated id.
   */
  start(streamId?: string, messageId?: string, metadata?: MessageMetadata): void
  /** Sends an event with the next `seq`, applying the stream rules (see {@link createEventSink}). */
  emit(event: UnsequencedChatEvent): void
  /** Sends an `error` event, which terminates the stream. */
  fail(code: ChatErrorCode, message: string, retryAfter?: number): void
  /** Ends every tool call still taking arguments (`tool_call_end` for each, in start order). */
  closeToolCalls(): void
  /** True between a call's `tool_call_start` and its `tool_call_end`. */
  isToolCallOpen(id: string): boolean
  /** True once a call with this id has started, open or not. */
  hasToolCall(id: string): boolean
  /** The body ended: reports `network` "stream ended early" unless the stream terminated. */
  end(): void
  readonly started: boolean
  readonly terminated: boolean
}

export interface EventSinkOptions {
  /** Makes the `streamId` when the provider gives none. */
  generateId?: () => string
}

/**
 * The one place where the stream rules every foreign decoder needs are kept, so each format
 * file only translates: `seq` is assigned 0, 1, 2…; `start` is sent before anything else;
 * nothing goes out after `done` or `error`; open tool calls are ended before `done`; a tool
 * call is started once, ended once, and gets no deltas outside that window; `step_reset`
 * forgets the calls of the retracted step.
 *
 * @example
 * const sink = createEventSink((event) => events.push(event))
 * sink.start('msg_1')
 * sink.emit({ type: 'token', content: 'Hi' })
 * sink.emit({ type: 'done', finishReason: 'stop' })
 * sink.emit({ type: 'token', content: 'late' }) // dropped: the stream is over
 */
export function createEventSink(onEvent: ChatEventListener, options: EventSinkOptions = {}): EventSink {
  const generateId = options.generateId ?? defaultGenerateId
  let seq = 0
  let started = false
  let terminated = false
  const openCalls = new Set<string>()
  const seenCalls = new Set<string>()
  /** Calls started in the current step: a `step_reset` forgets them so the retry may reuse their ids. */
  const stepCalls = new Set<string>()

  function send(event: UnsequencedChatEvent) {
    onEvent({ ...event, seq: seq++ } as ChatEvent)
  }

  function start(streamId?: string, messageId?: string, metadata?: MessageMetadata) {
    if (started || terminated) return
    started = true
    const event: UnsequencedChatEvent = { type: 'start', streamId: streamId ?? generateId() }
    if (messageId !== undefined) event.messageId = messageId
    if (metadata !== undefined) event.metadata = metadata
    send(event)
  }

  function closeToolCalls() {
    if (terminated) return
    for (const id of openCalls) send({ type: 'tool_call_end', id })
    openCalls.clear()
  }

  function emit(event: UnsequencedChatEvent) {
    if (terminated) return
    if (event.type === 'start') {
      start(event.streamId, event.messageId, event.metadata)
      return
    }
    start()
    switch (event.type) {
      case 'tool_call_start':
        if (seenCalls.has(event.id)) return
        seenCalls.add(event.id)
        openCalls.add(event.id)
        stepCalls.add(event.id)
        break
      case 'step_start':
        stepCalls.clear()
        break
      case 'step_reset':
        for (const id of stepCalls) {
          seenCalls.delete(id)
          openCalls.delete(id)
        }
        stepCalls.clear()
        break
      case 'tool_call_delta':
        if (!openCalls.has(event.id) || event.argsDelta === '') return
        break
      case 'tool_call_end':
        if (!openCalls.delete(event.id)) return
        break
      case 'token':
        if (event.content === '') return
        break
      case 'reasoning':
        // An empty delta may still carry the provider's handles on the reasoning (a signature).
        if (event.content === '' && event.signature === undefined && event.redactedData === undefined && event.itemId === undefined && event.encryptedContent === undefined) return
        break
      case 'done':
        closeToolCalls()
        terminated = true
        break
      case 'error':
        terminated = true
        break
      default:
    }
    send(event)
  }

  return {
    start,
    emit,
    fail(code, message, retryAfter) {
      emit(retryAfter === undefined ? { type: 'error', code, message } : { type: 'error', code, message, retryAfter })
    },
    closeToolCalls,
    isToolCallOpen: (id) => openCalls.has(id),
    hasToolCall: (id) => seenCalls.has(id),
    end() {
      if (!terminated) emit({ type: 'error', code: 'network', message: 'stream ended early' })
    },
    get started() {
      return started
    },
    get terminated() {
      return terminated
    },
  }
}

/**
 * A random stream id. `crypto.randomUUID` is missing outside secure contexts (plain-http
 * intranet pages), hence the fallback; uniqueness per tab is all a stream id needs.
 */
function defaultGenerateId(): string {
  const uuid = globalThis.crypto?.randomUUID?.()
  if (uuid !== undefined) return uuid
  return `stream-${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`
}
