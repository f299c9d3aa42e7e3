import { encodeEvent } from '../../src/protocol/encode.ts'

/** Options of {@link createTokenFeed}. */
export interface TokenFeedOptions {
  /** The token texts, sent in order. */
  tokens: readonly string[]
  /** Tokens per second. */
  rate: number
  /** Pause between the last token and `done`, so the last token must be shown on its own. */
  doneDelayMs: number
  /** Called with the time each chunk is handed to the reader. */
  onChunk?: (at: number, tokenCount: number) => void
}

/**
 * A Rivulet SSE body that releases tokens on a fixed schedule (token `i` is due at
 * `start + i / rate`). Every due token goes out in the next chunk, so when timers run late
 * several tokens arrive together, as they do from a real server behind a busy network stack.
 * The schedule is absolute: lateness never accumulates.
 *
 * @example
 * const body = createTokenFeed({ tokens: ['Hel', 'lo'], rate: 100, doneDelayMs: 250 })
 */
export function createTokenFeed(options: TokenFeedOptions): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder()
  const interval = 1000 / options.rate
  let start = 0
  let next = 0
  let seq = 0
  let finished = false
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(encodeEvent({ type: 'start', seq: seq++, streamId: 'bench' })))
      start = performance.now()
    },
    async pull(controller) {
      if (finished) return
      if (next === options.tokens.length) {
        await sleep(options.doneDelayMs)
        finished = true
        controller.enqueue(encoder.encode(encodeEvent({ type: 'done', seq: seq++ })))
        controller.close()
        return
      }
      // Timers may fire a little before the token is due by performance.now(): wait again then.
      let now = performance.now()
      while (start + next * interval > now) {
        await sleep(start + next * interval - now)
        now = performance.now()
      }
      let frames = ''
      let count = 0
      while (next < options.tokens.length && start + next * interval <= now) {
        frames += encodeEvent({ type: 'token', seq: seq++, content: options.tokens[next]! })
        next++
        count++
      }
      options.onChunk?.(now, count)
      controller.enqueue(encoder.encode(frames))
    },
  }, { highWaterMark: 0 })
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)))
}
