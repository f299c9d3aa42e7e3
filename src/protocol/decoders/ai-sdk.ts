import type { FinishReason } from '../events.ts'
import type { SseEvent } from '../sse/parser.ts'
import { createEventSink, type EventSink } from './event-sink.ts'
import { stringField, type JsonObject } from './json-value.ts'
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
 * - Text/reasoning start/end, sources, files and `data-*` parts are ignored.
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
        sink.start(messageId, messageId)
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
        if (reason === undefined) sink.emit({ type: 'done' })
        else sink.emit({ type: 'done', finishReason: FINISH_REASONS.has(reason) ? (reason as FinishReason) : 'other' })
        return
      }
      default:
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

function completeInput(sink: EventSink, data: JsonObject, callId: string, streamed: Set<string>) {
  if (!sink.hasToolCall(callId)) sink.emit({ type: 'tool_call_start', id: callId, name: stringField(data, 'toolName') ?? '' })
  if (!streamed.has(callId) && sink.isToolCallOpen(callId)) {
    streamed.add(callId)
    sink.emit({ type: 'tool_call_delta', id: callId, argsDelta: JSON.stringify(data['input'] ?? {}) })
  }
  sink.emit({ type: 'tool_call_end', id: callId })
}
