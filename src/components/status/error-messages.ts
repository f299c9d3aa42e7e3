import type { ChatErrorCode } from '../../protocol/events.ts'

/** What {@link errorTitle} needs to know about an error. */
export interface ErrorTitleInput {
  code: ChatErrorCode
  /** HTTP status, for `http` errors. */
  status?: number
  /** Seconds the provider asked to wait, for `rate_limited`. */
  retryAfter?: number
}

/**
 * The one-line human message for an error code, shown above the server's own (often
 * technical) message. For `rate_limited` with a `retryAfter`, `secondsLeft` is the live
 * countdown: "Rate limited — retrying is possible in 12 s", then "you can retry now".
 * Unknown codes (a newer server) get a generic line instead of nothing.
 *
 * @example
 * errorTitle({ code: 'http', status: 404 })                      // 'Request failed (HTTP 404)'
 * errorTitle({ code: 'rate_limited', retryAfter: 30 }, 12)       // 'Rate limited — retrying is possible in 12 s'
 */
export function errorTitle(error: ErrorTitleInput, secondsLeft = 0): string {
  switch (error.code) {
    case 'rate_limited':
      if (error.retryAfter === undefined) return 'Rate limited — try again in a moment'
      return secondsLeft > 0 ? `Rate limited — retrying is possible in ${secondsLeft} s` : 'Rate limited — you can retry now'
    case 'context_length':
      return 'The conversation is too long for the model'
    case 'content_filter':
      return 'The response was stopped by the content filter'
    case 'upstream_error':
      return 'The model provider had a problem'
    case 'timeout':
      return 'The response timed out'
    case 'network':
      return 'Connection lost'
    case 'protocol':
      return 'The server sent something Rivulet could not read'
    case 'http':
      return error.status === undefined ? 'Request failed' : `Request failed (HTTP ${error.status})`
    default:
      return 'Something went wrong'
  }
}
