import { defineToolUI, type ToolRenderProps } from '../../src/components/parts/tool-ui.ts'

/** Story-only: what the model sends to `plot_series` — a chart that draws itself while the arguments stream. */
export interface SeriesArgs {
  title: string
  unit: string
  points: { label: string; value: number }[]
}

/** Twelve months of river discharge (m³/s), the chart story's arguments. */
export const SERIES_ARGS: SeriesArgs = {
  title: 'Rhine discharge at Basel',
  unit: 'm³/s',
  points: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'].map((label, i) => ({
    label,
    value: Math.round(700 + 500 * Math.sin(((i - 2) / 12) * Math.PI * 2) + (i % 3) * 60),
  })),
}

const WIDTH = 360
const HEIGHT = 140

/**
 * A bar chart drawn from the partial arguments: bars appear one by one as the JSON streams
 * (a point whose `value` has not arrived yet is left out), the caption says when it is done.
 */
function SeriesChart({ args, state, result, errorText }: ToolRenderProps<SeriesArgs, { peak: string }>) {
  const points = (args?.points ?? []).filter((p): p is { label: string; value: number } => typeof p?.value === 'number' && typeof p.label === 'string')
  const max = Math.max(1, ...points.map((p) => p.value))
  const slot = WIDTH / Math.max(12, points.length)
  const drawing = state === 'input-streaming'
  const title = args?.title ?? 'Chart'
  return (
    <figure data-demo="series-chart" data-points={points.length} style={{ margin: 0, padding: 12, border: '1px solid var(--rivulet-border)', borderRadius: 'var(--rivulet-radius)', background: 'var(--rivulet-surface)' }}>
      <svg role="img" aria-label={`${title}: ${points.length} months`} viewBox={`0 0 ${WIDTH} ${HEIGHT + 18}`} style={{ width: '100%', height: 'auto', display: 'block' }}>
        {points.map((p, i) => {
          const h = (p.value / max) * HEIGHT
          return (
            <g key={p.label}>
              <rect x={i * slot + 3} y={HEIGHT - h} width={slot - 6} height={h} rx={3} fill="var(--rivulet-accent)" opacity={drawing && i === points.length - 1 ? 0.5 : 1} />
              <text x={i * slot + slot / 2} y={HEIGHT + 14} textAnchor="middle" fontSize={10} fill="currentColor">
                {p.label}
              </text>
            </g>
          )
        })}
      </svg>
      <figcaption style={{ fontSize: '0.85em', marginTop: 6 }}>
        {title}
        {args?.unit ? ` (${args.unit})` : ''} — {drawing ? `drawing… ${points.length} points so far` : errorText ? `not plotted: ${errorText}` : result ? `peak in ${result.peak}` : `${points.length} points`}
      </figcaption>
    </figure>
  )
}

/** The chart as a tool definition (typed by `defineToolUI`). */
export const plotSeries = defineToolUI<SeriesArgs, { peak: string }>({ render: SeriesChart })

/** An interactive tool: the model asks, the user answers inside the component (`addToolResult`). */
function ConfirmBooking({ args, state, result, addToolResult }: ToolRenderProps<{ place: string; time: string }, { confirmed: boolean }>) {
  if (state === 'output-available') return <p data-demo="booking">{result?.confirmed ? `Booked ${args?.place} at ${args?.time}.` : 'Not booked.'}</p>
  return (
    <div data-demo="booking" role="group" aria-label="Confirm the booking" style={{ display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap' }}>
      <span>
        Book {args?.place ?? '…'} at {args?.time ?? '…'}?
      </span>
      <button type="button" disabled={state !== 'input-available'} onClick={() => addToolResult({ output: { confirmed: true } })}>
        Book it
      </button>
      <button type="button" disabled={state !== 'input-available'} onClick={() => addToolResult({ output: { confirmed: false } })}>
        No thanks
      </button>
    </div>
  )
}

/** The booking confirmation as a tool definition. */
export const confirmBooking = defineToolUI<{ place: string; time: string }, { confirmed: boolean }>({ render: ConfirmBooking })

/** A renderer with a bug: it reads a field the model did not send, and throws. */
function BrokenCard({ args }: ToolRenderProps<{ city: string; forecast?: { days: number[] } }>) {
  return <p>{args!.forecast!.days!.join(', ')}</p>
}

/** The broken renderer as a tool definition. */
export const brokenForecast = defineToolUI({ render: BrokenCard })
