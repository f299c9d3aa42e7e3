import type { RivuletMessage, RivuletReasoningPart } from '../../protocol/message-format.ts'
import { argumentsJson, assistantGroups, isFreeFormCall, outcomeText, type HistoryConversionOptions } from './history-groups.ts'
import { textFileBlock, userPieces, type UserPiece } from './user-files.ts'

/** A reasoning item sent back (the model's own, named by its `id`). */
export interface OpenAIResponsesReasoningItem {
  type: 'reasoning'
  id: string
  summary: Array<{ type: 'summary_text'; text: string }>
  encrypted_content?: string
}

/** A piece of a user message with files: text, an image (data or http URL), or a PDF (inline or by URL). */
export type OpenAIResponsesUserContent =
  | { type: 'input_text'; text: string }
  | { type: 'input_image'; image_url: string; detail: 'auto' }
  | { type: 'input_file'; filename: string; file_data: string }
  | { type: 'input_file'; filename: string; file_url: string }

/**
 * One Responses API input item, the subset the converter writes; assignable to the `openai`
 * package's `ResponseInputItem` (checked in the tests), without depending on it.
 */
export type OpenAIResponsesInputItem =
  | { role: 'system' | 'user' | 'assistant'; content: string }
  | OpenAIResponsesReasoningItem
  | { role: 'user'; content: OpenAIResponsesUserContent[] }
  | { type: 'function_call'; call_id: string; name: string; arguments: string }
  | { type: 'function_call_output'; call_id: string; output: string }
  | { type: 'custom_tool_call'; call_id: string; name: string; input: string }
  | { type: 'custom_tool_call_output'; call_id: string; output: string }

/**
 * Converts a Rivulet history into Responses API `input` items: messages as role/content
 * items, each tool call as a `function_call` (a free-form tool's as a `custom_tool_call`)
 * followed by its output item, in conversation order. Reasoning goes back as the model's own
 * `reasoning` item when the stream named it (`itemId`, with `encrypted_content` when it came:
 * needed with `store: false`), before the text and calls it led to; reasoning without an item
 * id is dropped (the API takes back only its own items). Status lines and error notes are
 * dropped. A call without an outcome gets a "No result: …" output by default
 * (`options.unansweredCalls`); run approved server tools before converting.
 *
 * A user message with files becomes content in order: png/jpeg/gif/webp images as
 * `input_image`, PDFs as `input_file` (inline `file_data` or `file_url`), text files as
 * text, anything else as a line naming the file.
 *
 * @example
 * const stream = await openai.responses.create({ model, stream: true, input: toOpenAIResponsesInput(messages) })
 */
export function toOpenAIResponsesInput(messages: readonly RivuletMessage[], options: HistoryConversionOptions = {}): OpenAIResponsesInputItem[] {
  const out: OpenAIResponsesInputItem[] = []
  for (const message of messages) {
    const pieces = message.role === 'user' ? userPieces(message) : undefined
    if (pieces !== undefined) {
      out.push({ role: 'user', content: pieces.map(responsesContent) })
      continue
    }
    if (message.role === 'system' || message.role === 'user') {
      out.push({ role: message.role, content: message.content })
      continue
    }
    for (const group of assistantGroups(message, options)) {
      for (const part of group.reasoning) {
        const item = reasoningItem(part)
        if (item) out.push(item)
      }
      if (group.text !== '') out.push({ role: 'assistant', content: group.text })
      for (const { call, outcome } of group.calls) {
        const output = outcomeText(outcome)
        if (isFreeFormCall(call)) {
          out.push({ type: 'custom_tool_call', call_id: call.id, name: call.name, input: call.args })
          out.push({ type: 'custom_tool_call_output', call_id: call.id, output })
        } else {
          out.push({ type: 'function_call', call_id: call.id, name: call.name, arguments: argumentsJson(call) })
          out.push({ type: 'function_call_output', call_id: call.id, output })
        }
      }
    }
  }
  return out
}

function reasoningItem(part: RivuletReasoningPart): OpenAIResponsesReasoningItem | undefined {
  if (typeof part.itemId !== 'string' || part.itemId === '') return undefined
  const item: OpenAIResponsesReasoningItem = { type: 'reasoning', id: part.itemId, summary: part.text === '' ? [] : [{ type: 'summary_text', text: part.text }] }
  if (typeof part.encryptedContent === 'string') item.encrypted_content = part.encryptedContent
  return item
}

function responsesContent(piece: UserPiece): OpenAIResponsesUserContent {
  switch (piece.kind) {
    case 'prompt':
    case 'note':
      return { type: 'input_text', text: piece.text }
    case 'text':
      return { type: 'input_text', text: textFileBlock(piece.name, piece.text) }
    case 'image':
      return { type: 'input_image', image_url: piece.dataUrl ?? piece.url, detail: 'auto' }
    case 'pdf':
      return piece.dataUrl !== undefined
        ? { type: 'input_file', filename: piece.name, file_data: piece.dataUrl }
        : { type: 'input_file', filename: piece.name, file_url: piece.url }
  }
}
