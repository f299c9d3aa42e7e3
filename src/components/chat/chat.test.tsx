import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import type { ChatEvent } from '../../protocol/events.ts'
import { syncScheduler } from '../../core/frame-scheduler.ts'
import { createMemoryTransport } from '../../core/transports/memory-transport.ts'
import { createScript } from '../../mocks/script.ts'
import { Chat } from './chat.tsx'

function chatWith(respond: () => ChatEvent[] | Response) {
  let calls = 0
  const transport = createMemoryTransport({
    respond: () => {
      calls++
      return respond()
    },
  })
  render(<Chat transport={transport} options={{ scheduler: syncScheduler, maxRetries: 0 }} />)
  return { calls: () => calls }
}

async function ask(text: string) {
  await userEvent.type(screen.getByRole('textbox', { name: 'Message' }), `${text}{Enter}`)
}

describe('<Chat>', () => {
  it('sends from the composer and renders the streamed markdown answer in a log', async () => {
    chatWith(() => createScript({ streamId: 's' }).text('Hello **world**').done())
    await ask('Hi')
    const log = screen.getByRole('log')
    expect(await within(log).findByText('world')).toHaveProperty('tagName', 'STRONG')
    expect(within(log).getByText('Hi')).toBeInTheDocument()
    expect(log).not.toHaveAttribute('aria-busy', 'true')
  })

  it('shows a tool call card with its arguments and result', async () => {
    chatWith(() =>
      createScript({ streamId: 's' })
        .toolCall({ id: 't1', name: 'get_weather', args: { city: 'Oslo' }, result: { tempC: 3 } })
        .text('Cold.')
        .done(),
    )
    await ask('Weather?')
    expect(await screen.findByText('get_weather')).toBeInTheDocument()
    expect(screen.getByText('Cold.')).toBeInTheDocument()
  })

  it('keeps partial text, shows the error inline and retries the turn', async () => {
    let attempt = 0
    const { calls } = chatWith(() =>
      ++attempt === 1
        ? createScript({ streamId: 's' }).text('Partial answer').error('upstream_error', 'Overloaded')
        : createScript({ streamId: 's2' }).text('Full answer').done(),
    )
    await ask('Go')
    expect(await screen.findByText('Partial answer')).toBeInTheDocument()
    const notice = screen.getByText(/Overloaded/).closest('[data-rivulet="error-notice"]') as HTMLElement
    expect(notice).toBeInTheDocument()
    await userEvent.click(within(notice).getByRole('button', { name: 'Retry' }))
    expect(await screen.findByText('Full answer')).toBeInTheDocument()
    expect(screen.queryByText('Partial answer')).toBeNull()
    expect(calls()).toBe(2)
  })

  it('shows an HTTP failure before any token as an inline error', async () => {
    chatWith(() => new Response('no such model', { status: 404 }))
    await ask('Go')
    expect(await screen.findByText(/no such model/)).toBeInTheDocument()
  })
})
