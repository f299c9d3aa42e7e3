import type { RivuletMessage } from '../../protocol/message-format.ts'
import { argumentsJson, assistantGroups, isFreeFormCall, outcomeText, type HistoryConversionOptions } from './history-groups.ts'
import { textFileBlock, userPieces, type UserPiece } from './user-files.ts'

/** A function or free-form tool call on an assistant message (Chat Completions). */
export type OpenAIChatToolCall =
  | { id: string; type: 'function'; function: { name: string; arguments: string } }
  | { id: string; type: 'custom'; custom: { name: string; input: string } }

/** A piece of a user message with files: text, an image (data or http URL), or a PDF. */
export type OpenAIChatUserContent =
  | { type: 'text'; text: string }
  | { type: 'image_url'; image_url: { url: string } }
  | { type: 'file'; file: { file_data: string; filename: string } }

/**
 * One Chat Completions message, the subset the converter writes; assignable to the `openai`
 * package's `ChatCompletionMessageParam` (checked in the tests), without depending on it.
 */
export type OpenAIChatMessage =
  | { role: 'system'; content: string }
  | { role: 'user'; content: string | OpenAIChatUserContent[] }
  | { role: 'assistant'; content: string | null; tool_calls?: OpenAIChatToolCall[] }
  | { role: 'tool'; tool_call_id: string; content: string }

/**
 * Converts a Rivulet history (the `messages` of a request body) into Chat Completions
 * `messages`: each assistant step becomes an assistant message with its `tool_calls`,
 * followed by one `tool` message per call with the result (errors as `Error: …`, denials as
 * a sentence the model can act on), then the text that came after. Reasoning is dropped (Chat
 * Completions takes none back), and so are status lines and error notes. A call without an
 * outcome gets a "No result: …" answer by default (`options.unansweredCalls`), since the API
 * rejects a call with no result; run approved server tools before converting.
 *
 * A user message with files becomes content parts in order: png/jpeg/gif/webp images as
 * `image_url` (data or http URL), PDFs sent as `data:` URLs as `file` parts, text files as
 * text, and anything else (a remote PDF, an archive) as a line naming the file.
 *
 * @example
 * const { messages } = (await request.json()) as { messages: RivuletMessage[] }
 * const stream = await openai.chat.completions.create({ model, stream: true, messages: toOpenAIChatMessages(messages) })
 */
export function toOpenAIChatMessages(messages: readonly RivuletMessage[], options: HistoryConversionOptions = {}): OpenAIChatMessage[] {
  const out: OpenAIChatMessage[] = []
  for (const message of messages) {
    if (message.role === 'system') {
      out.push({ role: 'system', content: message.content })
      continue
    }
    if (message.role === 'user') {
      const pieces = userPieces(message)
      out.push({ role: 'user', content: pieces === undefined ? message.content : pieces.map(chatContent) })
      continue
    }
    for (const group of assistantGroups(message, options)) {
      if (group.calls.length === 0) {
        if (group.text !== '') out.push({ role: 'assistant', content: group.text })
        continue
      }
      const toolCalls: OpenAIChatToolCall[] = group.calls.map(({ call }) =>
        isFreeFormCall(call)
          ? { id: call.id, type: 'custom', custom: { name: call.name, input: call.args } }
          : { id: call.id, type: 'function', function: { name: call.name, arguments: argumentsJson(call) } },
      )
      out.push({ role: 'assistant', content: group.text === '' ? null : group.text, tool_calls: toolCalls })
      for (const { call, outcome } of group.calls) out.push({ role: 'tool', tool_call_id: call.id, content: outcomeText(outcome) })
    }
  }
  return out
}

function chatContent(piece: UserPiece): OpenAIChatUserContent {
  switch (piece.kind) {
    case 'prompt':
    case 'note':
      return { type: 'text', text: piece.text }
    case 'text':
      return { type: 'text', text: textFileBlock(piece.name, piece.text) }
    case 'image':
      return { type: 'image_url', image_url: { url: piece.dataUrl ?? piece.url } }
    case 'pdf':
      // Chat Completions reads PDFs only inline; a remote one is named for the model instead.
      return piece.dataUrl !== undefined
        ? { type: 'file', file: { file_data: piece.dataUrl, filename: piece.name } }
        : { type: 'text', text: `[Attached file: ${piece.name} (application/pdf): ${piece.url}]` }
  }
}
