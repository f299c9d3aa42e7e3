import { render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ChatMessage } from '../../core/state.ts'
import { BranchPicker } from '../branches/branch-picker.tsx'
import { MessageActions } from './message-actions.tsx'
import { MessageEditor } from './message-editor.tsx'

const answer: ChatMessage = { id: 'a1', role: 'assistant', parts: [{ type: 'reasoning', text: 'hm', done: true }, { type: 'text', text: '**Nile** is [long](https://x.dev)' }] }
const prompt: ChatMessage = { id: 'u1', role: 'user', parts: [{ type: 'text', text: 'Which river?' }] }

afterEach(() => vi.unstubAllGlobals())

describe('MessageActions', () => {
  it('copies an answer as markdown and as plain text', async () => {
    const user = userEvent.setup()
    const writeText = vi.spyOn(navigator.clipboard, 'writeText')
    render(<MessageActions message={answer} />)
    await user.click(screen.getByRole('button', { name: 'Copy as Markdown' }))
    expect(writeText).toHaveBeenLastCalledWith('**Nile** is [long](https://x.dev)')
    await user.click(screen.getByRole('button', { name: 'Copy as plain text' }))
    expect(writeText).toHaveBeenLastCalledWith('Nile is long (https://x.dev)')
    await waitFor(() => expect(screen.getAllByRole('status').map((s) => s.textContent)).toContain('Copied'))
  })

  it('reports a copy without clipboard instead of throwing', async () => {
    const user = userEvent.setup()
    vi.stubGlobal('navigator', { ...navigator, clipboard: undefined })
    render(<MessageActions message={answer} />)
    await user.click(screen.getByRole('button', { name: 'Copy as Markdown' }))
    expect(screen.getAllByRole('status').map((s) => s.textContent)).toContain('Copy failed')
  })

  it('offers Regenerate and feedback on answers, Edit on prompts, each by keyboard', async () => {
    const user = userEvent.setup()
    const onRegenerate = vi.fn()
    const onEdit = vi.fn()
    const onFeedback = vi.fn()
    const { rerender } = render(<MessageActions message={answer} onRegenerate={onRegenerate} onEdit={onEdit} onFeedback={onFeedback} />)
    expect(screen.getByRole('group', { name: 'Message actions' })).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Edit' })).toBeNull()
    await user.tab()
    await user.tab()
    await user.tab()
    expect(screen.getByRole('button', { name: 'Regenerate' })).toHaveFocus()
    await user.keyboard('{Enter}')
    expect(onRegenerate).toHaveBeenCalledWith('a1')
    await user.click(screen.getByRole('button', { name: 'Good response' }))
    expect(onFeedback).toHaveBeenCalledWith('a1', 'up')
    expect(screen.getByRole('button', { name: 'Good response' })).toHaveAttribute('aria-pressed', 'true')
    expect(screen.getByRole('button', { name: 'Bad response' })).toHaveAttribute('aria-pressed', 'false')

    rerender(<MessageActions message={prompt} onRegenerate={onRegenerate} onEdit={onEdit} onFeedback={onFeedback} />)
    expect(screen.queryByRole('button', { name: 'Regenerate' })).toBeNull()
    expect(screen.queryByRole('button', { name: 'Good response' })).toBeNull()
    await user.click(screen.getByRole('button', { name: 'Edit' }))
    expect(onEdit).toHaveBeenCalledWith('u1')
  })

  it('disables Regenerate while a turn runs', () => {
    render(<MessageActions message={answer} onRegenerate={() => {}} disabled />)
    expect(screen.getByRole('button', { name: 'Regenerate' })).toBeDisabled()
  })
})

describe('MessageEditor', () => {
  it('saves with Enter, keeps Shift+Enter as a line break, cancels with Escape', async () => {
    const user = userEvent.setup()
    const onSave = vi.fn()
    const onCancel = vi.fn()
    render(<MessageEditor defaultValue="Which river?" onSave={onSave} onCancel={onCancel} />)
    const box = screen.getByRole('textbox', { name: 'Edit message' })
    expect(box).toHaveFocus()
    await user.keyboard(' Really{Shift>}{Enter}{/Shift}longest?{Enter}')
    expect(onSave).toHaveBeenCalledWith('Which river? Really\nlongest?')
    await user.keyboard('{Escape}')
    expect(onCancel).toHaveBeenCalledTimes(1)
    await user.clear(box)
    expect(screen.getByRole('button', { name: 'Save' })).toBeDisabled()
    await user.click(screen.getByRole('button', { name: 'Cancel' }))
    expect(onCancel).toHaveBeenCalledTimes(2)
  })
})

describe('BranchPicker', () => {
  it('shows ‹ 2 / 3 › and switches by 0-based index, disabled at the ends', async () => {
    const user = userEvent.setup()
    const onSwitch = vi.fn()
    const { rerender, container } = render(<BranchPicker branches={{ index: 1, count: 3 }} onSwitch={onSwitch} />)
    expect(screen.getByRole('group', { name: 'Alternatives' })).toHaveTextContent('‹2 / 3›')
    await user.click(screen.getByRole('button', { name: 'Previous alternative' }))
    await user.click(screen.getByRole('button', { name: 'Next alternative' }))
    expect(onSwitch.mock.calls).toEqual([[0], [2]])
    rerender(<BranchPicker branches={{ index: 2, count: 3 }} onSwitch={onSwitch} />)
    expect(screen.getByRole('button', { name: 'Next alternative' })).toBeDisabled()
    rerender(<BranchPicker branches={{ index: 0, count: 1 }} onSwitch={onSwitch} />)
    expect(container.innerHTML).toBe('')
  })
})
