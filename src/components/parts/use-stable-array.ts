import { useRef } from 'react'

/**
 * The previous array while `next` holds the same items in the same order, else `next`: a list
 * rebuilt on every render (the sources of a streaming message) keeps its identity for memos.
 *
 * @example
 * const sources = useStableArray(message.parts.filter(isSource))
 */
export function useStableArray<T>(next: readonly T[]): readonly T[] {
  const previous = useRef(next)
  const last = previous.current
  if (last !== next && (last.length !== next.length || last.some((item, i) => item !== next[i]))) previous.current = next
  return previous.current
}
