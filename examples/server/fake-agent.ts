import type { UnsequencedChatEvent } from '../../src/protocol/events.ts'
import type { RivuletMessage, RivuletToolCallPart } from '../../src/protocol/message-format.ts'

/**
 * A scripted agent, so the example shows a real loop without API keys. It reads the history
 * the client posts (the Rivulet message format) and takes the next step of a three-step turn:
 * 1. asks the browser for `get_location` (a browser tool the page runs);
 * 2. runs `get_weather` itself (a server tool, result in the stream) and asks to run
 *    `clear_cache`, which needs the user's approval;
 * 3. runs `clear_cache` if it was approved (or says it did not) and answers.
 *
 * @example
 * const events = fakeAgent(messages) // for a prompt that mentions "agent"
 */
export function fakeAgent(messages: RivuletMessage[]): UnsequencedChatEvent[] {
  const last = messages.at(-1)
  const calls = last?.role === 'assistant' ? last.parts.filter((p): p is RivuletToolCallPart => p.type === 'tool-call') : []
  const find = (name: string) => calls.find((call) => call.name === name)
  const location = find('get_location')
  const cache = find('clear_cache')
  const step = (events: UnsequencedChatEvent[], finishReason: 'tool-calls' | 'stop'): UnsequencedChatEvent[] => [
    { type: 'start', streamId: `agent-${Math.random().toString(36).slice(2)}` },
    { type: 'step_start' },
    ...events,
    { type: 'step_finish' },
    { type: 'done', finishReason },
  ]
  const call = (id: string, name: string, args: unknown): UnsequencedChatEvent[] => [
    { type: 'tool_call_start', id, name },
    { type: 'tool_call_delta', id, argsDelta: JSON.stringify(args) },
    { type: 'tool_call_end', id },
  ]

  if (location === undefined) {
    return step([{ type: 'token', content: 'First I need to know where you are. ' }, ...call('call_location', 'get_location', {})], 'tool-calls')
  }
  if (cache === undefined) {
    const city = typeof location.result === 'object' && location.result !== null && 'city' in location.result ? String(location.result.city) : 'your area'
    return step(
      [
        { type: 'token', content: `You are near ${city}. Checking the weather there. ` },
        ...call('call_weather', 'get_weather', { city }),
        { type: 'tool_result', id: 'call_weather', result: { city, tempC: 3, sky: 'light snow' } },
        { type: 'token', content: 'The old forecast cache is stale; may I clear it? ' },
        ...call('call_cache', 'clear_cache', { path: '/tmp/forecast-cache' }),
        { type: 'tool_approval_request', id: 'call_cache' },
      ],
      'tool-calls',
    )
  }
  const approved = cache.state === 'approval-responded' && cache.approval?.approved === true
  const events: UnsequencedChatEvent[] = approved ? [{ type: 'tool_result', id: 'call_cache', result: { cleared: true } }] : []
  events.push({ type: 'token', content: approved ? 'Cache cleared. It is 3 °C with light snow: take a warm coat.' : 'I left the cache alone. It is 3 °C with light snow: take a warm coat.' })
  return step(events, 'stop')
}
