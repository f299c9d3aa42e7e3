import type { ChatErrorCode, ChatEvent, FileEvent, FinishReason, MessageMetadata, SourceEvent, UnsequencedChatEvent, Usage } from '../protocol/events.ts'

/**
 * How text is cut into deltas: whole words with their leading whitespace (like most
 * tokenizers), single characters (code points, never half a surrogate pair), or groups of
 * N code points.
 *
 * @example
 * createScript().text('Hello world', { chunk: 3 }) // 'Hel', 'lo ', 'wor', 'ld'
 */
export type ChunkMode = 'word' | 'char' | number

/**
 * @example
 * createScript({ streamId: 'weather-1', messageId: 'msg-1' })
 */
export interface ScriptOptions {
  /** The `streamId` of the `start` event, used to resume. @default 'stream-1' */
  streamId?: string
  messageId?: string
  /** Metadata on the `start` event (e.g. `{ model: 'gpt-5' }`). */
  metadata?: MessageMetadata
}

/**
 * @example
 * createScript().toolCall({ name: 'search', args: { q: 'nile' }, result: ['…'] })
 */
export interface ScriptToolCall {
  /** @default `call_1`, `call_2`, … in order */
  id?: string
  name: string
  /** An object is sent as JSON; a string is sent as is (useful for malformed or partial arguments). */
  args: unknown
  /** Omit for a call that never gets a result (a client-side tool). */
  result?: unknown
  isError?: boolean
  /** How the argument text is cut into deltas. @default 6 */
  chunk?: ChunkMode
}

/**
 * Builds a scripted stream step by step. `done()` and `error()` end the script and return
 * the events; `build()` returns them without an ending (an interrupted stream).
 *
 * @example
 * const interrupted = createScript().text('Half an ans').build()
 */
export interface ScriptBuilder {
  /** Answer text, cut into `token` events. */
  text(content: string, options?: { chunk?: ChunkMode }): ScriptBuilder
  /** Reasoning text, cut into `reasoning` events. */
  reasoning(content: string, options?: { chunk?: ChunkMode }): ScriptBuilder
  /** `tool_call_start`, argument deltas, `tool_call_end`, then `tool_result` when a result is given. */
  toolCall(call: ScriptToolCall): ScriptBuilder
  status(message: string): ScriptBuilder
  /**
   * A `data` part for the app's renderer. With `id`, later calls with the same name and id
   * replace it in place (a progress card); `transient` data only reaches `onData`.
   */
  data(name: string, data: unknown, options?: { id?: string; transient?: boolean }): ScriptBuilder
  /** A `source` the answer draws on (`id` defaults to the URL). */
  source(source: Omit<SourceEvent, 'type' | 'seq' | 'id'> & { id?: string }): ScriptBuilder
  /**
   * Text that cites a source: the text streams as tokens, then a `citation` covering it (the
   * inline marker goes right after it).
   */
  cited(content: string, sourceId: string, options?: { chunk?: ChunkMode }): ScriptBuilder
  /** A file the assistant produced (a generated image as a `data:` URL, a link to a document). */
  file(file: Omit<FileEvent, 'type' | 'seq'>): ScriptBuilder
  /** Metadata mid-stream, merged into the message's `metadata`. */
  metadata(metadata: MessageMetadata): ScriptBuilder
  /** Any event, for what the helpers do not cover. */
  event(event: UnsequencedChatEvent): ScriptBuilder
  done(options?: { finishReason?: FinishReason; usage?: Usage; metadata?: MessageMetadata }): ChatEvent[]
  error(code: ChatErrorCode, message: string, options?: { retryAfter?: number }): ChatEvent[]
  build(): ChatEvent[]
}

/**
 * Starts a script of `ChatEvent`s with `seq` 0, 1, 2, … assigned in order and a `start`
 * event first.
 *
 * @example
 * const events = createScript()
 *   .status('Searching…')
 *   .toolCall({ name: 'search', args: { q: 'rivers' }, result: ['Nile'] })
 *   .text('The longest river is the Nile.', { chunk: 'word' })
 *   .done()
 */
