import { act, render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, expectTypeOf, it, vi } from 'vitest'
import { Chat } from '../chat/chat.tsx'
import { Message } from '../message/message.tsx'
import { syncScheduler } from '../../core/frame-scheduler.ts'
import { createMemoryTransport } from '../../core/transports/memory-transport.ts'
import { reducerTurn } from '../../../test/support/reducer-turn.ts'
import type { ChatEvent, UnsequencedChatEvent } from '../../protocol/events.ts'
import { defineToolUI, type ToolRenderProps, type ToolUIs } from './tool-ui.ts'

interface WeatherArgs {
  city: string
  days: number[]
}
interface Weather {
  tempC: number
}

const turn = reducerTurn

describe('tool renderers', () => {
  it('give the registered component the arguments as they stream, then the state and result', () => {
    const seen: ToolRenderProps<WeatherArgs, Weather>[] = []
    const WeatherCard = (props: ToolRenderProps<WeatherArgs, Weather>) => {
      seen.push(props)
      return <p>{`${props.args?.city ?? '…'} ${props.state} ${props.result?.tempC ?? ''}`}</p>
    }
    const tools = { get_weather: defineToolUI<WeatherArgs, Weather>({ render: WeatherCard }) }
    const t = turn()
    t.apply({ type: 'start', streamId: 's' }, { type: 'tool_call_start', id: 'c1', name: 'get_weather' })
    const view = render(<Message message={t.apply({ type: 'tool_call_delta', id: 'c1', argsDelta: '{"city":"Zür' })} streaming tools={tools} />)
    expect(screen.getByText('Zür input-streaming')).toBeInTheDocument()
    expect(view.container.querySelector('[data-rivulet="tool-ui"]')).toHaveAttribute('data-state', 'input-streaming')
    expect(view.container.querySelector('[data-rivulet="tool-call"]')).toBeNull()

    view.rerender(<Message message={t.apply({ type: 'tool_call_delta', id: 'c1', argsDelta: 'ich","days":[1,2' })} streaming tools={tools} />)
    expect(seen.at(-1)!.args).toEqual({ city: 'Zürich', days: [1, 2] })
    view.rerender(<Message message={t.apply({ type: 'tool_call_end', id: 'c1' }, { type: 'tool_result', id: 'c1', result: { tempC: 21 } })} streaming tools={tools} />)
    expect(screen.getByText('Zürich output-available 21')).toBeInTheDocument()
    expect(seen.at(-1)).toMatchObject({ toolCallId: 'c1', name: 'get_weather', state: 'output-available', result: { tempC: 21 }, errorText: undefined, preliminary: false })
  })

  it('fall back to the tool call card for tools without a renderer, inherited names included', () => {
    const t = turn()
    t.apply({ type: 'start', streamId: 's' })
    const message = t.apply(
      { type: 'tool_call_start', id: 'c1', name: 'search' },
      { type: 'tool_call_start', id: 'c2', name: 'constructor' },
      { type: 'tool_call_start', id: 'c3', name: 'get_weather' },
    )
    const { container } = render(<Message message={message} tools={{ get_weather: { execute: () => 1 } }} />)
    expect([...container.querySelectorAll('[data-rivulet="tool-call"]')].map((card) => card.getAttribute('data-tool-name'))).toEqual(['search', 'constructor', 'get_weather'])
  })

  it('do not render a tool component again when a token arrives elsewhere in the message', () => {
    let renders = 0
    const Chart = ({ args }: ToolRenderProps<{ points: number[] }>) => {
      renders++
      return <p>{args?.points?.length ?? 0} points</p>
    }
    const tools: ToolUIs = { chart: { render: Chart } }
    const t = turn()
    t.apply({ type: 'start', streamId: 's' }, { type: 'tool_call_start', id: 'c1', name: 'chart' }, { type: 'tool_call_delta', id: 'c1', argsDelta: '{"points":[1,2,3]}' })
    const view = render(<Message message={t.apply({ type: 'tool_call_end', id: 'c1' })} streaming tools={tools} />)
    expect(renders).toBe(1)
    for (let i = 0; i < 20; i++) view.rerender(<Message message={t.apply({ type: 'token', content: `word ${i} ` })} streaming tools={{ chart: { render: Chart } }} />)
    expect(screen.getByText(/word 19/)).toBeInTheDocument()
    expect(renders).toBe(1)
    view.rerender(<Message message={t.apply({ type: 'tool_result', id: 'c1', result: 'ok' })} streaming tools={tools} />)
    expect(renders).toBe(2)
  })

  it('contain a renderer that throws: the part says it failed, the rest renders, the next version retries', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const onRenderError = vi.fn()
    const Fragile = ({ args }: ToolRenderProps<{ city: string }>) => {
      if (args?.city === undefined || args.city.length < 4) throw new Error('not enough input yet')
      return <p>Forecast for {args.city}</p>
    }
    const t = turn()
    t.apply({ type: 'start', streamId: 's' }, { type: 'token', content: 'Before the tool. ' }, { type: 'tool_call_start', id: 'c1', name: 'forecast' })
    const message = t.apply({ type: 'tool_call_delta', id: 'c1', argsDelta: '{"city":"Zü' })
    const view = render(<Message message={message} streaming tools={{ forecast: { render: Fragile } }} onRenderError={onRenderError} />)
    expect(view.container.querySelector('[data-rivulet="part-error"]')).toHaveTextContent('forecast could not be shown')
    expect(screen.getByText('Before the tool.')).toBeInTheDocument()
    expect(onRenderError).toHaveBeenCalledWith(expect.objectContaining({ message: 'not enough input yet' }), message.parts[1], expect.anything())

    const next = t.apply({ type: 'token', content: 'Still streaming.' })
    view.rerender(<Message message={next} streaming tools={{ forecast: { render: Fragile } }} onRenderError={onRenderError} />)
    expect(screen.getByText(/Still streaming/)).toBeInTheDocument()
    expect(view.container.querySelector('[data-rivulet="part-error"]')).not.toBeNull()

    view.rerender(<Message message={t.apply({ type: 'tool_call_delta', id: 'c1', argsDelta: 'rich"}' })} streaming tools={{ forecast: { render: Fragile } }} />)
    expect(screen.getByText('Forecast for Zürich')).toBeInTheDocument()
    expect(view.container.querySelector('[data-rivulet="part-error"]')).toBeNull()
    vi.restoreAllMocks()
  })

  it('let an interactive component answer its own call through the chat, which continues the turn', async () => {
    const Confirm = ({ args, state, addToolResult, result }: ToolRenderProps<{ question: string }, { confirmed: boolean }>) =>
      state === 'output-available' ? (
        <p>{result?.confirmed ? 'Confirmed' : 'Declined'}</p>
      ) : (
        <button type="button" disabled={state !== 'input-available'} onClick={() => addToolResult({ output: { confirmed: true } })}>
          {args?.question}
        </button>
      )
    const requests: unknown[] = []
    const transport = createMemoryTransport({
      respond: ({ messages }) => {
        requests.push(messages)
        const ev = (events: UnsequencedChatEvent[]) => events.map((event, seq) => ({ ...event, seq }) as ChatEvent)
        return requests.length === 1
          ? ev([
              { type: 'start', streamId: 'one' },
              { type: 'tool_call_start', id: 'ask', name: 'confirm' },
              { type: 'tool_call_delta', id: 'ask', argsDelta: '{"question":"Book the table?"}' },
              { type: 'tool_call_end', id: 'ask' },
              { type: 'done', finishReason: 'tool-calls' },
            ])
          : ev([{ type: 'start', streamId: 'two' }, { type: 'token', content: 'Booked.' }, { type: 'done', finishReason: 'stop' }])
      },
    })
    render(<Chat transport={transport} options={{ scheduler: syncScheduler }} tools={{ confirm: { render: Confirm } }} />)
    await userEvent.type(screen.getByRole('textbox'), 'Dinner?{Enter}')
    const button = await screen.findByRole('button', { name: 'Book the table?' })
    await waitFor(() => expect(button).toBeEnabled())
    await userEvent.click(button)
    await screen.findByText('Booked.')
    expect(screen.getByText('Confirmed')).toBeInTheDocument()
    expect(requests).toHaveLength(2)
  })

  it('bind respondToApproval to the call and report a refusal instead of throwing', () => {
    const answers: unknown[] = []
    let outcome: unknown
    const Gate = ({ respondToApproval, addToolResult }: ToolRenderProps) => (
      <>
        <button type="button" onClick={() => respondToApproval({ approved: false, reason: 'no' })}>
          deny
        </button>
        <button type="button" onClick={() => (outcome = addToolResult({ errorText: 'x' }))}>
          fail
        </button>
      </>
    )
    const t = turn()
    t.apply({ type: 'start', streamId: 's' }, { type: 'tool_call_start', id: 'c9', name: 'gate' })
    render(<Message message={t.apply({ type: 'tool_call_end', id: 'c9' })} tools={{ gate: { render: Gate } }} onApprovalResponse={(r) => answers.push(r)} />)
    act(() => screen.getByRole('button', { name: 'deny' }).click())
    expect(answers).toEqual([{ approved: false, reason: 'no', toolCallId: 'c9' }])
    act(() => screen.getByRole('button', { name: 'fail' }).click())
    expect(outcome).toEqual({ ok: false, problem: expect.stringContaining('addToolResult') })
  })
})

