import { act, fireEvent, render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { ChatMessage } from '../../core/state.ts'
import { Message } from '../message/message.tsx'
import { partsChunk, type PartsChunk } from './parts-chunk.ts'
import { MarkdownPipelineContext, type MarkdownPipeline } from './markdown-pipeline-chunk.ts'

/** The pipeline's chunk, let through (or failed) by the test by hand: no timing involved. */
function heldPipeline() {
  const attempts: { resolve: () => void; reject: (error: Error) => void }[] = []
  const chunk: PartsChunk<MarkdownPipeline> = partsChunk(
    () =>
      new Promise<MarkdownPipeline>((resolve, reject) => {
        attempts.push({ resolve: () => void import('./markdown-pipeline.ts').then(resolve), reject })
      }),
  )
  return { chunk, attempts }
}

const answer: ChatMessage = { id: 'a1', role: 'assistant', parts: [{ type: 'text', text: 'First **bold** point.\n\nSecond paragraph.\n' }] }

describe('an answer before the markdown pipeline has loaded', () => {
  it('shows its blocks as paragraphs in the markdown container, then the rendered markdown in their place', async () => {
    const { chunk, attempts } = heldPipeline()
    const view = render(
      <MarkdownPipelineContext.Provider value={chunk}>
        <Message message={answer} />
      </MarkdownPipelineContext.Provider>,
    )
    const pending = view.container.querySelectorAll('[data-rivulet="markdown"] > [data-rivulet="markdown-pending"]')
    expect([...pending].map((p) => p.textContent)).toEqual(['First **bold** point.', 'Second paragraph.'])
    expect(view.container.querySelector('strong')).toBeNull()

    await act(async () => attempts[0]!.resolve())
    expect(await screen.findByText('bold')).toContainHTML('bold')
    expect(screen.getByText('bold').tagName).toBe('STRONG')
    expect(view.container.querySelectorAll('[data-rivulet="markdown"]')).toHaveLength(1)
    expect(screen.getByText('Second paragraph.')).toBeInTheDocument()
  })

  it('a failed load keeps the text, says so, and Retry renders the markdown', async () => {
    const { chunk, attempts } = heldPipeline()
    const view = render(
      <MarkdownPipelineContext.Provider value={chunk}>
        <Message message={answer} />
      </MarkdownPipelineContext.Provider>,
    )
    await act(async () => attempts[0]!.reject(new Error('Failed to fetch dynamically imported module')))
    expect(await screen.findByRole('alert')).toHaveTextContent('This part could not be loaded.')
    // The source text is kept whole (its `**` hidden from sight, not dropped).
    expect(view.container.querySelector('[data-rivulet="markdown-pending"]')?.textContent).toBe('First **bold** point.')
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }))
    await act(async () => attempts[1]!.resolve())
    expect((await screen.findByText('bold')).tagName).toBe('STRONG')
    expect(screen.queryByRole('alert')).toBeNull()
  })
})
