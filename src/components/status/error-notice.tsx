import { forwardRef } from 'react'
import type { ComponentPropsWithoutRef } from 'react'
import type { ChatError, ErrorPart } from '../../core/state.ts'
import { useLabels } from '../labels/labels-context.tsx'
import { errorTitle } from './error-messages.ts'
import { useCountdown } from './use-countdown.ts'
import { visuallyHidden } from './visually-hidden.ts'

/** Props of {@link ErrorNotice}; the rest are spread on the root `<div>`. */
export interface ErrorNoticeProps extends Omit<ComponentPropsWithoutRef<'div'>, 'children'> {
  /** The error part where the stream broke, or the chat's error. A new object restarts the countdown. */
  error: ErrorPart | ChatError
  /** Re-runs the turn. Without it there is no Retry button. */
  onRetry?: () => void
  /** Continues the broken stream. The button shows only when the error is `resumable`. */
  onContinue?: () => void
}

/**
 * An inline error where a stream broke: a human line for the code ("Connection lost",
 * "Request failed (HTTP 404)"…), the server's own message in a `<small>` below it, and
 * Retry / Continue buttons. A `rate_limited` error with `retryAfter` counts down live and
 * keeps Retry disabled until it reaches 0.
 *
 * It has no live role: inside the message list the log announces it. Used on its own
 * (a banner for `chat.error`), pass `role="alert"`. The countdown is hidden from screen
 * readers, which hear the wait once and then "you can retry now", not every second.
 *
 * Attributes: `data-code`, `data-resumable`, `data-waiting` while the countdown runs.
 *
 * @example
 * <ErrorNotice error={part} onRetry={chat.retry} onContinue={chat.continueStream} />
 */
export const ErrorNotice = forwardRef<HTMLDivElement, ErrorNoticeProps>(function ErrorNotice({ error, onRetry, onContinue, ...rest }, ref) {
  const { secondsLeft, total } = useCountdown({
    seconds: error.code === 'rate_limited' ? error.retryAfter : undefined,
    restartKey: error,
  })
  const labels = useLabels()
  const waiting = secondsLeft > 0
  // A stream that could not be picked up after a reload says so, whatever the HTTP detail.
  const titleOf = (seconds: number) => (error.phase === 'resume' ? labels.errors.resumeFailed : errorTitle(error, seconds, labels))
  const title = titleOf(secondsLeft)
  const detail = error.message.trim()
  const canContinue = error.resumable && onContinue !== undefined

  return (
    <div
      data-rivulet="error-notice"
      data-code={error.code}
      data-resumable={error.resumable ? '' : undefined}
      data-waiting={waiting ? '' : undefined}
      {...rest}
      ref={ref}
    >
      <p data-rivulet="error-title">
        {total > 0 ? (
          <>
            <span aria-hidden="true">{title}</span>
            <span style={visuallyHidden}>{titleOf(waiting ? total : 0)}</span>
          </>
        ) : (
          title
        )}
      </p>
      {detail !== '' && detail !== title ? (
        // The server's own words are for whoever debugs it: available, one click away.
        <details data-rivulet="error-details">
          <summary data-rivulet="error-details-summary">{labels.errors.details}</summary>
          <small data-rivulet="error-detail">{detail}</small>
        </details>
      ) : null}
      {onRetry !== undefined || canContinue ? (
        <div data-rivulet="error-actions">
          {onRetry !== undefined ? (
            <button type="button" data-rivulet="error-retry" disabled={waiting} onClick={onRetry}>
              {labels.retry}
            </button>
          ) : null}
          {canContinue ? (
            <button type="button" data-rivulet="error-continue" onClick={onContinue}>
              {labels.continue}
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  )
})
