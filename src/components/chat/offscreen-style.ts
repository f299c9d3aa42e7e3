import type { CSSProperties } from 'react'
import type { ChatMessage } from '../../core/state.ts'

// A rough line model for the height a message has before it was ever rendered: only the
// scrollbar's accuracy depends on it (the browser remembers the real size once it has drawn
// the message, and scroll anchoring absorbs the difference while the reader scrolls up).
const LINE_PX = 24
const CHARS_PER_LINE = 90
const MESSAGE_PADDING_PX = 32
const MAX_ESTIMATE_PX = 20_000
const PART_PX = 48

/**
 * A rough height (px) for a message never rendered yet: lines of text at the theme's size.
 *
 * @example
 * estimateHeight(message) // 344
 */
export function estimateHeight(message: ChatMessage): number {
  let px = MESSAGE_PADDING_PX
  for (const part of message.parts) {
    if (part.type !== 'text') {
      px += PART_PX
      continue
    }
    let from = 0
    while (from <= part.text.length && px < MAX_ESTIMATE_PX) {
      const newline = part.text.indexOf('\n', from)
      const to = newline === -1 ? part.text.length : newline
      px += Math.max(1, Math.ceil((to - from) / CHARS_PER_LINE)) * LINE_PX
      from = to + 1
    }
  }
  return Math.min(px, MAX_ESTIMATE_PX)
}

/**
 * The inline style of a finished message in a long list: layout, style and paint containment,
 * so the browser lays it out and paints it on its own and reuses that while it does not
 * change; a token streamed into the last message then re-lays out that message, not its
 * neighbours. It is not `content-visibility: auto`: skipping the rendering of messages off
 * screen made Chromium leave them out of its accessibility tree (a screen reader at the
 * newest message found the last few only: long-thread-a11y.browser.test.tsx). Every message
 * stays laid out, in the DOM, the accessibility tree and find-in-page.
 *
 * Paint containment clips painting to the message's box; the overflow clip margin lets what
 * the theme floats outside it (the action bar over the top corner, a user bubble's actions
 * beside it) show as before. One object for every message, so a memoised item sees no change.
 *
 * @example
 * <Message message={m} style={streaming ? undefined : offscreenStyle(m)} />
 */
export function offscreenStyle(_message: ChatMessage): CSSProperties {
  return settledStyle
}

const settledStyle: CSSProperties = { contain: 'layout style paint', overflowClipMargin: '320px' }
