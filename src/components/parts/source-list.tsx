import { memo, useId, type ComponentPropsWithoutRef } from 'react'
import type { SourcePart } from '../../core/state.ts'
import { safeLinkHref } from '../../protocol/safe-url.ts'
import { formatNumber } from '../labels/format.ts'
import { useLabels } from '../labels/labels-context.tsx'
import { sourceName } from './citation-link.tsx'

/** Props of {@link SourceList}; the rest are spread on its `<section>`. */
export interface SourceListProps extends Omit<ComponentPropsWithoutRef<'section'>, 'children'> {
  /** The message's sources in order; item `n` gets the id `${idPrefix}${n}` for citation markers. */
  sources: readonly SourcePart[]
  idPrefix: string
  /** `target` of the links. Default `_blank`; `null` leaves it unset. */
  linkTarget?: string | null
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host
  } catch {
    return undefined
  }
}

/**
 * The compact numbered Sources list under an answer: each source's title (or host) as a link,
 * its host beside it, its quoted passage as the link's description. Every URL passes the same
 * rules as markdown links (`safeLinkHref`): a source whose URL is refused shows without a link.
 * Memoised on the sources themselves, so a token of the answer does not render it again.
 *
 * @example
 * <SourceList sources={message.parts.filter((p) => p.type === 'source')} idPrefix="m1-source-" />
 */
export const SourceList = memo(function SourceList({ sources, idPrefix, linkTarget = '_blank', ...rest }: SourceListProps) {
  const labels = useLabels()
  const headingId = useId()
  if (sources.length === 0) return null
  return (
    <section data-rivulet="sources" aria-labelledby={headingId} {...rest}>
      <div data-rivulet="sources-heading" id={headingId}>
        {labels.parts.sources}
      </div>
      <ol data-rivulet="source-list">
        {sources.map((source, index) => {
          const number = formatNumber(index + 1, labels.locale)
          const href = source.url === undefined ? undefined : safeLinkHref(source.url)
          const host = href === undefined ? undefined : hostOf(href)
          const name = sourceName(source, number, labels.parts.untitledSource)
          return (
            <li key={source.id} id={`${idPrefix}${index + 1}`} tabIndex={-1} data-rivulet="source" data-linked={href === undefined ? undefined : ''}>
              <span data-rivulet="source-number" aria-hidden="true">
                {number}
              </span>
              {href === undefined ? (
                <span data-rivulet="source-title">{name}</span>
              ) : (
                <a data-rivulet="source-title" href={href} target={linkTarget ?? undefined} rel="noopener noreferrer" title={source.snippet}>
                  {name}
                </a>
              )}
              {host !== undefined && host !== name ? <span data-rivulet="source-host">{host}</span> : null}
            </li>
          )
        })}
      </ol>
    </section>
  )
}, sameSources)

/** Equal when every prop is, and the sources are the same parts in the same order (a new array per token is fine). */
function sameSources(prev: SourceListProps, next: SourceListProps): boolean {
  const a = prev.sources
  const b = next.sources
  if (a.length !== b.length || a.some((source, i) => source !== b[i])) return false
  const keys = new Set([...Object.keys(prev), ...Object.keys(next)])
  keys.delete('sources')
  for (const key of keys) if (prev[key as keyof SourceListProps] !== next[key as keyof SourceListProps]) return false
  return true
}
