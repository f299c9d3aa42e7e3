import { cleanup, render } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { ChatMessage } from '../../core/state.ts'
import { Message } from './message.tsx'

afterEach(cleanup)

describe('step separators in a message', () => {
  it('separate the steps of an agent turn, not a leading marker; the next step shows its rule while it is awaited', () => {
    const message: ChatMessage = {
      id: 'a1',
      role: 'assistant',
      parts: [
        { type: 'step-start' },
        { type: 'text', text: 'Looking.' },
        { type: 'tool-call', id: 'c1', name: 'locate', state: 'output-available', argsText: '{}', args: {}, result: 'Oslo' },
        { type: 'step-start' },
        { type: 'text', text: 'You are in Oslo.' },
        { type: 'step-start' },
      ],
    }
    const { container } = render(<Message message={message} />)
    const children = Array.from(container.querySelector('[data-rivulet="message"]')!.children, (el) => el.getAttribute('data-rivulet') ?? el.tagName)
    expect(children).toEqual(['markdown', 'tool-call', 'step-separator', 'markdown', 'step-separator'])
    expect(container.querySelector('hr[data-rivulet="step-separator"]')).not.toBeNull()
  })

  it('a message of one step has none', () => {
    const { container } = render(<Message message={{ id: 'a', role: 'assistant', parts: [{ type: 'step-start' }, { type: 'text', text: 'Hi' }] }} />)
    expect(container.querySelector('[data-rivulet="step-separator"]')).toBeNull()
  })
})
