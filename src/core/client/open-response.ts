import type { StreamFormat } from '../../protocol/decoders/stream-format.ts'
import { backoffDelay, parseRetryAfter, type BackoffOptions } from '../backoff.ts'
import type { ChatError } from '../state.ts'
import type { ProbeFanOut, RequestKind } from './probe.ts'
import { sleep } from './sleep.ts'

/** Retry policy for a request that fails before its stream begins. */
export interface RetryPolicy {
  /** Retries after the first attempt. */
  maxRetries: number
  /** A `Retry-After` longer than this is not waited for; the error is reported instead. */
  maxRetryAfterMs: number
  backoff?: BackoffOptions
}

/** The outcome of {@link openResponse}. */
export type OpenResult =
  | { type: 'response'; response: Response }
  | { type: 'failed'; error: ChatError }
  /** The signal aborted (stop, a newer turn, or a timer: see `reason`). */
  | { type: 'aborted'; reason: unknown }

export interface OpenRequest {
  kind: RequestKind
  /** Makes the request; called once per attempt. */
  request: (signal: AbortSignal) => Promise<Response>
  signal: AbortSignal
  /** The format the body is expected in (for recording). */
  format: StreamFormat | 'auto'
  /** Whether a connection failure leaves the stream resumable (a resume that could not connect). */
  resumableOnNetworkError: boolean
  probe: ProbeFanOut
}

/** Statuses worth another attempt: timeouts, rate limits and server errors. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500
}

/**
 * Opens a response, retrying network failures and 408/429/5xx before any byte of the stream:
 * capped, with exponential backoff and jitter, and at least as long as the server's
 * `Retry-After` (unless that is longer than `maxRetryAfterMs`: then the error is reported
 * with the delay, for the UI to show). Any other status fails at once with the body's message.
 */
export async function openResponse(open: OpenRequest, policy: RetryPolicy): Promise<OpenResult> {
  const { signal, probe, kind } = open
  for (let attempt = 0; ; attempt++) {
    let response: Response
    try {
      probe.request(kind, attempt)
      response = await open.request(signal)
    } catch (error) {
      if (signal.aborted) return { type: 'aborted', reason: signal.reason }
      if (attempt < policy.maxRetries) {
        await pause(open, backoffDelay(attempt, policy.backoff))
        continue
      }
      return {
        type: 'failed',
        error: { code: 'network', message: `Could not reach the server (${errorMessage(error)})`, resumable: open.resumableOnNetworkError },
      }
    }
    if (signal.aborted) {
      void response.body?.cancel().catch(() => {})
      return { type: 'aborted', reason: signal.reason }
    }
    const observed = probe.response(response, { kind, format: open.format })
    response = observed instanceof Promise ? await observed : observed
    if (response.ok) return { type: 'response', response }

    const status = response.status
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'))
    if (isRetryableStatus(status) && attempt < policy.maxRetries && (retryAfterMs ?? 0) <= policy.maxRetryAfterMs) {
      void response.body?.cancel().catch(() => {})
      await pause(open, Math.max(retryAfterMs ?? 0, backoffDelay(attempt, policy.backoff)))
      continue
    }
    const text = await response.text().catch(() => '')
    return {
      type: 'failed',
      error: {
        code: status === 429 ? 'rate_limited' : 'http',
        status,
        message: describeHttpFailure(status, text),
        retryAfter: retryAfterMs === undefined ? undefined : Math.ceil(retryAfterMs / 1000),
        resumable: false,
      },
    }
  }
}

async function pause(open: OpenRequest, ms: number) {
  open.probe.retry(ms)
  await sleep(ms, open.signal)
}

/** `HTTP 404: model not found` from a status and a body (JSON `error.message`/`message`, or text), kept short. */
export function describeHttpFailure(status: number, body: string): string {
  let detail = body.trim()
  try {
    const parsed = JSON.parse(detail) as { error?: { message?: string } | string; message?: string }
    const inner = typeof parsed.error === 'string' ? parsed.error : (parsed.error?.message ?? parsed.message)
    if (inner) detail = inner
  } catch {
    // Not JSON: keep the text.
  }
  if (detail.length > 300) detail = `${detail.slice(0, 300)}…`
  return detail ? `HTTP ${status}: ${detail}` : `HTTP ${status}`
}

/** The message of anything thrown. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
