'use client'
import { forwardRef, type ComponentPropsWithoutRef } from 'react'
import type { ChatClient } from '../../core/chat-client.ts'
import type { StreamLogEntry } from '../../core/stream-log.ts'
import { InspectorFrames } from './inspector-frames.tsx'
import { InspectorMetrics } from './inspector-metrics.tsx'
import { InspectorTimeline } from './inspector-timeline.tsx'
import { useStreamInspector } from './use-stream-inspector.ts'

/**
 * @example
 * const props: StreamInspectorProps = { chat: client, maxEntries: 100 }
 */
export interface StreamInspectorProps extends ComponentPropsWithoutRef<'div'> {
  /** The client to watch, e.g. `useChat(...).client`. */
  chat: ChatClient
  /** Raw frames listed (older ones are dropped from the list, not from the timeline). @default 200 */
  maxEntries?: number
  /** A pause between content events longer than this is drawn as a stall. @default 2000 */
  stallThresholdMs?: number
}

/** Where the turn is, judged by the last thing the wire log says. */
function turnState(entries: readonly StreamLogEntry[]): 'idle' | 'streaming' | 'done' | 'error' | 'stopped' {
  const last = entries.at(-1)
  if (last === undefined) return 'idle'
  if (last.type === 'failed') return 'error'
  if (last.type === 'stopped') return 'stopped'
  if (last.type === 'event' && last.event.type === 'done') return 'done'
  if (last.type === 'event' && last.event.type === 'error') return 'error'
  return 'streaming'
}

/**
 * A development panel for a chat: each event of the current turn on a time axis (tokens,
 * tool events, errors, retries, reconnects, gaps, stalls), live metrics (TTFT, tokens/s,
 * commits per second…) and the raw frames as they arrived. It watches `chat.observe()`,
 * which costs the chat nothing while no inspector is mounted, and renders at most once per
 * animation frame. Unstyled apart from layout; `rivulet-ui/styles.css` themes it, and every
 * mark colour is a `--rivulet-inspector-<kind>` variable.
 *
 * @example
 * function Debug() {
 *   const { client } = useChat({ api: '/api/chat' })
 *   return (
 *     <>
 *       <Chat chat={client} />
 *       {import.meta.env.DEV ? <StreamInspector chat={client} /> : null}
 *     </>
 *   )
 * }
 */
export const StreamInspector = forwardRef<HTMLDivElement, StreamInspectorProps>(function StreamInspector({ chat, maxEntries, stallThresholdMs, ...rest }, ref) {
  const { layout, frames, hiddenFrames, metrics, commitsPerSecond, entries } = useStreamInspector({ chat, maxEntries, stallThresholdMs })
  return (
    <div data-rivulet="stream-inspector" data-state={turnState(entries)} style={{ display: 'grid', gap: 'var(--rivulet-gap, 12px)', minWidth: 0 }} {...rest} ref={ref}>
      <InspectorMetrics metrics={metrics} commitsPerSecond={commitsPerSecond} />
      <InspectorTimeline layout={layout} />
      <InspectorFrames frames={frames} hiddenFrames={hiddenFrames} />
    </div>
  )
})
