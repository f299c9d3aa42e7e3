import { createChatStore } from '../../src/core/chat-store.ts'
import { createMetricsProbe } from '../../src/core/client/metrics-probe.ts'
import { fanOut, type ClientProbe } from '../../src/core/client/probe.ts'
import { createTurnRunner, type TurnRunnerOptions } from '../../src/core/client/turn-runner.ts'
import { syncScheduler } from '../../src/core/frame-scheduler.ts'

/**
 * A turn runner over a fresh store (synchronous scheduler) with everything optional off: no
 * retries, reconnects, timeouts or resume, callbacks that do nothing. `extra` overrides any
 * option; `probes` are fanned out beside the metrics probe.
 *
 * @example
 * const { store, runner } = createTestTurnRunner(createMemoryTransport({ respond: () => events }))
 */
export function createTestTurnRunner(transport: TurnRunnerOptions['transport'], extra: Partial<TurnRunnerOptions> = {}, probes: ClientProbe[] = []) {
  const store = createChatStore({ scheduler: syncScheduler })
  const metrics = createMetricsProbe({ scheduler: syncScheduler })
  const runner = createTurnRunner({
    store,
    transport,
    probe: fanOut([metrics, ...probes]),
    metrics: metrics.metrics,
    callbacks: { onEvent() {}, onStepFinish() {}, onError() {} },
    format: 'rivulet',
    retry: { maxRetries: 0, maxRetryAfterMs: 0 },
    maxReconnects: 0,
    firstTokenTimeoutMs: 0,
    idleTimeoutMs: 0,
    autoResume: false,
    ...extra,
  })
  return { store, runner }
}
