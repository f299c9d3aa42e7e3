/** What {@link fitTextareaHeight} needs to know about a textarea, in px. */
export interface TextareaBox {
  /** `scrollHeight` measured with `height: auto` (content plus vertical padding). */
  scrollHeight: number
  lineHeight: number
  /** Top plus bottom padding. */
  paddingY: number
  /** Top plus bottom border. */
  borderY: number
  /** `box-sizing: border-box` (height includes padding and border). */
  borderBox: boolean
  /** The box stops growing at this many lines. */
  maxRows: number
}

/** The height to set and whether the text now needs its own scrollbar. */
export interface TextareaFit {
  height: number
  overflowY: 'hidden' | 'auto'
}

/**
 * The CSS height that shows all of a textarea's text, capped at `maxRows` lines; past
 * the cap the textarea scrolls. Pure, so the arithmetic is tested without layout.
 *
 * @example
 * fitTextareaHeight({ scrollHeight: 56, lineHeight: 20, paddingY: 16, borderY: 2, borderBox: true, maxRows: 5 })
 * // { height: 58, overflowY: 'hidden' }
 */
export function fitTextareaHeight(box: TextareaBox): TextareaFit {
  const textHeight = Math.max(0, box.scrollHeight - box.paddingY)
  const maxTextHeight = box.lineHeight * Math.max(1, box.maxRows)
  const shown = Math.min(textHeight, maxTextHeight)
  return {
    height: box.borderBox ? shown + box.paddingY + box.borderY : shown,
    // Half a pixel of slack: line boxes can round up by a fraction.
    overflowY: textHeight > maxTextHeight + 0.5 ? 'auto' : 'hidden',
  }
}

/**
 * Resizes `textarea` to its content, up to `maxRows` lines, keeping its scroll
 * position (or the last line in view while typing at the end). Reads layout once (after collapsing the height), so call it from a layout
 * effect when the value changes.
 *
 * @example
 * useLayoutEffect(() => { if (ref.current) autosizeTextarea(ref.current, 8) }, [value])
 */
export function autosizeTextarea(textarea: HTMLTextAreaElement, maxRows: number): void {
  const view = textarea.ownerDocument.defaultView
  if (!view) return
  const style = view.getComputedStyle(textarea)
  const fontSize = parseFloat(style.fontSize) || 16
  // `normal` line height is about 1.2 em in every engine.
  const lineHeight = parseFloat(style.lineHeight) || fontSize * 1.2
  const px = (value: string) => parseFloat(value) || 0
  const scrollTop = textarea.scrollTop
  const previousHeight = textarea.style.height
  // Collapse first: scrollHeight never reports less than the current height.
  textarea.style.height = 'auto'
  if (textarea.scrollHeight === 0) {
    // Not laid out (display: none, or no layout engine): nothing to measure.
    textarea.style.height = previousHeight
    return
  }
  const fit = fitTextareaHeight({
    scrollHeight: textarea.scrollHeight,
    lineHeight,
    paddingY: px(style.paddingTop) + px(style.paddingBottom),
    borderY: px(style.borderTopWidth) + px(style.borderBottomWidth),
    borderBox: style.boxSizing === 'border-box',
    maxRows,
  })
  textarea.style.height = `${fit.height}px`
  textarea.style.overflowY = fit.overflowY
  // Typing at the end (the usual case) must show the new line; the browser's own
  // caret-into-view scroll comes too late, it ran against the collapsed box.
  const caretAtEnd = textarea.selectionEnd === textarea.value.length
  textarea.scrollTop = caretAtEnd ? textarea.scrollHeight : scrollTop
}
