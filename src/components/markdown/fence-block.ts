import { closesFence, matchFenceOpen } from './fence.ts'

/** A block that is one fenced code block and nothing else, read without the markdown parser. */
export interface FenceBlock {
  /** First word of the info string, as react-markdown's `language-*` class would give it. */
  language: string | undefined
  /**
   * The code between the fences, without a final newline; except while an open fence
   * streams, when a final newline means its last line is finished.
   */
  code: string
  /** False while the fence is still open in a streaming message. */
  complete: boolean
}

/** Lines that only the parser reads right: entities or escapes in the info string, CR line ends, NUL. */
const NEEDS_PARSER = /[\\&]/

/**
 * Reads a block that is exactly one fenced code block (an unindented opening fence, the
 * code, a closing fence or the end of the text, then only blank lines) straight into its
 * parts: the same result react-markdown gives, without parsing thousands of lines of code
 * as markdown on every token. `undefined` for anything else; the caller parses those.
 * While `streaming`, an open fence is being written: a closer being typed (`` ` `` or
 * ` `` ` of a ```` ``` ```` fence) is not shown as a code line, and the code keeps its
 * final newline (the last line is finished: see `CodeBlock`'s `code`).
 *
 * @example
 * readFenceBlock('```ts\nlet a = 1\n```\n\n', false) // { language: 'ts', code: 'let a = 1', complete: true }
 * readFenceBlock('```py\nx = 1\n``', true) // { language: 'py', code: 'x = 1\n', complete: false }
 * readFenceBlock('```py\nx = 1', true) // { language: 'py', code: 'x = 1', complete: false }
 */
export function readFenceBlock(text: string, streaming: boolean): FenceBlock | undefined {
  if ((text[0] !== '`' && text[0] !== '~') || text.includes('\r') || text.includes('\0')) return undefined
  const firstEnd = text.indexOf('\n')
  const opener = firstEnd === -1 ? text : text.slice(0, firstEnd)
  const marker = matchFenceOpen(opener)
  if (!marker) return undefined
  const info = opener.slice(marker.length).trim()
  if (NEEDS_PARSER.test(info)) return undefined
  const language = info === '' ? undefined : info.split(/[ \t]/, 1)[0]
  if (firstEnd === -1) return { language, code: '', complete: !streaming }

  const bodyStart = firstEnd + 1
  let lineStart = bodyStart
  for (;;) {
    const newline = text.indexOf('\n', lineStart)
    const lineEnd = newline === -1 ? text.length : newline
    // Only a line led by the fence character can close it: the others are not sliced (a 3,000-line fence is read on every token).
    if (ledBy(text, lineStart, marker) && closesFence(text.slice(lineStart, lineEnd), marker)) {
      // Only blank lines may follow, or the block is more than this fence.
      if (text.slice(lineEnd).trim() !== '') return undefined
      return { language, code: text.slice(bodyStart, Math.max(bodyStart, lineStart - 1)), complete: true }
    }
    if (newline === -1) break
    lineStart = newline + 1
  }

  // Still open: the code runs to the end of the text. While it streams, a final newline
  // stays: it says the last line is finished, so the code block colours it in this frame
  // rather than when the next character arrives (the block shows no empty line for it).
  let end = text.length
  if (!streaming && text.endsWith('\n')) end--
  else if (streaming && lineStart > bodyStart && isCloserBeingTyped(text.slice(lineStart), marker)) end = lineStart
  return { language, code: text.slice(bodyStart, Math.max(bodyStart, end)), complete: !streaming }
}

/** True when the line at `start` begins, after up to 3 spaces, with the fence's character. */
function ledBy(text: string, start: number, marker: string): boolean {
  let i = start
  while (i < start + 3 && text[i] === ' ') i++
  return text[i] === marker[0]
}

/**
 * True when `line`, the last line of an open fence, is its closing fence being typed: up to
 * 3 spaces, then only the fence character (fewer than the fence needs).
 *
 * @example
 * isCloserBeingTyped('``', '```') // true
 * isCloserBeingTyped('`a', '```') // false
 */
export function isCloserBeingTyped(line: string, marker: string): boolean {
  const char = marker[0] as string
  return line.trim() !== '' && /^ {0,3}$/.test(line.replaceAll(char, '')) && !line.trimStart().includes(' ')
}

/**
 * True when an open fence's last code line is finished in `text` (which ends inside the
 * fence, opened at offset `start` with `marker`): the text ends with a newline after at
 * least one code line, or a closer is being typed on the line after one. The parsed path's
 * answer to what {@link readFenceBlock} keeps as the code's final newline.
 *
 * @example
 * openFenceLineFinished('```ts\nlet a\n', 0, '```') // true
 * openFenceLineFinished('```ts\nlet a', 0, '```') // false
 * openFenceLineFinished('```ts\n', 0, '```') // false: no code line yet
 */
export function openFenceLineFinished(text: string, start: number, marker: string): boolean {
  const openerEnd = text.indexOf('\n', start)
  if (openerEnd === -1) return false
  const lastNewline = text.lastIndexOf('\n')
  if (lastNewline === text.length - 1) return lastNewline > openerEnd
  // The last line is a closer being typed: the line before it is finished (if it is a code line).
  return lastNewline > openerEnd && isCloserBeingTyped(text.slice(lastNewline + 1), marker)
}
