import { describe, expect, it, vi } from 'vitest'
import { createChatStore } from './chat-store.ts'
import { createFrameScheduler, syncScheduler, type FrameScheduler } from './frame-scheduler.ts'
import { initialChatState, type ChatState, type ToolCallPart } from './state.ts'
import { beginTurn, stopTurn } from './turn.ts'

/** A scheduler whose frame the test ends by hand. */
function manualScheduler(): FrameScheduler & { frame(): void } {
  let tasks = new Set<() => void>()
  return {
    schedule: (task) => void tasks.add(task),
    flush() {
      this.frame()
    },
    cancel: (task) => void (task ? tasks.delete(task) : tasks.clear()),
    frame() {
      const due = tasks
      tasks = new Set()
      for (const task of due) task()
    },
  }
}

function storeInTurn(scheduler: FrameScheduler = manualScheduler()) {
  const store = createChatStore({ scheduler, now: () => 0 })
  store.update((s) => beginTurn(s, { assistantId: 'a1' }))
  const notified = vi.fn()
  store.subscribe(notified)
  return { store, notified }
}

function toolArgs(state: ChatState): ToolCallPart | undefined {
  return state.messages.at(-1)?.parts.find((p): p is ToolCallPart => p.type === 'tool-call')
}

describe('createChatStore', () => {
  it('notifies once for 1,000 events in one frame', () => {
    const scheduler = manualScheduler()
    const { store, notified } = storeInTurn(scheduler)
    const commitsBefore = notified.mock.calls.length
    store.dispatch({ type: 'start', seq: 0, streamId: 's' })
    for (let i = 1; i <= 1000; i++) store.dispatch({ type: 'token', seq: i, content: 'x' })
    expect(notified).not.toHaveBeenCalled()
    scheduler.frame()
    expect(notified).toHaveBeenCalledTimes(1)
    expect(notified.mock.calls.length - commitsBefore).toBe(1)
    expect(store.getSnapshot().messages.at(-1)?.parts).toEqual([{ type: 'text', text: 'x'.repeat(1000) }])
  })

  it('commits once per animation frame with the real scheduler', () => {
    const frames: Array<() => void> = []
    const scheduler = createFrameScheduler({ requestFrame: (cb) => frames.push(cb), cancelFrame: () => {}, isHidden: () => false })
    const { store, notified } = storeInTurn(scheduler)
    for (let i = 0; i < 1000; i++) store.dispatch({ type: 'token', seq: i, content: 'x' })
    for (const frame of frames.splice(0)) frame()
    for (let i = 1000; i < 1010; i++) store.dispatch({ type: 'token', seq: i, content: 'y' })
    for (const frame of frames.splice(0)) frame()
    expect(notified).toHaveBeenCalledTimes(2)
    expect(store.getSnapshot().messages.at(-1)?.parts).toEqual([{ type: 'text', text: 'x'.repeat(1000) + 'y'.repeat(10) }])
    scheduler.cancel()
  })

  it('applies events at once but keeps the published snapshot stable until the frame', () => {
    const scheduler = manualScheduler()
    const { store } = storeInTurn(scheduler)
    const published = store.getSnapshot()
    store.dispatch({ type: 'token', seq: 0, content: 'Hi' })
    expect(store.getState().stream?.lastSeq).toBe(0)
    expect(store.getSnapshot()).toBe(published)
    expect(store.getSnapshot()).toBe(store.getSnapshot())
    scheduler.frame()
    expect(store.getSnapshot()).toBe(store.getState())
    expect(store.getSnapshot()).not.toBe(published)
  })

  it('publishes done at once, without waiting for the frame', () => {
    const { store, notified } = storeInTurn()
    store.dispatch({ type: 'token', seq: 0, content: 'Hi' })
    store.dispatch({ type: 'done', seq: 1 })
    expect(notified).toHaveBeenCalledTimes(1)
    expect(store.getSnapshot().status).toBe('ready')
    expect(store.getSnapshot().messages.at(-1)?.parts).toEqual([{ type: 'text', text: 'Hi' }])
  })

  it('publishes error at once', () => {
    const { store, notified } = storeInTurn()
    store.dispatch({ type: 'error', seq: 0, code: 'upstream_error', message: 'x' })
    expect(notified).toHaveBeenCalledTimes(1)
    expect(store.getSnapshot().status).toBe('error')
  })

  it('parses tool arguments at flush time, not per delta', () => {
    const scheduler = manualScheduler()
    const { store } = storeInTurn(scheduler)
    store.dispatch({ type: 'tool_call_start', seq: 0, id: 't1', name: 'f' })
    store.dispatch({ type: 'tool_call_delta', seq: 1, id: 't1', argsDelta: '{"city": ' })
    store.dispatch({ type: 'tool_call_delta', seq: 2, id: 't1', argsDelta: '"Par' })
    expect(toolArgs(store.getState())?.args).toBeUndefined()
    scheduler.frame()
    expect(toolArgs(store.getSnapshot())?.args).toEqual({ city: 'Par' })

    store.dispatch({ type: 'tool_call_delta', seq: 3, id: 't1', argsDelta: 'is"}' })
    expect(toolArgs(store.getState())?.args).toEqual({ city: 'Par' })
    scheduler.frame()
    expect(toolArgs(store.getSnapshot())?.args).toEqual({ city: 'Paris' })
  })

  it('settles pending arguments before a user action moves on', () => {
    const { store } = storeInTurn()
    store.dispatch({ type: 'tool_call_start', seq: 0, id: 't1', name: 'f' })
    store.dispatch({ type: 'tool_call_delta', seq: 1, id: 't1', argsDelta: '{"q": "ra' })
    store.update((s) => stopTurn(s))
    expect(toolArgs(store.getSnapshot())).toMatchObject({ state: 'input-available', args: { q: 'ra' } })
  })

  it('publishes user actions at once', () => {
    const store = createChatStore({ scheduler: manualScheduler() })
    const notified = vi.fn()
    store.subscribe(notified)
    store.update((s) => beginTurn(s, { assistantId: 'a1' }))
    expect(notified).toHaveBeenCalledTimes(1)
    expect(store.getSnapshot().status).toBe('submitted')
  })

  it('does not notify when nothing changed', () => {
    const scheduler = manualScheduler()
    const { store, notified } = storeInTurn(scheduler)
    store.dispatch({ type: 'token', seq: 0, content: 'a' })
    scheduler.frame()
    store.dispatch({ type: 'token', seq: 0, content: 'a' }) // a duplicate
    store.update((s) => s)
    scheduler.frame()
    expect(notified).toHaveBeenCalledTimes(1)
  })

  it('stops notifying an unsubscribed listener', () => {
    const store = createChatStore({ scheduler: syncScheduler })
    const listener = vi.fn()
    const unsubscribe = store.subscribe(listener)
    store.update((s) => beginTurn(s, { assistantId: 'a1' }))
    unsubscribe()
    store.dispatch({ type: 'token', seq: 0, content: 'a' })
    expect(listener).toHaveBeenCalledTimes(1)
  })

  it('notifies per event with the synchronous scheduler', () => {
    const { store, notified } = storeInTurn(syncScheduler)
    store.dispatch({ type: 'token', seq: 0, content: 'a' })
    store.dispatch({ type: 'token', seq: 1, content: 'b' })
    expect(notified).toHaveBeenCalledTimes(2)
  })

  it('writes and publishes nothing after destroy', () => {
    const scheduler = manualScheduler()
    const { store, notified } = storeInTurn(scheduler)
    store.dispatch({ type: 'token', seq: 0, content: 'a' })
    store.destroy()
    scheduler.frame()
    store.dispatch({ type: 'token', seq: 1, content: 'b' })
    store.update(() => initialChatState)
    expect(notified).not.toHaveBeenCalled()
    expect(store.getState().messages.at(-1)?.parts).toEqual([{ type: 'text', text: 'a' }])
  })

  it('stamps reasoning with its clock when events come without a time', () => {
    let clock = 100
    const store = createChatStore({ scheduler: syncScheduler, now: () => clock })
    store.update((s) => beginTurn(s, { assistantId: 'a1' }))
    store.dispatch({ type: 'reasoning', seq: 0, content: 'r' })
    clock = 250
    store.dispatch({ type: 'token', seq: 1, content: 't' })
    expect(store.getSnapshot().messages.at(-1)?.parts[0]).toMatchObject({ startedAt: 100, endedAt: 250 })
  })
})
