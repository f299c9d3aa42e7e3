import type { RivuletMessage } from '../../protocol/message-format.ts'
import { argumentsObject, assistantGroups, outcomeText, toolOutcome } from './history-groups.ts'
import { userPieces, type UserPiece } from './user-files.ts'

/** A content block the converter writes. */
export type AnthropicContentBlock =
  | { type: 'text'; text: string }
  | { type: 'image'; source: { type: 'base64'; media_type: 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp'; data: string } | { type: 'url'; url: string } }
  | {
      type: 'document'
      title?: string
      source: { type: 'base64'; media_type: 'application/pdf'; data: string } | { type: 'url'; url: string } | { type: 'text'; media_type: 'text/plain'; data: string }
    }
  | { type: 'tool_use'; id: string; name: string; input: Record<string, unknown> }
  | { type: 'tool_result'; tool_use_id: string; content: string; is_error?: boolean }

/** One Messages API message; assignable to `@anthropic-ai/sdk`'s `MessageParam` (checked in the tests). */
export interface AnthropicMessage {
  role: 'user' | 'assistant'
  content: AnthropicContentBlock[]
}

/** The `system` prompt and `messages` of a Messages API request. */
export interface AnthropicRequestMessages {
  system?: string
  messages: AnthropicMessage[]
}

/** Calls Anthropic ran itself (web search…): their results came in the stream, they are not sent back as `tool_use`. */
const SERVER_TOOL_ID = /^srvtoolu_/

/**
 * Converts a Rivulet history into the Messages API's `system` and `messages`: system
 * messages joined into `system`; each assistant step's text and `tool_use` blocks as an
 * assistant message, answered by a user message of `tool_result` blocks (`is_error` for
 * failures and denials) — merged with the next user prompt, since roles must alternate.
 * Reasoning is dropped (thinking blocks go back only with their signatures), and so are
 * status lines, error notes, empty text, calls Anthropic ran itself and calls without an
 * outcome — run approved server tools before converting.
 *
 * A user message with files becomes blocks in order: png/jpeg/gif/webp images as `image`
 * (base64 or URL source), PDFs and text files as `document` (base64, URL or text source,
 * titled with the file name), anything else as a text line naming the file.
 *
 * @example
 * const stream = anthropic.messages.stream({ model, max_tokens: 1024, ...toAnthropicMessages(messages) })
 */
export function toAnthropicMessages(messages: readonly RivuletMessage[]): AnthropicRequestMessages {
  const system: string[] = []
  const out: AnthropicMessage[] = []
  const push = (role: AnthropicMessage['role'], blocks: AnthropicContentBlock[]) => {
    if (blocks.length === 0) return
    const last = out.at(-1)
    if (last?.role === role) last.content.push(...blocks)
    else out.push({ role, content: blocks })
  }
  for (const message of messages) {
    if (message.role === 'system') {
      if (message.content !== '') system.push(message.content)
      continue
    }
    if (message.role === 'user') {
      const pieces = userPieces(message)
      if (pieces !== undefined) push('user', pieces.map(anthropicBlock))
      else push('user', message.content === '' ? [] : [{ type: 'text', text: message.content }])
      continue
    }
    for (const group of assistantGroups(message)) {
      const calls = group.calls.filter((call) => !SERVER_TOOL_ID.test(call.id))
      const blocks: AnthropicContentBlock[] = group.text.trim() === '' ? [] : [{ type: 'text', text: group.text }]
      for (const call of calls) blocks.push({ type: 'tool_use', id: call.id, name: call.name, input: argumentsObject(call) })
      push('assistant', blocks)
      push(
        'user',
        calls.map((call) => {
          const outcome = toolOutcome(call)!
          const result: AnthropicContentBlock = { type: 'tool_result', tool_use_id: call.id, content: outcomeText(outcome) }
          return outcome.kind === 'output' ? result : { ...result, is_error: true }
        }),
      )
    }
  }
  return system.length === 0 ? { messages: out } : { system: system.join('\n\n'), messages: out }
}

function anthropicBlock(piece: UserPiece): AnthropicContentBlock {
  switch (piece.kind) {
    case 'prompt':
    case 'note':
      return { type: 'text', text: piece.text }
    case 'text':
      return { type: 'document', title: piece.name, source: { type: 'text', media_type: 'text/plain', data: piece.text } }
    case 'image':
      return { type: 'image', source: piece.data !== undefined ? { type: 'base64', media_type: piece.mediaType, data: piece.data } : { type: 'url', url: piece.url } }
    case 'pdf':
      return { type: 'document', title: piece.name, source: piece.data !== undefined ? { type: 'base64', media_type: 'application/pdf', data: piece.data } : { type: 'url', url: piece.url } }
  }
}
