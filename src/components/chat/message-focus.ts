/**
 * Where keyboard focus moves among the messages of a list: ArrowUp/ArrowDown to the previous
 * or next message (stopping at either end), Home/End to the first or last. `undefined` for
 * any other key, or a list the focused message is not in, so the key keeps its usual effect
 * (PageUp, Space… still scroll the conversation).
 *
 * @example
 * nextMessageIndex('ArrowUp', 5, 10) // 4
 * nextMessageIndex('End', 5, 10) // 9
 * nextMessageIndex('Tab', 5, 10) // undefined
 */
export function nextMessageIndex(key: string, index: number, count: number): number | undefined {
  if (index < 0 || index >= count) return undefined
  switch (key) {
    case 'ArrowUp':
      return Math.max(0, index - 1)
    case 'ArrowDown':
      return Math.min(count - 1, index + 1)
    case 'Home':
      return 0
    case 'End':
      return count - 1
    default:
      return undefined
  }
}

/**
 * The roving tab stop of a message list: the one message that Tab reaches (the others take
 * focus by arrow keys only), so a 1,000-message thread is one stop, not one per message or
 * four per action bar. It is the message last focused, or the thread's last message until
 * one is. Keyed by message id, so it survives older messages mounting above; a listener
 * hears only the changes that concern its message.
 */
export interface RovingTabStop {
  /** Whether the message holds the stop; `last` says it is the thread's last message. */
  holds(id: string, last: boolean): boolean
  /** The message took focus: it holds the stop now. */
  focus(id: string): void
  /** The message left the thread: the stop goes back to the last message if it held it. */
  release(id: string): void
  /**
   * Focus is in a message that an action (Regenerate, an edit saved) is about to replace: the
   * next message to arrive takes focus, so it does not fall back to the page's start.
   */
  handOver(): void
  /** A message arrived: whether it takes focus (once per hand-over; any focus moved since cancels it). */
  claimHandOver(): boolean
  subscribe(id: string, listener: () => void): () => void
}

/**
 * Creates a {@link RovingTabStop}, no message focused yet.
 *
 * @example
 * const stop = createRovingTabStop()
 * stop.holds('a9', true) // true: the last message until another one is focused
 * stop.focus('a3')
 * stop.holds('a9', true) // false
 */
export function createRovingTabStop(): RovingTabStop {
  let current: string | undefined
  let handingOver = false
  const listeners = new Map<string, Set<() => void>>()
  // Moving to or from "no message focused" changes which message holds the stop by default
  // (the last one): every message hears it then. Otherwise only the two concerned.
  const concerned = (id: string | undefined) => (id === undefined ? [...listeners.values()] : [listeners.get(id) ?? new Set<() => void>()])
  const move = (next: string | undefined) => {
    if (next === current) return
    const previous = current
    current = next
    const toCall = new Set([...concerned(previous), ...concerned(next)].flatMap((set) => [...set]))
    for (const listener of toCall) listener()
  }
  return {
    holds: (id, last) => (current === undefined ? last : current === id),
    focus: (id) => {
      handingOver = false
      move(id)
    },
    release: (id) => {
      if (current === id) move(undefined)
    },
    handOver: () => {
      handingOver = true
    },
    claimHandOver: () => {
      const claimed = handingOver
      handingOver = false
      return claimed
    },
    subscribe(id, listener) {
      let set = listeners.get(id)
      if (set === undefined) listeners.set(id, (set = new Set()))
      set.add(listener)
      return () => {
        set.delete(listener)
        if (set.size === 0) listeners.delete(id)
      }
    },
  }
}
