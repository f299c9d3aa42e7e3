import { describe, expect, it } from 'vitest'
import { toProviderError } from './provider-error.ts'

describe('toProviderError', () => {
  it.each([
    ['Anthropic overloaded', { type: 'overloaded_error', message: 'Overloaded' }, { code: 'upstream_error', message: 'Overloaded' }],
    ['Anthropic rate limit', { type: 'rate_limit_error', message: 'Slow down' }, { code: 'rate_limited', message: 'Slow down' }],
    [
      'Anthropic prompt too long',
      { type: 'invalid_request_error', message: 'prompt is too long: 210000 tokens > 200000 maximum' },
      { code: 'context_length', message: 'prompt is too long: 210000 tokens > 200000 maximum' },
    ],
    ['Anthropic other invalid request', { type: 'invalid_request_error', message: 'bad tool' }, { code: 'upstream_error', message: 'bad tool' }],
    [
      'OpenAI context length',
      { type: 'invalid_request_error', code: 'context_length_exceeded', message: 'too many tokens' },
      { code: 'context_length', message: 'too many tokens' },
    ],
    ['OpenAI rate limit with retry_after', { code: 'rate_limit_exceeded', message: 'RPM', retry_after: '7' }, { code: 'rate_limited', message: 'RPM', retryAfter: 7 }],
    ['numeric 429 code', { code: 429, message: 'Too many requests', retry_after: 2 }, { code: 'rate_limited', message: 'Too many requests', retryAfter: 2 }],
    ['status_code 429', { status_code: 429, message: 'busy' }, { code: 'rate_limited', message: 'busy' }],
    ['quota is not a rate limit', { type: 'insufficient_quota', code: 'insufficient_quota', status_code: 429, message: 'No credit' }, { code: 'upstream_error', message: 'No credit' }],
    ['content filter', { code: 'content_filter', message: 'Filtered' }, { code: 'content_filter', message: 'Filtered' }],
    ['OpenRouter numeric 400', { code: 400, message: 'Token limit reached' }, { code: 'upstream_error', message: 'Token limit reached' }],
    ['no message: falls back to the type', { type: 'api_error' }, { code: 'upstream_error', message: 'api_error' }],
    ['a bare string', 'something broke', { code: 'upstream_error', message: 'something broke' }],
    ['garbage', 42, { code: 'upstream_error', message: 'the provider reported an error' }],
  ])('maps %s', (_name, input, expected) => {
    expect(toProviderError(input)).toEqual({ type: 'error', ...expected })
  })

  it('ignores retry_after on errors that are not rate limits', () => {
    expect(toProviderError({ type: 'api_error', message: 'x', retry_after: 5 })).toEqual({ type: 'error', code: 'upstream_error', message: 'x' })
  })
})
