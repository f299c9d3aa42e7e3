'use client'
import { forwardRef, memo, type ComponentPropsWithoutRef } from 'react'
import type { ChatMetrics } from '../../core/metrics.ts'
import { formatBytes, formatMs, formatRate } from './format-figures.ts'

/**
 * @example
 * <InspectorMetrics metrics={metrics} commitsPerSecond={58} />
 */
export interface InspectorMetricsProps extends ComponentPropsWithoutRef<'section'> {
  metrics: ChatMetrics
  commitsPerSecond: number | undefined
}

/**
 * The turn's figures as a description list; each value carries `data-metric` so tests and
 * styles can find it.
 *
 * @example
 * const { metrics, commitsPerSecond } = useStreamInspector({ chat })
 * <InspectorMetrics metrics={metrics} commitsPerSecond={commitsPerSecond} />
 */
export const InspectorMetrics = memo(forwardRef<HTMLElement, InspectorMetricsProps>(function InspectorMetrics({ metrics, commitsPerSecond, ...rest }, ref) {
  const rows: Array<[key: string, label: string, value: string]> = [
    ['ttft', 'TTFT', formatMs(metrics.ttftMs)],
    ['tokens-per-second', 'Tokens/s', formatRate(metrics.tokensPerSecond)],
    ['duration', 'Duration', formatMs(metrics.durationMs)],
    ['events', 'Events', String(metrics.events)],
    ['tokens', 'Tokens', String(metrics.tokens)],
    ['bytes', 'Bytes', formatBytes(metrics.bytes)],
    ['chunks', 'Chunks', String(metrics.chunks)],
    ['retries', 'Retries', String(metrics.retries)],
    ['reconnects', 'Reconnects', String(metrics.reconnects)],
    ['stalls', 'Stalls', String(metrics.stalls)],
    ['gaps', 'Gaps', String(metrics.gaps)],
    ['commits-per-second', 'Commits/s', formatRate(commitsPerSecond)],
    ['commits', 'Commits', String(metrics.commits)],
  ]
  return (
    <section data-rivulet="inspector-metrics" aria-label="Metrics" {...rest} ref={ref}>
      <dl style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(7.5em, 1fr))', margin: 0 }}>
        {rows.map(([key, label, value]) => (
          <div key={key} data-rivulet="inspector-metric">
            <dt>{label}</dt>
            <dd data-metric={key} style={{ margin: 0 }}>
              {value}
            </dd>
          </div>
        ))}
      </dl>
      {metrics.buffered ? (
        <p data-rivulet="inspector-warning" role="note">
          The whole stream arrived in one read: something between the server and the browser buffers it.
        </p>
      ) : null}
    </section>
  )
}))
