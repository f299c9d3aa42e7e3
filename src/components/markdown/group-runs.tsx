import { memo, useLayoutEffect, useEffect, useRef, type ReactElement, type ReactNode } from 'react'
import { BLOCK_GROUP_SIZE } from './block-group.tsx'

const useIsomorphicLayoutEffect = typeof window === 'undefined' ? useEffect : useLayoutEffect

/** How many block groups share one {@link GroupRun}. */
export const GROUPS_PER_RUN = 16
const RUN_BLOCKS = GROUPS_PER_RUN * BLOCK_GROUP_SIZE

/**
 * Consecutive block groups, memoised as a whole and rendered without an element of its own
 * (the groups stay children of the markdown root). A settled run is handed the very same
 * element every render, so React skips it without visiting its groups: a token streamed
 * into a 1,000,000-character answer costs React a few runs, not every group.
 */
const GroupRun = memo(function GroupRun({ groups }: { groups: ReactNode[] }): ReactNode {
  return groups
})

interface RunCache {
  blocks: readonly string[]
  shared: readonly unknown[]
  runs: ReactElement[]
  /** Per run: it was built full, settled and outside `volatile`, so it may be reused. */
  sealed: boolean[]
}

/**
 * The block groups of `blocks[0 … count - 1]` in runs of {@link GROUPS_PER_RUN}: runs whose
 * blocks are unchanged since the last render (the same strings), that hold neither the last
 * block nor anything `volatile` says may change (the streaming block, a mounting gap), and
 * whose `shared` props are the same, are reused as they were. `renderGroup(start)` builds the
 * group of blocks `start … start + 31`.
 *
 * @example
 * const runs = useGroupRuns(blocks, count, [origins, components], (s, e) => streamingIndex >= s && streamingIndex < e, renderGroup)
 */
export function useGroupRuns(
  blocks: readonly string[],
  count: number,
  shared: readonly unknown[],
  volatile: (start: number, end: number) => boolean,
  renderGroup: (start: number) => ReactNode,
): ReactElement[] {
  const cache = useRef<RunCache | null>(null)
  const previous = cache.current
  const reusable = previous !== null && previous.shared.length === shared.length && previous.shared.every((value, i) => Object.is(value, shared[i]))
  let unchanged = 0
  if (reusable) {
    // Unchanged blocks are the very same strings (see the splitter): reference comparisons.
    const limit = Math.min(previous.blocks.length, blocks.length)
    while (unchanged < limit && previous.blocks[unchanged] === blocks[unchanged]) unchanged++
  }
  const runs: ReactElement[] = []
  const sealed: boolean[] = []
  for (let start = 0, run = 0; start < count; start += RUN_BLOCKS, run++) {
    const end = Math.min(start + RUN_BLOCKS, count)
    const settled = end === start + RUN_BLOCKS && end < count && !volatile(start, end)
    if (reusable && settled && previous.sealed[run] === true && end <= unchanged) {
      runs.push(previous.runs[run] as ReactElement)
      sealed.push(true)
      continue
    }
    const groups: ReactNode[] = []
    for (let group = start; group < end; group += BLOCK_GROUP_SIZE) groups.push(renderGroup(group))
    runs.push(<GroupRun key={run} groups={groups} />)
    sealed.push(settled)
  }
  useIsomorphicLayoutEffect(() => {
    cache.current = { blocks, shared, runs, sealed }
  })
  return runs
}
