import type { ChatErrorCode, ChatEvent, CitationEvent, FileEvent } from '../events.ts'
import { DEFAULT_MODEL, DEFAULT_STREAM_ID, type Encoder, type EncoderOptions } from './encoder.ts'
import { base64Image, citedRange, type SourceBook } from './rich-part-encoding.ts'
import { jsonFrame } from './sse-frame.ts'

const ERROR_CODES: Record<ChatErrorCode, string> = {
  rate_limited: 'rate_limit_exceeded',
  context_length: 'context_length_exceeded',
  content_filter: 'content_filter',
  upstream_error: 'server_error',
  timeout: 'timeout',
  network: 'server_error',
  protocol: 'server_error',
  http: 'server_error',
}

interface TextItem {
  kind: 'message' | 'reasoning'
  id: string
  outputIndex: number
  text: string
  annotations: Array<Record<string, unknown>>
}
interface CallItem {
  id: string
  outputIndex: number
  callId: string
  name: string
  args: string
}

/**
 * The Responses API stream: `event: response.*` frames whose data repeats the `type` and
 * carries a `sequence_number`. Text and reasoning summaries live in output items that are
 * opened (`output_item.added`, `content_part.added` / `reasoning_summary_part.added`) when
 * their first delta arrives and closed (`*.done`) when another item starts or the response
 * ends; a tool call is a `function_call` item whose `call_id` is the event's id. `done` is
 * `response.completed` with usage (`response.incomplete` for `length`); `error` is an `error`
 * event followed by `response.failed`, as in the recorded fixture. Citations are
 * `output_text.annotation.added` (`url_citation` over the cited range, `file_citation` for a
 * source without a URL); a base64 image file is an `image_generation_call` item. Tool
 * results, status lines, data parts, metadata and other files have no representation and are
 * dropped.
 *
 * @example
 * const encoder = createOpenAIResponsesEncoder()
 * encoder.encode({ type: 'start', seq: 0, streamId: 'resp_1' })
 * // 'event: response.created\ndata: {"type":"response.created","sequence_number":0,...}\n\n'
 */
