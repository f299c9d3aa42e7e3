import { cdp } from 'vitest/browser'

/** One node of Chromium's accessibility tree as the DevTools protocol gives it (the fields read here). */
export interface AxNode {
  nodeId: string
  ignored?: boolean
  role?: { value?: string }
  name?: { value?: string }
  childIds?: string[]
  backendDOMNodeId?: number
}

interface FrameTree {
  frame: { id: string; url: string }
  childFrames?: FrameTree[]
}

const framesOf = (tree: FrameTree): FrameTree[] => [tree, ...(tree.childFrames ?? []).flatMap(framesOf)]

/**
 * Chromium's whole accessibility tree of the frame the test runs in (a frame of the runner's
 * page: the tree asked for is that frame's, found by its URL), read over the DevTools protocol
 * with `Accessibility.getFullAXTree`: the tree Chromium serialises for assistive technology.
 *
 * @example
 * const nodes = await accessibilityTree()
 * headingNames(nodes) // ['Section 1', …]
 */
export async function accessibilityTree(): Promise<AxNode[]> {
  const session = cdp()
  const { frameTree } = (await session.send('Page.getFrameTree')) as { frameTree: FrameTree }
  const ours = framesOf(frameTree).find((tree) => tree.frame.url === location.href)
  if (!ours) throw new Error(`no frame with url ${location.href} in the DevTools frame tree`)
  const { nodes } = (await session.send('Accessibility.getFullAXTree', { frameId: ours.frame.id })) as { nodes: AxNode[] }
  return nodes
}

/**
 * The accessible names of the tree's headings that are not ignored, in tree order.
 *
 * @example
 * expect(headingNames(await accessibilityTree())).toContain('Section 40')
 */
export function headingNames(nodes: readonly AxNode[]): string[] {
  return nodes.filter((node) => !node.ignored && node.role?.value === 'heading').map((node) => node.name?.value ?? '')
}

/**
 * Every text an assistive technology can read (the names of the tree's `StaticText` nodes that
 * are not ignored), joined by newlines: search it for a piece of content.
 *
 * @example
 * expect(exposedText(await accessibilityTree())).toContain('marker0x')
 */
export function exposedText(nodes: readonly AxNode[]): string {
  return nodes
    .filter((node) => !node.ignored && node.role?.value === 'StaticText')
    .map((node) => node.name?.value ?? '')
    .join('\n')
}

/**
 * Resolves once Chromium has decided whether `element` is skipped: if one of its ancestors has
 * `content-visibility: auto`, when `element` is skipped (Chromium decides a few frames after a
 * scroll, at its own pace: no bound but the generous timeout, after which it resolves anyway and
 * the test checks what it sees); otherwise after ten frames, which is also what a box that is
 * itself `content-visibility: auto` gets (its own visibility never reads as skipped). Returns
 * whether it saw `element` skipped, so a test can say which case it checked.
 *
 * @example
 * await settleSkipping(firstHeading) // true on a theme that skips off-screen groups
 */
export async function settleSkipping(element: Element, timeout = 60_000): Promise<boolean> {
  let skippable = false
  for (let node = element.parentElement; node; node = node.parentElement) {
    if (getComputedStyle(node).contentVisibility === 'auto') skippable = true
  }
  const started = performance.now()
  for (let frames = 0; ; frames++) {
    if (skippable && !element.checkVisibility({ contentVisibilityAuto: true })) return true
    if (skippable ? performance.now() - started > timeout : frames >= 10) return false
    await new Promise((resolve) => requestAnimationFrame(resolve))
  }
}
