import type { BackoffOptions } from '../backoff.ts'
import type { FrameScheduler } from '../frame-scheduler.ts'

/**
 * How a streaming request is batched, retried, resumed and timed out: the options the chat
 * client and the object client share (one place for their meaning and defaults).
 */
export interface StreamPolicyOptions {
  /** Batches store notifications; the default is one per animation frame. */
  scheduler?: FrameScheduler
  /** Retries of a request that failed before streaming began (network, 408, 429, 5xx). @default 2 */
  maxRetries?: number
  /** Reconnections of a stream that broke while streaming (resume with `Last-Event-ID`). @default 3 */
  maxReconnects?: number
  backoff?: BackoffOptions
  /** A `Retry-After` longer than this is not waited for automatically; the error is shown instead. @default 20_000 */
  maxRetryAfterMs?: number
  /** Fail when no content arrives this long after sending (0 disables). @default 60_000 */
  firstTokenTimeoutMs?: number
  /** Fail when content stops for this long; keep-alives do not count (0 disables). @default 30_000 */
  idleTimeoutMs?: number
  /** Reconnect a broken, resumable stream by itself (also when the tab becomes visible or goes online). @default true */
  autoResume?: boolean
  /** A pause between content events longer than this is counted as a stall. @default 2000 */
  stallThresholdMs?: number
}
