import { createContext } from 'react'
import type { MessagePart, SourcePart } from '../../core/state.ts'

/*
 * What `Message` itself needs of citations, apart from the markers and the Sources list (which
 * load with the markdown pipeline and the message parts' chunk): the sources in order and the
 * context the markers read.
 */

/** What a message tells its citation markers: where its Sources list items are, and their titles. */
export interface CitationScope {
  /** Prefix of the list items' ids: item `n` is `${idPrefix}${n}`. */
  idPrefix: string
  /** The message's sources in list order (number `n` is `sources[n - 1]`). */
  sources: readonly SourcePart[]
}

/** Provided by `Message` around its parts when it has sources. */
export const CitationScopeContext = createContext<CitationScope | undefined>(undefined)

/**
 * The sources of a message in the order they first appear: their number in the Sources list is
 * their position here plus one. Returns the same array for the same parts (cheap to compare).
 *
 * @example
 * collectSources([{ type: 'source', id: 'a' }, { type: 'text', text: '' }]) // [{ type: 'source', id: 'a' }]
 */
export function collectSources(parts: readonly MessagePart[]): SourcePart[] {
  const sources: SourcePart[] = []
  for (const part of parts) if (part.type === 'source') sources.push(part)
  return sources
}
