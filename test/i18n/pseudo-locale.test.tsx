import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { Chat } from '../../src/components/chat/chat.tsx'
import { defaultLabels, type RivuletLabels } from '../../src/components/labels/labels.ts'
import { createChatClient } from '../../src/core/chat-client.ts'
import { syncScheduler } from '../../src/core/frame-scheduler.ts'
import type { ChatMessage, ErrorPart, ToolCallPart } from '../../src/core/state.ts'
import { createMemoryTransport } from '../../src/core/transports/memory-transport.ts'
import type { ChatErrorCode } from '../../src/protocol/events.ts'
import { findUntranslated, pseudo, pseudoLabels } from '../support/pseudo-labels.ts'
import { MessageEditor } from '../../src/components/actions/message-editor.tsx'
import { BranchPicker } from '../../src/components/branches/branch-picker.tsx'
import { LabelsProvider } from '../../src/components/labels/labels-context.tsx'
import { ThreadList } from '../../src/components/threads/thread-list.tsx'
import { ToolCallCard } from '../../src/components/tool-call/tool-call-card.tsx'
import { Message } from '../../src/components/message/message.tsx'
import { emptyBranchTree } from '../../src/core/branches/branch-tree.ts'
import { createLocalStoragePersistence } from '../../src/core/persistence/local-storage-persistence.ts'
import { createThreadDirectory } from '../../src/core/persistence/thread-directory.ts'
import { THREAD_RECORD_VERSION } from '../../src/core/persistence/thread-record.ts'

const codes: ChatErrorCode[] = ['rate_limited', 'context_length', 'content_filter', 'upstream_error', 'timeout', 'network', 'protocol', 'http']
const call = (id: string, state: ToolCallPart['state'], name = 'lookup'): ToolCallPart => ({
  type: 'tool-call',
  id,
  name,
  state,
  argsText: '{"q":"x"}',
  args: { q: 'x' },
  ...(state === 'output-available' && { result: { ok: true } }),
  ...(state === 'output-error' && { errorText: 'It broke' }),
})
const error = (code: ChatErrorCode, extra: Partial<ErrorPart> = {}): ErrorPart => ({ type: 'error', code, message: 'server detail', resumable: true, ...extra })

/** A thread that shows every part in every state: reasoning, tool calls, markdown extras, each error code. */
const history: ChatMessage[] = [
  { id: 'u1', role: 'user', parts: [{ type: 'text', text: 'Show me everything' }] },
  {
    id: 'a1',
    role: 'assistant',
    parts: [
      { type: 'reasoning', text: 'hmm', done: true, startedAt: 0, endedAt: 61_000 },
      { type: 'reasoning', text: 'hmm', done: true },
      call('t1', 'input-streaming', ''),
      call('t2', 'input-available'),
      call('t3', 'output-available'),
      call('t4', 'output-error'),
      { type: 'status', message: 'Searching' },
      { type: 'text', text: '- [x] done task\n- [ ] open task\n\n![cat](https://evil.example/cat.png)\n\n```ts\nconst a = 1\n```\n' },
    ],
  },
  ...codes.map((code, i): ChatMessage => ({
    id: `e${i}`,
    role: 'assistant',
    parts: [{ type: 'text', text: 'partial' }, error(code, code === 'http' ? { status: 503 } : code === 'rate_limited' ? { retryAfter: 30 } : {})],
  })),
  { id: 'e-unknown', role: 'assistant', parts: [error('brand_new' as ChatErrorCode), error('http', { resumable: false })] },
  { id: 'e-rate', role: 'assistant', parts: [error('rate_limited', { resumable: false })] },
  { id: 'a-thinking', role: 'assistant', parts: [{ type: 'reasoning', text: 'still', done: false, startedAt: 0 }] },
]

