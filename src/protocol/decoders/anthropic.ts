import type { FinishReason, Usage } from '../events.ts'
import type { SseEvent } from '../sse/parser.ts'
import { createEventSink } from './event-sink.ts'
import { isJsonObject, numberField, objectField, stringField, type JsonObject } from './json-value.ts'
import { toProviderError } from './provider-error.ts'
import type { ChatEventListener, Decoder, DecoderOptions } from './stream-format.ts'
import { frameObject } from './json-frame.ts'
import { citationSource, toolResultSources } from './anthropic-sources.ts'

const STOP_REASONS: Record<string, FinishReason> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  max_tokens: 'length',
  model_context_window_exceeded: 'length',
  tool_use: 'tool-calls',
  refusal: 'content-filter',
}

/** Block types that are tool calls: the client's own tools and the ones Anthropic runs. */
const TOOL_BLOCKS = new Set(['tool_use', 'server_tool_use', 'mcp_tool_use'])

/** A text block's length so far (UTF-16, as the client counts) and the sources it cites. */
interface TextBlock {
  length: number
  cited: string[]
}

interface ToolBlock {
  id: string
  /** Whether any `input_json_delta` arrived; if none did, the block's `input` is the arguments. */
  streamed: boolean
  input: unknown
}

/**
 * Decodes the Anthropic Messages stream.
 *
 * - `message_start` names the stream (`message.id`) and gives the input token count. A repeat
 *   of it with the same id is ignored; a different message starting while one is open is a
 *   `protocol` error (proxies have been seen splicing two responses into one body: merging
 *   them would cut the first message's tool arguments short).
 * - Content blocks by `index`: `text_delta` → `token`, `thinking_delta` → `reasoning`;
 *   `tool_use` / `server_tool_use` / `mcp_tool_use` blocks are tool calls whose
 *   `input_json_delta`s are the argument text, ended at `content_block_stop`.
 * - Server tool result blocks (`web_search_tool_result`, `tool_search_tool_result`, any
 *   `*_tool_result` with a `tool_use_id`) → `tool_result` for the server call.
 * - `message_delta` carries the stop reason and (cumulative) usage; `message_stop` → `done`.
 * - `event: error` → `error` (`rate_limit_error` → `rate_limited`, a too-long prompt →
 *   `context_length`, `overloaded_error` and the rest → `upstream_error`).
 * - With `reasoningHandles`: a thinking block's `signature_delta` → `reasoning` with
 *   `signature` (so a server can send the block back); a `redacted_thinking` block →
 *   `reasoning` with `redactedData`. Without, both are ignored.
 * - Citations: each `citations_delta` (and a text block's own `citations`) → a `source` at once
 *   (web results by URL, request documents as `document-<n>`), and at the block's end a
 *   `citation` covering the block's text. Web search and web fetch results → `source`s too.
 * - `ping` and unknown block types (e.g. `compaction`) are ignored.
 *
 * @example
 * const decoder = createAnthropicDecoder((event) => events.push(event))
 * decoder.push({ type: 'message_start', data: '{"type":"message_start","message":{"id":"msg_1"}}', lastEventId: '' })
 */
