import { http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { syncScheduler } from '../../src/core/frame-scheduler.ts'
import { createObjectClient, type ObjectClientOptions } from '../../src/core/object/object-client.ts'
import { INSTANT_PACE, mockChatStream, type MockChatStreamOptions } from '../../src/mocks/mock-chat-stream.ts'
import type { ChatEvent, UnsequencedChatEvent } from '../../src/protocol/events.ts'

// Real fetch, real Response bodies, MSW in the middle: the path an app takes, minus the server.
const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

const api = 'http://localhost/api/object'
const Recipe = z.object({
  name: z.string(),
  servings: z.number(),
  steps: z.array(z.object({ title: z.string(), minutes: z.number() })),
})
type Recipe = z.infer<typeof Recipe>
const recipe: Recipe = {
  name: 'Lentil soup',
  servings: 4,
  steps: [
    { title: 'Chop the onions', minutes: 5 },
    { title: 'Simmer the lentils', minutes: 25 },
    { title: 'Blend, season and serve', minutes: 3 },
  ],
}
const recipeText = JSON.stringify(recipe, null, 2)

function pieces(text: string, size: number): string[] {
  const out: string[] = []
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size))
  return out
}

function sequenced(events: UnsequencedChatEvent[]): ChatEvent[] {
  return events.map((event, seq) => ({ ...event, seq }) as ChatEvent)
}

/** The document as Rivulet `object_delta` events (foreign encoders write them as JSON-mode text). */
function objectScript(text: string, size = 7): ChatEvent[] {
  return sequenced([
    { type: 'start', streamId: 'obj-1' },
    ...pieces(text, size).map((delta): UnsequencedChatEvent => ({ type: 'object_delta', delta })),
    { type: 'done', finishReason: 'stop' },
  ])
}

/** The document as the arguments of a forced tool call, after a little reasoning. */
function toolScript(text: string): ChatEvent[] {
  return sequenced([
    { type: 'start', streamId: 'obj-2' },
    { type: 'reasoning', content: 'Planning the recipe.' },
    { type: 'tool_call_start', id: 'call_1', name: 'emit_recipe' },
    ...pieces(text, 5).map((argsDelta): UnsequencedChatEvent => ({ type: 'tool_call_delta', id: 'call_1', argsDelta })),
    { type: 'tool_call_end', id: 'call_1' },
    { type: 'done', finishReason: 'tool-calls' },
  ])
}

/** A plain-text body, one read per piece, as `streamObject().toTextStreamResponse()` sends it. */
function textHandler(chunks: string[], init: ResponseInit = {}) {
  return http.post(api, () => {
    const encoder = new TextEncoder()
    let index = 0
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const chunk = chunks[index++]
        if (chunk === undefined) controller.close()
        else controller.enqueue(encoder.encode(chunk))
      },
    })
    return new HttpResponse(body, { headers: { 'content-type': 'text/plain; charset=utf-8' }, ...init })
  })
}

async function submit<T>(options: ObjectClientOptions<T> = {}, input: unknown = { dish: 'soup' }) {
  const client = createObjectClient<T>({ api, scheduler: syncScheduler, backoff: { baseMs: 1, maxMs: 4 }, ...options })
  const states = [client.getSnapshot()]
  client.subscribe(() => states.push(client.getSnapshot()))
  await client.submit(input)
  await vi.waitFor(() => expect(['ready', 'error']).toContain(client.getSnapshot().status), { timeout: 10_000 })
  return { client, states, state: client.getSnapshot() }
}

function mock(options: Omit<MockChatStreamOptions, 'url'>) {
  const m = mockChatStream({ url: api, ...INSTANT_PACE, ...options })
  server.use(...m.handlers)
  return m
}

