import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, waitFor, within } from 'storybook/test'
import { Message } from '../src/components/message/message.tsx'
import type { DataRenderProps } from '../src/components/parts/data-part.tsx'
import { createScript } from '../src/mocks/script.ts'
import { useScriptedChat } from './support/use-scripted-chat.ts'

/** Data parts through `dataRenderers` (updated in place), the numbered Sources list and inline citation markers. */
const meta: Meta = {
  title: 'Components/Data and sources',
  decorators: [(Story, { parameters }) => <div style={{ maxWidth: (parameters.maxWidth as number | undefined) ?? 680 }}>{Story()}</div>],
}
export default meta
type Story = StoryObj

function Progress({ data }: DataRenderProps<{ step: number; of: number; label: string }>) {
  const { step, of, label } = data
  return (
    <div style={{ padding: 10, border: '1px solid var(--rivulet-border)', borderRadius: 'var(--rivulet-radius)', background: 'var(--rivulet-surface)' }}>
      <label style={{ display: 'block', fontSize: 13 }}>
        {label}
        <progress value={step} max={of} style={{ display: 'block', width: '100%' }} />
      </label>
    </div>
  )
}
function Broken({ data }: DataRenderProps<{ rows: string[] }>) {
  return <ul>{data.rows.map((row) => <li key={row}>{row}</li>)}</ul>
}
const dataRenderers = { progress: Progress, table: Broken }

const script = createScript({ streamId: 'rich' })
  .event({ type: 'data', name: 'progress', id: 'p', data: { step: 0, of: 3, label: 'Searching sources…' } })
  .event({ type: 'source', id: 'wiki', url: 'https://en.wikipedia.org/wiki/Rhine', title: 'Rhine — Wikipedia' })
  .event({ type: 'data', name: 'progress', id: 'p', data: { step: 1, of: 3, label: 'Reading sources…' } })
  .event({ type: 'source', id: 'ccr', url: 'https://www.ccr-zkr.org/', title: 'Central Commission for the Navigation of the Rhine' })
  .event({ type: 'data', name: 'progress', id: 'p', data: { step: 3, of: 3, label: 'Done' } })
  .text('The Rhine runs about 1,230 km from the Alps to the North Sea.')
  .event({ type: 'citation', sourceId: 'wiki', length: 20 })
  .text(' It has been an international waterway since 1815.')
  .event({ type: 'citation', sourceId: 'ccr', length: 30 })
  .event({ type: 'source', id: 'nohttp', url: 'javascript:alert(1)', title: 'A source without a safe link' })
  .event({ type: 'data', name: 'telemetry', data: { hidden: true } })
  .done()

function Live() {
  const chat = useScriptedChat({ events: script, intervalMs: 120, prompt: 'How long is the Rhine?' })
  const message = chat.messages.at(-1)
  return message ? <Message message={message} streaming={chat.status === 'streaming'} dataRenderers={dataRenderers} /> : null
}

/** A progress card updating in place while sources arrive, then the cited answer and its Sources list. */
export const Streaming: Story = {
  render: () => <Live />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await waitFor(() => expect(canvas.getByRole('region', { name: 'Sources' })).toBeVisible(), { timeout: 20_000 })
    await waitFor(() => expect(canvasElement.querySelectorAll('[data-rivulet="citation"]')).toHaveLength(2), { timeout: 20_000 })
    await expect(canvasElement.querySelectorAll('[data-rivulet="data-part"]')).toHaveLength(1)
    await expect(canvas.getByText('Done')).toBeVisible()
    await expect(canvas.getByRole('link', { name: 'Source 1: Rhine — Wikipedia' })).toBeVisible()
    await expect(within(canvas.getByRole('region', { name: 'Sources' })).getAllByRole('link')).toHaveLength(2)
  },
}

export const Dark: Story = { ...Streaming, parameters: { theme: 'dark' } }

export const Phone: Story = {
  ...Streaming,
  decorators: [(Story) => <div style={{ width: 375 }}>{Story()}</div>],
}

/** A data renderer that throws on data it did not expect: the part says so, the answer renders. */
export const DataRendererFails: Story = {
  render: () => (
    <Message
      message={{ id: 'f', role: 'assistant', parts: [{ type: 'data', name: 'table', data: 'not rows' }, { type: 'text', text: 'The table could not be drawn; here is the answer anyway.' }] }}
      dataRenderers={dataRenderers}
    />
  ),
  play: async ({ canvasElement }) => {
    await expect(canvasElement.querySelector('[data-rivulet="part-error"]')).toHaveTextContent('table could not be shown')
    await expect(within(canvasElement).getByText(/here is the answer anyway/)).toBeVisible()
  },
}