export function createAnthropicDecoder(onEvent: ChatEventListener, options: DecoderOptions = {}): Decoder {
  const sink = createEventSink(onEvent, options)
  const handles = options.reasoningHandles === true
  const kinds = new Map<number, string>()
  const tools = new Map<number, ToolBlock>()
  const texts = new Map<number, TextBlock>()
  let usage: Usage | undefined
  let finishReason: FinishReason | undefined
  /** The id of the open message (`message_start` seen); `message_stop` ends the stream anyway. */
  let messageId: string | undefined

  function addUsage(raw: JsonObject | undefined) {
    if (!raw) return
    const input = numberField(raw, 'input_tokens')
    const output = numberField(raw, 'output_tokens')
    usage ??= {}
    if (input !== undefined) usage.inputTokens = input
    if (output !== undefined) usage.outputTokens = output
  }

  function blockStart(index: number, block: JsonObject) {
    const type = stringField(block, 'type') ?? ''
    kinds.set(index, type)
    if (type === 'text') {
      const text = stringField(block, 'text') ?? ''
      const entry: TextBlock = { length: text.length, cited: [] }
      texts.set(index, entry)
      const citations = block['citations']
      if (Array.isArray(citations)) for (const citation of citations) if (isJsonObject(citation)) cite(entry, citation)
      sink.emit({ type: 'token', content: text })
    } else if (type === 'thinking') {
      const signature = handles ? stringField(block, 'signature') : undefined
      sink.emit({ type: 'reasoning', content: stringField(block, 'thinking') ?? '', ...(signature ? { signature } : {}) })
    } else if (type === 'redacted_thinking') {
      const data = stringField(block, 'data')
      if (handles && data) sink.emit({ type: 'reasoning', content: '', redactedData: data })
    }
    else if (TOOL_BLOCKS.has(type)) {
      const id = stringField(block, 'id')
      if (!id) return
      tools.set(index, { id, streamed: false, input: block['input'] })
      sink.emit({ type: 'tool_call_start', id, name: stringField(block, 'name') ?? '' })
    } else {
      const toolUseId = stringField(block, 'tool_use_id')
      if (toolUseId && type.endsWith('_tool_result')) {
        const content = block['content']
        const isError = block['is_error'] === true || (isJsonObject(content) && (stringField(content, 'type') ?? '').endsWith('_error'))
        sink.emit(isError ? { type: 'tool_result', id: toolUseId, result: content, isError } : { type: 'tool_result', id: toolUseId, result: content })
        for (const source of toolResultSources(block)) sink.emit(source)
      }
    }
  }

  function blockDelta(index: number, delta: JsonObject) {
    switch (stringField(delta, 'type')) {
      case 'text_delta': {
        const text = stringField(delta, 'text') ?? ''
        const block = texts.get(index)
        if (block) block.length += text.length
        sink.emit({ type: 'token', content: text })
        return
      }
      case 'citations_delta': {
        const block = texts.get(index)
        const citation = objectField(delta, 'citation')
        if (block && citation) cite(block, citation)
        return
      }
      case 'thinking_delta':
        sink.emit({ type: 'reasoning', content: stringField(delta, 'thinking') ?? '' })
        return
      case 'signature_delta': {
        const signature = stringField(delta, 'signature')
        if (handles && signature) sink.emit({ type: 'reasoning', content: '', signature })
        return
      }
      case 'input_json_delta': {
        const tool = tools.get(index)
        const json = stringField(delta, 'partial_json')
        if (!tool || !json) return
        tool.streamed = true
        sink.emit({ type: 'tool_call_delta', id: tool.id, argsDelta: json })
        return
      }
      default:
    }
  }

  /** The source goes out at once (sources do not interrupt the text); the marker waits for the block's end. */
  function cite(block: TextBlock, citation: JsonObject) {
    const source = citationSource(citation)
    if (!source) return
    sink.emit(source)
    if (!block.cited.includes(source.id)) block.cited.push(source.id)
  }

  function blockStop(index: number) {
    const text = texts.get(index)
    if (text) {
      texts.delete(index)
      // A citation covers its whole text block: Anthropic splits the answer into blocks per claim.
      for (const sourceId of text.cited) sink.emit({ type: 'citation', sourceId, length: text.length })
    }
    const tool = tools.get(index)
    if (!tool) return
    if (!tool.streamed && isJsonObject(tool.input) && Object.keys(tool.input).length > 0) {
      sink.emit({ type: 'tool_call_delta', id: tool.id, argsDelta: JSON.stringify(tool.input) })
    }
    sink.emit({ type: 'tool_call_end', id: tool.id })
  }

  function handle(type: string, data: JsonObject) {
    const index = numberField(data, 'index') ?? 0
    switch (type) {
      case 'message_start': {
        const message = objectField(data, 'message')
        const id = stringField(message, 'id') ?? ''
        if (messageId !== undefined) {
          if (id !== messageId) sink.fail('protocol', `message ${id || '(no id)'} started while message ${messageId || '(no id)'} was still open`)
          return
        }
        messageId = id
        sink.start(id || undefined)
        addUsage(objectField(message, 'usage'))
        return
      }
      case 'content_block_start': {
        const block = objectField(data, 'content_block')
        if (block) blockStart(index, block)
        return
      }
      case 'content_block_delta': {
        const delta = objectField(data, 'delta')
        if (delta) blockDelta(index, delta)
        return
      }
      case 'content_block_stop':
        blockStop(index)
        return
      case 'message_delta': {
        const reason = stringField(objectField(data, 'delta'), 'stop_reason')
        if (reason) finishReason = STOP_REASONS[reason] ?? 'other'
        addUsage(objectField(data, 'usage'))
        return
      }
      case 'message_stop': {
        const event: { type: 'done'; finishReason?: FinishReason; usage?: Usage } = { type: 'done' }
        if (finishReason !== undefined) event.finishReason = finishReason
        if (usage !== undefined) event.usage = usage
        sink.emit(event)
        return
      }
      case 'error':
        sink.emit(toProviderError(objectField(data, 'error') ?? data))
        return
      default:
    }
  }

  return {
    push(sse: SseEvent) {
      if (sink.terminated) return
      const data = frameObject(sink, sse, 'anthropic')
      // The `type` in the JSON is authoritative; some proxies drop the `event:` lines.
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
