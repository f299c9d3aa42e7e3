import type { FrameScheduler } from '../frame-scheduler.ts'
import { createMetricsTracker, type ChatMetrics } from '../metrics.ts'
import { createValueStore, type ReadableValue } from '../value-store.ts'
import type { ClientProbe } from './probe.ts'

/** The metrics probe and what the client exposes of it. */
export interface MetricsProbe extends ClientProbe {
  /** The published metrics (`client.metrics`). */
  readonly metrics: ReadableValue<ChatMetrics>
  /** Counts a React commit caused by the chat. */
  commit(): void
  destroy(): void
}

/**
 * Metrics as a probe: counts what the hooks report and publishes a snapshot at turn
 * boundaries and at most once per frame while events stream, so the snapshot object is made
 * when it is published, never per event.
 */
export function createMetricsProbe(options: { scheduler: FrameScheduler; stallThresholdMs?: number }): MetricsProbe {
  const { scheduler } = options
  const tracker = createMetricsTracker({ stallThresholdMs: options.stallThresholdMs })
  const metrics = createValueStore(tracker.snapshot())
  const publish = () => metrics.set(tracker.snapshot())

  return {
    metrics,
    begin() {
      tracker.begin()
      publish()
    },
    retry() {
      tracker.retry()
      publish()
    },
    reconnect: () => tracker.reconnect(),
    chunk: (bytes) => tracker.chunk(bytes),
    event(event, gap) {
      if (gap) tracker.gap()
      tracker.event(event)
      if (event.type !== 'done' && event.type !== 'error') scheduler.schedule(publish)
    },
    end() {
      tracker.end()
      publish()
    },
    commit: () => tracker.commit(),
    destroy() {
      scheduler.cancel(publish)
      metrics.destroy()
    },
  }
}
