import type { FinishReason, Usage } from '../events.ts'
import type { SseEvent } from '../sse/parser.ts'
import { createEventSink } from './event-sink.ts'
import { numberField, objectField, stringField, type JsonObject } from './json-value.ts'
import { toProviderError } from './provider-error.ts'
import type { ChatEventListener, Decoder, DecoderOptions } from './stream-format.ts'
import { frameObject } from './json-frame.ts'
import { createAnnotationTracker, generatedImage, partialImage } from './openai-annotations.ts'

/**
 * Decodes the OpenAI Responses API stream (`response.*` events).
 *
 * - `response.created` names the stream (`response.id`).
 * - `response.output_text.delta` → `token`; `response.reasoning_summary_text.delta` and
 *   `response.reasoning_text.delta` → `reasoning`. With `reasoningHandles`, a `reasoning` output
 *   item's `id` (and, when done, its `encrypted_content`) → `reasoning` with
 *   `itemId`/`encryptedContent`, so a server can send the item back. Summary parts are passed through exactly
 *   as sent, with no separator between parts (each part starts with its own bold title).
 * - A `function_call` output item → `tool_call_start` with its `call_id` (the id a tool result
 *   is sent back with); argument deltas are matched by `item_id`; `.done` ends the call.
 * - A `custom_tool_call` item (a free-form tool: its input is plain text, not JSON) is a tool
 *   call too. Its input is streamed as a JSON string literal (`"SELECT…"`), so `args` is the
 *   input text and the rest of the stack needs no second kind of call.
 * - `response.output_text.annotation.added` → a `source` (`url_citation` by URL, file citations
 *   by file id) and, when it has positions, a `citation` over the annotated range.
 * - A finished `image_generation_call` item → a `file` (its base64 result as a `data:` URL);
 *   `response.image_generation_call.partial_image` → a partial `file` keyed by the item id,
 *   replaced in place by later partials and by the final image.
 * - `response.completed` → `done` (`tool-calls` when a function was called, else `stop`) with
 *   usage; `response.incomplete` → `done` with `length` (or `content-filter`).
 * - `error` and `response.failed` → `error`; the first one wins, the other is dropped.
 *
 * @example
 * const decoder = createOpenAIResponsesDecoder((event) => events.push(event))
 * decoder.push({ type: 'response.output_text.delta', data: '{"type":"response.output_text.delta","delta":"Hi"}', lastEventId: '' })
 */
