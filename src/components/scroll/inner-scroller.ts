const SCROLLABLE = /^(auto|scroll|overlay)$/

/**
 * Whether an upward wheel or drag starting at `target` is taken by a scrollable element
 * nested inside `container` (a tall tool result, a code block with its own scrollbar)
 * rather than by the container itself. Such a gesture scrolls the inner element, so it
 * must not unpin the message list.
 *
 * @example
 * if (!innerScrollerCanScrollUp(event.target, viewport)) detach()
 */
export function innerScrollerCanScrollUp(target: EventTarget | null, container: Element): boolean {
  let node = target instanceof Element ? target : null
  while (node && node !== container) {
    if (node.scrollTop > 0 && node.scrollHeight > node.clientHeight) {
      const view = node.ownerDocument.defaultView
      const overflowY = view ? view.getComputedStyle(node).overflowY : ''
      if (SCROLLABLE.test(overflowY)) return true
    }
    node = node.parentElement
  }
  return false
}
