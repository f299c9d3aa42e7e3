import type { ChatEvent } from '../../src/protocol/events.ts'

/** What a decoded stream says: its text, its reasoning and its tool calls with raw arguments. */
export function summarizeEvents(events: ChatEvent[]) {
  let text = ''
  let reasoning = ''
  const calls = new Map<string, { name: string; args: string }>()
  for (const event of events) {
    if (event.type === 'token') text += event.content
    else if (event.type === 'reasoning') reasoning += event.content
    else if (event.type === 'tool_call_start') calls.set(event.id, { name: event.name, args: '' })
    else if (event.type === 'tool_call_delta') calls.get(event.id)!.args += event.argsDelta
  }
  return { text, reasoning, toolCalls: [...calls.values()] }
}