export function createOpenAIResponsesDecoder(onEvent: ChatEventListener, options: DecoderOptions = {}): Decoder {
  const sink = createEventSink(onEvent, options)
  /** Output item id → call id. */
  const callIds = new Map<string, string>()
  /** Call ids whose arguments arrived as deltas (so `.done`'s full text must not repeat them). */
  const streamedArgs = new Set<string>()
  /** Image items that sent partial previews: their final image replaces the preview. */
  const partialImages = new Set<string>()
  /** Custom (free-form) calls whose opening quote went out: call id → text received so far. */
  const customInput = new Map<string, string>()
  let calledTools = false
  const annotations = createAnnotationTracker()

  /** A reasoning output item: its id (and encrypted content) for passing it back. */
  function reasoningItem(item: JsonObject) {
    if (options.reasoningHandles !== true) return
    const itemId = stringField(item, 'id')
    if (!itemId) return
    const encryptedContent = stringField(item, 'encrypted_content')
    sink.emit({ type: 'reasoning', content: '', itemId, ...(encryptedContent ? { encryptedContent } : {}) })
  }

  function startCall(item: JsonObject) {
    const itemId = stringField(item, 'id')
    const callId = stringField(item, 'call_id') || itemId
    if (!callId) return undefined
    if (itemId) callIds.set(itemId, callId)
    calledTools = true
    sink.emit({ type: 'tool_call_start', id: callId, name: stringField(item, 'name') ?? '' })
    return callId
  }

  function finishCall(callId: string, fullArgs: string | undefined) {
    if (!streamedArgs.has(callId) && fullArgs) {
      streamedArgs.add(callId)
      sink.emit({ type: 'tool_call_delta', id: callId, argsDelta: fullArgs })
    }
    sink.emit({ type: 'tool_call_end', id: callId })
  }

  /** Free-form input travels as the body of a JSON string; the quotes are added around it. */
  function customDelta(callId: string, delta: string) {
    if (delta === '') return
    const sofar = customInput.get(callId)
    customInput.set(callId, (sofar ?? '') + delta)
    streamedArgs.add(callId)
    const escaped = JSON.stringify(delta).slice(1, -1)
    sink.emit({ type: 'tool_call_delta', id: callId, argsDelta: sofar === undefined ? `"${escaped}` : escaped })
  }

  function finishCustom(callId: string, input: string | undefined) {
    const sofar = customInput.get(callId)
    if (sofar === undefined) {
      // Nothing streamed: the whole input (possibly empty) is the argument.
      if (!streamedArgs.has(callId)) {
        streamedArgs.add(callId)
        sink.emit({ type: 'tool_call_delta', id: callId, argsDelta: JSON.stringify(input ?? '') })
      }
    } else {
      customInput.delete(callId)
      sink.emit({ type: 'tool_call_delta', id: callId, argsDelta: '"' })
    }
    sink.emit({ type: 'tool_call_end', id: callId })
  }

  function callIdOf(data: JsonObject): string | undefined {
    const itemId = stringField(data, 'item_id')
    return itemId === undefined ? undefined : (callIds.get(itemId) ?? itemId)
  }

  function handle(type: string, data: JsonObject) {
    switch (type) {
      case 'response.created':
      case 'response.in_progress':
        sink.start(stringField(objectField(data, 'response'), 'id'))
        return
      case 'response.output_text.delta': {
        const delta = stringField(data, 'delta') ?? ''
        annotations.text(data, delta)
        sink.emit({ type: 'token', content: delta })
        return
      }
      case 'response.refusal.delta':
        sink.emit({ type: 'token', content: stringField(data, 'delta') ?? '' })
        return
      case 'response.output_text.annotation.added':
        for (const event of annotations.annotation(data)) sink.emit(event)
        return
      case 'response.reasoning_summary_text.delta':
      case 'response.reasoning_text.delta':
        sink.emit({ type: 'reasoning', content: stringField(data, 'delta') ?? '' })
        return
      case 'response.output_item.added': {
        const item = objectField(data, 'item')
        const itemType = stringField(item, 'type')
        if (itemType === 'reasoning' && item) reasoningItem(item)
        else if (itemType === 'function_call' && item) {
          const callId = startCall(item)
          const args = stringField(item, 'arguments')
          if (callId && args) {
            streamedArgs.add(callId)
            sink.emit({ type: 'tool_call_delta', id: callId, argsDelta: args })
          }
        } else if (itemType === 'custom_tool_call' && item) {
          const callId = startCall(item)
          if (callId) customDelta(callId, stringField(item, 'input') ?? '')
        }
        return
      }
      case 'response.custom_tool_call_input.delta': {
        const callId = callIdOf(data)
        if (callId) customDelta(callId, stringField(data, 'delta') ?? '')
        return
      }
      case 'response.custom_tool_call_input.done': {
        const callId = callIdOf(data)
        if (callId && sink.isToolCallOpen(callId)) finishCustom(callId, stringField(data, 'input'))
        return
      }
      case 'response.function_call_arguments.delta': {
        const callId = callIdOf(data)
        const delta = stringField(data, 'delta')
        if (callId && delta) {
          streamedArgs.add(callId)
          sink.emit({ type: 'tool_call_delta', id: callId, argsDelta: delta })
        }
        return
      }
      case 'response.function_call_arguments.done': {
        const callId = callIdOf(data)
        if (callId) finishCall(callId, stringField(data, 'arguments'))
        return
      }
      case 'response.image_generation_call.partial_image': {
        const file = partialImage(data)
        if (file) {
          partialImages.add(file.id!)
          sink.emit(file)
        }
        return
      }
      case 'response.output_item.done': {
        const item = objectField(data, 'item')
        const itemType = stringField(item, 'type')
        if (itemType === 'reasoning' && item) return reasoningItem(item)
        if (itemType === 'image_generation_call' && item) {
          const file = generatedImage(item)
          // After partial previews the final image takes their place (same id); without any it is simply appended.
          const itemId = stringField(item, 'id')
          if (file) sink.emit(itemId && partialImages.has(itemId) ? { ...file, id: itemId } : file)
          return
        }
        if ((itemType !== 'function_call' && itemType !== 'custom_tool_call') || !item) return
        const itemId = stringField(item, 'id')
        // A server that skipped `.added` still gets the call shown.
        const callId = (itemId && callIds.get(itemId)) || startCall(item)
        if (!callId) return
        if (itemType === 'function_call') finishCall(callId, stringField(item, 'arguments'))
        else if (sink.isToolCallOpen(callId)) finishCustom(callId, stringField(item, 'input'))
        return
      }
      case 'response.completed':
        sink.emit(doneEvent(objectField(data, 'response'), calledTools ? 'tool-calls' : 'stop'))
        return
      case 'response.incomplete': {
        const response = objectField(data, 'response')
        const reason = stringField(objectField(response, 'incomplete_details'), 'reason')
        sink.emit(doneEvent(response, reason === 'content_filter' ? 'content-filter' : 'length'))
        return
      }
      case 'error':
        // Older streams put code/message at the top level, newer ones nest them in `error`.
        sink.emit(toProviderError(objectField(data, 'error') ?? data))
        return
      case 'response.failed': {
        const error = objectField(objectField(data, 'response'), 'error')
        sink.emit(toProviderError(error, 'the response failed'))
        return
      }
      default:
    }
  }

  return {
    push(sse: SseEvent) {
      if (sink.terminated) return
      const data = frameObject(sink, sse, 'openai-responses')
      if (data) handle(stringField(data, 'type') ?? sse.type, data)
    },
    end() {
      sink.end()
    },
    get terminated() {
      return sink.terminated
    },
  }
}

function doneEvent(response: JsonObject | undefined, finishReason: FinishReason) {
  const raw = objectField(response, 'usage')
  if (!raw) return { type: 'done' as const, finishReason }
  const usage: Usage = {}
  const input = numberField(raw, 'input_tokens')
  const output = numberField(raw, 'output_tokens')
  if (input !== undefined) usage.inputTokens = input
  if (output !== undefined) usage.outputTokens = output
  return { type: 'done' as const, finishReason, usage }
}
