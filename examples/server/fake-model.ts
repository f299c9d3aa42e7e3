import type { UnsequencedChatEvent } from '../../src/protocol/events.ts'

export interface FakeModelOptions {
  /** Delay between events, in milliseconds. */
  delayMs?: number
  /** Stops the model early, like a cancelled provider call. */
  signal?: AbortSignal
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
 * A scripted "model" so the example runs without API keys: a status line, a tool call whose
 * arguments stream in pieces, its result, then a markdown answer with a list and a fenced
 * code block, streamed a word at a time.
 *
 * @example
 * createEventStreamResponse(fakeModel('Hello'), { signal: request.signal })
 */
export async function* fakeModel(prompt: string, options: FakeModelOptions = {}): AsyncGenerator<UnsequencedChatEvent> {
  const { delayMs = 30, signal } = options
  const topic = prompt.trim().slice(0, 80) || 'streaming'
  yield { type: 'status', message: 'Looking things up…' }
  await sleep(delayMs * 4, signal)

  const args = JSON.stringify({ query: topic, limit: 3 })
  yield { type: 'tool_call_start', id: 'call_1', name: 'search_docs' }
  for (let i = 0; i < args.length; i += 8) {
    await sleep(delayMs, signal)
    yield { type: 'tool_call_delta', id: 'call_1', argsDelta: args.slice(i, i + 8) }
  }
  yield { type: 'tool_call_end', id: 'call_1' }
  await sleep(delayMs * 6, signal)
  yield { type: 'tool_result', id: 'call_1', result: { hits: [{ title: 'Streaming responses', url: 'https://example.com/docs/streaming' }] } }

  const answer = [
    `## About “${topic}”\n\n`,
    'This answer comes from the **built-in fake model** of the Rivulet example server, so it streams ',
    'without any API key. Set `OPENAI_API_KEY` or `ANTHROPIC_API_KEY` to talk to a real model.\n\n',
    'What the server does for you:\n\n',
    '- sends `start`, numbered events and a final `done` or `error`;\n',
    '- keeps the connection alive with `: ping` comments;\n',
    '- stops the model when the browser goes away;\n',
    '- records the stream so a dropped connection can **resume**.\n\n',
    'A handler is a few lines:\n\n',
    '```ts\n',
    'export async function POST(request: Request) {\n',
    '  const { messages } = await request.json()\n',
    '  return createEventStreamResponse(fakeModel(messages.at(-1).content), {\n',
    '    signal: request.signal,\n',
    '  })\n',
    '}\n',
    '```\n\n',
    'That is all. _Happy streaming!_',
  ].join('')
  for (const token of tokens(answer)) {
    await sleep(delayMs, signal)
    if (signal?.aborted) return
    yield { type: 'token', content: token }
  }
  yield { type: 'done', finishReason: 'stop', usage: { inputTokens: tokens(prompt).length, outputTokens: tokens(answer).length } }
}
