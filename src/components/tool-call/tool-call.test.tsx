import { cleanup, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { createRef } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ToolCallPart, ToolCallState } from '../../core/state.ts'
import { ToolCall } from './tool-call.ts'
import { ToolCallCard } from './tool-call-card.tsx'

afterEach(cleanup)

function toolCall(overrides: Partial<ToolCallPart> = {}): ToolCallPart {
  return {
    type: 'tool-call',
    id: 'call_1',
    name: 'get_weather',
    state: 'input-available',
    argsText: '{"city":"Paris"}',
    args: { city: 'Paris' },
    ...overrides,
  }
}

const card = (container: HTMLElement) => container.querySelector('[data-rivulet="tool-call"]') as HTMLElement
const args = (container: HTMLElement) => container.querySelector('[data-rivulet="tool-call-args"]')
const content = (container: HTMLElement) => container.querySelector('[data-rivulet="tool-call-content"]') as HTMLElement
const header = () => screen.getByRole('button', { name: 'get_weather' })

describe('ToolCallCard states', () => {
  const cases: { state: ToolCallState; label: string; extra: Partial<ToolCallPart> }[] = [
    { state: 'input-streaming', label: 'Preparing arguments…', extra: { argsText: '{"city":"Par', args: { city: 'Par' } } },
    { state: 'input-available', label: 'Running…', extra: {} },
    { state: 'output-available', label: 'Done', extra: { result: { temperature: 21 } } },
    { state: 'output-error', label: 'Failed', extra: { result: { message: 'quota' }, errorText: 'quota exceeded' } },
  ]

  for (const { state, label, extra } of cases) {
    it(`shows "${label}" and the arguments in ${state}`, () => {
      const part = toolCall({ state, ...extra })
      const { container } = render(<ToolCallCard part={part} defaultOpen />)
      expect(card(container)).toHaveAttribute('data-state', state)
      expect(container.querySelector('[data-rivulet="tool-call-state"]')).toHaveTextContent(label)
      expect(header()).toHaveAccessibleDescription(label)
      expect(args(container)?.textContent).toBe(JSON.stringify(part.args, null, 2))
    })
  }

  it('names the header after the tool and keeps the state out of the name', () => {
    render(<ToolCallCard part={toolCall()} />)
    expect(header()).toHaveAttribute('type', 'button')
    expect(header()).toHaveTextContent('get_weather')
    expect(header()).toHaveTextContent('Running…')
  })

  it('falls back to a generic name when the call arrived before its start event', () => {
    render(<ToolCallCard part={toolCall({ name: '' })} />)
    expect(screen.getByRole('button', { name: 'Tool' })).toBeInTheDocument()
  })

  it('announces the state label through a polite live region, never the arguments', () => {
    const { container, rerender } = render(<ToolCallCard part={toolCall({ state: 'input-streaming' })} />)
    const announcer = container.querySelector('[aria-live="polite"]') as HTMLElement
    expect(announcer.textContent).toBe('Preparing arguments…')
    rerender(<ToolCallCard part={toolCall({ state: 'input-streaming', argsText: '{"city":"Paris","days":3', args: { city: 'Paris', days: 3 } })} />)
    expect(announcer.textContent).toBe('Preparing arguments…')
    rerender(<ToolCallCard part={toolCall({ state: 'output-error', errorText: 'boom' })} />)
    expect(container.querySelectorAll('[aria-live]')).toHaveLength(1)
    expect(announcer.textContent).toBe('Failed')
  })

  it('takes translated labels', () => {
    render(<ToolCallCard part={toolCall()} labels={{ 'input-available': 'En cours…' }} />)
    expect(header()).toHaveAccessibleDescription('En cours…')
  })
})

