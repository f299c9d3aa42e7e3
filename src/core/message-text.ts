import type { ChatMessage } from './state.ts'

/**
 * The plain text of a message: its text parts joined (reasoning, tools and errors left out).
 *
 * @example
 * messageText({ id: 'u1', role: 'user', parts: [{ type: 'text', text: 'Hi' }] }) // 'Hi'
 */
export function messageText(message: ChatMessage): string {
  let text = ''
  for (const part of message.parts) if (part.type === 'text') text += part.text
  return text
}
