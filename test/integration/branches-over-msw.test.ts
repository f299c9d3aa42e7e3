import { http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { createChatClient, type ChatClient } from '../../src/core/chat-client.ts'
import { syncScheduler } from '../../src/core/frame-scheduler.ts'
import { createLocalStoragePersistence } from '../../src/core/persistence/local-storage-persistence.ts'
import { messageText } from '../../src/core/message-text.ts'
import { INSTANT_PACE, mockChatStream } from '../../src/mocks/mock-chat-stream.ts'
import { createScript } from '../../src/mocks/script.ts'
import { destroyTrackedChats, trackChat } from '../support/chat-cleanup.ts'

// Real fetch and the real HTTP transport, MSW in the middle: the bodies are what a server gets.
const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
// Every client a test made is destroyed after it, and the storage cleared once their last saves landed (see chat-cleanup.ts).
afterEach(async () => {
  await destroyTrackedChats()
  server.resetHandlers()
  localStorage.clear()
  sessionStorage.clear()
})
afterAll(() => server.close())

const api = 'http://localhost/api/chat'
const answers = ['Nile', 'Amazon', 'Yangtze', 'Danube', 'Rhine']

/** A backend answering the n-th POST with answers[n]; `slow` streams the text one character at a time for `slow` ms each. */
function backend(slow = 0) {
  let n = 0
  const stops: string[] = []
  const mock = mockChatStream({
    url: api,
    ...INSTANT_PACE,
    ...(slow > 0 && { tokensPerSecond: 1000 / slow }),
    // The mock answers the stop route (204) and reports it here.
    onRequest: (request) => {
      if (request.kind === 'stop') stops.push(request.streamId!)
    },
    script: () => {
      const i = n++
      return createScript({ streamId: `s${i}` }).text(answers[i]!, { chunk: slow > 0 ? 'char' : 'word' }).done()
    },
  })
  server.use(...mock.handlers)
  const posts = () => mock.requests.filter((r) => r.kind === 'chat').map((r) => r.body as { messages: Array<{ id: string; role: string; content: string }> })
  return { mock, posts, stops }
}

const client = (extra: Parameters<typeof createChatClient>[0] = {}): ChatClient =>
  trackChat(createChatClient({ api, scheduler: syncScheduler, generateId: ids(), ...extra }))

function ids() {
  let i = 0
  return () => `m${++i}`
}

const shown = (chat: ChatClient) => chat.getSnapshot().messages.map((m) => `${m.role}:${messageText(m)}`)

describe('regenerate, edit and branches over real fetch', () => {
  it('sends only the active path, keeps every answer as a branch and switches without a request', async () => {
    const { posts } = backend()
    const chat = client()
    await chat.send('Longest river?')
    expect(shown(chat)).toEqual(['user:Longest river?', 'assistant:Nile'])
    const [user, first] = chat.getSnapshot().messages

    expect(await chat.regenerate()).toEqual({ ok: true })
    expect(posts()[1]).toEqual({
      messages: [{ v: 1, id: user!.id, role: 'user', content: 'Longest river?', parts: [{ type: 'text', text: 'Longest river?' }] }],
    })
    expect(shown(chat)).toEqual(['user:Longest river?', 'assistant:Amazon'])
    const second = chat.getSnapshot().messages[1]!
    expect(chat.getBranches(second.id)).toEqual({ index: 1, count: 2 })
    expect(chat.getBranches(first!.id)).toEqual({ index: 0, count: 2 })

    expect(chat.switchBranch(second.id, 0)).toEqual({ ok: true })
    expect(shown(chat)).toEqual(['user:Longest river?', 'assistant:Nile'])
    expect(posts()).toHaveLength(2)

    // A follow-up on the shown branch carries that branch only.
    await chat.send('And in Europe?')
    expect(posts()[2]!.messages.map((m) => `${m.role}:${m.content}`)).toEqual(['user:Longest river?', 'assistant:Nile', 'user:And in Europe?'])

    expect(await chat.edit(user!.id, 'Shortest river?')).toEqual({ ok: true })
    const edited = chat.getSnapshot().messages[0]!
    expect(posts()[3]).toEqual({ messages: [{ v: 1, id: edited.id, role: 'user', content: 'Shortest river?', parts: [{ type: 'text', text: 'Shortest river?' }] }] })
    expect(shown(chat)).toEqual(['user:Shortest river?', 'assistant:Danube'])
    expect(chat.getBranches(edited.id)).toEqual({ index: 1, count: 2 })

    chat.switchBranch(edited.id, 0)
    expect(shown(chat)).toEqual(['user:Longest river?', 'assistant:Nile', 'user:And in Europe?', 'assistant:Yangtze'])
    chat.switchBranch(first!.id, 1)
    expect(shown(chat)).toEqual(['user:Longest river?', 'assistant:Amazon'])
    expect(posts()).toHaveLength(4)
  })

  it('regenerates an earlier answer from the history before it', async () => {
    const { posts } = backend()
    const chat = client()
    await chat.send('One')
    await chat.send('Two')
    const firstAnswer = chat.getSnapshot().messages[1]!
    await chat.regenerate(firstAnswer.id)
    expect(posts()[2]!.messages.map((m) => m.content)).toEqual(['One'])
    expect(shown(chat)).toEqual(['user:One', 'assistant:Yangtze'])
    chat.switchBranch(chat.getSnapshot().messages[1]!.id, 0)
    expect(shown(chat)).toEqual(['user:One', 'assistant:Nile', 'user:Two', 'assistant:Amazon'])
  })

  it('an edit during a stream stops it first (the server hears the stop) and keeps the partial answer as a branch', async () => {
    // 250 ms a character: the edit must land while 'Nile' streams. At 40 ms the whole answer took
    // 160 ms, and under the full suite on 2 cores it once ended before the edit (no stop to hear).
    const { posts, stops } = backend(250)
    const chat = client()
    void chat.send('Longest river?')
    await vi.waitFor(() => expect(messageText(chat.getSnapshot().messages[1]!).length).toBeGreaterThan(0))
    const [user, partial] = chat.getSnapshot().messages
    await chat.edit(user!.id, 'Shortest river?')
    // The stop request is fire and forget: it reaches the server beside the new turn's request.
    await vi.waitFor(() => expect(stops).toEqual(['s0']))
    expect(posts()[1]!.messages.map((m) => m.content)).toEqual(['Shortest river?'])
    chat.switchBranch(chat.getSnapshot().messages[0]!.id, 0)
    const kept = chat.getSnapshot().messages[1]!
    expect(kept.id).toBe(partial!.id)
    expect(kept.finishReason).toBe('other')
    expect('Nile'.startsWith(messageText(kept))).toBe(true)
  })

  it('refuses bad requests with a typed reason and changes nothing', async () => {
    // At 250 ms a character the answer cannot end before the refusals below: 'busy' needs it running.
    const { posts } = backend(250)
    const chat = client()
    void chat.send('Longest river?')
    await vi.waitFor(() => expect(chat.getSnapshot().status).toBe('streaming'))
    const answer = chat.getSnapshot().messages[1]!
    expect(chat.switchBranch(answer.id, 0)).toMatchObject({ ok: false, error: { code: 'busy' } })
    expect(await chat.edit('vanished', 'x')).toMatchObject({ ok: false, error: { code: 'unknown_message' } })
    expect(await chat.edit(answer.id, 'x')).toMatchObject({ ok: false, error: { code: 'wrong_role' } })
    // The refused edits did not cut the running answer.
    await vi.waitFor(() => expect(chat.getSnapshot().status).toBe('ready'), { timeout: 10_000 })
    expect(messageText(chat.getSnapshot().messages[1]!)).toBe('Nile')
    expect(chat.switchBranch(answer.id, 1)).toMatchObject({ ok: false, error: { code: 'out_of_range' } })
    expect(chat.switchBranch('vanished', 0)).toMatchObject({ ok: false, error: { code: 'unknown_message' } })
    expect(chat.getBranches('vanished')).toBeUndefined()
    expect(posts()).toHaveLength(1)
  })

  it('stop() tells the server to stop the stream', async () => {
    const { stops } = backend(250)
    const chat = client()
    void chat.send('Longest river?')
    await vi.waitFor(() => expect(chat.getSnapshot().stream?.streamId).toBe('s0'))
    chat.stop()
    await vi.waitFor(() => expect(stops).toEqual(['s0']))
    chat.stop()
    expect(stops).toEqual(['s0'])
  })

  it('a thread with branches comes back whole in a new client', async () => {
    backend()
    const persistence = createLocalStoragePersistence()
    const chat = client({ id: 'rivers', persistence, saveDelayMs: 0 })
    await chat.send('Longest river?')
    await chat.regenerate()
    // The finished answer is saved after the turn, in idle slices: wait until the stored head has
    // it (the head is written last), however slow the machine, instead of a fixed pause.
    await vi.waitFor(async () => expect(JSON.stringify(await persistence.load('rivers'))).toContain('Amazon'), { timeout: 15_000 })
    const again = client({ id: 'rivers', persistence })
    expect(shown(again)).toEqual(['user:Longest river?', 'assistant:Amazon'])
    expect(again.switchBranch(again.getSnapshot().messages[1]!.id, 0)).toEqual({ ok: true })
    expect(shown(again)).toEqual(['user:Longest river?', 'assistant:Nile'])
  })
})

describe('resume after reload', () => {
  const full = 'The Nile flows north through eleven countries into the Mediterranean.'

  it('picks the unfinished answer up in the same message: no duplicate text, one POST', async () => {
    const mock = mockChatStream({ url: api, ...INSTANT_PACE, tokensPerSecond: 100, script: () => createScript({ streamId: 'long' }).text(full, { chunk: 'char' }).done() })
    server.use(...mock.handlers)
    const persistence = createLocalStoragePersistence()
    const page = client({ id: 'trip', persistence, saveDelayMs: 0 })
    void page.send('Tell me about the Nile')
    await vi.waitFor(() => expect(messageText(page.getSnapshot().messages[1]!).length).toBeGreaterThan(10))
    // The tab reloads: pagehide, then the page (and its request) is gone without a stop.
    window.dispatchEvent(new Event('pagehide'))
    const partial = page.getSnapshot().messages[1]!
    page.destroy()
    await new Promise((r) => setTimeout(r, 20))

    const reloaded = client({ id: 'trip', persistence, resume: true })
    await vi.waitFor(() => expect(reloaded.getSnapshot().status).toBe('ready'), { timeout: 5000 })
    const [user, answer] = reloaded.getSnapshot().messages
    expect(messageText(user!)).toBe('Tell me about the Nile')
    expect(answer!.id).toBe(partial.id)
    expect(messageText(answer!)).toBe(full)
    expect(mock.requests.filter((r) => r.kind === 'chat')).toHaveLength(1)
    const resumes = mock.requests.filter((r) => r.kind === 'resume')
    expect(resumes).toHaveLength(1)
    expect(Number(resumes[0]!.lastEventId)).toBeGreaterThan(0)
  })

  it('an expired stream keeps the partial answer with "could not resume" and Retry', async () => {
    // 250 ms a character, so the page is hidden while 'Nile' streams (see the edit test above).
    backend(250)
    server.use(http.get(`${api}/:streamId/resume`, () => new HttpResponse('gone', { status: 404 })))
    const persistence = createLocalStoragePersistence()
    const page = client({ id: 'trip', persistence, saveDelayMs: 0 })
    void page.send('Longest river?')
    await vi.waitFor(() => expect(messageText(page.getSnapshot().messages[1]!).length).toBeGreaterThan(0))
    window.dispatchEvent(new Event('pagehide'))
    const partial = messageText(page.getSnapshot().messages[1]!)
    page.destroy()
    await new Promise((r) => setTimeout(r, 20))

    const reloaded = client({ id: 'trip', persistence, resume: true, maxRetries: 0 })
    await vi.waitFor(() => expect(reloaded.getSnapshot().status).toBe('error'), { timeout: 5000 })
    const answer = reloaded.getSnapshot().messages[1]!
    expect(messageText(answer)).toBe(partial)
    expect(answer.parts.at(-1)).toMatchObject({ type: 'error', phase: 'resume', resumable: false })
    expect(reloaded.getSnapshot().error).toMatchObject({ phase: 'resume' })
  })
})
