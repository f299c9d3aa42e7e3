import { flushSync } from 'react-dom'
import { describe, expect, it } from 'vitest'
import { userEvent } from 'vitest/browser'
import { syncScheduler } from '../../core/frame-scheduler.ts'
import type { ChatMessage } from '../../core/state.ts'
import { createMemoryTransport } from '../../core/transports/memory-transport.ts'
import type { ChatEvent } from '../../protocol/events.ts'
import { mountPerTest } from '../../../test/support/browser-root.ts'
import '../../styles.css'
import { Chat } from '../chat/chat.tsx'

const page = mountPerTest('width: 640px; height: 480px; display: flex')

const reply = (n: number): ChatEvent[] => [
  { type: 'start', seq: 0, streamId: `s${n}` },
  { type: 'token', seq: 1, content: `Answer ${n}` },
  { type: 'done', seq: 2, finishReason: 'stop' },
]
const history: ChatMessage[] = [
  { id: 'u1', role: 'user', parts: [{ type: 'text', text: 'Longest river?' }] },
  { id: 'a1', role: 'assistant', parts: [{ type: 'text', text: 'The **Nile**.' }], finishReason: 'stop' },
  { id: 'u2', role: 'user', parts: [{ type: 'text', text: 'And in Europe?' }] },
  { id: 'a2', role: 'assistant', parts: [{ type: 'text', text: 'The **Volga**.' }], finishReason: 'stop' },
]

const opacity = (element: Element) => getComputedStyle(element).opacity
const messages = () => [...page.host.querySelectorAll<HTMLElement>('[data-rivulet="message"]')]
const barOf = (message: Element) => message.querySelector('[data-rivulet="action-bar"]')

describe('message actions in Chromium', () => {
  it('render on an old message only while it is hovered or focused; the last answer keeps its bar', async () => {
    const transport = createMemoryTransport({ respond: () => reply(1) })
    flushSync(() => page.root.render(<Chat options={{ transport, scheduler: syncScheduler, initialMessages: history }} style={{ flex: 1 }} />))
    const [, old, , last] = messages()
    // The last answer's bar is mounted (lazily: its chunk lands after the first paint), hidden until hovered.
    await expect.poll(() => barOf(last!)).not.toBeNull()
    await expect.poll(() => opacity(barOf(last!)!)).toBe('0')
    // An old message has no bar at all: a thousand hidden bars were a thousand boxes to paint and hit-test per scroll frame.
    expect(barOf(old!)).toBeNull()
    expect(page.host.querySelectorAll('[data-rivulet="action-bar"]')).toHaveLength(1)

    await userEvent.hover(old!)
    await expect.poll(() => barOf(old!)).not.toBeNull()
    await expect.poll(() => opacity(barOf(old!)!)).toBe('1')
    await userEvent.unhover(old!)
    await expect.poll(() => barOf(old!)).toBeNull()
    expect(barOf(last!)).not.toBeNull()
  })

  it('keyboard only: one tab stop for the messages, arrows move between them, Tab reaches an old answer’s Regenerate', async () => {
    const sent: ChatMessage[][] = []
    const transport = createMemoryTransport({ respond: ({ messages }) => (sent.push(messages), reply(sent.length)) })
    flushSync(() => page.root.render(<Chat options={{ transport, scheduler: syncScheduler, initialMessages: history }} style={{ flex: 1 }} />))
    const [first, old, , last] = messages()
    // Four messages, one stop (the last); today's bars alone made 2–5 stops per message.
    expect([...page.host.querySelectorAll('[data-rivulet="message"][tabindex="0"]')]).toEqual([last])
    expect(old).toHaveRole('article')
    expect(old).toHaveAccessibleName('Assistant')

    page.host.querySelector<HTMLElement>('[data-rivulet="message-list-viewport"]')!.focus()
    await userEvent.keyboard('{Tab}')
    expect(document.activeElement).toBe(last)
    await userEvent.keyboard('{Home}')
    expect(document.activeElement).toBe(first)
    await userEvent.keyboard('{End}')
    expect(document.activeElement).toBe(last)
    await userEvent.keyboard('{ArrowUp}{ArrowUp}')
    expect(document.activeElement).toBe(old)
    // The focused message holds the stop now, and shows its bar.
    expect([...page.host.querySelectorAll('[data-rivulet="message"][tabindex="0"]')]).toEqual([old])
    await expect.poll(() => barOf(old!)).not.toBeNull()
    await expect.poll(() => opacity(barOf(old!)!)).toBe('1')

    const regenerate = old!.querySelector<HTMLButtonElement>('[data-rivulet="action-regenerate"]')!
    for (let i = 0; i < 6 && document.activeElement !== regenerate; i++) await userEvent.keyboard('{Tab}')
    expect(document.activeElement).toBe(regenerate)
    expect(regenerate).toHaveAccessibleName('Regenerate')
    await userEvent.keyboard('{Enter}')

    await expect.poll(() => messages()[1]?.textContent).toContain('Answer 1')
    // Focus follows to the new answer, where the replaced one was, not back to the page's start.
    expect(document.activeElement).toBe(messages()[1])
    expect(sent).toHaveLength(1)
    expect(sent[0]!.map((m) => m.id)).toEqual(['u1'])
    const picker = page.host.querySelector('[data-rivulet="branch-picker"]')!
    expect(picker.textContent).toContain('2 / 2')
    await userEvent.click(picker.querySelector('[data-rivulet="branch-previous"]')!)
    await expect.poll(() => messages()[1]?.textContent).toContain('Nile')
    expect(sent).toHaveLength(1)
  })

  it('edits a prompt inline: Escape cancels, Enter sends the edited text as a new branch', async () => {
    const sent: ChatMessage[][] = []
    const transport = createMemoryTransport({ respond: ({ messages }) => (sent.push(messages), reply(sent.length)) })
    flushSync(() => page.root.render(<Chat options={{ transport, scheduler: syncScheduler, initialMessages: history }} style={{ flex: 1 }} />))
    const prompt = () => page.host.querySelector<HTMLElement>('[data-rivulet="message"][data-role="user"]')!
    // An old prompt's bar renders once the prompt has focus.
    prompt().focus()
    await expect.poll(() => prompt().querySelector('[data-rivulet="action-edit"]')).not.toBeNull()
    prompt().querySelector<HTMLButtonElement>('[data-rivulet="action-edit"]')!.focus()
    await userEvent.keyboard('{Enter}')
    const box = page.host.querySelector<HTMLTextAreaElement>('[data-rivulet="message-editor-input"]')!
    expect(document.activeElement).toBe(box)
    await userEvent.keyboard('{Escape}')
    expect(page.host.querySelector('[data-rivulet="message-editor"]')).toBeNull()

    await userEvent.hover(prompt())
    await userEvent.click(prompt().querySelector('[data-rivulet="action-edit"]')!)
    await userEvent.keyboard(' On Earth?{Enter}')
    await expect.poll(() => sent.length).toBe(1)
    expect(sent[0]!.map((m) => m.parts)).toEqual([[{ type: 'text', text: 'Longest river? On Earth?' }]])
    // The edited prompt (a new message) takes the focus its editor had.
    await expect.poll(() => document.activeElement).toBe(prompt())
    expect(prompt().textContent).toContain('On Earth?')
    await expect.poll(() => page.host.querySelector('[data-rivulet="branch-picker"]')?.textContent).toContain('2 / 2')
  })
})
