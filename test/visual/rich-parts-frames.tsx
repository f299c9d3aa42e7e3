import { Message } from '../../src/components/message/message.tsx'
import type { DataRenderProps } from '../../src/components/parts/data-part.tsx'
import type { ChatMessage, ToolCallState } from '../../src/core/state.ts'
import { brokenForecast, confirmBooking, plotSeries, SERIES_ARGS } from '../../stories/support/parts-demo.tsx'

/*
 * Settled versions of the rich-part stories (stories/tool-ui, stories/rich-parts) for the visual
 * baselines: the stories stream over timers, a screenshot needs the finished message, so the
 * same parts and renderers are given here as a done message (no streaming flag, no cursor).
 */

const tools = { plot_series: plotSeries, confirm_booking: confirmBooking, forecast: brokenForecast }
const argsText = JSON.stringify(SERIES_ARGS)
const chart = (state: ToolCallState) => ({
  type: 'tool-call' as const,
  id: `chart_${state}`,
  name: 'plot_series',
  state,
  argsText,
  args: SERIES_ARGS as unknown,
  ...(state === 'output-available' && { result: { peak: 'Jun' } }),
  ...(state === 'output-error' && { errorText: 'The plotting service timed out.' }),
})

/** The chart tool's own component with its result, one that failed, and a renderer that throws. */
export function FinishedToolUI() {
  const message: ChatMessage = {
    id: 'tool-ui',
    role: 'assistant',
    parts: [
      { type: 'text', text: 'Here is how the Rhine runs through the year:' },
      chart('output-available'),
      { type: 'text', text: 'A second attempt failed:' },
      chart('output-error'),
      { type: 'tool-call', id: 'call_broken', name: 'forecast', state: 'output-available', argsText: '{"city":"Basel"}', args: { city: 'Basel' }, result: {} },
      { type: 'text', text: 'The river peaks in early summer, when the Alpine snow melts.' },
    ],
  }
  return <Message message={message} tools={tools} />
}

function Progress({ data }: DataRenderProps<{ step: number; of: number; label: string }>) {
  return (
    <div style={{ padding: 10, border: '1px solid var(--rivulet-border)', borderRadius: 'var(--rivulet-radius)', background: 'var(--rivulet-surface)' }}>
      <label style={{ display: 'block', fontSize: 13 }}>
        {data.label}
        <progress value={data.step} max={data.of} style={{ display: 'block', width: '100%' }} />
      </label>
    </div>
  )
}

const first = 'The Rhine runs about 1,230 km from the Alps to the North Sea.'
const second = ' It has been an international waterway since 1815.'
const text = first + second

/** The rich-parts story's answer once done: the progress card at its last step, two cited passages, the Sources list. */
export function CitedAnswer() {
  const message: ChatMessage = {
    id: 'rich',
    role: 'assistant',
    parts: [
      { type: 'data', name: 'progress', id: 'p', data: { step: 3, of: 3, label: 'Done' } },
      { type: 'source', id: 'wiki', url: 'https://en.wikipedia.org/wiki/Rhine', title: 'Rhine — Wikipedia' },
      { type: 'source', id: 'ccr', url: 'https://www.ccr-zkr.org/', title: 'Central Commission for the Navigation of the Rhine' },
      {
        type: 'text',
        text,
        citations: [
          { sourceId: 'wiki', start: first.length - 20, end: first.length },
          { sourceId: 'ccr', start: text.length - 30, end: text.length },
        ],
      },
      { type: 'source', id: 'nourl', title: 'A source without a safe link' },
      { type: 'data', name: 'telemetry', data: { hidden: true } },
    ],
  }
  return <Message message={message} dataRenderers={{ progress: Progress }} />
}
