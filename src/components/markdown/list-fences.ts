/** A list item's marker line: its indentation, marker and the spaces before its content. */
const LIST_ITEM = /^( *)([-+*]|\d{1,9}[.)])(?:( {1,4})(?=\S)| *$)/
/** A fence line at any indentation (spaces only): the run of fence characters and what follows. */
const FENCE_LINE = /^( *)(`{3,}|~{3,})(.*)$/

/**
 * Where a list item's content starts (the column its continuation lines must reach), or
 * `undefined` when `line` is not a list item.
 *
 * @example
 * listContentIndent('- item') // 2
 * listContentIndent('  10. item') // 6
 */
export function listContentIndent(line: string): number | undefined {
  const match = LIST_ITEM.exec(line)
  if (!match) return undefined
  // A marker alone on its line has its content one column after it.
  return (match[1] as string).length + (match[2] as string).length + (match[3]?.length ?? 1)
}

/** A fence opened inside a list item: its indentation, marker and the item's content column. */
export interface ListFence {
  /** Spaces before the opening fence. */
  indent: number
  /** The fence characters as opened. */
  marker: string
  /** The content column of the list item holding it. */
  itemIndent: number
}

/**
 * Reads `line` as the opener of a fence inside a list item whose content starts at
 * `itemIndent` (it may be indented up to 3 columns past it), or `undefined`.
 *
 * @example
 * matchListFenceOpen('    ```py', 4) // { indent: 4, marker: '```', itemIndent: 4 }
 */
export function matchListFenceOpen(line: string, itemIndent: number): ListFence | undefined {
  const match = FENCE_LINE.exec(line)
  if (!match) return undefined
  const indent = (match[1] as string).length
  const marker = match[2] as string
  if (indent < itemIndent || indent > itemIndent + 3) return undefined
  if (marker[0] === '`' && (match[3] as string).includes('`')) return undefined
  return { indent, marker, itemIndent }
}

/** True when `line`, whatever its indentation, is only a run of the fence's character as long as its marker or longer. */
export function isBareCloser(line: string, marker: string): boolean {
  const match = FENCE_LINE.exec(line)
  return match !== null && (match[2] as string)[0] === marker[0] && (match[2] as string).length >= marker.length && (match[3] as string).trim() === ''
}

const leadingSpaces = (line: string): number => line.length - line.replace(/^ +/, '').length

/**
 * Lines up a list item's code fence with the closer a model meant for it. Models often open
 * a fence inside a list item (indented under `- item`) and close it at column 0; in
 * CommonMark that closer is outside the item, so it ends the list and opens a new, empty
 * fence that swallows the rest of the block (the next items render as code), and while the
 * fence streams its repair closer would do the same. Such a closer (a bare fence, less
 * indented than the opener, while the fence is open) is indented to the opener's column
 * here, so the fence closes inside its item. Every other line is left as it is, and text
 * without a list or a fence is returned unchanged, cheaply.
 *
 * @example
 * alignListFences('- a\n  ```sh\n  ls\n```\n- b') // '- a\n  ```sh\n  ls\n  ```\n- b'
 */
export function alignListFences(text: string): string {
  if (!text.includes('```') && !text.includes('~~~')) return text
  const lines = text.split('\n')
  let itemIndent: number | undefined
  let fence: ListFence | undefined
  let changed = false
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string
    const spaces = leadingSpaces(line)
    if (fence) {
      if (isBareCloser(line, fence.marker) && spaces <= fence.indent + 3) {
        if (spaces < fence.indent) {
          lines[i] = ' '.repeat(fence.indent) + line.trimStart()
          changed = true
        }
        fence = undefined
        continue
      }
      // A less indented line ends the item, and the fence with it: CommonMark's reading
      // stands, and the line is read afresh below.
      if (line.trim() === '' || spaces >= fence.itemIndent) continue
      fence = undefined
      itemIndent = undefined
    }
    if (line.trim() === '') continue
    const content = listContentIndent(line)
    if (content !== undefined) {
      // The item's first line may itself open a fence (`- ```sh`): left to the parser.
      itemIndent = content
      continue
    }
    if (itemIndent === undefined) continue
    fence = matchListFenceOpen(line, itemIndent)
    if (!fence && spaces < itemIndent) itemIndent = undefined
  }
  return changed ? lines.join('\n') : text
}
