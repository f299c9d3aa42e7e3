import { act, render, waitFor } from '@testing-library/react'
import { StrictMode, useEffect } from 'react'
import { describe, expect, it } from 'vitest'
import { syncScheduler } from '../core/frame-scheduler.ts'
import type { ChatMessage } from '../core/state.ts'
import { createMemoryTransport } from '../core/transports/memory-transport.ts'
import type { ChatEvent } from '../protocol/events.ts'
import { useChat, type UseChatResult } from './use-chat.ts'

const toolTurn: ChatEvent[] = [
  { type: 'start', seq: 0, streamId: 's1' },
  { type: 'tool_call_start', seq: 1, id: 'call_1', name: 'get_time' },
  { type: 'tool_call_end', seq: 2, id: 'call_1' },
  { type: 'done', seq: 3, finishReason: 'tool-calls' },
]
const answer: ChatEvent[] = [
  { type: 'start', seq: 0, streamId: 's2' },
  { type: 'token', seq: 1, content: 'It is noon.' },
  { type: 'done', seq: 2, finishReason: 'stop' },
]

describe('useChat with browser tools', () => {
  it('runs each call once under StrictMode and many re-renders, with the latest execute', async () => {
    const sent: ChatMessage[][] = []
    const transport = createMemoryTransport({
      respond: ({ messages }) => {
        sent.push(messages)
        return sent.length === 1 ? toolTurn : answer
      },
    })
    const calls: string[] = []
    let chat: UseChatResult | undefined
    function View({ label }: { label: string }) {
      const result = useChat({ transport, scheduler: syncScheduler, tools: { get_time: { execute: () => (calls.push(label), '12:00') } } })
      chat = result
      // Re-render on every state change: tools are new objects each time.
      useEffect(() => {})
      return <p>{result.messages.length}</p>
    }
    const view = render(
      <StrictMode>
        <View label="first" />
      </StrictMode>,
    )
    view.rerender(
      <StrictMode>
        <View label="latest" />
      </StrictMode>,
    )
    await act(async () => {
      await chat!.send('What time is it?')
    })
    await waitFor(() => expect(chat!.status).toBe('ready'))
    expect(calls).toEqual(['latest'])
    expect(sent).toHaveLength(2)
    expect(chat!.messages.at(-1)!.parts.at(-1)).toEqual({ type: 'text', text: 'It is noon.' })
  })

  it('exposes addToolResult and respondToApproval that report problems instead of throwing', () => {
    let chat: UseChatResult | undefined
    function View() {
      chat = useChat({ transport: createMemoryTransport({ respond: () => answer }), scheduler: syncScheduler })
      return null
    }
    render(<View />)
    expect(chat!.addToolResult({ toolCallId: 'x', output: 1 })).toEqual({ ok: false, problem: 'There is no tool call with id "x".' })
    expect(chat!.respondToApproval({ toolCallId: 'x', approved: true }).ok).toBe(false)
  })
})
