import { flushSync } from 'react-dom'
import { describe, expect, it, vi } from 'vitest'
import type { ChatMessage } from '../../core/state.ts'
import { mountPerTest } from '../../../test/support/browser-root.ts'
import '../../styles.css'
import { ChatMessageItem } from '../chat/chat-message-item.tsx'
import { createRovingTabStop } from '../chat/message-focus.ts'
import { Message } from '../message/message.tsx'
import { partsChunk, type PartsChunk } from './parts-chunk.ts'
import { MessageExtrasContext, type MessageExtras } from './message-extras-chunk.ts'
import { MarkdownPipelineContext, type MarkdownPipeline } from './markdown-pipeline-chunk.ts'

const page = mountPerTest('width: 640px; display: block')

/** A chunk the test lets through by hand: the page is measured before and after, no timing involved. */
function held<T>(importer: () => Promise<T>) {
  let release!: () => void
  const chunk: PartsChunk<T> = partsChunk(() => new Promise<T>((resolve) => (release = () => void importer().then(resolve))))
  return { chunk, release: () => release() }
}

const box = (element: Element | null) => {
  const rect = element!.getBoundingClientRect()
  return { top: rect.top, height: rect.height }
}

const noop = () => {}
const itemProps = { streaming: false, busy: false, branchIndex: 0, branchCount: 1, editing: false, actions: true, onSwitchBranch: noop, onRegenerate: noop, onStartEdit: noop, onSaveEdit: noop, onCancelEdit: noop, onFeedback: undefined, last: true, hoverless: false, tabStop: createRovingTabStop() }

describe('lazy parts in Chromium, with the theme', () => {
  it('a finished answer with a folded tool call card does not move when the card body and the action bar arrive', async () => {
    const { chunk, release } = held<MessageExtras>(() => import('./message-extras.ts'))
    const message: ChatMessage = {
      id: 'a1',
      role: 'assistant',
      parts: [
        { type: 'tool-call', id: 'c1', name: 'get_weather', state: 'output-available', argsText: '{"city":"Oslo"}', args: { city: 'Oslo' }, result: { tempC: 4 } },
        { type: 'text', text: 'It is 4 °C in Oslo.' },
      ],
    }
    flushSync(() =>
      page.root.render(
        <MessageExtrasContext.Provider value={chunk}>
          <ChatMessageItem {...itemProps} message={message} />
          <p id="below">Below</p>
        </MessageExtrasContext.Provider>,
      ),
    )
    const card = page.host.querySelector('[data-rivulet="tool-call"]')
    const before = { message: box(page.host.querySelector('[data-rivulet="message"]')), card: box(card), below: box(page.host.querySelector('#below')) }
    expect(page.host.querySelector('[data-rivulet="action-bar"]')).toBeNull()
    expect(before.card.height).toBeGreaterThan(0)

    release()
    await vi.waitFor(() => expect(page.host.querySelector('[data-rivulet="action-bar"]')).not.toBeNull(), { timeout: 20_000 })
    expect(page.host.querySelector('[data-rivulet="tool-call"]')).toBe(card)
    expect(box(page.host.querySelector('[data-rivulet="message"]'))).toEqual(before.message)
    expect(box(card)).toEqual(before.card)
    expect(box(page.host.querySelector('#below'))).toEqual(before.below)
  })

  it('prose shown before the markdown pipeline lands is laid out as the rendered paragraphs are', async () => {
    const { chunk, release } = held<MarkdownPipeline>(() => import('./markdown-pipeline.ts'))
    const text = 'Rivers carry water from the hills to the sea, and towns grow where they can be crossed.\n\nA second paragraph, long enough to wrap at this width: it keeps going for a while so that it takes two lines.\n'
    flushSync(() =>
      page.root.render(
        <MarkdownPipelineContext.Provider value={chunk}>
          <Message message={{ id: 'a1', role: 'assistant', parts: [{ type: 'text', text }] }} />
          <p id="below">Below</p>
        </MarkdownPipelineContext.Provider>,
      ),
    )
    const paragraphs = () => [...page.host.querySelectorAll('[data-rivulet="markdown"] p')].map(box)
    const before = { paragraphs: paragraphs(), below: box(page.host.querySelector('#below')) }
    expect(before.paragraphs).toHaveLength(2)
    expect(page.host.querySelector('[data-rivulet="markdown-pending"]')).not.toBeNull()

    release()
    await vi.waitFor(() => expect(page.host.querySelector('[data-rivulet="markdown-pending"]')).toBeNull(), { timeout: 20_000 })
    expect(paragraphs()).toEqual(before.paragraphs)
    expect(box(page.host.querySelector('#below'))).toEqual(before.below)
  })
})
