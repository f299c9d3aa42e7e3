import { describe, expect, it } from 'vitest'
import type { ChatErrorCode } from '../../protocol/events.ts'
import { errorTitle } from './error-messages.ts'

describe('errorTitle', () => {
  it.each([
    ['context_length', 'The conversation is too long for the model'],
    ['content_filter', 'The response was stopped by the content filter'],
    ['upstream_error', 'The model provider had a problem'],
    ['timeout', 'The response timed out'],
    ['network', 'Connection lost'],
    ['protocol', 'The server sent something Rivulet could not read'],
  ] as const)('words %s as "%s"', (code, title) => {
    expect(errorTitle({ code })).toBe(title)
  })

  it('names the HTTP status when there is one', () => {
    expect(errorTitle({ code: 'http', status: 404 })).toBe('Request failed (HTTP 404)')
    expect(errorTitle({ code: 'http' })).toBe('Request failed')
  })

  it('counts down a rate limit and then says retrying is possible', () => {
    expect(errorTitle({ code: 'rate_limited', retryAfter: 30 }, 12)).toBe('Rate limited — retrying is possible in 12 s')
    expect(errorTitle({ code: 'rate_limited', retryAfter: 30 }, 0)).toBe('Rate limited — you can retry now')
    expect(errorTitle({ code: 'rate_limited' })).toBe('Rate limited — try again in a moment')
  })

  it('has a generic line for codes a newer server may send', () => {
    expect(errorTitle({ code: 'quota_exceeded' as ChatErrorCode })).toBe('Something went wrong')
  })
})
