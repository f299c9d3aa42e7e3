import type { ChatEvent } from '../../src/protocol/events.ts'
import type { RivuletMessage } from '../../src/protocol/message-format.ts'
import { fromAnthropic } from '../../src/server/from-anthropic.ts'
import { fromOpenAIChat } from '../../src/server/from-openai-chat.ts'
import { toAnthropicMessages } from '../../src/server/history/to-anthropic.ts'
import { toOpenAIChatMessages } from '../../src/server/history/to-openai-chat.ts'

/** A chat message as the Rivulet HTTP transport posts it (the message format v1); `parts` may be missing from hand-made requests. */
export interface PostedMessage {
  role: string
  content: string
  id?: string
  parts?: RivuletMessage['parts']
}

/** The history in the Rivulet message format, so the converters see tool calls and results. */
export function history(messages: PostedMessage[]): RivuletMessage[] {
  return messages
    .filter((m): m is PostedMessage & { role: RivuletMessage['role'] } => m.role === 'user' || m.role === 'assistant' || m.role === 'system')
    .map((m) => ({ v: 1, id: m.id ?? '', role: m.role, content: m.content ?? '', parts: Array.isArray(m.parts) ? m.parts : [{ type: 'text', text: m.content ?? '' }] }))
}

/**
 * Calls OpenAI Chat Completions with `stream: true`; the request's signal cancels the call when
 * the browser goes away. A non-2xx answer becomes an `error` event (429 → `rate_limited`).
 *
 * @example
 * createEventStreamResponse(await openAIChat(messages, process.env.OPENAI_API_KEY!, request.signal))
 */
export async function openAIChat(messages: PostedMessage[], apiKey: string, signal: AbortSignal): Promise<AsyncIterable<ChatEvent>> {
  const response = await fetch('https://api.openai.com/v1/chat/completions', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
    body: JSON.stringify({
      model: process.env['OPENAI_MODEL'] ?? 'gpt-4o-mini',
      messages: toOpenAIChatMessages(history(messages)),
      stream: true,
      stream_options: { include_usage: true },
    }),
    signal,
  })
  return fromOpenAIChat(response)
}

/**
 * Calls the Anthropic Messages API with `stream: true`, cancelled by the request's signal.
 *
 * @example
 * createEventStreamResponse(await anthropicMessages(messages, process.env.ANTHROPIC_API_KEY!, request.signal))
 */
export async function anthropicMessages(messages: PostedMessage[], apiKey: string, signal: AbortSignal): Promise<AsyncIterable<ChatEvent>> {
  const response = await fetch('https://api.anthropic.com/v1/messages', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': apiKey, 'anthropic-version': '2023-06-01' },
    body: JSON.stringify({
      model: process.env['ANTHROPIC_MODEL'] ?? 'claude-sonnet-4-5',
      max_tokens: 2048,
      ...toAnthropicMessages(history(messages)),
      stream: true,
    }),
    signal,
  })
  return fromAnthropic(response)
}
