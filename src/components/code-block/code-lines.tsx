import { memo, useEffect, useLayoutEffect, useRef } from 'react'
import type { CSSProperties } from 'react'
import type { HighlightedLine } from './highlight-types.ts'
import { splitCodeLines } from './split-lines.ts'
import { clearTokens, writeTokens } from './token-nodes.ts'

const onServer = typeof window === 'undefined'
const useIsomorphicLayoutEffect = onServer ? useEffect : useLayoutEffect

/** Props of {@link CodeLines}. */
export interface CodeLinesProps {
  code: string
  /** Tokens for the first `tokens.length` lines; later lines render as plain text. A line's spans stay the same DOM nodes as more lines get tokens. */
  tokens: readonly HighlightedLine[]
  /**
   * The fence is still open: a final newline finishes the last line and starts no line yet
   * (no empty line element, which a stylesheet gives a line's height), so the block keeps
   * its height when the closing fence arrives.
   */
  open?: boolean
}

/**
 * Lines rendered per memoized segment: a streamed token re-renders only the last
 * segment, and a highlighting slice only the segments it touched.
 */
const SEGMENT_LINES = 64

// Each segment is its own block so the browser re-lays out only the segment that changed:
// a `<pre>` is otherwise one inline formatting context, and every update re-flows all of
// its lines (hundreds of ms for a 2,000-line block). Inline so it holds without styles.css.
// Not `content-visibility: auto` on the segments of a long block: outside its full accessibility
// mode (a detected screen reader), Chromium leaves the lines of a segment whose rendering it skips
// out of its accessibility tree: 384 of a 600-line fence's lines were missing from the tree the
// DevTools protocol reads (long-answer-a11y.browser.test.tsx). A segment that did not change is
// not laid out again, so a long block costs its layout once, when it mounts.
const segmentStyle: CSSProperties = { display: 'block' }

/**
 * The inside of `<code>`: one `<span data-rivulet="code-line">` per line, each but the
 * last ending in `\n`, grouped in block-level `<span data-rivulet="code-segment">`s. Plain and
 * highlighted lines share this exact shape, so colouring a block never moves it.
 *
 * @example
 * <pre><code><CodeLines code={'a\nb'} tokens={[]} /></code></pre>
 */
export function CodeLines({ code, tokens, open = false }: CodeLinesProps) {
  const lines = splitCodeLines(code)
  // An open fence's final newline stays in the text (the line before carries it), with no line after it yet.
  const endsWithNewline = open && lines.length > 1 && lines[lines.length - 1] === ''
  const count = endsWithNewline ? lines.length - 1 : lines.length
  const segments = []
  for (let start = 0; start < count; start += SEGMENT_LINES) {
    const end = Math.min(count, start + SEGMENT_LINES)
    segments.push(
      <Segment
        key={start}
        lines={lines.slice(start, end)}
        tokens={tokens.length > start ? tokens.slice(start, end) : undefined}
        last={end === count && !endsWithNewline}
      />,
    )
  }
  return <>{segments}</>
}

interface SegmentProps {
  lines: readonly string[]
  /** Tokens of the segment's first lines (maybe not all of them yet), or undefined when none has any. */
  tokens: readonly HighlightedLine[] | undefined
  last: boolean
}

const Segment = memo(function Segment({ lines, tokens, last }: SegmentProps) {
  return (
    <span data-rivulet="code-segment" style={segmentStyle}>
      {lines.map((text, index) => (
        // The newline lives inside its line, so textContent and copied text stay whole
        // whether a stylesheet lays lines out inline or as blocks (a block's trailing
        // newline adds no extra line).
        <CodeLine key={index} text={text} tokens={tokens?.[index]} newline={!(last && index === lines.length - 1)} />
      ))}
    </span>
  )
}, sameSegment)

interface CodeLineProps {
  text: string
  /** The line's tokens once it is coloured; until then it shows `text`. */
  tokens: HighlightedLine | undefined
  newline: boolean
}

/**
 * One line, memoised on its text and tokens (the same objects for as long as the line is
 * unchanged): colouring the next line, or a token arriving below, never renders it again.
 * React renders the line element and its newline; a coloured line's token spans are written
 * into it once, before the newline, in the same commit (see `writeTokens` for why they are
 * not React elements). On the server (a highlight already cached there) they are React
 * elements with the same colours; the browser's first render never has a highlight yet.
 */
const CodeLine = memo(function CodeLine({ text, tokens, newline }: CodeLineProps) {
  const element = useRef<HTMLSpanElement>(null)
  // No effect cleanup: a line that unmounts takes its spans with it, and removing them one by
  // one first cost as much as writing them.
  useIsomorphicLayoutEffect(() => {
    const line = element.current
    if (!line) return
    // New tokens for the same line (a block coloured again): the old spans go first. The
    // line's only element children are spans written here, so the DOM says whether there are any.
    if (line.firstElementChild) clearTokens(line)
    if (tokens) writeTokens(line, tokens)
  }, [tokens])
  return (
    <span data-rivulet="code-line" ref={element}>
      {tokens ? (onServer ? <ServerTokens tokens={tokens} /> : null) : text}
      {newline ? '\n' : null}
    </span>
  )
})

function ServerTokens({ tokens }: { tokens: HighlightedLine }) {
  return (
    <>
      {tokens.map((token, index) => (
        <span key={index} style={token.style as CSSProperties}>
          {token.content}
        </span>
      ))}
    </>
  )
}

// Slices are fresh arrays on every render; what matters is whether their items changed.
function sameSegment(previous: SegmentProps, next: SegmentProps): boolean {
  return (
    previous.last === next.last &&
    sameItems(previous.lines, next.lines) &&
    sameItems(previous.tokens, next.tokens)
  )
}

function sameItems<T>(a: readonly T[] | undefined, b: readonly T[] | undefined): boolean {
  if (a === b) return true
  if (!a || !b || a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}
