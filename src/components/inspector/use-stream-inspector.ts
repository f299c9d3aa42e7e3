'use client'
import { useEffect, useMemo, useSyncExternalStore } from 'react'
import type { ChatClient } from '../../core/chat-client.ts'
import type { FrameScheduler } from '../../core/frame-scheduler.ts'
import { useLabels } from '../labels/labels-context.tsx'
import { createInspectorStore, type InspectorSnapshot } from './create-inspector-store.ts'
import { layoutTimeline, type TimelineLayout } from './layout-timeline.ts'

/**
 * @example
 * const options: UseStreamInspectorOptions = { chat: client, maxEntries: 100 }
 */
export interface UseStreamInspectorOptions {
  chat: ChatClient
  /** Raw frames kept for display. @default 200 */
  maxEntries?: number
  /** A pause between content events longer than this is drawn as a stall. @default 2000 */
  stallThresholdMs?: number
  /** Batches renders; the default is one per animation frame. */
  scheduler?: FrameScheduler
}

/**
 * @example
 * const { layout, frames, metrics }: UseStreamInspectorResult = useStreamInspector({ chat })
 */
export interface UseStreamInspectorResult extends InspectorSnapshot {
  layout: TimelineLayout
}

/**
 * The data behind `StreamInspector`, for building your own: the current turn's wire log
 * laid out on a time axis, the newest raw frames and live metrics. Renders at most once per
 * animation frame however fast the stream is.
 *
 * @example
 * const { layout, metrics } = useStreamInspector({ chat: useChat({ api }).client })
 * return <p>{layout.counts.token} tokens, TTFT {metrics.ttftMs} ms</p>
 */
export function useStreamInspector({ chat, maxEntries, stallThresholdMs, scheduler }: UseStreamInspectorOptions): UseStreamInspectorResult {
  const store = useMemo(() => createInspectorStore(chat, { maxEntries, scheduler }), [chat, maxEntries, scheduler])
  useEffect(() => store.connect(), [store])
  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot)
  // The marks' words come from the labels in effect, as every visible string does.
  const labels = useLabels()
  const layout = useMemo(() => layoutTimeline(snapshot.entries, { stallThresholdMs, labels }), [snapshot.entries, stallThresholdMs, labels])
  return { ...snapshot, layout }
}
