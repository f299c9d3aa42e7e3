import type { FinishReason, SourceEvent } from '../events.ts'
import type { SseEvent } from '../sse/parser.ts'
import { createEventSink, type EventSink } from './event-sink.ts'
import { objectField, stringField, type JsonObject } from './json-value.ts'
import type { ChatEventListener, Decoder, DecoderOptions } from './stream-format.ts'
import { frameObject } from './json-frame.ts'

const FINISH_REASONS = new Set<string>(['stop', 'length', 'content-filter', 'tool-calls', 'error', 'interrupted', 'other'])

/**
 * Decodes the Vercel AI SDK UI message stream v1 (header `x-vercel-ai-ui-message-stream: v1`).
 *
 * - `start` names the stream (`messageId`); `text-delta` → `token`; `reasoning-delta` → `reasoning`.
 * - `tool-input-start` / `tool-input-delta` → `tool_call_start` / `tool_call_delta`.
 *   `tool-input-available` ends the call, supplying `JSON.stringify(input)` as the arguments
 *   when no deltas came (and starting the call if the server skipped `tool-input-start`).
 * - `tool-output-available` / `tool-output-error` → `tool_result` (ending the call first: real
 *   LangGraph streams skip `tool-input-available`); `preliminary: true` outputs (generator
 *   tools) → preliminary `tool_result`s, replaced by the final one. `tool-output-denied` →
 *   an error result, which the reducer shows as denied when the user denied that call.
 * - `tool-approval-request` → `tool_approval_request` for its `toolCallId`.
 * - `start-step` / `finish-step` / `reset-step` → `step_start` / `step_finish` / `step_reset`
 *   (a reset retracts everything the step produced so far).
 * - `error` → `upstream_error`; `abort` → `done` with `finishReason: 'other'` (the turn was
 *   stopped, as a user stop would end it, not failed); `finish` → `done` (its finish reason
 *   kept, `interrupted` included); `data: [DONE]` closes the stream (as `done` if `finish`
 *   never came).
 * - `data-<name>` → `data` (its `id` and `transient` kept); `source-url` / `source-document` →
 *   `source`; `file` → `file`; `messageMetadata` on `start` / `finish` and `message-metadata`
 *   parts → the events' `metadata`.
 * - Text/reasoning start/end markers are ignored.
 *
 * @example
 * const decoder = createAiSdkDecoder((event) => events.push(event))
 * decoder.push({ type: 'message', data: '{"type":"text-delta","id":"1","delta":"Hi"}', lastEventId: '' })
 */
