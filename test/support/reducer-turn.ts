import { chatReducer } from '../../src/core/chat-reducer.ts'
import { initialChatState, type ChatMessage, type ChatState } from '../../src/core/state.ts'
import { applyPendingToolArgs } from '../../src/core/tool-args.ts'
import { beginTurn } from '../../src/core/turn.ts'
import type { ChatEvent, UnsequencedChatEvent } from '../../src/protocol/events.ts'

/**
 * An assistant turn played through the real reducer, tool arguments parsed after each `apply`
 * as the store does once per frame; `apply` returns the assistant message as it is then (with
 * the reducer's structural sharing: untouched parts keep their identity).
 *
 * @example
 * const t = reducerTurn()
 * const message = t.apply({ type: 'start', streamId: 's' }, { type: 'token', content: 'Hi' })
 */
export function reducerTurn() {
  let seq = 0
  let state: ChatState = beginTurn(initialChatState, { assistantId: 'a1' })
  return {
    apply(...events: UnsequencedChatEvent[]): ChatMessage {
      const touched = new Set<string>()
      for (const event of events) {
        state = chatReducer(state, { ...event, seq: seq++ } as ChatEvent, 0)
        if (event.type === 'tool_call_delta') touched.add(event.id)
      }
      state = applyPendingToolArgs(state, touched)
      return state.messages.at(-1)!
    },
  }
}
