import type { ChatErrorCode, ChatEvent, CitationEvent, FinishReason } from '../events.ts'
import { DEFAULT_MODEL, DEFAULT_STREAM_ID, type Encoder, type EncoderOptions } from './encoder.ts'
import type { SourceBook } from './rich-part-encoding.ts'
import { jsonFrame } from './sse-frame.ts'

const STOP_REASONS: Record<FinishReason, string> = {
  stop: 'end_turn',
  length: 'max_tokens',
  'tool-calls': 'tool_use',
  'content-filter': 'refusal',
  error: 'end_turn',
  interrupted: 'end_turn',
  other: 'end_turn',
}

/** Anthropic's error types; their messages are the event's own. */
const ERROR_TYPES: Record<ChatErrorCode, string> = {
  rate_limited: 'rate_limit_error',
  context_length: 'invalid_request_error',
  content_filter: 'invalid_request_error',
  upstream_error: 'api_error',
  timeout: 'api_error',
  network: 'api_error',
  protocol: 'api_error',
  http: 'api_error',
}

/**
 * Anthropic Messages streaming: named frames whose data repeats the name in `type`.
 * `message_start` (then a `ping`, as the API sends) opens the message; text and reasoning are
 * `text` / `thinking` content blocks opened at their first delta and stopped when another
 * block starts; a tool call is a `tool_use` block fed by `input_json_delta`. A tool result is
 * a server-tool result block (`mcp_tool_result` with `tool_use_id`, `is_error`, `content`):
 * the only place Messages streams carry one. `done` is `message_delta` (stop reason, usage)
 * then `message_stop`; `error` is `event: error` with `{ type: 'error', error: { type, message } }`.
 * A citation is a `citations_delta` in the open text block (which then ends: Anthropic cites
 * whole blocks, so the decoder marks the block). Status lines, data, metadata and files are
 * dropped.
 *
 * @example
 * const encoder = createAnthropicEncoder()
 * encoder.encode({ type: 'token', seq: 1, content: 'Hi' })
 * // 'event: message_start\n…event: content_block_start\n…event: content_block_delta\ndata: {…"text_delta","text":"Hi"}}\n\n'
 */
export function createAnthropicEncoder(options: EncoderOptions = {}): Encoder {
  const model = options.model ?? DEFAULT_MODEL
  let started = false
  let nextIndex = 0
  /** `cited`: a citation went into this block, so the next text starts a block of its own (Anthropic cites whole blocks). */
  let openText: { kind: 'text' | 'thinking'; index: number; cited?: boolean } | undefined
  const sources: SourceBook = new Map()
  /** Open `tool_use` blocks by call id: each delta names its block index, so several may be open. */
  const tools = new Map<string, number>()

  function emit(type: string, fields: Record<string, unknown> = {}): string {
    return jsonFrame({ type, ...fields }, type)
  }

  function messageStart(id: string): string {
    started = true
    const message = {
      id,
      type: 'message',
      role: 'assistant',
      model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: 0, output_tokens: 0 },
    }
    return emit('message_start', { message }) + emit('ping')
  }
  function ensureStarted(): string {
    return started ? '' : messageStart(DEFAULT_STREAM_ID)
  }

  function closeText(): string {
    if (!openText) return ''
    const { index } = openText
    openText = undefined
    return emit('content_block_stop', { index })
  }

  function text(kind: 'text' | 'thinking', content: string): string {
    let out = ensureStarted()
    if (openText?.kind !== kind || openText.cited) {
      out += closeText()
      openText = { kind, index: nextIndex++ }
      const block = kind === 'text' ? { type: 'text', text: '' } : { type: 'thinking', thinking: '', signature: '' }
      out += emit('content_block_start', { index: openText.index, content_block: block })
    }
    const delta = kind === 'text' ? { type: 'text_delta', text: content } : { type: 'thinking_delta', thinking: content }
    return out + emit('content_block_delta', { index: openText.index, delta })
  }

  function closeTools(): string {
    let out = ''
    for (const index of tools.values()) out += emit('content_block_stop', { index })
    tools.clear()
    return out
  }

  /** A `citations_delta` in the open text block: a web result location for a page, a search result location otherwise. */
  function cite(event: CitationEvent): string {
    if (openText?.kind !== 'text') return ''
    const source = sources.get(event.sourceId)
    const citation =
      source?.url !== undefined
        ? { type: 'web_search_result_location', url: source.url, title: source.title ?? source.url, cited_text: source.snippet ?? '', encrypted_index: '' }
        : { type: 'search_result_location', source: event.sourceId, title: source?.title ?? event.sourceId, cited_text: source?.snippet ?? '', search_result_index: 0, start_block_index: 0, end_block_index: 0 }
    openText.cited = true
    return emit('content_block_delta', { index: openText.index, delta: { type: 'citations_delta', citation } })
  }

  function encode(event: ChatEvent): string {
    switch (event.type) {
      case 'start':
        return started ? '' : messageStart(event.streamId)
      case 'token':
        return text('text', event.content)
      // JSON mode in a foreign format is plain text deltas.
      case 'object_delta':
        return text('text', event.delta)
      case 'reasoning':
        return text('thinking', event.content)
      case 'tool_call_start': {
        const index = nextIndex++
        tools.set(event.id, index)
        const block = { type: 'tool_use', id: event.id, name: event.name, input: {} }
        return ensureStarted() + closeText() + emit('content_block_start', { index, content_block: block })
      }
      case 'tool_call_delta': {
        const index = tools.get(event.id)
        if (index === undefined) return ''
        return emit('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: event.argsDelta } })
      }
      case 'tool_call_end': {
        const index = tools.get(event.id)
        if (index === undefined) return ''
        tools.delete(event.id)
        return emit('content_block_stop', { index })
      }
      case 'tool_result': {
        // Anthropic has no progress results: only the final one is written.
        if (event.preliminary) return ''
        const index = nextIndex++
        const block = { type: 'mcp_tool_result', tool_use_id: event.id, is_error: event.isError === true, content: event.result }
        return (
          ensureStarted() +
          closeText() +
          emit('content_block_start', { index, content_block: block }) +
          emit('content_block_stop', { index })
        )
      }
      case 'error': {
        const error: Record<string, unknown> = { type: ERROR_TYPES[event.code], message: event.message }
        // Not an Anthropic field (the API sends a retry-after header): the only place in-band.
        if (event.retryAfter !== undefined) error.retry_after = event.retryAfter
        return ensureStarted() + emit('error', { error })
      }
      case 'done': {
        const usage: Record<string, number> = { output_tokens: event.usage?.outputTokens ?? 0 }
        // Recent API versions repeat the input count here; a mock cannot know it at message_start.
        if (event.usage?.inputTokens !== undefined) usage.input_tokens = event.usage.inputTokens
        const delta = { stop_reason: STOP_REASONS[event.finishReason ?? 'stop'], stop_sequence: null }
        return ensureStarted() + closeText() + closeTools() + emit('message_delta', { delta, usage }) + emit('message_stop')
      }
      case 'status':
      case 'tool_approval_request':
      case 'step_start':
      case 'step_finish':
      case 'step_reset':
      // Custom data, metadata and files have no place in a Messages stream.
      case 'metadata':
      case 'data':
      case 'file':
        return ''
      case 'source':
        if (!sources.has(event.id)) sources.set(event.id, event)
        return ''
      case 'citation':
        return cite(event)
    }
  }

  return { encode, end: () => '' }
}
