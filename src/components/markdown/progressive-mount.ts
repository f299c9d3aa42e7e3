/**
 * Blocks of a settled answer not rendered yet: `blocks[start … end - 1]`. Empty when
 * `start >= end`. Blocks before and after it are rendered; the gap shows as a placeholder
 * of about its height until background slices have rendered it.
 */
export interface BlockGap {
  start: number
  end: number
}

/** No gap: every block renders. */
export const NO_GAP: BlockGap = { start: 0, end: 0 }

/**
 * A message whose blocks hold more characters than this when it mounts (a restored answer of
 * 100,000 characters, not a short one) renders its start and its end at once and the rest in
 * background slices. Parsing markdown costs roughly its length: at this size one task would
 * pass 50 ms on a slow laptop.
 */
export const PROGRESSIVE_MIN_CHARS = 8_000

/**
 * Characters the first render spends on each end of the answer: about a screen of prose. The
 * start is what a page showing the answer from its top sees, the end what a chat scrolled to
 * the bottom sees; both show in the first frame, so neither sees a placeholder.
 */
export const FIRST_SCREEN_END_CHARS = 2_500

// A rough line model for the placeholder's height (the theme's 16 px text at 1.5 line height,
// a 760 px column, a block margin): only the scrollbar and how far content moves above the
// viewport (which scroll anchoring absorbs) depend on it.
const LINE_PX = 24
const CHARS_PER_LINE = 90
const BLOCK_PX = 12

/**
 * About how tall `blocks[start … end - 1]` will render, in pixels: wrapped lines of text
 * plus a margin per block.
 *
 * @example
 * estimateBlocksHeight(['Hello\n\n', '```\na\nb\n```\n'], 0, 2) // 144
 */
export function estimateBlocksHeight(blocks: readonly string[], start: number, end: number): number {
  let px = 0
  for (let i = start; i < end; i++) {
    const block = blocks[i] as string
    let from = 0
    let lines = 0
    while (from < block.length) {
      const newline = block.indexOf('\n', from)
      const to = newline === -1 ? block.length : newline
      // Blank lines are the block's separator: the margin stands for them.
      lines += Math.ceil((to - from) / CHARS_PER_LINE)
      from = to + 1
    }
    px += lines * LINE_PX + BLOCK_PX
  }
  return px
}

/**
 * `gap` within the first `count` items (blocks or pieces may have gone since it was set):
 * `gap` itself when it fits, {@link NO_GAP} when nothing of it is left.
 *
 * @example
 * clampGap({ start: 2, end: 9 }, 5) // { start: 2, end: 5 }
 */
export function clampGap(gap: BlockGap, count: number): BlockGap {
  const start = Math.min(gap.start, count)
  const end = Math.min(gap.end, count)
  return start < end ? (start === gap.start && end === gap.end ? gap : { start, end }) : NO_GAP
}

/**
 * The gap a settled answer of `count` blocks mounts with: the first and the last blocks
 * within {@link FIRST_SCREEN_END_CHARS} each (at least one each) render at once, the rest
 * later. No gap for a short answer.
 *
 * @example
 * initialGap(blocks, blocks.length) // { start: 3, end: 410 } for a 1,000,000-character answer
 */
export function initialGap(blocks: readonly string[], count: number, endChars = FIRST_SCREEN_END_CHARS, minChars = PROGRESSIVE_MIN_CHARS): BlockGap {
  let total = 0
  for (let i = 0; i < count && total <= minChars; i++) total += (blocks[i] as string).length
  if (total <= minChars) return NO_GAP
  let start = 0
  for (let spent = 0; start < count && (start === 0 || spent + (blocks[start] as string).length <= endChars); start++) {
    spent += (blocks[start] as string).length
  }
  let end = count
  for (let spent = 0; end > start && (end === count || spent + (blocks[end - 1] as string).length <= endChars); end--) {
    spent += (blocks[end - 1] as string).length
  }
  return start < end ? { start, end } : NO_GAP
}

/**
 * The gap after the next background slice renders about `budgetChars` characters of it,
 * from its end backwards (at least one block): next to the end a chat shows first, so what
 * arrives lands just above what the reader sees, where scroll anchoring keeps it still.
 *
 * @example
 * shrinkGap(blocks, { start: 3, end: 410 }, 2_000) // { start: 3, end: 391 }
 */
export function shrinkGap(blocks: readonly string[], gap: BlockGap, budgetChars: number): BlockGap {
  let end = gap.end
  let spent = 0
  while (end > gap.start && (end === gap.end || spent + (blocks[end - 1] as string).length <= budgetChars)) {
    end--
    spent += (blocks[end] as string).length
  }
  return end > gap.start ? { start: gap.start, end } : NO_GAP
}

/**
 * Most characters one step of a mounting slice renders, whatever the measured speed says.
 * Speeds differ by block kind: a fence renders as plain lines at thousands of characters per
 * millisecond, prose parses at a few hundred, so a speed measured on fences, applied to prose,
 * made one slice of a 1,000,000-character answer a 60 ms task. With steps each timed, a
 * misjudged speed costs at most one step (about 5 ms of prose on a laptop).
 */
export const MAX_STEP_CHARS = 1_500

/**
 * The gap after the next step of a slice with `remainingMs` of its budget left at
 * `charsPerMs`: {@link shrinkGap} by that many characters, never more than
 * {@link MAX_STEP_CHARS} (and at least one block).
 *
 * @example
 * stepGap(blocks, { start: 3, end: 410 }, 8, 10_000) // renders about 1,500 characters, not 80,000
 */
export function stepGap(blocks: readonly string[], gap: BlockGap, remainingMs: number, charsPerMs: number): BlockGap {
  return shrinkGap(blocks, gap, Math.min(MAX_STEP_CHARS, Math.max(1, remainingMs) * charsPerMs))
}

/**
 * Characters of `blocks[start … end - 1]`.
 *
 * @example
 * charsBetween(['ab', 'c'], 0, 2) // 3
 */
export function charsBetween(blocks: readonly string[], start: number, end: number): number {
  let total = 0
  for (let i = start; i < end; i++) total += (blocks[i] as string).length
  return total
}
