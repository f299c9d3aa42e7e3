import { startTransition, useEffect, useRef, useState, type RefObject } from 'react'
import { requestColourLines, type ColourTicket } from './colour-budget.ts'
import { createFenceColouring, type FenceColouring } from './fence-colouring.ts'
import { highlightLines, peekHighlight, rememberHighlight, splitCodeLines, type HighlightedLine } from './highlighter.ts'
import { resolveLanguage } from './languages.ts'
import { createLinePacer, type LinePacer } from './line-pacer.ts'

/** Options of {@link useHighlightedLines}. */
export interface UseHighlightedLinesOptions {
  code: string
  language?: string | undefined
  /** False while the fence is still open: finished lines are coloured as they arrive, the last one stays plain. */
  complete: boolean
  /** False while the block is far off screen: a complete block waits to be highlighted until it is near. Default true. */
  visible?: boolean
  /** The block's element: a settled block's colours show while it is near the viewport (see `colour-budget.ts`). */
  target?: RefObject<Element | null>
}

/** Where a code block is: still streaming, plain text (or partly coloured), or fully coloured. */
export type CodeBlockState = 'streaming' | 'plain' | 'highlighted'

/** Result of {@link useHighlightedLines}. */
export interface UseHighlightedLinesResult {
  /**
   * Tokens for the first `lines.length` lines (all of them once `state` is
   * `highlighted`); the remaining lines are still plain text.
   */
  lines: readonly HighlightedLine[]
  state: CodeBlockState
}

interface Progress {
  key: string
  lines: readonly HighlightedLine[]
  done: boolean
}

const NO_LINES: readonly HighlightedLine[] = []

/**
 * Colours a code block. While the fence streams, each finished line is tokenized once, with
 * the grammar state carried from the line above (see `createFenceColouring`), in the
 * highlight worker (or in short main-thread slices where there is none), so code is coloured
 * as it arrives and a coloured line never changes; when the fence closes only its last lines
 * are tokenized, the same way, and the result cached (no whole-block pass). A
 * block that arrives complete is highlighted in slices with the shared cache: one already
 * highlighted (this mount or an earlier one) comes back coloured on the first render.
 * Unknown languages and failures stay plain.
 *
 * @example
 * const { lines, state } = useHighlightedLines({ code, language: 'ts', complete: !streaming })
 */
