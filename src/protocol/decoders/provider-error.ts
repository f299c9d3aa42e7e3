import type { ChatErrorCode, ErrorEvent } from '../events.ts'
import { isJsonObject, numberField, stringField, type JsonObject } from './json-value.ts'

/** An in-band provider error reduced to a `ChatEvent` error without `seq`. */
export type ProviderError = Omit<ErrorEvent, 'seq'>

/**
 * Maps the error object a provider puts in its stream (OpenAI, Groq, OpenRouter, Anthropic all
 * use some mix of `type`, `code`, `message`, `status_code`) onto Rivulet's error codes, keeping
 * the provider's message. Only what a UI can act on is distinguished: wait and retry
 * (`rate_limited`), shorten the conversation (`context_length`), rephrase (`content_filter`);
 * everything else is `upstream_error`. A quota that ran out is not a rate limit: waiting won't help.
 *
 * @example
 * toProviderError({ type: 'rate_limit_error', message: 'Slow down', retry_after: 20 })
 * // { type: 'error', code: 'rate_limited', message: 'Slow down', retryAfter: 20 }
 */
export function toProviderError(error: unknown, fallbackMessage = 'the provider reported an error'): ProviderError {
  if (typeof error === 'string') return { type: 'error', code: 'upstream_error', message: error || fallbackMessage }
  const object: JsonObject = isJsonObject(error) ? error : {}
  const type = stringField(object, 'type') ?? ''
  const rawCode = object['code']
  const code = typeof rawCode === 'string' || typeof rawCode === 'number' ? String(rawCode) : ''
  const status = numberField(object, 'status_code') ?? numberField(object, 'status') ?? (/^\d{3}$/.test(code) ? Number(code) : undefined)
  const message = stringField(object, 'message') || type || code || fallbackMessage
  const chatCode = classify(`${type} ${code}`.toLowerCase(), status, message)
  const retryAfter = chatCode === 'rate_limited' ? readRetryAfter(object) : undefined
  return retryAfter === undefined ? { type: 'error', code: chatCode, message } : { type: 'error', code: chatCode, message, retryAfter }
}

function classify(names: string, status: number | undefined, message: string): ChatErrorCode {
  if (names.includes('insufficient_quota')) return 'upstream_error'
  if (names.includes('rate_limit') || status === 429) return 'rate_limited'
  if (names.includes('context_length') || /prompt is too long|context (length|window)|maximum context/i.test(message)) return 'context_length'
  if (names.includes('content_filter') || names.includes('content_policy')) return 'content_filter'
  return 'upstream_error'
}

function readRetryAfter(object: JsonObject): number | undefined {
  for (const key of ['retry_after', 'retryAfter', 'retry_after_seconds']) {
    const value = object[key]
    const seconds = typeof value === 'string' ? Number(value) : value
    if (typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0) return seconds
  }
  return undefined
}