export function createOpenAIResponsesEncoder(options: EncoderOptions = {}): Encoder {
  const model = options.model ?? DEFAULT_MODEL
  const createdAt = options.created ?? 0
  let responseId = DEFAULT_STREAM_ID
  let sequence = 0
  let started = false
  let open: TextItem | undefined
  // Calls stay open independently of text, so interleaved argument deltas are never lost.
  const calls = new Map<string, CallItem>()
  const output: Array<{ index: number; item: unknown }> = []
  let outputCount = 0
  const sources: SourceBook = new Map()

  function emit(type: string, fields: Record<string, unknown>): string {
    return jsonFrame({ type, sequence_number: sequence++, ...fields }, type)
  }
  function response(status: string, extra: Record<string, unknown> = {}) {
    const items = [...output].sort((a, b) => a.index - b.index).map((entry) => entry.item)
    return { id: responseId, object: 'response', created_at: createdAt, status, model, output: items, usage: null, ...extra }
  }
  function ensureStarted(): string {
    if (started) return ''
    started = true
    return emit('response.created', { response: response('in_progress') }) +
      emit('response.in_progress', { response: response('in_progress') })
  }

  function closeText(): string {
    const item = open
    if (!item) return ''
    open = undefined
    const at = { item_id: item.id, output_index: item.outputIndex }
    if (item.kind === 'message') {
      const part = { type: 'output_text', text: item.text, annotations: item.annotations }
      const done = { type: 'message', id: item.id, status: 'completed', role: 'assistant', content: [part] }
      output.push({ index: item.outputIndex, item: done })
      return (
        emit('response.output_text.done', { ...at, content_index: 0, text: item.text }) +
        emit('response.content_part.done', { ...at, content_index: 0, part }) +
        emit('response.output_item.done', { output_index: item.outputIndex, item: done })
      )
    }
    const part = { type: 'summary_text', text: item.text }
    const done = { type: 'reasoning', id: item.id, summary: [part] }
    output.push({ index: item.outputIndex, item: done })
    return (
      emit('response.reasoning_summary_text.done', { ...at, summary_index: 0, text: item.text }) +
      emit('response.reasoning_summary_part.done', { ...at, summary_index: 0, part }) +
      emit('response.output_item.done', { output_index: item.outputIndex, item: done })
    )
  }

  function closeCall(item: CallItem): string {
    calls.delete(item.callId)
    const done = functionCall(item, 'completed')
    output.push({ index: item.outputIndex, item: done })
    return (
      emit('response.function_call_arguments.done', { item_id: item.id, output_index: item.outputIndex, arguments: item.args }) +
      emit('response.output_item.done', { output_index: item.outputIndex, item: done })
    )
  }

  function closeAll(): string {
    let out = closeText()
    for (const item of [...calls.values()]) out += closeCall(item)
    return out
  }

  /** Opens a message or reasoning item unless one of that kind is already open. */
  function openText(kind: 'message' | 'reasoning'): string {
    if (open?.kind === kind) return ''
    let out = closeText()
    const outputIndex = outputCount++
    const id = `${kind === 'message' ? 'msg' : 'rs'}_${outputIndex}`
    open = { kind, id, outputIndex, text: '', annotations: [] }
    const at = { item_id: id, output_index: outputIndex }
    if (kind === 'message') {
      out += emit('response.output_item.added', {
        output_index: outputIndex,
        item: { type: 'message', id, status: 'in_progress', role: 'assistant', content: [] },
      })
      out += emit('response.content_part.added', { ...at, content_index: 0, part: { type: 'output_text', text: '', annotations: [] } })
    } else {
      out += emit('response.output_item.added', { output_index: outputIndex, item: { type: 'reasoning', id, summary: [] } })
      out += emit('response.reasoning_summary_part.added', { ...at, summary_index: 0, part: { type: 'summary_text', text: '' } })
    }
    return out
  }

  /** A citation of the open message's text: a `url_citation` (a `file_citation` for sources without a URL). */
  function annotate(event: CitationEvent): string {
    const item = open
    if (item?.kind !== 'message') return ''
    const source = sources.get(event.sourceId)
    const { start, end } = citedRange(item.text, event)
    const annotation =
      source?.url !== undefined
        ? { type: 'url_citation', start_index: start, end_index: end, url: source.url, title: source.title ?? source.url }
        : { type: 'file_citation', file_id: event.sourceId, filename: source?.title ?? event.sourceId, index: end }
    item.annotations.push(annotation)
    const at = { item_id: item.id, output_index: item.outputIndex, content_index: 0 }
    return emit('response.output_text.annotation.added', { ...at, annotation_index: item.annotations.length - 1, annotation })
  }

  /** A generated image: an `image_generation_call` item with the base64 result. Other files have no place here. */
  function image(event: FileEvent): string {
    const found = base64Image(event)
    if (!found) return ''
    const outputIndex = outputCount++
    const id = `ig_${outputIndex}`
    const done = { type: 'image_generation_call', id, status: 'completed', output_format: found.format, result: found.base64 }
    output.push({ index: outputIndex, item: done })
    return (
      ensureStarted() +
      closeText() +
      emit('response.output_item.added', { output_index: outputIndex, item: { type: 'image_generation_call', id, status: 'in_progress' } }) +
      emit('response.output_item.done', { output_index: outputIndex, item: done })
    )
  }

  function encode(event: ChatEvent): string {
    switch (event.type) {
      case 'start':
        if (started) return ''
        responseId = event.streamId
        return ensureStarted()
      case 'token':
      // JSON mode in a foreign format is plain text deltas.
      case 'object_delta': {
        const content = event.type === 'token' ? event.content : event.delta
        const out = ensureStarted() + openText('message')
        const item = open!
        item.text += content
        return out + emit('response.output_text.delta', { item_id: item.id, output_index: item.outputIndex, content_index: 0, delta: content })
      }
      case 'reasoning': {
        const out = ensureStarted() + openText('reasoning')
        const item = open!
        item.text += event.content
        return out + emit('response.reasoning_summary_text.delta', { item_id: item.id, output_index: item.outputIndex, summary_index: 0, delta: event.content })
      }
      case 'tool_call_start': {
        let out = ensureStarted() + closeText()
        const outputIndex = outputCount++
        const item: CallItem = { id: `fc_${outputIndex}`, outputIndex, callId: event.id, name: event.name, args: '' }
        calls.set(event.id, item)
        out += emit('response.output_item.added', { output_index: outputIndex, item: functionCall(item, 'in_progress') })
        return out
      }
      case 'tool_call_delta': {
        const item = calls.get(event.id)
        if (!item) return ''
        item.args += event.argsDelta
        return emit('response.function_call_arguments.delta', { item_id: item.id, output_index: item.outputIndex, delta: event.argsDelta })
      }
      case 'tool_call_end': {
        const item = calls.get(event.id)
        return item ? closeCall(item) : ''
      }
      case 'error': {
        const code = ERROR_CODES[event.code]
        const error: Record<string, unknown> = { type: code, code, message: event.message, param: null }
        // Not an OpenAI field (the API sends a retry-after header): the only place in-band.
        if (event.retryAfter !== undefined) error.retry_after = event.retryAfter
        return (
          ensureStarted() +
          emit('error', { error }) +
          emit('response.failed', { response: response('failed', { error: { code, message: event.message } }) })
        )
      }
      case 'done': {
        const out = ensureStarted() + closeAll()
        const usage = event.usage && {
          input_tokens: event.usage.inputTokens ?? 0,
          output_tokens: event.usage.outputTokens ?? 0,
          total_tokens: (event.usage.inputTokens ?? 0) + (event.usage.outputTokens ?? 0),
        }
        if (event.finishReason === 'length') {
          return out + emit('response.incomplete', {
            response: response('incomplete', { usage: usage ?? null, incomplete_details: { reason: 'max_output_tokens' } }),
          })
        }
        return out + emit('response.completed', { response: response('completed', { usage: usage ?? null }) })
      }
      case 'tool_result':
      case 'tool_approval_request':
      case 'step_start':
      case 'step_finish':
      case 'step_reset':
      case 'status':
        return ''
      case 'source':
        if (!sources.has(event.id)) sources.set(event.id, event)
        return ''
      case 'citation':
        return annotate(event)
      case 'file':
        return image(event)
      // Custom data and metadata have no place in this format.
      case 'metadata':
      case 'data':
        return ''
    }
  }

  return { encode, end: () => '' }
}

function functionCall(item: CallItem, status: string) {
  return { type: 'function_call', id: item.id, call_id: item.callId, name: item.name, arguments: item.args, status }
}
