/**
 * Characters of newly shown blocks one render of a message may add. Parsing markdown costs
 * about its length, so this bounds the task: ~4,000 characters is a few milliseconds on a
 * laptop, and three times what a stream of 12,000 tokens/s brings per frame, so a message
 * behind the stream catches up within frames.
 */
export const REVEAL_BUDGET_CHARS = 4_000

/**
 * How many of `blocks` the next render shows, when the last one showed `shown` of them
 * (`undefined`: nothing rendered yet, so everything shows, as a restored message does).
 * Blocks already shown stay shown; new blocks are added while their characters fit in
 * `budget`, and at least one is, so the message always moves forward. When text arrives
 * faster than a frame can parse it (a slow device, a tab that was busy, a huge chunk at
 * once), the message shows it over the next frames instead of in one long task that would
 * make the next frame's batch larger still.
 *
 * @example
 * revealCount(['a\n\n', 'b\n\n', 'c'], 1, 3) // 2: 'b\n\n' is added, 'c' would pass the budget
 */
export function revealCount(blocks: readonly string[], shown: number | undefined, budget = REVEAL_BUDGET_CHARS): number {
  if (shown === undefined || shown >= blocks.length) return blocks.length
  let count = shown
  let added = 0
  while (count < blocks.length && (count === shown || added + (blocks[count] as string).length <= budget)) {
    added += (blocks[count] as string).length
    count++
  }
  return count
}
