import type { ComponentPropsWithoutRef } from 'react'
import type { Components, ExtraProps } from 'react-markdown'

/**
 * Markdown `components` whose paragraphs count their own renders, keyed by the paragraph's
 * first word: how the markdown tests see which blocks re-rendered.
 *
 * @example
 * const { renders, components } = countingParagraphs()
 * render(<StreamingMarkdown components={components}>{text}</StreamingMarkdown>)
 * renders.get('First') // 1
 */
export function countingParagraphs() {
  const renders = new Map<string, number>()
  const components: Components = {
    p({ node: _node, children, ...props }: ComponentPropsWithoutRef<'p'> & ExtraProps) {
      const key = String(Array.isArray(children) ? children[0] : children).split(' ')[0] ?? ''
      renders.set(key, (renders.get(key) ?? 0) + 1)
      return <p {...props}>{children}</p>
    },
  }
  return { renders, components }
}
