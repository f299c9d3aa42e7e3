import type { CSSProperties } from 'react'

/**
 * Hides an element from sight but not from assistive technology. Inline rather than a
 * class because the components ship without a stylesheet: an announcer that only hides
 * when `styles.css` is loaded would print its text for everyone else.
 *
 * @example
 * <span aria-live="polite" style={visuallyHidden}>Done</span>
 */
export const visuallyHidden: CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  margin: -1,
  padding: 0,
  border: 0,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  clipPath: 'inset(50%)',
  whiteSpace: 'nowrap',
}
