import type { ComponentPropsWithoutRef } from 'react'

/** Props of {@link CodeBlock}. */
export interface CodeBlockProps extends Omit<ComponentPropsWithoutRef<'pre'>, 'children'> {
  /** The source text, without the fence lines. */
  code: string
  /** The fence's info string language (`ts`, `python`…), if any. */
  language?: string
  /** False while the fence is still open in a streaming message. */
  complete?: boolean
}

/**
 * A fenced code block. Placeholder shape (plain `<pre><code>`) until the code-block
 * family lands; the owner of `src/components/code-block/` replaces the inside.
 *
 * @example
 * <CodeBlock code={'const a = 1\n'} language="ts" complete />
 */
export function CodeBlock({ code, language, complete = true, ...rest }: CodeBlockProps) {
  return (
    <pre
      data-rivulet="code-block"
      data-language={language}
      data-state={complete ? 'complete' : 'streaming'}
      {...rest}
    >
      <code>{code}</code>
    </pre>
  )
}
