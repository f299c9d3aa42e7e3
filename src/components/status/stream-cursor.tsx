import { forwardRef } from 'react'
import type { ComponentPropsWithoutRef } from 'react'

/** Props of {@link StreamCursor}; the rest are spread on the `<span>`. */
export type StreamCursorProps = ComponentPropsWithoutRef<'span'>

/**
 * The caret after the last character of a message while it streams. Place it inline at
 * the end of the last block (inside its last paragraph, not after it, or it wraps onto its
 * own line). It is decorative (`aria-hidden`). The default theme draws it as a block of the
 * text colour (`[data-rivulet="cursor"]:empty`), not a glyph: a character such as `▍` is
 * missing from many fonts and shows there as a hollow box. Pass `children` for a glyph of
 * your own. The blink is CSS on `[data-rivulet="cursor"][data-animate]`, which the theme
 * turns off under `prefers-reduced-motion`. No timers here.
 *
 * CSS-only alternative, when the markdown renderer cannot take a child at the right
 * place: mark the streaming message and draw the caret with a pseudo-element on its
 * last block's last element, as the theme does for `StreamingMarkdown` (`content: ''` with a
 * width, height and background; see styles.css). It cannot reach inside a code block's
 * `<pre>` the same way; there no caret is fine.
 *
 * @example
 * <p>{text}{streaming ? <StreamCursor /> : null}</p>
 */
export const StreamCursor = forwardRef<HTMLSpanElement, StreamCursorProps>(function StreamCursor({ children, ...rest }, ref) {
  return (
    <span data-rivulet="cursor" data-animate="" aria-hidden="true" {...rest} ref={ref}>
      {children}
    </span>
  )
})
