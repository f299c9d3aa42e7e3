/**
 * POST /api/object: structured output for `useObject`. The fake model streams a study plan as
 * JSON text a few characters at a time; with a key, OpenAI (JSON mode) or Anthropic (a forced
 * tool call) writes it. Either way the client gets Rivulet `object_delta` events through
 * `startEventStream`, so the stream is resumable and stoppable like a chat.
 */
import type { UnsequencedChatEvent } from '../../src/protocol/events.ts'
import { fromObjectSource } from '../../src/server/object-stream-response.ts'
import type { SharedResumeStore } from '../../src/server/resume-store.ts'
import { startEventStream } from '../../src/server/start-event-stream.ts'

export interface ObjectRouteOptions {
  model: 'fake' | 'openai' | 'anthropic'
  openaiApiKey?: string
  anthropicApiKey?: string
  fakeDelayMs?: number
  store: SharedResumeStore
  onError: (error: unknown) => void
}

/** The shape the model is asked for (and what the example page's zod schema checks). */
export const STUDY_PLAN_SCHEMA = {
  type: 'object',
  properties: {
    topic: { type: 'string' },
    summary: { type: 'string' },
    weeks: {
      type: 'array',
      items: {
        type: 'object',
        properties: { title: { type: 'string' }, goals: { type: 'array', items: { type: 'string' } } },
        required: ['title', 'goals'],
      },
    },
  },
  required: ['topic', 'summary', 'weeks'],
} as const

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve()
    const timer = setTimeout(done, ms)
    function done() {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    signal.addEventListener('abort', done, { once: true })
  })
}

/** The fake model: a plan for `topic` as pretty JSON, streamed in 3–9 character deltas. */
export async function* fakeObjectModel(topic: string, delayMs: number, signal: AbortSignal): AsyncGenerator<string> {
  const plan = {
    topic,
    summary: `A four-week plan to get comfortable with ${topic}, one small project per week.`,
    weeks: ['Foundations', 'First project', 'Going deeper', 'Ship something'].map((title, i) => ({
      title,
      goals: [`Read about ${topic}, part ${i + 1}`, `Build a small ${topic} exercise`, 'Write down what surprised you'],
    })),
  }
  const text = JSON.stringify(plan, null, 2)
  for (let i = 0, n = 3; i < text.length; i += n, n = 3 + ((i * 7) % 7)) {
    await sleep(delayMs, signal)
    if (signal.aborted) return
    yield text.slice(i, i + n)
  }
}

const instructions = (topic: string) =>
  `Write a four-week study plan for "${topic}" as JSON: {"topic": string, "summary": string, "weeks": [{"title": string, "goals": string[]}]}. Reply with the JSON only.`

async function openAIJson(topic: string, apiKey: string, signal: AbortSignal): Promise<Response> {
  return fetch('https://api.openai.com/v1/chat/completions', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
    body: JSON.stringify({
      model: process.env['OPENAI_MODEL'] ?? 'gpt-4o-mini',
      messages: [{ role: 'user', content: instructions(topic) }],
      response_format: { type: 'json_object' },
      stream: true,
    }),
    signal,
  })
}

async function anthropicTool(topic: string, apiKey: string, signal: AbortSignal): Promise<Response> {
  return fetch('https://api.anthropic.com/v1/messages', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': apiKey, 'anthropic-version': '2023-06-01' },
    body: JSON.stringify({
      model: process.env['ANTHROPIC_MODEL'] ?? 'claude-sonnet-4-5',
      max_tokens: 2048,
      messages: [{ role: 'user', content: instructions(topic) }],
      tools: [{ name: 'study_plan', description: 'Records the study plan.', input_schema: STUDY_PLAN_SCHEMA }],
      tool_choice: { type: 'tool', name: 'study_plan' },
      stream: true,
    }),
    signal,
  })
}

/**
 * Handles POST /api/object with a JSON body `{ topic }`.
 *
 * @example
 * if (pathname === '/api/object') return objectRoute(request, { model: 'fake', store, onError })
 */
export async function objectRoute(request: Request, options: ObjectRouteOptions): Promise<Response> {
  let topic: string
  try {
    const body = (await request.json()) as { topic?: unknown }
    topic = typeof body.topic === 'string' && body.topic.trim() ? body.topic.trim().slice(0, 80) : 'TypeScript'
  } catch {
    return new Response('Expected a JSON body like {"topic": "Rust"}', { status: 400 })
  }
  const { model } = options
  async function* source(signal: AbortSignal): AsyncGenerator<UnsequencedChatEvent> {
    if (model === 'fake') return yield* fromObjectSource(fakeObjectModel(topic, options.fakeDelayMs ?? 30, signal))
    const response = model === 'openai' ? await openAIJson(topic, options.openaiApiKey!, signal) : await anthropicTool(topic, options.anthropicApiKey!, signal)
    yield* fromObjectSource(response, { provider: model === 'openai' ? 'openai-chat' : 'anthropic' })
  }
  return startEventStream(request, source, {
    store: options.store,
    api: '/api/object',
    onError: options.onError,
    // The fake model is free: let it finish into the store so a reload can resume it.
    ...(model === 'fake' && { disconnect: 'continue' as const }),
  })
}
