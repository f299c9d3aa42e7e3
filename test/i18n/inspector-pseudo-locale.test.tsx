import { act, cleanup, render, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { InspectorFrames } from '../../src/components/inspector/inspector-frames.tsx'
import { InspectorMetrics } from '../../src/components/inspector/inspector-metrics.tsx'
import { InspectorTimeline } from '../../src/components/inspector/inspector-timeline.tsx'
import { layoutTimeline } from '../../src/components/inspector/layout-timeline.ts'
import { StreamInspector } from '../../src/components/inspector/stream-inspector.tsx'
import { defaultInspectorLabels } from '../../src/components/labels/inspector-labels.ts'
import { defaultLabels, type RivuletLabels } from '../../src/components/labels/labels.ts'
import { LabelsProvider } from '../../src/components/labels/labels-context.tsx'
import { createChatClient } from '../../src/core/chat-client.ts'
import { emptyMetrics } from '../../src/core/metrics.ts'
import type { StreamLogEntry } from '../../src/core/stream-log.ts'
import { createMemoryTransport } from '../../src/core/transports/memory-transport.ts'
import type { ChatEvent } from '../../src/protocol/events.ts'
import { findUntranslated, pseudo, pseudoLabels } from '../support/pseudo-labels.ts'

afterEach(cleanup)

/** A turn with a seq gap and an error event: the live panel shows both as incidents. */
const turn: ChatEvent[] = [
  { type: 'start', seq: 0, streamId: 's1' },
  { type: 'token', seq: 1, content: 'Hello ' },
  { type: 'tool_call_start', seq: 2, id: 'c1', name: 'lookup' },
  { type: 'token', seq: 5, content: 'world' },
  { type: 'error', seq: 6, code: 'upstream_error', message: 'Overloaded' },
]

/** Everything the timeline can list: retries, reconnects, a seq gap, failures, stops and (threshold -1) a stall between every two content events. */
const entries: StreamLogEntry[] = [
  { type: 'request', at: 0, kind: 'send', attempt: 0 },
  { type: 'retry', at: 10, delayMs: 500 },
  { type: 'request', at: 510, kind: 'send', attempt: 1 },
  { type: 'response', at: 520, status: 200, headers: {} },
  { type: 'chunk', at: 530, bytes: 1234, text: 'data: {}' },
  { type: 'comment', at: 540, text: 'keep-alive' },
  ...Array.from({ length: 60 }, (_, i): StreamLogEntry => ({ type: 'event', at: 600 + i * 10, event: { type: 'token', seq: i < 30 ? i : i + 2, content: `t${i}` } })),
  { type: 'reconnect', at: 1300, lastEventId: '59' },
  { type: 'request', at: 1300, kind: 'resume', attempt: 0 },
  { type: 'failed', at: 1400, error: { code: 'network', message: 'dropped', resumable: true } },
  { type: 'stopped', at: 1500 },
]

function Parts({ labels }: { labels: RivuletLabels }) {
  return (
    <LabelsProvider labels={labels}>
      <InspectorMetrics metrics={{ ...emptyMetrics, buffered: true, ttftMs: 1534, bytes: 2_500_000 }} commitsPerSecond={58.27} />
      <InspectorTimeline layout={layoutTimeline(entries, { stallThresholdMs: -1, labels })} />
      <InspectorFrames frames={[{ id: 1, at: 12, bytes: 5000, text: 'x'.repeat(5000) }]} hiddenFrames={3} />
    </LabelsProvider>
  )
}

describe('the stream inspector under the pseudo-locale', () => {
  it('a live turn: metrics, lanes, legend, incidents and frames', async () => {
    const client = createChatClient({ maxRetries: 0, transport: createMemoryTransport({ respond: () => turn }) })
    const { container } = render(
      <LabelsProvider labels={pseudoLabels}>
        <StreamInspector chat={client} />
      </LabelsProvider>,
    )
    await act(() => client.send('Hi'))
    const root = container.querySelector('[data-rivulet="stream-inspector"]')!
    await waitFor(() => expect(root).toHaveAttribute('data-state', 'error'))
    expect(findUntranslated(container)).toEqual([])
    // The scan saw the panel's words, translated.
    expect(container.textContent).toContain(pseudo(defaultInspectorLabels.lanes.faults))
    expect(container.textContent).toContain(pseudo('events 3–4 never arrived'))
    expect(container.querySelector(`[aria-label="${pseudo('Incidents')}"]`)).not.toBeNull()
    client.destroy()
  })

  it('every incident kind, the cut lists, a long frame and the buffering warning', () => {
    const { container } = render(<Parts labels={pseudoLabels} />)
    expect(findUntranslated(container)).toEqual([])
    expect(container.textContent).toContain(pseudo(defaultInspectorLabels.buffered))
    expect(container.textContent).toContain(pseudo('3 earlier frames not shown'))
    expect(container.textContent).toContain(pseudo('(3000 more characters)'))
    // Figures are formatted (and so pseudo-localised) before the sentence that holds them.
    expect(container.textContent).toContain(pseudo(`retry in ${pseudo('500 ms')}`))
  })

  it('the scan finds the English when the labels are left English', () => {
    const { container } = render(<Parts labels={defaultLabels} />)
    const found = findUntranslated(container).join('\n')
    for (const word of ['TTFT', 'Commits/s', 'one read', 'Wire', 'Seq gap', 'events 30–31 never arrived', 'retry in 500 ms', 'reconnect after event 59', 'failed network: dropped', 'no content for', 'more', 'earlier frames not shown', 'more characters', 'Raw frames', 'Legend', '1.53 s', '2.50 MB']) {
      expect(found).toContain(word)
    }
  })

  it('numbers in the labels’ locale', () => {
    const german = { ...defaultLabels, locale: 'de' }
    const { container } = render(<Parts labels={german} />)
    expect(container.querySelector('[data-metric="ttft"]')).toHaveTextContent('1,53 s')
    expect(container.querySelector('[data-metric="bytes"]')).toHaveTextContent('2,50 MB')
    expect(container.querySelector('[data-metric="commits-per-second"]')).toHaveTextContent('58,3')
  })
})
