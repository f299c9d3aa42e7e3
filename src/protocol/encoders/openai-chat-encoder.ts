import type { ChatErrorCode, ChatEvent, FinishReason } from '../events.ts'
import { DEFAULT_MODEL, DEFAULT_STREAM_ID, type Encoder, type EncoderOptions } from './encoder.ts'
import { jsonFrame, sseFrame } from './sse-frame.ts'

const FINISH_REASONS: Record<FinishReason, string> = {
  stop: 'stop',
  length: 'length',
  'tool-calls': 'tool_calls',
  'content-filter': 'content_filter',
  // Chat Completions has no words for these; `stop` is what compatible servers send.
  error: 'stop',
  interrupted: 'stop',
  other: 'stop',
}

/** OpenAI's own error `type`/`code` pairs, so decoders see what the real API sends. */
const ERRORS: Record<ChatErrorCode, { type: string; code: string }> = {
  rate_limited: { type: 'rate_limit_error', code: 'rate_limit_exceeded' },
  context_length: { type: 'invalid_request_error', code: 'context_length_exceeded' },
  content_filter: { type: 'invalid_request_error', code: 'content_filter' },
  upstream_error: { type: 'server_error', code: 'server_error' },
  timeout: { type: 'server_error', code: 'timeout' },
  network: { type: 'server_error', code: 'server_error' },
  protocol: { type: 'server_error', code: 'server_error' },
  http: { type: 'server_error', code: 'server_error' },
}

/**
 * Chat Completions streaming: `chat.completion.chunk` objects in unnamed `data:` frames.
 * Tool calls are keyed by `index` with `id` and `name` on their first delta only; `done` becomes
 * a `finish_reason` chunk, a usage chunk with empty `choices` (as with
 * `stream_options.include_usage`), then `data: [DONE]`. Errors are a data chunk with an `error`
 * object and no `[DONE]`, as OpenRouter and Groq send them. Sources with a URL go out as
 * Perplexity's top-level `citations` array. Tool results, status lines, citations, data,
 * metadata and files have no representation and are dropped.
 *
 * @example
 * const encoder = createOpenAIChatEncoder()
 * encoder.encode({ type: 'token', seq: 1, content: 'Hi' })
 * // 'data: {"id":"stream","object":"chat.completion.chunk",...,"choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":null}]}\n\n'
 */
export function createOpenAIChatEncoder(options: EncoderOptions = {}): Encoder {
  const model = options.model ?? DEFAULT_MODEL
  const created = options.created ?? 0
  let id = DEFAULT_STREAM_ID
  let started = false
  const toolIndexes = new Map<string, number>()
  /** Source URLs so far, sent as Perplexity does: the whole `citations` array on a chunk. */
  const citations: string[] = []

  function chunk(fields: Record<string, unknown>): string {
    return jsonFrame({ id, object: 'chat.completion.chunk', created, model, ...fields })
  }
  function delta(value: Record<string, unknown>, finishReason: string | null = null): string {
    return chunk({ choices: [{ index: 0, delta: value, finish_reason: finishReason }] })
  }
  function ensureStarted(): string {
    if (started) return ''
    started = true
    return delta({ role: 'assistant', content: '' })
  }

  function encode(event: ChatEvent): string {
    switch (event.type) {
      case 'start':
        if (started) return ''
        id = event.streamId
        return ensureStarted()
      case 'token':
        return ensureStarted() + delta({ content: event.content })
      // What `response_format: json_schema` streams: the document as content deltas.
      case 'object_delta':
        return ensureStarted() + delta({ content: event.delta })
      case 'reasoning':
        return ensureStarted() + delta({ reasoning_content: event.content })
      case 'tool_call_start': {
        const index = toolIndexes.size
        toolIndexes.set(event.id, index)
        const call = { index, id: event.id, type: 'function', function: { name: event.name, arguments: '' } }
        return ensureStarted() + delta({ tool_calls: [call] })
      }
      case 'tool_call_delta': {
        const index = toolIndexes.get(event.id)
        if (index === undefined) return ''
        return delta({ tool_calls: [{ index, function: { arguments: event.argsDelta } }] })
      }
      case 'error': {
        const { type, code } = ERRORS[event.code]
        const error: Record<string, unknown> = { message: event.message, type, code }
        // Not an OpenAI field: the only way to carry the wait through this format.
        if (event.retryAfter !== undefined) error.retry_after = event.retryAfter
        return ensureStarted() + jsonFrame({ error })
      }
      case 'done': {
        let out = ensureStarted() + delta({}, FINISH_REASONS[event.finishReason ?? 'stop'])
        if (event.usage) {
          const input = event.usage.inputTokens ?? 0
          const output = event.usage.outputTokens ?? 0
          out += chunk({
            choices: [],
            usage: { prompt_tokens: input, completion_tokens: output, total_tokens: input + output },
          })
        }
        return out + sseFrame('[DONE]')
      }
      case 'tool_call_end':
      case 'tool_result':
      case 'tool_approval_request':
      case 'step_start':
      case 'step_finish':
      case 'step_reset':
      case 'status':
        return ''
      case 'source':
        if (event.url === undefined || citations.includes(event.url)) return ''
        citations.push(event.url)
        return ensureStarted() + chunk({ citations: [...citations], choices: [{ index: 0, delta: {}, finish_reason: null }] })
      // Inline citations would need `[n]` written into the text; data, metadata and files have no place here.
      case 'citation':
      case 'metadata':
      case 'data':
      case 'file':
        return ''
    }
  }

  return { encode, end: () => '' }
}
