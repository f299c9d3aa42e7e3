import type { UnsequencedChatEvent } from '../../src/protocol/events.ts'

export interface FakeModelOptions {
  /** Delay between events, in milliseconds. */
  delayMs?: number
  /** Stops the model early, like a cancelled provider call. */
  signal?: AbortSignal
  /**
   * Awaited once halfway through the answer (after its first paragraphs), so a test can act
   * while the answer is surely unfinished; see `createFakeGate`.
   */
  hold?: (signal?: AbortSignal) => Promise<void>
}

/** Resolves after `ms`, or at once when `signal` aborts: a stopped model must not linger. */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve()
    const timer = setTimeout(done, ms)
    function done() {
      clearTimeout(timer)
      signal?.removeEventListener('abort', done)
      resolve()
    }
    signal?.addEventListener('abort', done, { once: true })
  })
}

/** Splits text into word-sized tokens with their trailing whitespace, like a model's deltas. */
function tokens(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? []
}

/**
 * A scripted "model" so the example runs without API keys: a status line and a progress card
 * (a `data` part updated in place), a tool call whose arguments stream in pieces, its result
 * and the pages it found as sources, then a markdown answer with a list and a fenced code block,
 * streamed a word at a time, with citation markers after the sentences the sources back.
 *
 * @example
 * createEventStreamResponse(fakeModel('Hello'), { signal: request.signal })
 */
export async function* fakeModel(prompt: string, options: FakeModelOptions = {}): AsyncGenerator<UnsequencedChatEvent> {
  const { delayMs = 30, signal, hold } = options
  const topic = prompt.trim().slice(0, 80) || 'streaming'
  yield { type: 'status', message: 'Looking things up…' }
  // A progress card the page updates in place: every `data` event with this id replaces it.
  const steps = ['Reading the question', 'Searching the docs', 'Writing the answer']
  for (const [i, label] of steps.entries()) {
    yield { type: 'data', name: 'progress', id: 'progress-1', data: { step: i + 1, of: steps.length, label } }
    await sleep(delayMs * 2, signal)
  }

  const args = JSON.stringify({ query: topic, limit: 3 })
  yield { type: 'tool_call_start', id: 'call_1', name: 'search_docs' }
  for (let i = 0; i < args.length; i += 8) {
    await sleep(delayMs, signal)
    yield { type: 'tool_call_delta', id: 'call_1', argsDelta: args.slice(i, i + 8) }
  }
  yield { type: 'tool_call_end', id: 'call_1' }
  await sleep(delayMs * 6, signal)
  const hits = [
    { title: 'Streaming responses', url: 'https://example.com/docs/streaming' },
    { title: 'Resuming a dropped stream', url: 'https://example.com/docs/resume' },
  ]
  yield { type: 'tool_result', id: 'call_1', result: { hits } }
  for (const hit of hits) yield { type: 'source', id: hit.url, url: hit.url, title: hit.title }

  // Segments of the answer; a segment with a source is followed by a citation marking it.
  const segments: Array<[text: string, source?: string]> = [
    [`## About “${topic}”\n\n`],
    ['This answer comes from the **built-in fake model** of the Rivulet example server, so it streams without any API key. ', hits[0]!.url],
    ['Set `OPENAI_API_KEY` or `ANTHROPIC_API_KEY` to talk to a real model.\n\n'],
    ['What the server does for you:\n\n'],
    ['- sends `start`, numbered events and a final `done` or `error`;\n'],
    ['- keeps the connection alive with `: ping` comments;\n'],
    ['- stops the model when the browser goes away;\n'],
    ['- records the stream so a dropped connection can **resume**.\n\n', hits[1]!.url],
    ['A handler is a few lines:\n\n'],
    ['```ts\n'],
    ['export async function POST(request: Request) {\n'],
    ['  const { messages } = await request.json()\n'],
    ['  return createEventStreamResponse(fakeModel(messages.at(-1).content), {\n'],
    ['    signal: request.signal,\n'],
    ['  })\n'],
    ['}\n'],
    ['```\n\n'],
    ['That is all. _Happy streaming!_'],
  ]
  // Where the gate holds the answer: after "…to talk to a real model."
  const holdBefore = 3
  let outputTokens = 0
  for (const [index, [text, source]] of segments.entries()) {
    if (index === holdBefore && hold) await hold(signal)
    for (const token of tokens(text)) {
      await sleep(delayMs, signal)
      if (signal?.aborted) return
      outputTokens++
      yield { type: 'token', content: token }
    }
    // The marker goes after the sentence, before its trailing whitespace.
    const cited = text.trimEnd()
    if (source !== undefined) yield { type: 'citation', sourceId: source, end: text.length - cited.length, length: cited.length }
  }
  yield { type: 'data', name: 'progress', id: 'progress-1', data: { step: steps.length, of: steps.length, label: 'Done' } }
  const usage = { inputTokens: tokens(prompt).length, outputTokens }
  yield { type: 'done', finishReason: 'stop', usage, metadata: { model: 'rivulet-fake-model' } }
}
