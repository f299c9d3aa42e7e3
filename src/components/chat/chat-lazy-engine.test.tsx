import { act, render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { createChatClientWith } from '../../core/chat-client.ts'
import { syncScheduler } from '../../core/frame-scheduler.ts'
import { createMemoryTransport } from '../../core/transports/memory-transport.ts'
import { createScript } from '../../mocks/script.ts'
import { heldChunk } from '../../../test/support/held-chunk.ts'
import { Chat } from './chat.tsx'

/*
 * <Chat> paints before the chat client's engine (its lazy chunk) lands: a message typed at once
 * shows at once and is answered once the chunk is in; a chunk that cannot load shows a clear
 * error with Retry, which loads it again. Nothing throws out of React.
 */
function setup() {
  const engine = heldChunk(() => import('../../core/client/chat-engine.ts'))
  let calls = 0
  const transport = createMemoryTransport({
    respond: () => {
      calls++
      return createScript({ streamId: 's' }).text('Hello **world**').done()
    },
  })
  const chat = createChatClientWith({ transport, scheduler: syncScheduler, maxRetries: 0 }, engine.chunk)
  render(<Chat chat={chat} />)
  return { engine, calls: () => calls }
}

async function ask(text: string) {
  await userEvent.type(screen.getByRole('textbox', { name: 'Message' }), `${text}{Enter}`)
}

describe('<Chat> before its engine lands', () => {
  it('a message sent at once shows at once and is answered once the chunk is in', async () => {
    const { engine, calls } = setup()
    await ask('Hi')
    const log = screen.getByRole('log')
    expect(within(log).getByText('Hi')).toBeInTheDocument()
    expect(calls()).toBe(0)
    const first = await engine.started(1)
    await act(async () => first.release())
    expect(await within(log).findByText('world')).toHaveProperty('tagName', 'STRONG')
    expect(calls()).toBe(1)
  })

  it('a chunk that cannot load shows a clear error with Retry; Retry loads it again and the answer comes', async () => {
    const { engine, calls } = setup()
    await ask('Hi')
    const first = await engine.started(1)
    await act(async () => first.fail(new Error('Failed to fetch dynamically imported module')))
    const notice = (await screen.findByText(/Could not load the chat client/)).closest('[data-rivulet="error-notice"]') as HTMLElement
    expect(notice).toBeInTheDocument()
    expect(screen.getByRole('log')).toHaveTextContent('Hi')
    await userEvent.click(within(notice).getByRole('button', { name: 'Retry' }))
    const second = await engine.started(2)
    await act(async () => second.release())
    expect(await screen.findByText('world')).toHaveProperty('tagName', 'STRONG')
    expect(screen.queryByText(/Could not load the chat client/)).not.toBeInTheDocument()
    expect(calls()).toBe(1)
  })
})
