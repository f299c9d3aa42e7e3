import { cleanup, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { createRef } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ReasoningPart } from '../../core/state.ts'
import { messageExtras, MessageExtrasContext } from '../lazy/message-extras-chunk.ts'
import { partsChunk } from '../lazy/parts-chunk.ts'
import { Reasoning } from './reasoning.tsx'

afterEach(cleanup)

const thinking: ReasoningPart = { type: 'reasoning', text: 'First, the user wants\nthe weather.', done: false, startedAt: 1_000 }
const thought: ReasoningPart = { ...thinking, done: true, endedAt: 4_000 }
const text = (container: HTMLElement) => container.querySelector('[data-rivulet="reasoning-text"]') as HTMLElement
const root = (container: HTMLElement) => container.querySelector('[data-rivulet="reasoning"]') as HTMLElement

describe('Reasoning', () => {
  it('says "Thinking…" while streaming and how long it thought once done', () => {
    const { container, rerender } = render(<Reasoning part={thinking} />)
    expect(screen.getByRole('button', { name: 'Thinking…' })).toBeInTheDocument()
    expect(root(container)).toHaveAttribute('data-state', 'thinking')
    expect(root(container)).toHaveAttribute('data-streaming', '')
    rerender(<Reasoning part={thought} />)
    expect(screen.getByRole('button', { name: 'Thought for 3 seconds' })).toBeInTheDocument()
    expect(root(container)).toHaveAttribute('data-state', 'done')
    expect(root(container)).not.toHaveAttribute('data-streaming')
  })

  it('says "a few seconds" when the part has no timestamps', () => {
    render(<Reasoning part={{ type: 'reasoning', text: 'hm', done: true }} />)
    expect(screen.getByRole('button', { name: 'Thought for a few seconds' })).toBeInTheDocument()
  })

  it('is collapsed by default and opens from the header', async () => {
    const user = userEvent.setup()
    const { container } = render(<Reasoning part={thinking} />)
    const header = screen.getByRole('button')
    expect(header).toHaveAttribute('aria-expanded', 'false')
    expect(text(container)).not.toBeVisible()
    expect(header).toHaveAttribute('aria-controls', text(container).id)
    await user.click(header)
    expect(header).toHaveAttribute('aria-expanded', 'true')
    expect(text(container)).toBeVisible()
    expect(root(container)).toHaveAttribute('data-open', '')
  })

  it('shows the text as plain text, line breaks kept for pre-wrap styling', () => {
    const { container } = render(<Reasoning part={{ ...thinking, text: '**not bold**\nline 2' }} defaultOpen />)
    expect(text(container).textContent).toBe('**not bold**\nline 2')
    expect(text(container).querySelector('strong')).toBeNull()
    expect(text(container)).toHaveAttribute('data-whitespace', 'pre-wrap')
  })

  // ~40 KB of reasoning, three pieces of ~16 KB (each ends at a newline).
  const long = Array.from({ length: 800 }, (_, i) => `step ${i}: weigh the options and check the units once more`).join('\n')

  it('writes a growing chain of thought into its last piece only: earlier pieces keep their nodes and text', async () => {
    // The pieces come with the message extras chunk.
    await messageExtras.load()
    const { container, rerender } = render(<Reasoning part={{ ...thinking, text: long }} defaultOpen />)
    const pieces = () => [...text(container).children] as HTMLElement[]
    const before = pieces()
    expect(before.length).toBeGreaterThanOrEqual(3)
    const firstText = before[0]!.firstChild
    const grown = long + '\nso the answer is 42'
    rerender(<Reasoning part={{ ...thinking, text: grown }} defaultOpen />)
    const after = pieces()
    expect(after.length).toBe(before.length)
    // Same elements and the same text node in every piece but the last: nothing but the last was written.
    for (let i = 0; i < after.length - 1; i++) expect(after[i]).toBe(before[i])
    expect(after[0]!.firstChild).toBe(firstText)
    expect(text(container).textContent).toBe(grown)
  })

  it('shows the whole text as one string until the extras chunk lands', () => {
    const never = partsChunk(() => new Promise<never>(() => {}))
    const { container } = render(
      <MessageExtrasContext.Provider value={never}>
        <Reasoning part={{ ...thinking, text: long }} defaultOpen />
      </MessageExtrasContext.Provider>,
    )
    expect(text(container).children).toHaveLength(0)
    expect(text(container).textContent).toBe(long)
  })

  it('follows the open prop when controlled and reports toggles', async () => {
    const user = userEvent.setup()
    const onOpenChange = vi.fn()
    const { container, rerender } = render(<Reasoning part={thought} open onOpenChange={onOpenChange} />)
    await user.click(screen.getByRole('button'))
    expect(onOpenChange).toHaveBeenCalledExactlyOnceWith(false)
    expect(text(container)).toBeVisible()
    rerender(<Reasoning part={thought} open={false} onOpenChange={onOpenChange} />)
    expect(text(container)).not.toBeVisible()
  })

  it('toggles with Enter and Space', async () => {
    const user = userEvent.setup()
    render(<Reasoning part={thought} />)
    await user.tab()
    await user.keyboard('{Enter}')
    expect(screen.getByRole('button')).toHaveAttribute('aria-expanded', 'true')
    await user.keyboard(' ')
    expect(screen.getByRole('button')).toHaveAttribute('aria-expanded', 'false')
  })

  it('spreads props, forwards its ref and takes a translated label', () => {
    const ref = createRef<HTMLDivElement>()
    const { container } = render(
      <Reasoning part={thinking} ref={ref} className="thought" formatLabel={(part) => (part.done ? 'Fini' : 'Réflexion…')} />,
    )
    expect(ref.current).toBe(root(container))
    expect(ref.current).toHaveClass('thought')
    expect(screen.getByRole('button', { name: 'Réflexion…' })).toBeInTheDocument()
  })
})
