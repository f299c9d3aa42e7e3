import type { ChatErrorCode } from '../../protocol/events.ts'
import { formatNumber } from '../labels/format.ts'
import { defaultLabels, type RivuletLabels } from '../labels/labels.ts'

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
 * Unknown codes (a newer server) get a generic line instead of nothing. The words come from
 * `labels` (English by default), numbers are formatted for `labels.locale`.
 *
 * @example
 * errorTitle({ code: 'http', status: 404 })                      // 'Request failed (HTTP 404)'
 * errorTitle({ code: 'rate_limited', retryAfter: 30 }, 12)       // 'Rate limited — retrying is possible in 12 s'
 */
export function errorTitle(error: ErrorTitleInput, secondsLeft = 0, labels: RivuletLabels = defaultLabels): string {
  const words = labels.errors
  switch (error.code) {
    case 'rate_limited':
      if (error.retryAfter === undefined) return words.rateLimited
      return secondsLeft > 0 ? words.rateLimitedWait(formatNumber(secondsLeft, labels.locale)) : words.rateLimitedReady
    case 'http':
      // A status code is an identifier, not a quantity: no digit grouping.
      return error.status === undefined ? words.http : words.httpStatus(String(error.status))
    case 'context_length':
    case 'content_filter':
    case 'upstream_error':
    case 'timeout':
    case 'network':
    case 'protocol':
      return words[error.code]
    default:
      return words.unknown
  }
}