describe('ToolCall.Args', () => {
  it('grows as the partial parse of the arguments grows', () => {
    const streaming = (argsText: string, parsed: unknown) => toolCall({ state: 'input-streaming', argsText, args: parsed })
    const { container, rerender } = render(<ToolCallCard part={streaming('', undefined)} />)
    expect(args(container)).toBeNull()

    rerender(<ToolCallCard part={streaming('{"ci', undefined)} />)
    expect(args(container)?.textContent).toBe('{"ci')

    rerender(<ToolCallCard part={streaming('{"city":"Par', { city: 'Par' })} />)
    expect(args(container)?.textContent).toBe('{\n  "city": "Par"\n}')
    expect(args(container)).toHaveAttribute('data-streaming', '')

    rerender(<ToolCallCard part={streaming('{"city":"Paris","days":[1,', { city: 'Paris', days: [1] })} />)
    expect(args(container)?.textContent).toBe('{\n  "city": "Paris",\n  "days": [\n    1\n  ]\n}')

    rerender(<ToolCallCard part={toolCall({ argsText: '{"city":"Paris","days":[1,2]}', args: { city: 'Paris', days: [1, 2] } })} />)
    expect(args(container)).not.toHaveAttribute('data-streaming')
    expect(args(container)?.textContent).toBe('{\n  "city": "Paris",\n  "days": [\n    1,\n    2\n  ]\n}')
  })

  it('is a pre element with the code inside', () => {
    const { container } = render(<ToolCallCard part={toolCall()} />)
    expect(args(container)?.tagName).toBe('PRE')
    expect(args(container)?.firstElementChild?.tagName).toBe('CODE')
  })
})

describe('ToolCall.Result', () => {
  const result = (container: HTMLElement) => container.querySelector('[data-rivulet="tool-call-result"]')

  it('shows nothing until the tool finished', () => {
    const { container } = render(<ToolCallCard part={toolCall()} />)
    expect(result(container)).toBeNull()
  })

  it('pretty-prints an object result and shows a string result as it is', () => {
    const { container, rerender } = render(<ToolCallCard part={toolCall({ state: 'output-available', result: { temperature: 21 } })} defaultOpen />)
    expect(result(container)?.textContent).toBe('{\n  "temperature": 21\n}')
    rerender(<ToolCallCard part={toolCall({ state: 'output-available', result: 'Sunny, "21°C"\nlight wind' })} defaultOpen />)
    expect(result(container)?.textContent).toBe('Sunny, "21°C"\nlight wind')
  })

  it('shows the error text of a failed call without raising an alert', () => {
    const { container } = render(<ToolCallCard part={toolCall({ state: 'output-error', result: { message: 'quota' }, errorText: 'quota' })} />)
    expect(result(container)).toHaveAttribute('data-error', '')
    expect(result(container)).toHaveTextContent('quota')
    expect(screen.queryByRole('alert')).toBeNull()
  })
})

