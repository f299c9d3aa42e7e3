import type { ChatEvent, MessageMetadata, SourceEvent } from '../events.ts'
import type { Encoder } from './encoder.ts'
import { jsonFrame, sseFrame } from './sse-frame.ts'

/**
 * The AI SDK UI message stream (v1): unnamed `data:` frames of `{ type, … }` parts. Text and
 * reasoning runs are wrapped in `text-start`/`text-end` and `reasoning-start`/`reasoning-end`
 * with an id per run; a tool call is `tool-input-start`, `tool-input-delta`s, then
 * `tool-input-available` with the parsed input (the raw text when it is not JSON);
 * results are `tool-output-available` / `tool-output-error` (progress results with
 * `preliminary: true`), approval requests `tool-approval-request` (the call id doubles as the
 * approval id). Steps: `start` opens the first `start-step`; `step_start`/`step_finish`/
 * `step_reset` are `start-step`/`finish-step`/`reset-step`, and content after a finished step
 * opens the next one. Status lines become a transient
 * `data-status` part (clients ignore unknown data parts); `data` events are `data-<name>` parts,
 * sources `source-url` (or `source-document` without a URL), files `file`, metadata the
 * `messageMetadata` of `start`/`finish` or a `message-metadata` part; citations are dropped. `done` is `finish-step` + `finish`,
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
  /** Whether the open step has produced anything (an empty auto-opened step absorbs `step_start`). */
  let stepUsed = false
  let ended = false
  let runs = 0
  let openRun: { kind: 'text' | 'reasoning'; id: string } | undefined
  const tools = new Map<string, { name: string; args: string }>()

  function part(type: string, fields: Record<string, unknown> = {}): string {
    return jsonFrame({ type, ...fields })
  }
  function ensureStarted(messageId?: string, metadata?: MessageMetadata): string {
    let out = ''
    if (!started) {
      started = true
      out += part('start', { ...(messageId !== undefined && { messageId }), ...(metadata !== undefined && { messageMetadata: metadata }) })
    }
    if (!stepOpen) {
      stepOpen = true
      stepUsed = false
      out += part('start-step')
    }
    return out
  }
  /** Like ensureStarted, for events that put content into the step. */
  function content(): string {
    const out = ensureStarted()
    stepUsed = true
    return out
  }
  function finishStep(): string {
    if (!stepOpen) return ''
    let out = closeRun()
    for (const id of [...tools.keys()]) out += inputAvailable(id)
    stepOpen = false
    return out + part('finish-step')
  }
  function closeRun(): string {
    if (!openRun) return ''
    const { kind, id } = openRun
    openRun = undefined
    return part(`${kind}-end`, { id })
  }
  function run(kind: 'text' | 'reasoning', delta: string): string {
    let out = content()
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
        return ensureStarted(event.messageId, event.metadata)
      case 'token':
        return run('text', event.content)
      // JSON mode in a foreign format is plain text deltas.
      case 'object_delta':
        return run('text', event.delta)
      case 'reasoning':
        return run('reasoning', event.content)
      case 'tool_call_start':
        tools.set(event.id, { name: event.name, args: '' })
        return content() + closeRun() + part('tool-input-start', { toolCallId: event.id, toolName: event.name })
      case 'tool_call_delta': {
        const tool = tools.get(event.id)
        if (!tool) return ''
        tool.args += event.argsDelta
        return part('tool-input-delta', { toolCallId: event.id, inputTextDelta: event.argsDelta })
      }
      case 'tool_call_end':
        return inputAvailable(event.id)
      case 'tool_result': {
        const out = content() + closeRun() + inputAvailable(event.id)
        if (event.isError) return out + part('tool-output-error', { toolCallId: event.id, errorText: errorText(event.result) })
        const fields = { toolCallId: event.id, output: event.result }
        return out + part('tool-output-available', event.preliminary ? { ...fields, preliminary: true } : fields)
      }
      case 'tool_approval_request':
        return content() + closeRun() + inputAvailable(event.id) + part('tool-approval-request', { approvalId: event.id, toolCallId: event.id })
      case 'step_start':
        if (stepOpen && !stepUsed) return ensureStarted()
        return finishStep() + ensureStarted()
      case 'step_finish':
        return ensureStarted() + finishStep()
      case 'step_reset':
        // The retracted run is not ended: the client drops it along with the rest of the step.
        openRun = undefined
        stepUsed = false
        return ensureStarted() + part('reset-step')
      case 'status':
        return ensureStarted() + part('data-status', { data: { message: event.message }, transient: true })
      case 'error':
        return (started ? '' : ensureStarted()) + closeRun() + part('error', { errorText: event.message })
      case 'done': {
        // A stream whose last step already finished gets no empty step before `finish`.
        const out = (started ? '' : ensureStarted()) + finishStep()
        const fields = { ...(event.finishReason !== undefined && { finishReason: event.finishReason }), ...(event.metadata !== undefined && { messageMetadata: event.metadata }) }
        return out + part('finish', fields)
      }
      case 'metadata':
        return ensureStarted() + part('message-metadata', { messageMetadata: event.metadata })
      case 'data': {
        const fields = { ...(event.id !== undefined && { id: event.id }), data: event.data, ...(event.transient && { transient: true }) }
        return (event.transient ? ensureStarted() : content()) + part(`data-${event.name}`, fields)
      }
      case 'source':
        return content() + closeRun() + sourcePart(event)
      // The UI message stream has no inline citations; the source itself went out as its own part.
      case 'citation':
        return ''
      case 'file':
        return content() + closeRun() + part('file', { url: event.url, mediaType: event.mediaType })
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

/** `source-url` for links, `source-document` (which needs a media type and a title) otherwise. */
function sourcePart(event: SourceEvent): string {
  if (event.url !== undefined) return jsonFrame({ type: 'source-url', sourceId: event.id, url: event.url, ...(event.title !== undefined && { title: event.title }) })
  return jsonFrame({ type: 'source-document', sourceId: event.id, mediaType: event.mediaType ?? 'text/plain', title: event.title ?? event.id })
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
