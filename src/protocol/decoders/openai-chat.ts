import type { FinishReason, Usage } from '../events.ts'
import type { SseEvent } from '../sse/parser.ts'
import { createThinkTagSplitter, type ThinkTagSplitter } from '../think-tags.ts'
import { createEventSink } from './event-sink.ts'
import { isJsonObject, numberField, objectField, parseJsonObject, stringField, type JsonObject } from './json-value.ts'
import { toProviderError } from './provider-error.ts'
import type { ChatEventListener, Decoder, DecoderOptions } from './stream-format.ts'
import { frameObject } from './json-frame.ts'
import { createChatCitations } from './chat-citations.ts'

const FINISH_REASONS: Record<string, FinishReason> = {
  stop: 'stop',
  length: 'length',
  tool_calls: 'tool-calls',
  function_call: 'tool-calls',
  content_filter: 'content-filter',
}

/**
 * Decodes OpenAI Chat Completions chunks and the many servers that copy them (Groq,
 * OpenRouter, Hugging Face router, vLLM, Together…).
 *
 * - `delta.content` → `token`; `delta.reasoning_content` / `delta.reasoning` → `reasoning`.
 * - `delta.tool_calls` are keyed by `index`; id and name come only on the first delta of an
 *   index. Calls end at the first `finish_reason` (or at `[DONE]`).
 * - `usage` (often in a last chunk with `choices: []`) and the finish reason go into `done`,
 *   sent at `[DONE]`. Some compatible servers never send `[DONE]`: a seen `finish_reason`
 *   followed by the end of the body counts as a clean end too.
 * - Sources: Perplexity's `citations` / `search_results` and OpenRouter's `url_citation`
 *   annotations → `source`s; Perplexity's `[n]` markers in the text → `citation`s of the n-th.
 * - An `error` object inside a chunk (OpenRouter) or an `event: error` frame (Groq) → `error`.
 * - With `thinkTags` (default on), a `<think>…</think>` block at the start of the content is
 *   split into `reasoning` events (DeepSeek-R1 and similar models put their reasoning there).
 *   Pass `thinkTags: false` to keep such content as literal text.
 *
 * @example
 * const decoder = createOpenAIChatDecoder((event) => events.push(event))
 * decoder.push({ type: 'message', data: '{"id":"c1","choices":[{"index":0,"delta":{"content":"Hi"}}]}', lastEventId: '' })
 * decoder.push({ type: 'message', data: '[DONE]', lastEventId: '' })
 * // events: start(c1), token "Hi", done
 */
export function createOpenAIChatDecoder(onEvent: ChatEventListener, options: DecoderOptions = {}): Decoder {
  const sink = createEventSink(onEvent, options)
  const splitter: ThinkTagSplitter | undefined = options.thinkTags === false ? undefined : createThinkTagSplitter()
  /** Call ids by `tool_calls[].index`. */
  const calls = new Map<number, string>()
  let finishReason: FinishReason | undefined
  let usage: Usage | undefined
  const citations = createChatCitations()

  function token(text: string) {
    sink.emit({ type: 'token', content: text })
    for (const citation of citations.markers(text)) sink.emit(citation)
  }

  function content(text: string) {
    if (!splitter) {
      token(text)
      return
    }
    for (const segment of splitter.push(text)) {
      if (segment.kind === 'text') token(segment.text)
      else sink.emit({ type: 'reasoning', content: segment.text })
    }
  }

  function finishContent() {
    if (!splitter) return
    for (const segment of splitter.flush()) {
      if (segment.kind === 'text') token(segment.text)
      else sink.emit({ type: 'reasoning', content: segment.text })
    }
  }

  function done() {
    finishContent()
    const event: { type: 'done'; finishReason?: FinishReason; usage?: Usage } = { type: 'done' }
    if (finishReason !== undefined) event.finishReason = finishReason
    if (usage !== undefined) event.usage = usage
    sink.emit(event)
  }

  function toolCallDeltas(deltas: unknown[]) {
    for (const delta of deltas) {
      if (!isJsonObject(delta)) continue
      const index = numberField(delta, 'index') ?? 0
      const fn = objectField(delta, 'function')
      let id = calls.get(index)
      if (id === undefined) {
        id = stringField(delta, 'id') || `call_${index}`
        calls.set(index, id)
        sink.emit({ type: 'tool_call_start', id, name: stringField(fn, 'name') ?? '' })
      }
      const args = stringField(fn, 'arguments')
      if (args) sink.emit({ type: 'tool_call_delta', id, argsDelta: args })
    }
  }

  function chunk(data: JsonObject) {
    const id = stringField(data, 'id')
    if (id) sink.start(id)
    if (data['error'] !== undefined && data['error'] !== null) {
      finishContent()
      sink.emit(toProviderError(data['error']))
      return
    }
    for (const source of citations.sources(data)) sink.emit(source)
    const choices = data['choices']
    if (Array.isArray(choices)) {
      // n > 1 would interleave several answers; a chat UI shows the first.
      const choice = choices.find((c) => isJsonObject(c) && (c['index'] ?? 0) === 0)
      if (isJsonObject(choice)) {
        const delta = objectField(choice, 'delta')
        const reasoning = stringField(delta, 'reasoning_content') || stringField(delta, 'reasoning')
        if (reasoning) sink.emit({ type: 'reasoning', content: reasoning })
        const text = stringField(delta, 'content') || stringField(delta, 'refusal')
        if (text) content(text)
        const toolCalls = delta?.['tool_calls']
        if (Array.isArray(toolCalls)) toolCallDeltas(toolCalls)
        const reason = stringField(choice, 'finish_reason')
        if (reason) {
          finishReason = FINISH_REASONS[reason] ?? 'other'
          sink.closeToolCalls()
        }
      }
    }
    const rawUsage = objectField(data, 'usage')
    if (rawUsage) usage = readUsage(rawUsage)
  }

  return {
    push(sse: SseEvent) {
      if (sink.terminated) return
      if (sse.data.trim() === '[DONE]') {
        done()
        return
      }
      if (sse.type === 'error') {
        // Groq's `event: error` frame: report whatever it carries, JSON or not.
        const data = parseJsonObject(sse.data)
        finishContent()
        sink.emit(toProviderError(data?.['error'] ?? data ?? sse.data))
        return
      }
      const data = frameObject(sink, sse, 'openai-chat')
      if (data) chunk(data)
    },
    end() {
      if (sink.terminated) return
      if (finishReason !== undefined) done()
      else {
        finishContent()
        sink.end()
      }
    },
    get terminated() {
      return sink.terminated
    },
  }
}

function readUsage(raw: JsonObject): Usage {
  const usage: Usage = {}
  const input = numberField(raw, 'prompt_tokens')
  const output = numberField(raw, 'completion_tokens')
  if (input !== undefined) usage.inputTokens = input
  if (output !== undefined) usage.outputTokens = output
  return usage
}

