import { backoffDelay, parseRetryAfter, type BackoffOptions } from '../backoff.ts'
import type { ObjectError } from './object-state.ts'

/** Aborts a request whose first content, or next content, did not come in time. */
export class StreamTimeout extends Error {
  constructor(readonly which: 'first-token' | 'idle') {
    super(which === 'first-token' ? 'No response from the model in time' : 'The stream went silent')
  }
}

export interface OpenResponseOptions {
  maxRetries?: number
  backoff?: BackoffOptions
  maxRetryAfterMs?: number
  /** False once the request was replaced or closed: nothing is reported then. */
  isCurrent: () => boolean
  canResume: () => boolean
  onRetry: (delayMs: number) => void
  onFailure: (error: ObjectError) => void
}

/**
 * Opens a response, retrying network failures and 408/429/5xx before any byte of the stream
 * (never after: a stream that began is resumed, not re-sent). Returns `undefined` when it
 * failed (reported through `onFailure`) or was aborted.
 *
 * @example
 * const response = await openResponse('send', (signal) => fetch(url, { signal }), controller, handlers)
 */
export async function openResponse(
  kind: 'send' | 'resume',
  request: (signal: AbortSignal) => Promise<Response>,
  controller: AbortController,
  options: OpenResponseOptions,
): Promise<Response | undefined> {
  const { maxRetries = 2, maxRetryAfterMs = 20_000, isCurrent } = options
  for (let attempt = 0; ; attempt++) {
    let response: Response
    try {
      response = await request(controller.signal)
    } catch (error) {
      if (!isCurrent()) return undefined
      if (controller.signal.aborted) {
        const reason: unknown = controller.signal.reason
        if (reason instanceof StreamTimeout) options.onFailure({ code: 'timeout', message: reason.message, resumable: false })
        return undefined
      }
      if (attempt < maxRetries) {
        await pause(backoffDelay(attempt, options.backoff))
        continue
      }
      const message = `Could not reach the server (${error instanceof Error ? error.message : String(error)})`
      options.onFailure({ code: 'network', message, resumable: kind === 'resume' && options.canResume() })
      return undefined
    }
    if (!isCurrent()) {
      void response.body?.cancel().catch(() => {})
      return undefined
    }
    if (response.ok) return response
    const status = response.status
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'))
    const retryable = status === 408 || status === 429 || status >= 500
    if (retryable && attempt < maxRetries && (retryAfterMs ?? 0) <= maxRetryAfterMs) {
      void response.body?.cancel().catch(() => {})
      await pause(Math.max(retryAfterMs ?? 0, backoffDelay(attempt, options.backoff)))
      continue
    }
    const text = await response.text().catch(() => '')
    if (!isCurrent()) return undefined
    const error: ObjectError = { code: status === 429 ? 'rate_limited' : 'http', status, message: describeHttpFailure(status, text), resumable: false }
    if (retryAfterMs !== undefined) error.retryAfter = Math.ceil(retryAfterMs / 1000)
    options.onFailure(error)
    return undefined
  }

  async function pause(ms: number) {
    options.onRetry(ms)
    await sleep(ms, controller.signal)
  }
}

/** `HTTP 500: <the server's message>`, from a JSON `{ error: { message } }` body or the text. */
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

/** Resolves after `ms`, or at once when `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted || ms <= 0) return resolve()
    const timer = setTimeout(done, ms)
    function done() {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    signal.addEventListener('abort', done, { once: true })
  })
}
