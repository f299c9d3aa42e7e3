import type { ChatErrorCode } from '../../protocol/events.ts'
import type { StandardSchemaIssue } from './standard-schema.ts'

/**
 * A value still arriving: every field may be missing, and arrays may end with an unfinished
 * element (`completeElements` gives the finished ones).
 */
export type DeepPartial<T> = T extends readonly (infer E)[]
  ? DeepPartial<E>[]
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T

/** `idle → submitted → streaming → ready | error`, plus `reconnecting` while a Rivulet stream resumes. */
export type ObjectStatus = 'idle' | 'submitted' | 'streaming' | 'reconnecting' | 'ready' | 'error'

/**
 * Why an object stream failed. Besides the chat codes (`http`, `network`, `timeout`,
 * `rate_limited`, provider errors…): `invalid_json` (the text cannot be JSON, is nested too
 * deeply, or ended mid-value) and `schema` (the finished object does not match the schema).
 */
export interface ObjectError {
  code: ChatErrorCode | 'invalid_json' | 'schema'
  message: string
  /** The stream can be picked up where it broke (Rivulet streams with a `streamId`). */
  resumable: boolean
  /** HTTP status, for `http` and `rate_limited` before streaming. */
  status?: number
  /** Seconds to wait, for `rate_limited`. */
  retryAfter?: number
  /** `schema`: every issue the schema reported, with paths. */
  issues?: readonly StandardSchemaIssue[]
  /** `invalid_json`: character offset of the problem in the streamed text. */
  position?: number
}

/** What `createObjectClient` publishes, at most once per animation frame while streaming. */
export interface ObjectState<T = unknown> {
  /** The object parsed so far; kept after an error or a stop. `undefined` before anything arrived. */
  object: DeepPartial<T> | undefined
  error: ObjectError | undefined
  status: ObjectStatus
}

/** The state before anything was submitted. */
export const initialObjectState: ObjectState<never> = { object: undefined, error: undefined, status: 'idle' }
