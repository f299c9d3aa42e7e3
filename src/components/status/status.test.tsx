import { cleanup, render, screen } from '@testing-library/react'
import { createRef } from 'react'
import { afterEach, describe, expect, it } from 'vitest'
import { StatusLine } from './status-line.tsx'
import { StreamCursor } from './stream-cursor.tsx'
import { TypingIndicator } from './typing-indicator.tsx'

afterEach(cleanup)

describe('StreamCursor', () => {
  it('is a decorative caret the stylesheet can animate', () => {
    const ref = createRef<HTMLSpanElement>()
    const { container } = render(
      <p>
        Hello
        <StreamCursor ref={ref} className="caret" />
      </p>,
    )
    const cursor = container.querySelector('[data-rivulet="cursor"]')
    expect(cursor).toBe(ref.current)
    expect(cursor).toHaveAttribute('aria-hidden', 'true')
    expect(cursor).toHaveAttribute('data-animate', '')
    expect(cursor).toHaveClass('caret')
    expect(container.querySelector('p')?.lastChild).toBe(cursor)
    // Screen readers read the paragraph without the caret.
    expect(screen.getByText('Hello')).toBeInTheDocument()
  })
})

describe('StreamCursor glyph', () => {
  it('has no text by default (the theme draws it, a glyph may be missing from the font) and keeps a glyph passed as children', () => {
    const { container } = render(
      <p>
        Hello
        <StreamCursor />
        <StreamCursor>|</StreamCursor>
      </p>,
    )
    const [drawn, custom] = container.querySelectorAll('[data-rivulet="cursor"]')
    expect(drawn!.textContent).toBe('')
    expect(drawn!.childNodes).toHaveLength(0)
    expect(custom).toHaveTextContent('|')
  })
})

describe('TypingIndicator', () => {
  it('is a status named "Assistant is typing" with three decorative dots', () => {
    const { container } = render(<TypingIndicator />)
    const status = screen.getByRole('status', { name: 'Assistant is typing' })
    expect(status).toHaveAttribute('data-rivulet', 'typing-indicator')
    expect(status).toHaveTextContent('Assistant is typing')
    const dots = container.querySelectorAll('[data-rivulet="typing-dot"]')
    expect(dots).toHaveLength(3)
    for (const dot of dots) {
      expect(dot).toHaveAttribute('aria-hidden', 'true')
      expect(dot).toHaveAttribute('data-animate', '')
    }
  })

  it('takes a translated label, spread props and a ref', () => {
    const ref = createRef<HTMLDivElement>()
    render(<TypingIndicator label="L’assistant écrit" ref={ref} className="dots" />)
    expect(screen.getByRole('status', { name: 'L’assistant écrit' })).toBe(ref.current)
    expect(ref.current).toHaveClass('dots')
  })
})

describe('StatusLine', () => {
  it('shows the status message as a polite status', () => {
    const ref = createRef<HTMLDivElement>()
    render(<StatusLine part={{ type: 'status', message: 'Searching the web…' }} ref={ref} className="line" />)
    const status = screen.getByRole('status')
    expect(status).toBe(ref.current)
    expect(status).toHaveTextContent('Searching the web…')
    expect(status).toHaveAttribute('data-rivulet', 'status')
    expect(status).toHaveClass('line')
    expect(status).not.toHaveAttribute('data-active')
  })

  it('marks the latest status as active for the stylesheet', () => {
    render(<StatusLine part={{ type: 'status', message: 'Reading page 2…' }} active />)
    expect(screen.getByRole('status')).toHaveAttribute('data-active', '')
    expect(screen.getByRole('status')).toHaveAttribute('data-animate', '')
  })
})
