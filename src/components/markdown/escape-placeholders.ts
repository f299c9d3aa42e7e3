import type { Root } from 'mdast'

/** Private-use code points standing for escaped ASCII punctuation: U+E000 + the character's code. */
const BASE = 0xe000
// Every ASCII punctuation but the backtick: in a code span a backslash is literal and the backtick after it still closes the span.
const ESCAPE = /\\([!-/:-@[-_{-~])/g
const PLACEHOLDER = /[\ue021-\ue07e]/g
/** Below this many escapes a block is parsed as written: the parser handles a few escapes cheaply. */
const MANY_ESCAPES = 512

/**
 * Replaces backslash escapes of ASCII punctuation (`\[`, `\*`) with private-use
 * placeholders when a block has hundreds of them. micromark gives every escape its own
 * token and its cost grows faster than their number (10,000 `\[`: 400 ms), which is
 * exactly what `limitNesting` produces from hostile nesting. A placeholder is plain text to
 * the parser, just as the escaped character is; {@link remarkRestoreEscapes} turns it back
 * after parsing. Ordinary text is returned unchanged.
 *
 * @example
 * escapesToPlaceholders('\\['.repeat(600)).includes('\\') // false
 */
export function escapesToPlaceholders(text: string): string {
  let count = 0
  for (let i = text.indexOf('\\'); i !== -1 && count < MANY_ESCAPES; i = text.indexOf('\\', i + 2)) count++
  if (count < MANY_ESCAPES) return text
  return text.replace(ESCAPE, (_, char: string) => String.fromCharCode(BASE + char.charCodeAt(0)))
}

interface Node {
  type: string
  value?: string
  url?: string
  title?: string | null
  children?: Node[]
}

const restoreChar = (placeholder: string) => String.fromCharCode(placeholder.charCodeAt(0) - BASE)
// Where an escape is not an escape (code, raw HTML), the backslash was part of the text.
const restoreEscape = (placeholder: string) => '\\' + restoreChar(placeholder)

function restore(node: Node): void {
  if (typeof node.value === 'string') {
    const literal = node.type === 'inlineCode' || node.type === 'code' || node.type === 'html'
    node.value = node.value.replace(PLACEHOLDER, literal ? restoreEscape : restoreChar)
  }
  if (typeof node.url === 'string') node.url = node.url.replace(PLACEHOLDER, restoreChar)
  if (typeof node.title === 'string') node.title = node.title.replace(PLACEHOLDER, restoreChar)
  if (node.children) for (const child of node.children) restore(child)
}

/**
 * remark plugin: turns the placeholders of {@link escapesToPlaceholders} back into the
 * characters they stand for (with their backslash inside code and HTML, where an escape is
 * literal). Walks the tree only when the text had placeholders.
 *
 * @example
 * <Markdown remarkPlugins={[remarkRestoreEscapes]}>{escapesToPlaceholders(text)}</Markdown>
 */
export function remarkRestoreEscapes() {
  return (tree: Root, file: { value?: unknown }): undefined => {
    if (typeof file.value === 'string' && !PLACEHOLDER.test(file.value)) return
    PLACEHOLDER.lastIndex = 0
    restore(tree as unknown as Node)
  }
}
