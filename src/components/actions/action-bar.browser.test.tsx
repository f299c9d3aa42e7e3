import { flushSync } from 'react-dom'
import { describe, expect, it } from 'vitest'
import { userEvent } from 'vitest/browser'
import { syncScheduler } from '../../core/frame-scheduler.ts'
import type { ChatMessage } from '../../core/state.ts'
import { createMemoryTransport } from '../../core/transports/memory-transport.ts'
import type { ChatEvent } from '../../protocol/events.ts'
import { accessibilityTree } from '../../../test/support/ax-tree.ts'
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
]

const opacity = (element: Element) => getComputedStyle(element).opacity

describe('message actions in Chromium', () => {
  it('show on hover and on keyboard focus, regenerate adds a branch, the picker switches it back', async () => {
    const sent: ChatMessage[][] = []
    const transport = createMemoryTransport({ respond: ({ messages }) => (sent.push(messages), reply(sent.length)) })
    flushSync(() => page.root.render(<Chat options={{ transport, scheduler: syncScheduler, initialMessages: history }} style={{ flex: 1 }} />))
    const answer = page.host.querySelector('[data-rivulet="message"][data-role="assistant"]')!
    const bar = answer.querySelector('[data-rivulet="action-bar"]')!
    await expect.poll(() => opacity(bar)).toBe('0')
    // Hidden, a screen reader still finds the actions: they are in Chromium's accessibility tree
    // (one hidden by display: none or visibility: hidden would not be, nor reachable by Tab).
    const buttons = (await accessibilityTree()).filter((node) => !node.ignored && node.role?.value === 'button').map((node) => node.name?.value)
    expect(buttons).toContain('Regenerate')

    await userEvent.hover(answer)
    await expect.poll(() => opacity(bar)).toBe('1')
    await userEvent.unhover(answer)
    await expect.poll(() => opacity(bar)).toBe('0')

    // Keyboard only: focus lands on the bar's buttons and the bar shows.
    const regenerate = answer.querySelector<HTMLButtonElement>('[data-rivulet="action-regenerate"]')!
    regenerate.focus()
    expect(document.activeElement).toBe(regenerate)
    await expect.poll(() => opacity(bar)).toBe('1')
    expect(regenerate).toHaveAccessibleName('Regenerate')
    await userEvent.keyboard('{Enter}')

    await expect.poll(() => page.host.querySelector('[data-rivulet="message"][data-role="assistant"]')?.textContent).toContain('Answer 1')
    expect(sent).toHaveLength(1)
    expect(sent[0]!.map((m) => m.id)).toEqual(['u1'])
    const picker = page.host.querySelector('[data-rivulet="branch-picker"]')!
    expect(picker.textContent).toContain('2 / 2')
    await userEvent.click(picker.querySelector('[data-rivulet="branch-previous"]')!)
    await expect.poll(() => page.host.querySelector('[data-rivulet="message"][data-role="assistant"]')?.textContent).toContain('Nile')
    expect(sent).toHaveLength(1)
  })

  it('edits a prompt inline: Escape cancels, Enter sends the edited text as a new branch', async () => {
    const sent: ChatMessage[][] = []
    const transport = createMemoryTransport({ respond: ({ messages }) => (sent.push(messages), reply(sent.length)) })
    flushSync(() => page.root.render(<Chat options={{ transport, scheduler: syncScheduler, initialMessages: history }} style={{ flex: 1 }} />))
    const prompt = () => page.host.querySelector('[data-rivulet="message"][data-role="user"]')!
    prompt().querySelector<HTMLButtonElement>('[data-rivulet="action-edit"]')!.focus()
    await userEvent.keyboard('{Enter}')
    const box = page.host.querySelector<HTMLTextAreaElement>('[data-rivulet="message-editor-input"]')!
    expect(document.activeElement).toBe(box)
    await userEvent.keyboard('{Escape}')
    expect(page.host.querySelector('[data-rivulet="message-editor"]')).toBeNull()

    prompt().querySelector<HTMLButtonElement>('[data-rivulet="action-edit"]')!.click()
    await userEvent.keyboard(' In Europe?{Enter}')
    await expect.poll(() => sent.length).toBe(1)
    expect(sent[0]!.map((m) => m.parts)).toEqual([[{ type: 'text', text: 'Longest river? In Europe?' }]])
    await expect.poll(() => page.host.querySelector('[data-rivulet="branch-picker"]')?.textContent).toContain('2 / 2')
  })
})