/** Renders the whole chat mid-turn (Stop, typing indicator) over {@link history}. */
async function renderChat(labels: RivuletLabels) {
  const transport = createMemoryTransport({ respond: () => new Promise(() => {}) })
  const chat = createChatClient({ transport, scheduler: syncScheduler, initialMessages: history })
  localStorage.setItem('rivulet:thread:t', '{"version": 99}')
  const directory = createThreadDirectory(createLocalStoragePersistence())
  await directory.persistence.save('saved', { version: THREAD_RECORD_VERSION, id: 'saved', createdAt: 1, updatedAt: 1, tree: emptyBranchTree })
  const view = render(
    <>
      <Chat chat={chat} labels={labels} style={{ height: 400 }} onFeedback={() => {}} avatars />
      {/* A thread that cannot be opened (newer format): its notice is a label too. */}
      <Chat labels={labels} options={{ id: 't', persistence: createLocalStoragePersistence(), transport }} />
      <LabelsProvider labels={labels}>
        <ThreadList directory={directory} activeId="saved" onSelect={() => {}} />
        <BranchPicker branches={{ index: 1, count: 3 }} onSwitch={() => {}} />
        <MessageEditor defaultValue="edit me" onSave={() => {}} onCancel={() => {}} />
      </LabelsProvider>
    </>,
  )
  // Generous: jsdom on a loaded 2-core machine can take seconds to get here.
  await waitFor(() => expect(view.container.querySelector('[data-rivulet="thread-list-item"]')).not.toBeNull(), { timeout: 15_000 })
  // A restored thread shows its newest screen first and mounts older messages in idle slices:
  // wait for every one, so the scan and the copy buttons below see the whole history.
  const first = view.container.querySelector('[data-rivulet="chat"]')!
  await waitFor(() => expect(first.querySelectorAll('[data-rivulet="message"]')).toHaveLength(history.length), { timeout: 15_000 })
  await act(async () => {
    void chat.send('next')
  })
  // An old answer's action bar renders only while the answer is engaged (hovered or focused):
  // focus one, so its words (Regenerate, the feedback buttons) are scanned too.
  const answer = first.querySelector<HTMLElement>('[data-rivulet="message"][data-role="assistant"]')!
  act(() => answer.focus())
  await waitFor(() => expect(answer.querySelector('[data-rivulet="action-regenerate"]')).not.toBeNull(), { timeout: 15_000 })
  // No clipboard in jsdom: the copy button reports its failure, which is a label too.
  for (const button of view.container.querySelectorAll('[data-rivulet="copy-button"]')) fireEvent.click(button)
  await waitFor(() => expect(view.container.querySelector('[data-rivulet="copy-feedback"]')).not.toBeNull(), { timeout: 15_000 })
  return { view, chat }
}

afterEach(() => {
  cleanup()
  localStorage.clear()
})

describe('labels', () => {
  it('leave no English in the whole chat under a pseudo-locale', async () => {
    const { view, chat } = await renderChat(pseudoLabels)
    expect(findUntranslated(view.container)).toEqual([])
    // The pseudo strings really are on screen (the scan is not looking at an empty page).
    for (const word of [defaultLabels.composer.stop, defaultLabels.retry, defaultLabels.continue, defaultLabels.reasoning.thinking, defaultLabels.toolCall.states['output-error'], defaultLabels.actions.regenerate, defaultLabels.actions.feedbackUp, defaultLabels.threads.new, defaultLabels.actions.save, defaultLabels.persistence.tooNew]) {
      expect(view.container.textContent).toContain(pseudo(word))
    }
    expect(screen.getAllByRole('log', { name: pseudo('Conversation') })).toHaveLength(2)
    expect(screen.getAllByRole('textbox', { name: pseudo('Message') })[0]).toHaveAttribute('placeholder', pseudo('Send a message'))
    chat.destroy()
  })

  it('the scan finds English when the labels are left English', async () => {
    const { view, chat } = await renderChat(defaultLabels)
    const found = findUntranslated(view.container)
    for (const word of ['Stop', 'Retry', 'Continue', 'Thinking…', 'Copy code', 'Image blocked: evil.example', 'Not done', 'Conversation', 'Assistant is typing', 'Regenerate', 'Good response', 'New thread', 'Previous alternative', 'Edit message', 'newer version']) {
      expect(found.join('\n')).toContain(word)
    }
    chat.destroy()
  })

  it('cover the approval card with its reason field open, the denial, and step separators', async () => {
    const asked = { ...call('t-ask', 'approval-requested', 'delete_file') }
    const denied: ToolCallPart = { ...call('t-no', 'output-denied', 'delete_file'), approval: { approved: false, reason: 'keep it' }, errorText: 'keep it' }
    const steps: ChatMessage = { id: 's', role: 'assistant', parts: [{ type: 'text', text: 'one' }, { type: 'step-start' }, { type: 'text', text: 'two' }] }
    const view = render(
      <LabelsProvider labels={pseudoLabels}>
        <ToolCallCard part={asked} onApprovalResponse={() => {}} />
        <ToolCallCard part={denied} />
        <Message message={steps} />
      </LabelsProvider>,
    )
    fireEvent.click(view.container.querySelector('[data-rivulet="tool-call-deny-with-reason"]')!)
    await waitFor(() => expect(view.container.querySelector('[data-rivulet="tool-call-deny-reason"]')).not.toBeNull())
    expect(findUntranslated(view.container)).toEqual([])
    expect(view.container.querySelector('[data-rivulet="tool-call-deny-reason"]')).toHaveAttribute('placeholder', pseudo(defaultLabels.toolCall.denyReasonPlaceholder))
    expect(view.container.textContent).toContain(pseudo(defaultLabels.toolCall.cancel))
    expect(view.container.textContent).toContain(pseudo('Denied: keep it'))
    expect(view.container.querySelectorAll('[data-rivulet="step-separator"]')).toHaveLength(1)
  })
})
