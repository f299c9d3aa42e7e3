import { useCallback, useEffect, useLayoutEffect, useMemo, useState, useSyncExternalStore } from 'react'
import type { FocusEvent, KeyboardEvent, RefObject } from 'react'
import { nextMessageIndex, type RovingTabStop } from './message-focus.ts'

/** Props for a finished message's element: its place in the roving tab order and what engages it. */
export interface MessageEngagementProps {
  tabIndex: number
  onPointerEnter: () => void
  onPointerLeave: () => void
  onFocus: () => void
  onBlur: (event: FocusEvent<HTMLElement>) => void
  onKeyDown: (event: KeyboardEvent<HTMLElement>) => void
}

/** What {@link useMessageEngagement} returns. */
export interface UseMessageEngagementResult {
  /** The pointer is over the message or keyboard focus is in it: its action bar renders. */
  engaged: boolean
  props: MessageEngagementProps
}

/** The messages arrows move between: finished ones of this list (each has a tabindex). */
const FOCUSABLE_MESSAGE = '[data-rivulet="message"][tabindex]'

/**
 * Engagement and roving focus for one finished message of `<Chat>`. Action bars render only
 * on engaged messages: a thousand hidden bars were a thousand boxes to paint and hit-test on
 * every scroll frame (threads.scroll.missed-frames). Keyboard users reach each one through
 * the message: the list has one tab stop ({@link RovingTabStop}), arrows and Home/End move
 * between messages, Tab goes on into the focused message and its bar.
 *
 * @example
 * const { engaged, props } = useMessageEngagement(message.id, isLast, tabStop)
 * return <Message {...props} message={message} footer={engaged ? <MessageActions … /> : null} />
 */
export function useMessageEngagement(id: string, last: boolean, tabStop: RovingTabStop): UseMessageEngagementResult {
  const [hovered, setHovered] = useState(false)
  const [focused, setFocused] = useState(false)
  const subscribe = useCallback((listener: () => void) => tabStop.subscribe(id, listener), [tabStop, id])
  const holds = () => tabStop.holds(id, last)
  const holdsStop = useSyncExternalStore(subscribe, holds, holds)
  // A message that leaves the thread (another branch shown) hands the stop back to the last one.
  useEffect(() => () => tabStop.release(id), [tabStop, id])
  const handlers = useMemo(
    () => ({
      onPointerEnter: () => setHovered(true),
      onPointerLeave: () => setHovered(false),
      onFocus: () => {
        setFocused(true)
        // Focus anywhere in the message (a click on its text, a button of its bar) makes it the
        // stop: Shift+Tab from the bar, or Tab back into the list, returns to this message.
        tabStop.focus(id)
      },
      onBlur: (event: FocusEvent<HTMLElement>) => {
        if (!event.currentTarget.contains(event.relatedTarget)) setFocused(false)
      },
      onKeyDown: (event: KeyboardEvent<HTMLElement>) => {
        const element = event.currentTarget
        // Keys pressed in the message's buttons, links or code blocks are theirs.
        if (event.target !== element || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return
        const list = element.closest('[data-rivulet="message-list-content"]') ?? element.parentElement
        const messages = list === null ? [] : Array.from(list.querySelectorAll<HTMLElement>(FOCUSABLE_MESSAGE))
        const next = nextMessageIndex(event.key, messages.indexOf(element), messages.length)
        if (next === undefined) return
        event.preventDefault()
        messages[next]!.focus()
      },
    }),
    [tabStop, id],
  )
  return { engaged: hovered || focused, props: { tabIndex: holdsStop ? 0 : -1, ...handlers } }
}

/**
 * A message that arrives after a hand-over ({@link RovingTabStop.handOver}: Regenerate or a
 * saved edit replaced the message focus was in) takes focus, unless focus went somewhere else
 * meanwhile: without it focus fell back to the page's start, and the next Tab began there.
 *
 * @example
 * const element = useRef<HTMLDivElement>(null)
 * useHandedOverFocus(tabStop, element)
 */
export function useHandedOverFocus(tabStop: RovingTabStop, element: RefObject<HTMLElement | null>): void {
  useLayoutEffect(() => {
    const target = element.current
    if (!tabStop.claimHandOver() || !target) return
    const { activeElement, body } = target.ownerDocument
    // The list scrolls itself (auto-scroll follows the new answer); focus must not scroll it too.
    if (activeElement === null || activeElement === body) target.focus({ preventScroll: true })
  }, [tabStop, element])
}
