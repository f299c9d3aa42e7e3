import { flushSync } from 'react-dom'
import { describe, expect, it, vi } from 'vitest'
import { userEvent } from 'vitest/browser'
import { syncScheduler } from '../../core/frame-scheduler.ts'
import type { ChatMessage } from '../../core/state.ts'
import { createMemoryTransport } from '../../core/transports/memory-transport.ts'
import type { ChatEvent } from '../../protocol/events.ts'
import { mountPerTest } from '../../../test/support/browser-root.ts'
import '../../styles.css'
import { Chat } from '../chat/chat.tsx'

const page = mountPerTest('width: 640px; height: 480px; display: flex')

const asks: ChatEvent[] = [
  { type: 'start', seq: 0, streamId: 's1' },
  { type: 'token', seq: 1, content: 'I will delete it.' },
  { type: 'tool_call_start', seq: 2, id: 'call_rm', name: 'delete_file' },
  { type: 'tool_call_delta', seq: 3, id: 'call_rm', argsDelta: '{"path":"/tmp/report.pdf"}' },
  { type: 'tool_call_end', seq: 4, id: 'call_rm' },
  { type: 'done', seq: 5, finishReason: 'tool-calls' },
]
const answer: ChatEvent[] = [
  { type: 'start', seq: 0, streamId: 's2' },
  { type: 'token', seq: 1, content: 'Deleted.' },
  { type: 'done', seq: 2, finishReason: 'stop' },
]

describe('ToolCall approval in Chromium', () => {
  it('clicks Approve on a card: the browser tool runs, the decision shows and keeps focus, the turn continues', async () => {
    const sent: ChatMessage[][] = []
    const deleted: string[] = []
    const transport = createMemoryTransport({
      respond: ({ messages }) => {
        sent.push(messages)
        return sent.length === 1 ? asks : answer
      },
    })
    const options = {
      scheduler: syncScheduler,
      tools: { delete_file: { needsApproval: true, execute: async ({ path }: { path: string }) => (deleted.push(path), { deleted: path }) } },
    }
    flushSync(() => page.root.render(<Chat transport={transport} options={options} />))
    const box = page.host.querySelector('textarea')!
    await userEvent.type(box, 'Delete the report{Enter}')

    const approve = await vi.waitFor(() => {
      const button = page.host.querySelector<HTMLButtonElement>('[data-rivulet="tool-call-approve"]')
      expect(button).not.toBeNull()
      return button!
    })
    const group = page.host.querySelector('[data-rivulet="tool-call-approval"]')!
    expect(group.getAttribute('role')).toBe('group')
    expect(group.getAttribute('aria-label')).toBe('Allow delete_file to run?')
    expect(page.host.querySelector('[data-rivulet="tool-call-announcer"]')!.textContent).toBe('Needs your approval')
    expect(deleted).toEqual([])
    expect(sent).toHaveLength(1)

    await userEvent.click(approve)

    await vi.waitFor(() => expect(sent).toHaveLength(2))
    expect(deleted).toEqual(['/tmp/report.pdf'])
    await vi.waitFor(() => expect(page.host.textContent).toContain('Deleted.'))
    const decision = page.host.querySelector<HTMLElement>('[data-rivulet="tool-call-decision"]')!
    expect(decision.textContent).toBe('Approved')
    expect(document.activeElement).toBe(decision)
    expect(page.host.querySelector('[data-rivulet="tool-call-approve"]')).toBeNull()
    const call = sent[1]!.at(-1)!.parts.find((p) => p.type === 'tool-call')
    expect(call).toMatchObject({ state: 'output-available', approval: { approved: true }, result: { deleted: '/tmp/report.pdf' } })
  })

  it('Deny is reachable by keyboard right after Approve and ends the call as denied', async () => {
    const sent: ChatMessage[][] = []
    const transport = createMemoryTransport({
      respond: ({ messages }) => {
        sent.push(messages)
        return sent.length === 1 ? asks : answer
      },
    })
    const options = { scheduler: syncScheduler, tools: { delete_file: { needsApproval: true, execute: () => 'never' } } }
    flushSync(() => page.root.render(<Chat transport={transport} options={options} />))
    await userEvent.type(page.host.querySelector('textarea')!, 'Delete{Enter}')
    const approve = await vi.waitFor(() => page.host.querySelector<HTMLButtonElement>('[data-rivulet="tool-call-approve"]')!)
    approve.focus()
    await userEvent.keyboard('{Tab}')
    expect(document.activeElement?.getAttribute('data-rivulet')).toBe('tool-call-deny')
    await userEvent.keyboard('{Enter}')
    await vi.waitFor(() => expect(sent).toHaveLength(2))
    expect(page.host.querySelector('[data-rivulet="tool-call"]')!.getAttribute('data-state')).toBe('output-denied')
    expect(page.host.querySelector('[data-rivulet="tool-call-decision"]')!.textContent).toBe('Denied')
  })

  it('Deny with reason: the typed reason goes back as the call\'s outcome; Escape returns to the buttons', async () => {
    const sent: ChatMessage[][] = []
    const transport = createMemoryTransport({
      respond: ({ messages }) => {
        sent.push(messages)
        return sent.length === 1 ? asks : answer
      },
    })
    const options = { scheduler: syncScheduler, tools: { delete_file: { needsApproval: true, execute: () => 'never' } } }
    flushSync(() => page.root.render(<Chat transport={transport} options={options} />))
    await userEvent.type(page.host.querySelector('textarea')!, 'Delete{Enter}')
    const opener = await vi.waitFor(() => {
      const button = page.host.querySelector<HTMLButtonElement>('[data-rivulet="tool-call-deny-with-reason"]')
      expect(button).not.toBeNull()
      return button!
    })
    await userEvent.click(opener)
    const field = await vi.waitFor(() => page.host.querySelector<HTMLInputElement>('[data-rivulet="tool-call-deny-reason"]')!)
    expect(document.activeElement).toBe(field)
    expect(field.getAttribute('aria-label')).toBe('Why not? (told to the model)')
    await userEvent.keyboard('{Escape}')
    await vi.waitFor(() => expect(document.activeElement?.getAttribute('data-rivulet')).toBe('tool-call-deny-with-reason'))
    expect(sent).toHaveLength(1)

    await userEvent.keyboard('{Enter}')
    await vi.waitFor(() => expect(document.activeElement?.getAttribute('data-rivulet')).toBe('tool-call-deny-reason'))
    await userEvent.keyboard('  Keep the report  {Enter}')
    await vi.waitFor(() => expect(sent).toHaveLength(2))
    const call = sent[1]!.at(-1)!.parts.find((p) => p.type === 'tool-call')
    expect(call).toMatchObject({ state: 'output-denied', approval: { approved: false, reason: 'Keep the report' }, errorText: 'Keep the report' })
    await vi.waitFor(() => expect(page.host.querySelector('[data-rivulet="tool-call-decision"]')?.textContent).toBe('Denied: Keep the report'))
    expect(document.activeElement?.getAttribute('data-rivulet')).toBe('tool-call-decision')
  })
})
