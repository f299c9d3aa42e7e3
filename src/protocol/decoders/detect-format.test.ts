import { describe, expect, it } from 'vitest'
import type { SseEvent } from '../sse/parser.ts'
import { detectFormat } from './detect-format.ts'

const sse = (data: unknown, type = 'message'): SseEvent => ({ type, data: typeof data === 'string' ? data : JSON.stringify(data), lastEventId: '' })

describe('detectFormat', () => {
  it.each([
    ['anthropic by event name', [sse({ type: 'message_start', message: {} }, 'message_start')], 'anthropic'],
    ['anthropic by JSON type without event lines', [sse({ type: 'message_start', message: {} })], 'anthropic'],
    ['openai-responses by event name', [sse({}, 'response.created')], 'openai-responses'],
    ['openai-responses by JSON type', [sse({ type: 'response.output_text.delta', delta: 'a' })], 'openai-responses'],
    ['openai-chat by object', [sse({ object: 'chat.completion.chunk', choices: [] })], 'openai-chat'],
    ['openai-chat by choices alone', [sse({ id: 'x', choices: [{ delta: {} }] })], 'openai-chat'],
    ['rivulet by a protocol type with a numeric seq', [sse({ type: 'start', seq: 0, streamId: 's' })], 'rivulet'],
    ['ai-sdk by a part type without seq', [sse({ type: 'start' })], 'ai-sdk'],
    ['ai-sdk by text-delta', [sse({ type: 'text-delta', id: '1', delta: 'a' })], 'ai-sdk'],
    ['ai-sdk by a data part', [sse({ type: 'data-weather', data: {} })], 'ai-sdk'],
    ['ai-sdk by an error part with errorText', [sse({ type: 'error', errorText: 'x' })], 'ai-sdk'],
    ['the first decisive event after undecided ones', [sse('[DONE]'), sse('not json'), sse({ type: 'token', seq: 1, content: 'a' })], 'rivulet'],
  ] as const)('detects %s', (_name, events, expected) => {
    expect(detectFormat({ events })).toBe(expected)
  })

  it.each([
    ['no events', []],
    ['only [DONE]', [sse('[DONE]')]],
    ['a bare error object, which several formats send', [sse({ error: { message: 'x' } }, 'error')]],
    ['an unknown type', [sse({ type: 'whatever' })]],
    ['a Rivulet type without seq that the AI SDK does not use', [sse({ type: 'token', content: 'a' })]],
  ] as const)('cannot tell from %s', (_name, events) => {
    expect(detectFormat({ events })).toBeUndefined()
  })

  it('trusts the AI SDK header before any event, in a Headers object or a plain record', () => {
    expect(detectFormat({ headers: new Headers({ 'X-Vercel-AI-UI-Message-Stream': 'v1' }), events: [] })).toBe('ai-sdk')
    expect(detectFormat({ headers: { 'X-Vercel-AI-UI-Message-Stream': 'v1' }, events: [sse({ choices: [] })] })).toBe('ai-sdk')
    expect(detectFormat({ headers: { 'content-type': 'text/event-stream' }, events: [sse({ choices: [] })] })).toBe('openai-chat')
  })
})
