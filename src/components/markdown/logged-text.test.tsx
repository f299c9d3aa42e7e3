import { describe, expect, test } from 'vitest'
import { render, screen } from '@testing-library/react'
import type { ChatMessage, MessagePart } from '../../core/state.ts'
import { createTextLog, logAppended } from '../../core/text-log.ts'
import { Message } from '../message/message.tsx'
import { StreamingMarkdown } from './streaming-markdown.tsx'

// Each later version is handed over as a decoy string of the right length: what shows can only have come from the log.
const decoy = (length: number) => '?'.repeat(length)

describe('a streamed text handed over with its logged version', () => {
  test('StreamingMarkdown renders the new text from the log, never reading the string', () => {
    const log = createTextLog()
    const first = 'Alpha **one**.\n\nBra'
    const view = render(<StreamingMarkdown streaming textLog={log.append(first)}>{first}</StreamingMarkdown>)
    let length = first.length
    for (const token of ['vo', ' two', '.\n\n', '- a list']) {
      length += token.length
      view.rerender(<StreamingMarkdown streaming textLog={log.append(token)}>{decoy(length)}</StreamingMarkdown>)
    }
    expect(view.container.querySelector('strong')?.textContent).toBe('one')
    expect(view.container.querySelector('li')?.textContent).toBe('a list')
    expect(view.container.textContent).not.toContain('?')
  })

  test('Message passes a text part grown by the chat reducer with its version', async () => {
    const before: MessagePart = { type: 'text', text: '**Hello**' }
    const message = (part: MessagePart): ChatMessage => ({ id: 'a1', role: 'assistant', parts: [part] })
    const view = render(<Message message={message(before)} streaming />)
    // Rendered by the markdown pipeline (its lazy chunk loaded), not by the stand-in shown before it.
    expect((await screen.findByText('Hello')).tagName).toBe('STRONG')
    // The first logged version is read as a string: the markdown has seen no version before it.
    const middle: MessagePart = { type: 'text', text: '**Hello**,' }
    logAppended(middle, before, '**Hello**', ',')
    view.rerender(<Message message={message(middle)} streaming />)
    const grown: MessagePart = { type: 'text', text: decoy('**Hello**, *world*'.length) }
    logAppended(grown, middle, '**Hello**,', ' *world*')
    view.rerender(<Message message={message(grown)} streaming />)
    expect((await screen.findByText('world')).tagName).toBe('EM')
  })
})