describe('ToolCall open state', () => {
  it('is open while running, folds itself when the call succeeds and opens when one fails', () => {
    const { container, rerender } = render(<ToolCallCard part={toolCall({ state: 'input-streaming' })} />)
    expect(header()).toHaveAttribute('aria-expanded', 'true')
    expect(content(container)).toBeVisible()
    rerender(<ToolCallCard part={toolCall({ state: 'output-available', result: 1 })} />)
    expect(header()).toHaveAttribute('aria-expanded', 'false')
    expect(content(container)).not.toBeVisible()
    expect(card(container)).not.toHaveAttribute('data-open')

    cleanup()
    render(<ToolCallCard part={toolCall({ state: 'output-error', errorText: 'no' })} />)
    expect(header()).toHaveAttribute('aria-expanded', 'true')
  })

  it('keeps the user’s choice once they toggled, whatever the call does next', async () => {
    const user = userEvent.setup()
    const { rerender } = render(<ToolCallCard part={toolCall({ state: 'input-available' })} />)
    await user.click(header())
    expect(header()).toHaveAttribute('aria-expanded', 'false')
    rerender(<ToolCallCard part={toolCall({ state: 'output-error', errorText: 'no' })} />)
    expect(header()).toHaveAttribute('aria-expanded', 'false')
  })

  it('starts from defaultOpen and toggles on its own when uncontrolled', async () => {
    const user = userEvent.setup()
    const onOpenChange = vi.fn()
    const { container } = render(<ToolCallCard part={toolCall()} defaultOpen={false} onOpenChange={onOpenChange} />)
    expect(content(container)).not.toBeVisible()
    await user.click(header())
    expect(onOpenChange).toHaveBeenLastCalledWith(true)
    expect(content(container)).toBeVisible()
    expect(card(container)).toHaveAttribute('data-open', '')
  })

  it('only reports the request when controlled, and follows the open prop', async () => {
    const user = userEvent.setup()
    const onOpenChange = vi.fn()
    const { container, rerender } = render(<ToolCallCard part={toolCall()} open={false} onOpenChange={onOpenChange} />)
    await user.click(header())
    expect(onOpenChange).toHaveBeenCalledExactlyOnceWith(true)
    expect(header()).toHaveAttribute('aria-expanded', 'false')
    expect(content(container)).not.toBeVisible()
    rerender(<ToolCallCard part={toolCall()} open onOpenChange={onOpenChange} />)
    expect(header()).toHaveAttribute('aria-expanded', 'true')
    expect(content(container)).toBeVisible()
  })

  it('toggles from the keyboard with Enter and Space', async () => {
    const user = userEvent.setup()
    render(<ToolCallCard part={toolCall()} />)
    await user.tab()
    expect(header()).toHaveFocus()
    await user.keyboard('{Enter}')
    expect(header()).toHaveAttribute('aria-expanded', 'false')
    await user.keyboard(' ')
    expect(header()).toHaveAttribute('aria-expanded', 'true')
  })

  it('points aria-controls at the collapsible region', () => {
    const { container } = render(<ToolCallCard part={toolCall()} />)
    const id = header().getAttribute('aria-controls')
    expect(id).toBeTruthy()
    expect(content(container).id).toBe(id)
  })

  it('lets a header click handler cancel the toggle', async () => {
    const user = userEvent.setup()
    render(
      <ToolCall.Root part={toolCall()}>
        <ToolCall.Header onClick={(event) => event.preventDefault()} />
        <ToolCall.Content />
      </ToolCall.Root>,
    )
    await user.click(header())
    expect(header()).toHaveAttribute('aria-expanded', 'true')
  })
})

describe('ToolCall compound parts', () => {
  it('spread props and forward refs onto their elements', () => {
    const rootRef = createRef<HTMLDivElement>()
    const headerRef = createRef<HTMLButtonElement>()
    const argsRef = createRef<HTMLPreElement>()
    render(
      <ToolCall.Root part={toolCall()} ref={rootRef} className="card" data-testid="root">
        <ToolCall.Header ref={headerRef} className="head" />
        <ToolCall.Content data-testid="content">
          <ToolCall.Args ref={argsRef} className="args" />
        </ToolCall.Content>
      </ToolCall.Root>,
    )
    expect(rootRef.current).toBe(screen.getByTestId('root'))
    expect(rootRef.current).toHaveClass('card')
    expect(headerRef.current).toBe(header())
    expect(headerRef.current).toHaveClass('head')
    expect(argsRef.current).toHaveClass('args')
    expect(screen.getByTestId('content')).toContainElement(argsRef.current)
  })

  it('renders custom header content in place of the default name and label', () => {
    render(
      <ToolCall.Root part={toolCall()}>
        <ToolCall.Header>Weather lookup</ToolCall.Header>
      </ToolCall.Root>,
    )
    expect(screen.getByRole('button', { name: 'Weather lookup' })).toHaveAccessibleDescription('Running…')
  })

  it('explains the mistake when a part is used outside ToolCall.Root', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    expect(() => render(<ToolCall.Args />)).toThrow('<ToolCall.Args> must be placed inside <ToolCall.Root>.')
    vi.restoreAllMocks()
  })
})