describe('createObjectClient over real fetch and MSW', () => {
  it('streams a plain JSON text body byte by byte, validates it and sends the input as the body', async () => {
    let body: unknown
    server.use(
      http.post(api, async ({ request }) => {
        body = await request.json()
        return undefined
      }),
      textHandler([...recipeText]),
    )
    const onFinish = vi.fn()
    const { state, states } = await submit({ schema: Recipe, onFinish })
    expect(state).toEqual({ object: recipe, error: undefined, status: 'ready' })
    expect(body).toEqual({ dish: 'soup' })
    expect(onFinish).toHaveBeenCalledWith({ object: recipe, error: undefined })
    // Fields fill in over time: an early state had the name but no steps yet.
    expect(states.some((s) => s.object?.name !== undefined && s.object.steps === undefined)).toBe(true)
  })

  it('streams Rivulet object_delta events, auto-detected, in random chunks', async () => {
    mock({ script: objectScript(recipeText), chunking: 'random', seed: 4 })
    const { state } = await submit({ schema: Recipe })
    expect(state.status).toBe('ready')
    expect(state.object).toEqual(recipe)
  })

  for (const format of ['openai-chat', 'openai-responses', 'anthropic'] as const) {
    it(`reads ${format} structured output (JSON mode text deltas) through the chat decoders`, async () => {
      mock({ script: objectScript(recipeText, 3), format, chunking: 'random', seed: 9 })
      const { state } = await submit({ schema: Recipe })
      expect(state).toEqual({ object: recipe, error: undefined, status: 'ready' })
    })

    it(`reads the arguments of a forced tool call in ${format}, ignoring reasoning`, async () => {
      mock({ script: toolScript(recipeText), format, chunking: 'byte' })
      const { state } = await submit({ schema: Recipe })
      expect(state).toEqual({ object: recipe, error: undefined, status: 'ready' })
    })
  }

  it('resumes a dropped Rivulet stream from its last event and appends to the same document', async () => {
    const m = mock({ script: objectScript(recipeText, 4), disconnectAfter: 20 })
    const { state, client } = await submit({ schema: Recipe })
    expect(state).toEqual({ object: recipe, error: undefined, status: 'ready' })
    const resume = m.requests.find((r) => r.kind === 'resume')
    expect(resume?.lastEventId).toBe('19')
    expect(client.metrics.getSnapshot().reconnects).toBe(1)
  })

  it('retries a 503 before the stream and then streams', async () => {
    const m = mock({ script: objectScript(recipeText), httpStatus: 503, failRequests: 1 })
    const { state, client } = await submit({ schema: Recipe })
    expect(state.status).toBe('ready')
    expect(m.requests.filter((r) => r.kind === 'chat')).toHaveLength(2)
    expect(client.metrics.getSnapshot().retries).toBe(1)
  })

  it('reports a schema mismatch naming the path, and keeps the object shown', async () => {
    const wrong = { ...recipe, steps: [recipe.steps[0], { title: 'Simmer', minutes: 'twenty' }] }
    server.use(textHandler(pieces(JSON.stringify(wrong), 9)))
    const onError = vi.fn()
    const { state } = await submit({ schema: Recipe, onError })
    expect(state.status).toBe('error')
    expect(state.error?.code).toBe('schema')
    expect(state.error?.message).toMatch(/^Schema mismatch at steps\[1\]\.minutes: /)
    expect(state.object).toEqual(wrong)
    expect(onError).toHaveBeenCalledTimes(1)
  })

  it('reports a top-level value of the wrong type at (root)', async () => {
    server.use(textHandler(['[1, 2, 3]']))
    const { state } = await submit({ schema: Recipe })
    expect(state.error?.code).toBe('schema')
    expect(state.error?.message).toMatch(/^Schema mismatch at \(root\): /)
    expect(state.object).toEqual([1, 2, 3])
  })

  it('reports text that never becomes JSON as invalid_json with its position', async () => {
    server.use(textHandler(['Sure! Here is ', 'the recipe: {']))
    const { state } = await submit({ schema: Recipe })
    expect(state.error).toMatchObject({ code: 'invalid_json', position: 0, message: "Unexpected 'S' at character 0: expected a value" })
    expect(state.object).toBeUndefined()
  })

  it('keeps the partial object when the body ends mid-object', async () => {
    server.use(textHandler(pieces(recipeText.slice(0, 120), 10)))
    const { state } = await submit({ schema: Recipe })
    expect(state.status).toBe('error')
    expect(state.error?.code).toBe('invalid_json')
    expect(state.error?.message).toMatch(/^The JSON text ended early/)
    expect(state.object?.name).toBe('Lentil soup')
  })

  it('keeps the partial object when a Rivulet stream reports an error mid-way', async () => {
    mock({ script: objectScript(recipeText, 4), errorAfter: 12 })
    const { state } = await submit({ schema: Recipe })
    expect(state.status).toBe('error')
    expect(state.error?.code).toBe('upstream_error')
    expect(state.object?.name).toBe('Lentil soup')
  })

  it('fails with invalid_json on 10,000-deep nesting without a stack overflow, keeping the shallow part', async () => {
    server.use(textHandler(['{"name": "deep", "nested": ', ...pieces('['.repeat(10_000), 500)]))
    const { state } = await submit({ maxDepth: 1000 })
    expect(state.error?.code).toBe('invalid_json')
    expect(state.error?.message).toMatch(/^Nesting deeper than 1000 levels/)
    expect((state.object as { name: string }).name).toBe('deep')
  })

  it('streams a 5 MB string field and validates it', async () => {
    const big = 'lorem ipsum '.repeat(440_000)
    server.use(textHandler(['{"name": "', ...pieces(big, 64 * 1024), '", "servings": 2, "steps": []}']))
    const { state } = await submit({ schema: Recipe })
    expect(state.status).toBe('ready')
    expect(state.object?.name?.length).toBe(big.length)
  })

  it('times out a stream that goes silent, keeping what arrived', async () => {
    mock({ script: objectScript(recipeText, 4), stallAfter: { events: 10, ms: 5000 }, keepAliveIntervalMs: 20 })
    const { state } = await submit({ schema: Recipe, idleTimeoutMs: 150, autoResume: false })
    expect(state.error?.code).toBe('timeout')
    expect(state.object?.name).toBe('Lentil soup')
  })

  it('stop() aborts the request mid-stream, keeps the partial object and writes nothing afterwards', async () => {
    mock({ script: objectScript(recipeText, 2), ttft: 0, tokensPerSecond: 200 })
    // stop() tells the server too (the stream named itself obj-1): the route is answered, not left unhandled.
    const stops: string[] = []
    server.use(
      http.post(`${api}/:streamId/stop`, ({ params }) => {
        stops.push(String(params.streamId))
        return new HttpResponse(null, { status: 204 })
      }),
    )
    const client = createObjectClient<Recipe>({ api, scheduler: syncScheduler, schema: Recipe })
    void client.submit({})
    await vi.waitFor(() => expect(client.getSnapshot().object?.name).toBe('Lentil soup'), { timeout: 10_000 })
    client.stop()
    const stopped = client.getSnapshot()
    expect(stopped.status).toBe('ready')
    expect(stopped.error).toBeUndefined()
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(client.getSnapshot()).toBe(stopped)
    await vi.waitFor(() => expect(stops).toEqual(['obj-1']), { timeout: 10_000 })
    client.clear()
    expect(client.getSnapshot()).toEqual({ object: undefined, error: undefined, status: 'idle' })
  })
})
