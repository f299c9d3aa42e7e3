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
