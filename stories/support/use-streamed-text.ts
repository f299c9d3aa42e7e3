import { useEffect, useState } from 'react'

/** Options of {@link useStreamedText}. */
export interface UseStreamedTextOptions {
  /** The whole text; the hook reveals it from the start. A new text restarts the stream. */
  text: string
  /** Code points revealed per tick. */
  charsPerTick?: number
  /** Milliseconds between ticks. */
  intervalMs?: number
}

/** Result of {@link useStreamedText}. */
export interface UseStreamedTextResult {
  /** What has "arrived" so far. */
  text: string
  /** True once the whole text is shown. */
  done: boolean
}

/**
 * Story-only driver: reveals `text` a few characters at a time on an interval, the way a
 * model's tokens arrive, so a story visibly streams. Counts code points, never half a
 * surrogate pair (emoji stay whole). The interval is cleared when the text is complete
 * and on unmount.
 *
 * @example
 * const { text, done } = useStreamedText({ text: answer, charsPerTick: 6, intervalMs: 40 })
 * return <StreamingMarkdown streaming={!done}>{text}</StreamingMarkdown>
 */
export function useStreamedText({ text, charsPerTick = 6, intervalMs = 40 }: UseStreamedTextOptions): UseStreamedTextResult {
  const [shown, setShown] = useState({ source: text, count: 0 })
  // A new source text starts over, during render so the old text never flashes.
  if (shown.source !== text) setShown({ source: text, count: 0 })
  const codePoints = Array.from(text)
  const total = codePoints.length

  useEffect(() => {
    const timer = setInterval(() => {
      setShown((current) => {
        const count = Math.min(total, current.count + charsPerTick)
        if (count === total) clearInterval(timer)
        return { ...current, count }
      })
    }, intervalMs)
    return () => clearInterval(timer)
  }, [text, total, charsPerTick, intervalMs])

  const count = shown.source === text ? shown.count : 0
  return { text: codePoints.slice(0, count).join(''), done: count >= total }
}
