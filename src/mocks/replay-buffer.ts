import type { ChatEvent } from '../protocol/events.ts'

/**
 * @example
 * mockChatStream({ script, replay: { maxEvents: 50 } }) // a resume further back sees a gap
 */
export interface ReplayBufferOptions {
  /** Events kept per stream; older ones are forgotten, so a late resume sees a gap. @default 10000 */
  maxEvents?: number
  /** Streams kept; the least recently written is forgotten first. @default 32 */
  maxStreams?: number
}

/**
 * @example
 * buffer.after('stream-1', lastSeq) ?? notFound()
 */
export interface ReplayBuffer {
  /** Records (or replaces) what a stream produced. */
  set(streamId: string, events: readonly ChatEvent[]): void
  /** Events with `seq` greater than `lastSeq`, or `undefined` for an unknown stream. */
  after(streamId: string, lastSeq: number): ChatEvent[] | undefined
  has(streamId: string): boolean
  clear(): void
}

/**
 * The server side of resume: what each stream produced, bounded in both directions so a
 * long-running mock cannot grow without limit.
 *
 * @example
 * const buffer = createReplayBuffer({ maxEvents: 100 })
 * buffer.set('stream-1', events)
 * buffer.after('stream-1', 4) // events with seq 5, 6, …
 */
export function createReplayBuffer(options: ReplayBufferOptions = {}): ReplayBuffer {
  const maxEvents = Math.max(1, options.maxEvents ?? 10_000)
  const maxStreams = Math.max(1, options.maxStreams ?? 32)
  const streams = new Map<string, readonly ChatEvent[]>()
  return {
    set(streamId, events) {
      streams.delete(streamId)
      streams.set(streamId, events.length > maxEvents ? events.slice(events.length - maxEvents) : [...events])
      while (streams.size > maxStreams) streams.delete(streams.keys().next().value!)
    },
    after(streamId, lastSeq) {
      return streams.get(streamId)?.filter((event) => event.seq > lastSeq)
    },
    has: (streamId) => streams.has(streamId),
    clear: () => streams.clear(),
  }
}
