import { createElement, useCallback, useContext, useEffect, useState, useSyncExternalStore, type ComponentType, type Context, type ReactNode } from 'react'
import { loadFailure } from '../../core/lazy-chunk.ts'
import { useLabels } from '../labels/labels-context.tsx'
import type { PartsChunk } from './parts-chunk.ts'

/**
 * A chunk's module for a component: `undefined` until it has loaded (the component re-renders
 * when it lands), the failure of the last attempt, and a retry. A view mounted while the chunk
 * is missing starts its load (once per mount: retrying on every render would hammer a failing
 * network).
 *
 * @example
 * const { module, failure, retry } = useChunk(chunk)
 */
export function useChunk<T>(chunk: PartsChunk<T>): { module: T | undefined; failure: string | undefined; retry: () => void } {
  const module = useSyncExternalStore(chunk.subscribe, chunk.current, chunk.current)
  const [failure, setFailure] = useState<string | undefined>(undefined)
  const retry = useCallback(() => {
    setFailure(undefined)
    chunk.load().catch((error: unknown) => setFailure(loadFailure(error)))
  }, [chunk])
  const missing = module === undefined
  useEffect(() => {
    if (missing) retry()
  }, [chunk])
  return { module, failure, retry }
}

/** Says that a part of the page could not be loaded, with Retry; the message's data is untouched. */
export function PartLoadFailed({ failure, onRetry }: { failure: string; onRetry: () => void }) {
  const labels = useLabels()
  return (
    <span role="alert" data-rivulet="part-load-failed" title={failure}>
      {labels.parts.loadFailed}{' '}
      <button type="button" data-rivulet="part-load-retry" onClick={onRetry}>
        {labels.retry}
      </button>
    </span>
  )
}

/**
 * A component whose code is in a lazy chunk: it renders `pick(module)` once the chunk (read from
 * `context`, so a test can hold it back or fail it) has loaded, and `Fallback` until then, laid
 * out like the real one as far as the props allow. A failed load shows the fallback and
 * {@link PartLoadFailed}: nothing of the message is lost, and Retry loads again.
 *
 * @example
 * const LazyEditor = lazyView(ExtrasContext, (m) => m.MessageEditor, EditorFallback)
 */
export function lazyView<P extends object, T>(context: Context<PartsChunk<T>>, pick: (module: T) => ComponentType<P>, Fallback: (props: P) => ReactNode): ComponentType<P> {
  return function LazyView(props: P) {
    const { module, failure, retry } = useChunk(useContext(context))
    if (module !== undefined) return createElement(pick(module), props)
    return (
      <>
        {createElement(Fallback, props)}
        {failure !== undefined ? <PartLoadFailed failure={failure} onRetry={retry} /> : null}
      </>
    )
  }
}
