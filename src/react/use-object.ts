'use client'
import { useEffect, useLayoutEffect, useState, useSyncExternalStore } from 'react'
import type { ChatMetrics } from '../core/metrics.ts'
import { createObjectClient, type ObjectClient, type ObjectClientOptions } from '../core/object/object-client.ts'
import type { DeepPartial, ObjectError, ObjectStatus } from '../core/object/object-state.ts'

export interface UseObjectOptions<T> extends ObjectClientOptions<T> {
  /** Use this client instead of making one (several components sharing one stream). */
  client?: ObjectClient<T>
}

export interface UseObjectResult<T> {
  /** The object so far: fields appear as they arrive; unchanged fields keep their identity. Kept after an error or a stop. */
  object: DeepPartial<T> | undefined
  error: ObjectError | undefined
  status: ObjectStatus
  /** True while a stream is in flight (submitted, streaming or reconnecting). */
  isLoading: boolean
  metrics: ChatMetrics
  submit: (input: unknown) => Promise<void>
  stop: () => void
  clear: () => void
  /** Resumes a broken Rivulet stream, when `error.resumable`. */
  continueStream: () => Promise<void>
  /** @deprecated Use `continueStream` (`continue` is a reserved word: it cannot be destructured). */
  continue: () => Promise<void>
  client: ObjectClient<T>
}

// Layout effects warn during server rendering; plain effects are fine there.
const useIsomorphicLayoutEffect = typeof window === 'undefined' ? useEffect : useLayoutEffect

/**
 * Structured output as React state: a thin `useSyncExternalStore` adapter over
 * `createObjectClient`. The object is rebuilt at most once per animation frame with structural
 * sharing, so a memoised child rendering one field does not re-render while another grows.
 * Callbacks may change on every render; transport options are read once.
 *
 * @example
 * const { object, submit, isLoading, stop } = useObject({ api: '/api/recipe', schema: Recipe })
 * return <form onSubmit={() => submit({ dish })}>{object?.name ?? <Skeleton />}</form>
 */
export function useObject<T = unknown>(options: UseObjectOptions<T> = {}): UseObjectResult<T> {
  const [own] = useState(() => (options.client ? undefined : createObjectClient<T>(options)))
  const client = options.client ?? own!
  const state = useSyncExternalStore(client.subscribe, client.getSnapshot, client.getSnapshot)
  const metrics = useSyncExternalStore(client.metrics.subscribe, client.metrics.getSnapshot, client.metrics.getSnapshot)

  const { onFinish, onError } = options
  useIsomorphicLayoutEffect(() => {
    client['~setCallbacks']({ onFinish, onError })
  })
  useEffect(() => {
    client['~recordCommit']()
  })
  // Unmount aborts the stream; the client stays usable, which StrictMode's remount needs.
  useEffect(() => () => own?.stop(), [own])

  return {
    object: state.object,
    error: state.error,
    status: state.status,
    isLoading: state.status === 'submitted' || state.status === 'streaming' || state.status === 'reconnecting',
    metrics,
    submit: client.submit,
    stop: client.stop,
    clear: client.clear,
    continueStream: client.continueStream,
    continue: client.continueStream,
    client,
  }
}
