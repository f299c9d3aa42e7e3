import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { createRef, useState } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ChatStatus } from '../../core/state.ts'
import { Composer, isTurnRunning } from './composer.tsx'

afterEach(cleanup)

const setup = (props: Partial<Parameters<typeof Composer>[0]> = {}) => {
  const onSend = vi.fn<(text: string) => void>()
  const onStop = vi.fn<() => void>()
  const user = userEvent.setup()
  const utils = render(<Composer onSend={onSend} onStop={onStop} {...props} />)
  const box = screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement
  return { ...utils, onSend, onStop, user, box }
}

describe('Composer', () => {
  it('sends the trimmed text on Enter and clears the box', async () => {
    const { onSend, user, box } = setup()
    await user.type(box, '  hello there  {Enter}')
    expect(onSend).toHaveBeenCalledExactlyOnceWith('hello there')
    expect(box).toHaveValue('')
  })

  it('inserts a newline on Shift+Enter instead of sending', async () => {
    const { onSend, user, box } = setup()
    await user.type(box, 'line one{Shift>}{Enter}{/Shift}line two')
    expect(onSend).not.toHaveBeenCalled()
    expect(box).toHaveValue('line one\nline two')
    await user.keyboard('{Enter}')
    expect(onSend).toHaveBeenCalledExactlyOnceWith('line one\nline two')
  })

  it('never sends empty or whitespace-only text, and disables Send meanwhile', async () => {
    const { onSend, user, box } = setup()
    const send = screen.getByRole('button', { name: 'Send' })
    expect(send).toBeDisabled()
    await user.type(box, '   {Enter}')
    expect(onSend).not.toHaveBeenCalled()
    expect(send).toBeDisabled()
    await user.type(box, 'x')
    expect(send).toBeEnabled()
  })

  it('sends from the Send button and returns focus to the box', async () => {
    const { onSend, user, box } = setup()
    await user.type(box, 'clicked')
    await user.click(screen.getByRole('button', { name: 'Send' }))
    expect(onSend).toHaveBeenCalledExactlyOnceWith('clicked')
    expect(box).toHaveValue('')
    expect(box).toHaveFocus()
  })

  it('does not send the Enter that confirms an input-method composition', async () => {
    const { onSend, box } = setup()
    fireEvent.change(box, { target: { value: 'にほんご' } })
    // Chrome and Firefox: keydown during composition carries isComposing.
    fireEvent.keyDown(box, { key: 'Enter', isComposing: true })
    // Safari: keyCode 229 even after compositionend.
    fireEvent.keyDown(box, { key: 'Enter', keyCode: 229 })
    // Engines that report neither: the composition events tell.
    fireEvent.compositionStart(box)
    fireEvent.keyDown(box, { key: 'Enter' })
    expect(onSend).not.toHaveBeenCalled()
    fireEvent.compositionEnd(box)
    fireEvent.keyDown(box, { key: 'Enter' })
    expect(onSend).toHaveBeenCalledExactlyOnceWith('にほんご')
  })

  it.each<ChatStatus>(['submitted', 'streaming', 'reconnecting'])(
    'shows Stop instead of Send while %s, and Stop calls onStop',
    async (status) => {
      const { onStop, onSend, user, box, container } = setup({ status, defaultValue: 'next question' })
      expect(screen.queryByRole('button', { name: 'Send' })).toBeNull()
      expect(container.querySelector('form')).toHaveAttribute('data-state', 'streaming')
      await user.click(screen.getByRole('button', { name: 'Stop' }))
      expect(onStop).toHaveBeenCalledOnce()
      // Enter during a running turn neither sends nor stops; the draft stays.
      await user.type(box, '{Enter}')
      expect(onSend).not.toHaveBeenCalled()
      expect(onStop).toHaveBeenCalledOnce()
      expect(box).toHaveValue('next question')
    },
  )

  it.each<ChatStatus>(['idle', 'ready', 'error'])('offers Send when the status is %s', (status) => {
    const { container } = setup({ status })
    expect(screen.getByRole('button', { name: 'Send' })).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Stop' })).toBeNull()
    expect(container.querySelector('form')).toHaveAttribute('data-state', 'idle')
  })

  it('lets a keyboard user send with the button, then Tab to Stop and stop', async () => {
    const onStop = vi.fn()
    function Chat() {
      const [status, setStatus] = useState<ChatStatus>('idle')
      return (
        <Composer
          status={status}
          onSend={() => setStatus('streaming')}
          onStop={() => {
            onStop()
            setStatus('ready')
          }}
        />
      )
    }
    const user = userEvent.setup()
    render(<Chat />)
    const box = screen.getByRole('textbox')
    await user.type(box, 'hi')
    await user.tab()
    const send = screen.getByRole('button', { name: 'Send' })
    expect(send).toHaveFocus()
    await user.keyboard('{Enter}')
    // Focus goes back to the box for the next message; the button is now Stop, the
    // same element (so a theme can animate the change).
    expect(box).toHaveFocus()
    expect(screen.getByRole('button', { name: 'Stop' })).toBe(send)
    await user.tab()
    await user.keyboard(' ')
    expect(onStop).toHaveBeenCalledOnce()
    expect(screen.getByRole('button', { name: 'Send' })).toBeDisabled()
  })

  it('blocks typing and sending when disabled but still lets a running turn be stopped', async () => {
    const { onSend, user, box, container, rerender, onStop } = setup({ disabled: true, defaultValue: 'draft' })
    expect(box).toBeDisabled()
    expect(screen.getByRole('button', { name: 'Send' })).toBeDisabled()
    expect(container.querySelector('form')).toHaveAttribute('data-disabled', '')
    await user.type(box, 'more{Enter}')
    expect(box).toHaveValue('draft')
    expect(onSend).not.toHaveBeenCalled()
    rerender(<Composer onSend={onSend} onStop={onStop} disabled status="streaming" />)
    await user.click(screen.getByRole('button', { name: 'Stop' }))
    expect(onStop).toHaveBeenCalledOnce()
  })

  it('works controlled: shows value, reports edits and the clear after sending', async () => {
    const changes: string[] = []
    function Controlled() {
      const [text, setText] = useState('pre')
      return (
        <Composer
          value={text}
          onValueChange={(next) => {
            changes.push(next)
            setText(next)
          }}
          onSend={() => {}}
          onStop={() => {}}
        />
      )
    }
    const user = userEvent.setup()
    render(<Controlled />)
    const box = screen.getByRole('textbox')
    expect(box).toHaveValue('pre')
    await user.type(box, 'x{Enter}')
    expect(changes).toEqual(['prex', ''])
    expect(box).toHaveValue('')
  })

  it('does not change a controlled value the owner refuses', async () => {
    const onValueChange = vi.fn()
    const user = userEvent.setup()
    render(<Composer value="fixed" onValueChange={onValueChange} onSend={() => {}} onStop={() => {}} />)
    const box = screen.getByRole('textbox')
    await user.type(box, 'z')
    expect(onValueChange).toHaveBeenCalledWith('fixedz')
    expect(box).toHaveValue('fixed')
  })

  it('spreads props on the form and forwards its ref', () => {
    const ref = createRef<HTMLFormElement>()
    const { container } = setup({ ref, className: 'mine', 'aria-label': 'Reply', placeholder: 'Ask anything' })
    const form = container.querySelector('form')
    expect(ref.current).toBe(form)
    expect(form).toHaveClass('mine')
    expect(form).toHaveAttribute('data-rivulet', 'composer')
    expect(screen.getByRole('form', { name: 'Reply' })).toBe(form)
    expect(screen.getByPlaceholderText('Ask anything')).toHaveAttribute('data-rivulet', 'composer-input')
  })

  it('takes translated labels', () => {
    render(<Composer onSend={() => {}} onStop={() => {}} labels={{ message: 'Nachricht', send: 'Senden' }} />)
    expect(screen.getByRole('textbox', { name: 'Nachricht' })).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Senden' })).toBeInTheDocument()
  })
})

describe('isTurnRunning', () => {
  it.each<[ChatStatus, boolean]>([
    ['idle', false],
    ['submitted', true],
    ['streaming', true],
    ['reconnecting', true],
    ['ready', false],
    ['error', false],
  ])('%s → %s', (status, running) => {
    expect(isTurnRunning(status)).toBe(running)
  })
})
