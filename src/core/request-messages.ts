import { MESSAGE_FORMAT_VERSION, type RivuletMessage } from '../protocol/message-format.ts'
import { messageText } from './message-text.ts'
import type { ChatMessage } from './state.ts'

/**
 * A chat message in the Rivulet message format (v1), as the default request body sends it:
 * `id`, `role`, `content` (the text, for backends that want only text) and every part as the
 * client holds it — tool calls with arguments, results, errors and approvals, reasoning, step
 * markers, data, sources with their citations, files — and the message's metadata, so the next request carries the whole history. No copy is made of the parts:
 * they are plain JSON already (a tool result that is not was refused when it was stored).
 *
 * @example
 * JSON.stringify({ messages: state.messages.map(toRequestMessage) })
 */
export function toRequestMessage(message: ChatMessage): RivuletMessage {
  const out: RivuletMessage = { v: MESSAGE_FORMAT_VERSION, id: message.id, role: message.role, content: messageText(message), parts: message.parts }
  if (message.finishReason !== undefined) out.finishReason = message.finishReason
  if (message.usage !== undefined) out.usage = message.usage
  if (message.metadata !== undefined) out.metadata = message.metadata
  return out
}