export function createScript(options: ScriptOptions = {}): ScriptBuilder {
  const events: ChatEvent[] = []
  let calls = 0
  function add(event: UnsequencedChatEvent) {
    events.push({ ...event, seq: events.length } as ChatEvent)
  }
  const start: UnsequencedChatEvent = { type: 'start', streamId: options.streamId ?? 'stream-1' }
  if (options.messageId !== undefined) start.messageId = options.messageId
  if (options.metadata !== undefined) start.metadata = options.metadata
  add(start)

  const builder: ScriptBuilder = {
    text(content, textOptions) {
      for (const piece of splitText(content, textOptions?.chunk ?? 'word')) add({ type: 'token', content: piece })
      return builder
    },
    reasoning(content, textOptions) {
      for (const piece of splitText(content, textOptions?.chunk ?? 'word')) add({ type: 'reasoning', content: piece })
      return builder
    },
    toolCall(call) {
      const id = call.id ?? `call_${++calls}`
      add({ type: 'tool_call_start', id, name: call.name })
      const argsText = typeof call.args === 'string' ? call.args : JSON.stringify(call.args)
      for (const piece of splitText(argsText, call.chunk ?? 6)) add({ type: 'tool_call_delta', id, argsDelta: piece })
      add({ type: 'tool_call_end', id })
      if (call.result !== undefined || call.isError) {
        add(call.isError ? { type: 'tool_result', id, result: call.result, isError: true } : { type: 'tool_result', id, result: call.result })
      }
      return builder
    },
    status(message) {
      add({ type: 'status', message })
      return builder
    },
    data(name, data, dataOptions = {}) {
      const event: UnsequencedChatEvent = { type: 'data', name, data }
      if (dataOptions.id !== undefined) event.id = dataOptions.id
      if (dataOptions.transient) event.transient = true
      add(event)
      return builder
    },
    source(source) {
      const id = source.id ?? source.url
      if (id === undefined) throw new TypeError('createScript().source needs an id or a url')
      add({ ...source, type: 'source', id })
      return builder
    },
    cited(content, sourceId, textOptions) {
      builder.text(content, textOptions)
      add({ type: 'citation', sourceId, length: content.length })
      return builder
    },
    file(file) {
      add({ ...file, type: 'file' })
      return builder
    },
    metadata(metadata) {
      add({ type: 'metadata', metadata })
      return builder
    },
    event(event) {
      add(event)
      return builder
    },
    done(doneOptions = {}) {
      const event: UnsequencedChatEvent = { type: 'done', finishReason: doneOptions.finishReason ?? 'stop' }
      if (doneOptions.usage) event.usage = doneOptions.usage
      if (doneOptions.metadata) event.metadata = doneOptions.metadata
      add(event)
      return [...events]
    },
    error(code, message, errorOptions = {}) {
      add(errorOptions.retryAfter === undefined ? { type: 'error', code, message } : { type: 'error', code, message, retryAfter: errorOptions.retryAfter })
      return [...events]
    },
    build() {
      return [...events]
    },
  }
  return builder
}

/**
 * Cuts text into deltas; joining the pieces always gives the text back.
 *
 * @example
 * splitText('Hello big world', 'word') // ['Hello', ' big', ' world']
 * splitText('héllo', 2) // ['hé', 'll', 'o']
 */
export function splitText(text: string, mode: ChunkMode): string[] {
  if (text === '') return []
  if (mode === 'word') return text.match(/\s*\S+|\s+$/g) ?? [text]
  const chars = [...text]
  const size = mode === 'char' ? 1 : Math.max(1, Math.floor(mode))
  const pieces: string[] = []
  for (let i = 0; i < chars.length; i += size) pieces.push(chars.slice(i, i + size).join(''))
  return pieces
}