describe('defineToolUI types', () => {
  it('types the props from the tool’s argument and result types, or from execute', () => {
    defineToolUI<WeatherArgs, Weather>({
      render: (props) => {
        expectTypeOf(props.args).toEqualTypeOf<{ city?: string; days?: number[] } | undefined>()
        expectTypeOf(props.result).toEqualTypeOf<Weather | undefined>()
        expectTypeOf(props.addToolResult).parameter(0).toEqualTypeOf<{ output: Weather } | { errorText: string }>()
        return null
      },
    })
    defineToolUI({
      execute: async (args: { q: string }) => ({ hits: [args.q] }),
      render: ({ args, result }) => {
        expectTypeOf(args).toEqualTypeOf<{ q?: string } | undefined>()
        expectTypeOf(result).toEqualTypeOf<{ hits: string[] } | undefined>()
        return null
      },
    })
    // @ts-expect-error a result of the wrong type is refused
    defineToolUI<WeatherArgs, Weather>({ render: ({ addToolResult }) => (addToolResult({ output: { tempC: 'warm' } }), null) })
    // @ts-expect-error execute must return the declared result
    defineToolUI<WeatherArgs, Weather>({ execute: () => ({ celsius: 1 }) })
    const tools: ToolUIs = { get_weather: defineToolUI<WeatherArgs, Weather>({ render: () => null }) }
    expect(Object.keys(tools)).toEqual(['get_weather'])
  })
})
