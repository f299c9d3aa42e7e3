import type { Nodes, Parent, Root, RootContent } from 'mdast'

/** Parents whose children are blocks: raw HTML there becomes a paragraph of text, not a bare text node. */
const FLOW_PARENTS = new Set(['root', 'blockquote', 'listItem', 'footnoteDefinition'])

/**
 * A remark plugin that turns raw HTML into visible text. react-markdown without
 * `rehype-raw` never creates elements from HTML, but it silently drops it; showing it
 * as text is what a reader of a chat expects (`<script>` in an answer is usually the
 * topic, not an attack). The walk is iterative so deep trees cannot overflow the stack.
 *
 * @example
 * <Markdown remarkPlugins={[remarkGfm, remarkHtmlAsText]}>{'<b>hi</b>'}</Markdown>
 * // <p>&lt;b&gt;hi&lt;/b&gt;</p>
 */
export function remarkHtmlAsText() {
  return (tree: Root): undefined => {
    const stack: Nodes[] = [tree]
    while (stack.length > 0) {
      const node = stack.pop() as Nodes
      if (!('children' in node)) continue
      const parent = node as Parent
      parent.children.forEach((child, index) => {
        if (child.type !== 'html') {
          stack.push(child)
          return
        }
        const text = { type: 'text' as const, value: child.value, position: child.position }
        parent.children[index] = (
          FLOW_PARENTS.has(parent.type) ? { type: 'paragraph', children: [text], position: child.position } : text
        ) as RootContent
      })
    }
  }
}
