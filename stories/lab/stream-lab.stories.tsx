import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { STREAM_FORMATS } from '../../src/protocol/decoders/stream-format.ts'
import { labFaultIds } from './lab-faults.ts'
import { labSources } from './lab-sources.ts'
import { StreamLab, labSpeeds, type LabSettings } from './stream-lab.tsx'

const meta: Meta<LabSettings> = {
  title: 'Lab/Stream Lab',
  args: {
    source: 'fixture:anthropic-tool-use',
    format: 'rivulet',
    speed: '1',
    tokensPerSecond: 60,
    faults: [],
    atEvent: 8,
    prompt: 'Replay the recording',
  },
  argTypes: {
    source: { control: 'select', options: labSources },
    format: { control: 'select', options: STREAM_FORMATS },
    speed: { control: 'select', options: labSpeeds },
    tokensPerSecond: { control: { type: 'range', min: 5, max: 2000, step: 5 } },
    faults: { control: 'check', options: labFaultIds },
    atEvent: { control: { type: 'number', min: 0 } },
  },
  // A new key per args change: the lab starts over with the new settings.
  render: (args) => <StreamLab key={JSON.stringify(args)} initial={args} />,
}
export default meta

type Story = StoryObj<LabSettings>

const inspector = (canvasElement: HTMLElement) => canvasElement.querySelector<HTMLElement>('[data-rivulet="stream-inspector"]')
const metric = (canvasElement: HTMLElement, key: string) => canvasElement.querySelector(`[data-metric="${key}"]`)?.textContent ?? ''
const legendCount = (canvasElement: HTMLElement, kind: string) =>
  Number(canvasElement.querySelector(`[data-rivulet="inspector-legend"] [data-kind="${kind}"] [data-rivulet="inspector-count"]`)?.textContent ?? 0)

async function finished(canvasElement: HTMLElement, state: 'done' | 'error' = 'done') {
  await waitFor(() => expect(inspector(canvasElement)).toHaveAttribute('data-state', state), { timeout: 20_000 })
  await waitFor(() => expect(canvasElement.querySelector('[data-rivulet="chat"]')).toHaveAttribute('data-state', state === 'done' ? 'ready' : 'error'))
  // Metrics publish on the client's own frame: settled once they count every chunk the timeline shows.
  await waitFor(() => expect(metric(canvasElement, 'chunks')).toBe(String(legendCount(canvasElement, 'chunk'))))
}

const chatIn = (canvasElement: HTMLElement) => within(canvasElement.querySelector<HTMLElement>('[data-rivulet="chat"]')!)

/** A recorded Anthropic tool-use stream at its recorded pace, inspected as it plays. */
export const Recording: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await finished(canvasElement)
    expect(await canvas.findByText('get_exchange_rate')).toBeInTheDocument()
    expect(legendCount(canvasElement, 'token')).toBeGreaterThan(0)
    expect(legendCount(canvasElement, 'tool')).toBeGreaterThan(0)
    expect(legendCount(canvasElement, 'chunk')).toBe(36)
    expect(metric(canvasElement, 'ttft')).toMatch(/\d+ ms|s$/)
    expect(metric(canvasElement, 'bytes')).toBe('5.5 KB')
    expect(metric(canvasElement, 'events')).not.toBe('0')
    expect(within(canvas.getByRole('list', { name: 'Frames' })).getAllByRole('listitem')).toHaveLength(36)
  },
}

/** The largest fixture (285 KB, 956 frames) at 10×: the frame list stays capped. */
export const LargestAtTenTimes: Story = {
  args: { source: 'fixture:huggingface-chat-long-markdown-think-tags', speed: '10' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await finished(canvasElement)
    expect(legendCount(canvasElement, 'chunk')).toBe(956)
    expect(within(canvas.getByRole('list', { name: 'Frames' })).getAllByRole('listitem')).toHaveLength(120)
    expect(canvas.getByText('836 earlier frames not shown')).toBeInTheDocument()
    expect(metric(canvasElement, 'bytes')).toBe('285.0 KB')
  },
}

/** A script in the OpenAI Chat format, paced at 40 tokens/s. */
export const ScriptAtTokensPerSecond: Story = {
  args: { source: 'scenario:toolCall', format: 'openai-chat', speed: 'tokens', tokensPerSecond: 40 },
  play: async ({ canvasElement }) => {
    await finished(canvasElement)
    expect(chatIn(canvasElement).getByText('21 °C', { selector: 'strong' })).toBeInTheDocument()
    expect(legendCount(canvasElement, 'tool')).toBeGreaterThan(0)
    expect(metric(canvasElement, 'tokens-per-second')).not.toBe('—')
  },
}

/** A Rivulet stream dropped mid-way: the client resumes it and the timeline shows the reconnect. */
export const DroppedAndResumed: Story = {
  args: { source: 'scenario:markdown', format: 'rivulet', speed: 'instant', faults: ['drop'], atEvent: 20 },
  play: async ({ canvasElement }) => {
    await finished(canvasElement)
    expect(legendCount(canvasElement, 'reconnect')).toBe(1)
    expect(metric(canvasElement, 'reconnects')).toBe('1')
    expect(within(canvasElement).getByRole('list', { name: 'Incidents' })).toHaveTextContent(/reconnect after event/)
  },
}

/** A 3 s stall: drawn as a span on the faults lane and counted. */
export const Stalled: Story = {
  args: { source: 'fixture:openai-chat-text', speed: '1', faults: ['stall'], atEvent: 5 },
  play: async ({ canvasElement }) => {
    await finished(canvasElement)
    expect(legendCount(canvasElement, 'stall')).toBe(1)
    expect(metric(canvasElement, 'stalls')).toBe('1')
    expect(canvasElement.querySelector('rect[data-kind="stall"]')).not.toBeNull()
  },
}

/** An error event injected into a recording: the chat keeps the partial answer and shows the error. */
export const InjectedError: Story = {
  args: { source: 'fixture:anthropic-thinking-text', speed: 'instant', faults: ['error'], atEvent: 30 },
  play: async ({ canvasElement }) => {
    await finished(canvasElement, 'error')
    expect(chatIn(canvasElement).getByText('Injected by the Stream Lab')).toBeInTheDocument()
    expect(legendCount(canvasElement, 'error')).toBeGreaterThan(0)
  },
}

/** Replay re-runs with the settings picked in the lab's own controls. */
export const ReplayWithNewSettings: Story = {
  args: { source: 'fixture:openai-chat-text', speed: 'instant' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await finished(canvasElement)
    await userEvent.selectOptions(canvas.getByRole('combobox', { name: 'Source' }), 'fixture:openai-chat-tool-call-single')
    await userEvent.click(canvas.getByRole('checkbox', { name: 'One byte per chunk' }))
    await userEvent.click(canvas.getByRole('button', { name: 'Replay' }))
    await waitFor(() => expect(canvasElement.querySelector('[data-rivulet-lab-summary]')).toHaveTextContent(/openai-chat-tool-call-single.*one byte per chunk/))
    await finished(canvasElement)
    expect(await canvas.findByText('get_capital')).toBeInTheDocument()
    expect(legendCount(canvasElement, 'chunk')).toBeGreaterThan(3000)
  },
}