export function useHighlightedLines(options: UseHighlightedLinesOptions): UseHighlightedLinesResult {
  const { code, language, complete, visible = true, target } = options
  const id = resolveLanguage(language)
  const key = `${language ?? ''}\u0000${code}`
  const cached = complete ? peekHighlight(code, language) : undefined
  const [progress, setProgress] = useState<Progress | undefined>(undefined)
  const colouring = useRef<FenceColouring | undefined>(undefined)
  // How many lines of `colouring` to show: state, so that each batch of new lines renders.
  const [streamed, setStreamed] = useState<{ colouring: FenceColouring; count: number } | undefined>(undefined)
  // Paces the showing of `colouring`'s lines: a backlog shows a frame's worth at a time.
  const pacer = useRef<LinePacer | undefined>(undefined)
  // What the pacer's commits need to know of the latest render: is the block complete, and how many lines has it.
  const latest = useRef({ code, complete, finished: 0 })

  // Line by line: while streaming, and to finish a block that streamed.
  useEffect(() => {
    if (id === undefined || cached) return
    const source = splitCodeLines(code)
    const finished = complete ? source : source.slice(0, -1)
    latest.current = { code, complete, finished: finished.length }
    let current = colouring.current
    if (!current || current.disposed || current.language !== id || !current.continues(finished)) {
      // A block that arrives complete is highlighted whole (below), with the cache.
      if (complete) return
      current?.dispose()
      pacer.current?.dispose()
      const started = createFenceColouring(id)
      current = started
      colouring.current = started
      pacer.current = createLinePacer((count) => {
        const now = latest.current
        if (now.complete && count >= now.finished) rememberHighlight(now.code, id, started.lines.slice(0, count))
        setStreamed({ colouring: started, count })
      })
    }
    const active = current
    const paced = pacer.current
    const show = () => paced?.offer(active.lines.length)
    const unsubscribe = active.subscribe(show)
    active.update(finished)
    // Lines coloured while this effect was being replaced (between two tokens) show too.
    show()
    // Every line was shown before the block closed (its last line ended with a newline): remembered now.
    if (complete && paced && paced.shown >= finished.length) rememberHighlight(code, id, active.lines.slice(0, finished.length))
    return unsubscribe
  }, [code, id, complete, cached])

  // The worker forgets the fence when the block goes away.
  useEffect(
    () => () => {
      colouring.current?.dispose()
      pacer.current?.dispose()
    },
    [],
  )

  // Whole blocks that arrived complete, once they are near the viewport.
  useEffect(() => {
    if (!complete || cached || id === undefined || !visible) return
    const current = colouring.current
    if (current && !current.disposed && current.language === id && current.continues(splitCodeLines(code))) return
    const controller = new AbortController()
    // Transitions: React renders the new tokens in interruptible ~5 ms chunks, so turning
    // hundreds of lines into spans never becomes one long task of its own.
    const show = (next: Progress) => startTransition(() => setProgress(next))
    // Tokenized lines show as the shared per-frame budget of all settled blocks allows (see
    // `colour-budget.ts`): several fences reaching the viewport at once colour a frame's worth in all.
    let available: readonly HighlightedLine[] = NO_LINES
    let tokenized = false
    let shown = 0
    const ticket: ColourTicket = {
      element: target?.current,
      wanted: () => available.length - shown,
      grant(count) {
        shown += count
        const done = tokenized && shown >= available.length
        show({ key, lines: done ? available : available.slice(0, shown), done })
      },
    }
    let withdraw: (() => void) | undefined
    const offer = (lines: readonly HighlightedLine[], done: boolean) => {
      available = lines
      tokenized = done
      if (ticket.wanted() > 0) withdraw = requestColourLines(ticket)
      // Every line is shown already: only the state changes.
      else if (done) show({ key, lines, done })
    }
    highlightLines(code, language, {
      signal: controller.signal,
      onProgress: (lines) => offer(lines, false),
    }).then(
      (result) => {
        if (result) offer(result.lines, true)
      },
      // Aborted (unmounted, code changed) or the highlighter failed to load: stay plain.
      () => {},
    )
    return () => {
      controller.abort()
      withdraw?.()
    }
  }, [code, id, language, complete, cached, key, visible, target])

  const lineCount = () => splitCodeLines(code).length
  const fromStream = streamed && streamed.colouring === colouring.current ? streamed.colouring.lines.slice(0, streamed.count) : NO_LINES
  if (!complete) return { lines: fromStream, state: 'streaming' }
  if (cached) {
    // The block streamed here and closed with a highlight of the same code already cached (an
    // earlier mount, or the same answer again): the lines shown keep their token objects, so
    // their spans stay as they are, and only the lines not shown yet come from the cache.
    // Taking the cache's objects for every line rendered the whole block again (all its spans
    // rewritten, the longest task of a 3,000-line fence).
    const n = fromStream.length
    if (n > 0 && colouring.current?.continues(splitCodeLines(code))) {
      return { lines: n >= cached.lines.length ? fromStream : fromStream.concat(cached.lines.slice(n)), state: 'highlighted' }
    }
    return { lines: cached.lines, state: 'highlighted' }
  }
  if (progress?.key === key) return { lines: progress.lines, state: progress.done ? 'highlighted' : 'plain' }
  if (fromStream.length > 0) return { lines: fromStream, state: fromStream.length >= lineCount() ? 'highlighted' : 'plain' }
  return { lines: NO_LINES, state: 'plain' }
}
