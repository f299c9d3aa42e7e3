const DEFINITION = /^ {0,3}\[(?!\^)(?:[^\]\\\n]|\\.)+\]:[ \t]*\S/

/** Remembers the link reference definitions of the blocks it has seen, see {@link createDefinitionCollector}. */
export interface DefinitionCollector {
  /** The definition lines of `blocks[0 … settled - 1]`, joined by newlines. */
  collect(blocks: readonly string[], settled: number): string
}

function definitionsOf(block: string): string[] {
  if (!DEFINITION.test(block)) return []
  return block.split('\n').filter((line) => DEFINITION.test(line))
}

/**
 * Link reference definitions (`[r]: https://…`) of a message's settled blocks. Blocks
 * render separately, so a `[text][r]` in one block needs the definitions of the others.
 * The streaming block is left out (its URL may be half written), and so are footnote
 * definitions (`[^1]:`): each block would grow its own footnote list.
 *
 * Settled blocks do not change while a message streams, so each block is scanned once:
 * a token costs a comparison of string references per settled block, not a scan of the
 * message. A block that did change (an edit, a re-split) is scanned again, with every
 * block after it.
 *
 * @example
 * const definitions = createDefinitionCollector()
 * definitions.collect(['See [docs][d].\n\n', '[d]: https://example.com\n\n', 'More'], 2)
 * // '[d]: https://example.com'
 */
export function createDefinitionCollector(): DefinitionCollector {
  const scanned: string[] = []
  // lineCounts[i]: how many definition lines blocks 0…i hold together.
  const lineCounts: number[] = []
  const lines: string[] = []
  let joined = ''

  return {
    collect(blocks, settled) {
      const limit = Math.min(settled, scanned.length)
      let same = 0
      // Unchanged blocks are the very same strings, so this is a reference comparison each.
      while (same < limit && blocks[same] === scanned[same]) same++
      const before = lines.length
      if (same < scanned.length) {
        scanned.length = same
        lineCounts.length = same
        lines.length = same === 0 ? 0 : (lineCounts[same - 1] as number)
      }
      let changed = lines.length !== before
      for (let i = same; i < settled; i++) {
        const block = blocks[i] as string
        const found = definitionsOf(block)
        if (found.length > 0) {
          lines.push(...found)
          changed = true
        }
        scanned.push(block)
        lineCounts.push(lines.length)
      }
      if (changed) joined = lines.join('\n')
      return joined
    },
  }
}
