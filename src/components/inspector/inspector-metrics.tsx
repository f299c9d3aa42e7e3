'use client'
import { forwardRef, memo, type ComponentPropsWithoutRef } from 'react'
import type { ChatMetrics } from '../../core/metrics.ts'
import { inspectorLabelsInEffect } from '../labels/inspector-labels.ts'
import { useLabels } from '../labels/labels-context.tsx'
import { formatBytes, formatCount, formatMs, formatRate } from './format-figures.ts'

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
  const labels = inspectorLabelsInEffect(useLabels())
  const names = labels.inspector.metric
  const count = (value: number) => formatCount(value, labels)
  const rows: Array<[key: string, label: string, value: string]> = [
    ['ttft', names.ttft, formatMs(metrics.ttftMs, labels)],
    ['tokens-per-second', names.tokensPerSecond, formatRate(metrics.tokensPerSecond, labels)],
    ['duration', names.duration, formatMs(metrics.durationMs, labels)],
    ['events', names.events, count(metrics.events)],
    ['tokens', names.tokens, count(metrics.tokens)],
    ['bytes', names.bytes, formatBytes(metrics.bytes, labels)],
    ['chunks', names.chunks, count(metrics.chunks)],
    ['retries', names.retries, count(metrics.retries)],
    ['reconnects', names.reconnects, count(metrics.reconnects)],
    ['stalls', names.stalls, count(metrics.stalls)],
    ['gaps', names.gaps, count(metrics.gaps)],
    ['commits-per-second', names.commitsPerSecond, formatRate(commitsPerSecond, labels)],
    ['commits', names.commits, count(metrics.commits)],
  ]
  return (
    <section data-rivulet="inspector-metrics" aria-label={labels.inspector.metrics} {...rest} ref={ref}>
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
          {labels.inspector.buffered}
        </p>
      ) : null}
    </section>
  )
}))