export function createAiSdkDecoder(onEvent: ChatEventListener, options: DecoderOptions = {}): Decoder {
  const sink = createEventSink(onEvent, options)
  /** Calls that received at least one input delta. */
  const streamed = new Set<string>()

  function handle(data: JsonObject) {
    const callId = stringField(data, 'toolCallId') ?? ''
    switch (stringField(data, 'type')) {
      case 'start': {
        const messageId = stringField(data, 'messageId')
        sink.start(messageId, messageId, objectField(data, 'messageMetadata'))
        return
      }
      case 'message-metadata': {
        const metadata = objectField(data, 'messageMetadata')
        if (metadata) sink.emit({ type: 'metadata', metadata })
        return
      }
      case 'source-url':
      case 'source-document':
        source(sink, data)
        return
      case 'file': {
        const url = stringField(data, 'url')
        if (url === undefined) return
        const name = stringField(data, 'filename')
        sink.emit({ type: 'file', mediaType: stringField(data, 'mediaType') ?? 'application/octet-stream', url, ...(name !== undefined && { name }) })
        return
      }
      case 'text-delta':
        sink.emit({ type: 'token', content: stringField(data, 'delta') ?? '' })
        return
      case 'reasoning-delta':
        sink.emit({ type: 'reasoning', content: stringField(data, 'delta') ?? '' })
        return
      case 'tool-input-start':
        sink.emit({ type: 'tool_call_start', id: callId, name: stringField(data, 'toolName') ?? '' })
        return
      case 'tool-input-delta': {
        const delta = stringField(data, 'inputTextDelta')
        if (!delta || !sink.isToolCallOpen(callId)) return
        streamed.add(callId)
        sink.emit({ type: 'tool_call_delta', id: callId, argsDelta: delta })
        return
      }
      case 'tool-input-available':
        completeInput(sink, data, callId, streamed)
        return
      case 'tool-input-error':
        completeInput(sink, data, callId, streamed)
        sink.emit({ type: 'tool_result', id: callId, result: stringField(data, 'errorText') ?? 'invalid tool input', isError: true })
        return
      case 'tool-output-available':
        sink.emit({ type: 'tool_call_end', id: callId })
        sink.emit(
          data['preliminary'] === true
            ? { type: 'tool_result', id: callId, result: data['output'], preliminary: true }
            : { type: 'tool_result', id: callId, result: data['output'] },
        )
        return
      case 'tool-approval-request':
        if (!callId) return
        completeInput(sink, data, callId, streamed)
        sink.emit({ type: 'tool_approval_request', id: callId })
        return
      case 'start-step':
        sink.emit({ type: 'step_start' })
        return
      case 'finish-step':
        sink.emit({ type: 'step_finish' })
        return
      case 'reset-step':
        // Only calls still open care whether they streamed, and the reset closes those.
        streamed.clear()
        sink.emit({ type: 'step_reset' })
        return
      case 'tool-output-error':
        sink.emit({ type: 'tool_call_end', id: callId })
        sink.emit({ type: 'tool_result', id: callId, result: stringField(data, 'errorText') ?? 'tool failed', isError: true })
        return
      case 'tool-output-denied':
        sink.emit({ type: 'tool_call_end', id: callId })
        sink.emit({ type: 'tool_result', id: callId, result: 'tool execution denied', isError: true })
        return
      case 'error':
        sink.fail('upstream_error', stringField(data, 'errorText') || 'the server reported an error')
        return
      case 'abort':
        // The server stopped the turn (its user pressed stop, or it was cancelled): a stop, not a failure.
        sink.emit({ type: 'done', finishReason: 'other' })
        return
      case 'finish': {
        const reason = stringField(data, 'finishReason')
        const metadata = objectField(data, 'messageMetadata')
        sink.emit({
          type: 'done',
          ...(reason !== undefined && { finishReason: FINISH_REASONS.has(reason) ? (reason as FinishReason) : 'other' }),
          ...(metadata !== undefined && { metadata }),
        })
        return
      }
      default: {
        const type = stringField(data, 'type') ?? ''
        if (type.startsWith('data-') && type.length > 'data-'.length) dataPart(sink, type.slice('data-'.length), data)
      }
    }
  }

  return {
    push(sse: SseEvent) {
      if (sink.terminated) return
      if (sse.data.trim() === '[DONE]') {
        sink.emit({ type: 'done' })
        return
      }
      const data = frameObject(sink, sse, 'ai-sdk')
      if (data) handle(data)
    },
    end() {
      sink.end()
    },
    get terminated() {
      return sink.terminated
    },
  }
}

/** `data-<name>`: any JSON `data`, an optional `id` (replace in place) and `transient`. */
function dataPart(sink: EventSink, name: string, chunk: JsonObject) {
  const id = stringField(chunk, 'id')
  sink.emit({ type: 'data', name, ...(id !== undefined && { id }), data: chunk['data'], ...(chunk['transient'] === true && { transient: true as const }) })
}

/** `source-url` (a link) and `source-document` (a file the answer drew on: a media type and title, no URL). */
function source(sink: EventSink, chunk: JsonObject) {
  const id = stringField(chunk, 'sourceId')
  if (!id) return
  const event: Omit<SourceEvent, 'seq'> = { type: 'source', id }
  const url = stringField(chunk, 'url')
  const title = stringField(chunk, 'title') ?? stringField(chunk, 'filename')
  const mediaType = stringField(chunk, 'mediaType')
  if (url !== undefined) event.url = url
  if (title !== undefined) event.title = title
  if (mediaType !== undefined) event.mediaType = mediaType
  sink.emit(event)
}

function completeInput(sink: EventSink, data: JsonObject, callId: string, streamed: Set<string>) {
  if (!sink.hasToolCall(callId)) sink.emit({ type: 'tool_call_start', id: callId, name: stringField(data, 'toolName') ?? '' })
  if (!streamed.has(callId) && sink.isToolCallOpen(callId)) {
    streamed.add(callId)
    sink.emit({ type: 'tool_call_delta', id: callId, argsDelta: JSON.stringify(data['input'] ?? {}) })
  }
  sink.emit({ type: 'tool_call_end', id: callId })
}
