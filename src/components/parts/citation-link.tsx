import { memo, type MouseEvent } from 'react'
import type { SourcePart } from '../../core/state.ts'
import type { CitationScope } from './citation-scope.ts'
import { formatNumber } from '../labels/format.ts'
import { useLabels } from '../labels/labels-context.tsx'

export { CitationScopeContext, type CitationScope } from './citation-scope.ts'

/**
 * The name a source goes by: its title, else its host, else "Source n" (`n` already formatted).
 *
 * @example
 * sourceName({ type: 'source', id: 's', url: 'https://rhine.example/a' }, '2', (n) => `Source ${n}`) // 'rhine.example'
 */
export function sourceName(source: SourcePart, n: string, untitled: (index: string) => string): string {
  if (source.title?.trim()) return source.title.trim()
  if (source.url !== undefined) {
    try {
      return new URL(source.url).host
    } catch {
      // Not absolute: fall through to the number.
    }
  }
  return untitled(n)
}

/**
 * Moves to the list item without touching the page's URL (a hash change would reach the host
 * app's router), and takes focus there so keyboard and screen-reader users follow.
 */
function jumpTo(event: MouseEvent<HTMLAnchorElement>, id: string) {
  const target = event.currentTarget.ownerDocument.getElementById(id)
  if (target === null) return
  event.preventDefault()
  target.scrollIntoView?.({ block: 'nearest' })
  target.focus({ preventScroll: true })
}

/**
 * One citation marker: a superscript number linking to item `n` of the message's Sources
 * list (`scope.sources[n - 1]` must exist). Memoised on `n` and the scope: the streaming block
 * is rendered again on every token, and its markers then come back unchanged, so React skips
 * them instead of rebuilding each one.
 *
 * @example
 * <CitationMarker n={1} scope={{ idPrefix: 'm1-source-', sources }} />
 */
export const CitationMarker = memo(function CitationMarker({ n, scope }: { n: number; scope: CitationScope }) {
  const labels = useLabels()
  const source = scope.sources[n - 1]!
  const id = `${scope.idPrefix}${n}`
  const number = formatNumber(n, labels.locale)
  return (
    <sup data-rivulet="citation">
      <a href={`#${id}`} aria-label={labels.parts.citation(number, sourceName(source, number, labels.parts.untitledSource))} onClick={(event) => jumpTo(event, id)}>
        {number}
      </a>
    </sup>
  )
})
