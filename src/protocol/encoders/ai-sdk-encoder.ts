import type { ChatEvent } from '../events.ts'
import type { Encoder } from './encoder.ts'
import { jsonFrame, sseFrame } from './sse-frame.ts'

/**
 * The AI SDK UI message stream (v1): unnamed `data:` frames of `{ type, … }` parts. Text and
 * reasoning runs are wrapped in `text-start`/`text-end` and `reasoning-start`/`reasoning-end`
 * with an id per run; a tool call is `tool-input-start`, `tool-input-delta`s, then
 * `tool-input-available` with the parsed input (the raw text when it is not JSON);
 * results are `tool-output-available` / `tool-output-error`. Status lines become a transient
 * `data-status` part (clients ignore unknown data parts). `done` is `finish-step` + `finish`,
 * `error` is `{ type: 'error', errorText }`, and {@link Encoder.end} writes `data: [DONE]`,
 * which the AI SDK appends whenever its body closes.
 *
 * @example
 * const encoder = createAiSdkEncoder()
 * encoder.encode({ type: 'start', seq: 0, streamId: 's1', messageId: 'm1' })
 * // 'data: {"type":"start","messageId":"m1"}\n\ndata: {"type":"start-step"}\n\n'
 */
export function createAiSdkEncoder(): Encoder {
  let started = false
  let stepOpen = false
  let ended = false
  let runs = 0
  let openRun: { kind: 'text' | 'reasoning'; id: string } | undefined
  const tools = new Map<string, { name: string; args: string }>()

  function part(type: string, fields: Record<string, unknown> = {}): string {
    return jsonFrame({ type, ...fields })
  }
  function ensureStarted(messageId?: string): string {
    if (started) return ''
    started = true
    stepOpen = true
    return part('start', messageId === undefined ? {} : { messageId }) + part('start-step')
  }
  function closeRun(): string {
    if (!openRun) return ''
    const { kind, id } = openRun
    openRun = undefined
    return part(`${kind}-end`, { id })
  }
  function run(kind: 'text' | 'reasoning', delta: string): string {
    let out = ensureStarted()
    if (openRun?.kind !== kind) {
      out += closeRun()
      openRun = { kind, id: `${kind}-${runs++}` }
      out += part(`${kind}-start`, { id: openRun.id })
    }
    return out + part(`${kind}-delta`, { id: openRun.id, delta })
  }
  function inputAvailable(id: string): string {
    const tool = tools.get(id)
    if (!tool) return ''
    tools.delete(id)
    return part('tool-input-available', { toolCallId: id, toolName: tool.name, input: parseInput(tool.args) })
  }

  function encode(event: ChatEvent): string {
    switch (event.type) {
      case 'start':
        return ensureStarted(event.messageId)
      case 'token':
        return run('text', event.content)
      // JSON mode in a foreign format is plain text deltas.
      case 'object_delta':
        return run('text', event.delta)
      case 'reasoning':
        return run('reasoning', event.content)
      case 'tool_call_start':
        tools.set(event.id, { name: event.name, args: '' })
        return ensureStarted() + closeRun() + part('tool-input-start', { toolCallId: event.id, toolName: event.name })
      case 'tool_call_delta': {
        const tool = tools.get(event.id)
        if (!tool) return ''
        tool.args += event.argsDelta
        return part('tool-input-delta', { toolCallId: event.id, inputTextDelta: event.argsDelta })
      }
      case 'tool_call_end':
        return inputAvailable(event.id)
      case 'tool_result': {
        const out = ensureStarted() + closeRun() + inputAvailable(event.id)
        if (event.isError) return out + part('tool-output-error', { toolCallId: event.id, errorText: errorText(event.result) })
        return out + part('tool-output-available', { toolCallId: event.id, output: event.result })
      }
      case 'status':
        return ensureStarted() + part('data-status', { data: { message: event.message }, transient: true })
      case 'error':
        return ensureStarted() + closeRun() + part('error', { errorText: event.message })
      case 'done': {
        let out = ensureStarted() + closeRun()
        for (const id of [...tools.keys()]) out += inputAvailable(id)
        if (stepOpen) out += part('finish-step')
        stepOpen = false
        return out + part('finish', event.finishReason === undefined ? {} : { finishReason: event.finishReason })
      }
    }
  }

  return {
    encode,
    end() {
      if (ended) return ''
      ended = true
      return sseFrame('[DONE]')
    },
  }
}

function parseInput(text: string): unknown {
  try {
    return JSON.parse(text === '' ? '{}' : text)
  } catch {
    return text
  }
}

function errorText(result: unknown): string {
  if (typeof result === 'string') return result
  return JSON.stringify(result) ?? String(result)
}
