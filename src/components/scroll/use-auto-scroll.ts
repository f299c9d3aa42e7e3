import { useCallback, useLayoutEffect, useRef, useState, useSyncExternalStore } from 'react'
import type { RefCallback } from 'react'
import { createAutoScroll, DEFAULT_THRESHOLD } from './create-auto-scroll.ts'

/** Options of {@link useAutoScroll}. */
export interface UseAutoScrollOptions {
  /** Within this many px of the bottom counts as "at the bottom". Defaults to 50. */
  threshold?: number
  /** False stops following the content (no listeners, no observer). Defaults to true. */
  enabled?: boolean
  /**
   * The newest content's identity, e.g. the last message object (a streamed token replaces
   * it). Given, only a change of it is new content while detached (`hasNewContent`); growth
   * elsewhere is not: older messages mounting above, off-screen messages laid out at their
   * real height as they scroll into view. Without it, any growth below the view counts.
   */
  latest?: unknown
}

/** Result of {@link useAutoScroll}. */
export interface UseAutoScrollResult {
  /** Put on the scroll container (the element with `overflow-y: auto`). */
  scrollRef: RefCallback<HTMLElement>
  /** Put on the element inside it that grows as messages stream in. */
  contentRef: RefCallback<HTMLElement>
  /** Within `threshold` px of the bottom right now. */
  isAtBottom: boolean
  /** The user scrolled up; growth no longer pulls the view down. */
  isDetached: boolean
  /** Content grew while detached: the moment to offer "Jump to latest". */
  hasNewContent: boolean
  /** Pins again and scrolls to the end (`smooth` glides; anything else is instant). */
  scrollToBottom: (behavior?: ScrollBehavior) => void
}

/**
 * Keeps a scroll container at the bottom while its content grows (a streaming answer),
 * lets go as soon as the user scrolls up, and takes hold again when they come back to
 * within `threshold` px of the end. See {@link createAutoScroll} for which input counts
 * as the user. Everything is attached on mount and released on unmount.
 *
 * @example
 * function Log({ children }: { children: ReactNode }) {
 *   const { scrollRef, contentRef, isDetached, hasNewContent, scrollToBottom } = useAutoScroll()
 *   return (
 *     <div ref={scrollRef} style={{ overflowY: 'auto', height: 400 }}>
 *       <div ref={contentRef}>{children}</div>
 *       {isDetached && hasNewContent ? <button onClick={() => scrollToBottom('smooth')}>Jump to latest</button> : null}
 *     </div>
 *   )
 * }
 */
export function useAutoScroll(options: UseAutoScrollOptions = {}): UseAutoScrollResult {
  const { threshold = DEFAULT_THRESHOLD, enabled = true, latest } = options
  const [controller] = useState(() => createAutoScroll({ threshold }))
  // Elements live in state, not refs, so a remounted container is reconnected.
  const [viewport, setViewport] = useState<HTMLElement | null>(null)
  const [content, setContent] = useState<HTMLElement | null>(null)

  useLayoutEffect(() => {
    controller.setThreshold(threshold)
  }, [controller, threshold])

  // Layout effect: the first pin to the bottom happens before the first paint.
  useLayoutEffect(() => {
    if (!enabled || !viewport) return
    return controller.connect(viewport, content)
  }, [controller, enabled, viewport, content])

  const signalled = latest !== undefined
  useLayoutEffect(() => {
    controller.setNewContentSignalled(signalled)
  }, [controller, signalled])
  const seen = useRef(latest)
  useLayoutEffect(() => {
    if (seen.current === latest) return
    seen.current = latest
    if (latest !== undefined) controller.newContent()
  }, [controller, latest])

  const snapshot = useSyncExternalStore(controller.subscribe, controller.getSnapshot, controller.getSnapshot)

  const scrollToBottom = useCallback(
    (behavior?: ScrollBehavior) => {
      if (enabled) controller.scrollToBottom(behavior)
      else viewport?.scrollTo({ top: viewport.scrollHeight, behavior: behavior ?? 'auto' })
    },
    [controller, enabled, viewport],
  )

  return {
    scrollRef: setViewport,
    contentRef: setContent,
    isAtBottom: snapshot.isAtBottom,
    isDetached: enabled && snapshot.isDetached,
    hasNewContent: enabled && snapshot.hasNewContent,
    scrollToBottom,
  }
}
