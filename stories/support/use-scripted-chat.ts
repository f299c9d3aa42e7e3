import { useEffect, useState } from 'react'
import { chatReducer } from '../../src/core/chat-reducer.ts'
import type { ChatMessage, ChatState } from '../../src/core/state.ts'
import { initialChatState } from '../../src/core/state.ts'
import { applyPendingToolArgs } from '../../src/core/tool-args.ts'
import { beginTurn } from '../../src/core/turn.ts'
import type { ChatEvent } from '../../src/protocol/events.ts'

/** Options of {@link useScriptedChat}. */
export interface UseScriptedChatOptions {
  /** The scripted stream, e.g. `scenarios.toolCall`. A new array restarts the turn. */
  events: readonly ChatEvent[]
  /** Finished messages above the streaming turn. */
  history?: readonly ChatMessage[]
  /** The user's prompt that opens the turn. */
  prompt?: string
  /** Events applied per tick. */
  eventsPerTick?: number
  /** Milliseconds between ticks. */
  intervalMs?: number
}

function startTurn(history: readonly ChatMessage[], prompt: string | undefined): ChatState {
  const userMessage: ChatMessage | undefined =
    prompt === undefined ? undefined : { id: 'story-user', role: 'user', parts: [{ type: 'text', text: prompt }] }
  return beginTurn({ ...initialChatState, messages: [...history] }, { userMessage, assistantId: 'story-assistant' })
}

/**
 * Story-only driver: plays a scripted stream through the real chat reducer on an
 * interval, so components see exactly the states a live chat produces (tool calls moving
 * through their lifecycle, arguments re-parsed once per tick as the store does per frame,
 * reasoning closed by the answer). The interval stops at the end of the script and on
 * unmount.
 *
 * @example
 * const chat = useScriptedChat({ events: scenarios.toolCall, prompt: 'Weather in Zürich?' })
 * return chat.messages.map((m) => <Message key={m.id} message={m} streaming={chat.status === 'streaming'} />)
 */
export function useScriptedChat({ events, history = [], prompt, eventsPerTick = 1, intervalMs = 60 }: UseScriptedChatOptions): ChatState {
  const [run, setRun] = useState(() => ({ events, next: 0, state: startTurn(history, prompt) }))
  if (run.events !== events) setRun({ events, next: 0, state: startTurn(history, prompt) })

  useEffect(() => {
    const timer = setInterval(() => {
      setRun((current) => {
        if (current.next >= events.length) {
          clearInterval(timer)
          return current
        }
        const end = Math.min(events.length, current.next + eventsPerTick)
        const touched = new Set<string>()
        let state = current.state
        for (const event of events.slice(current.next, end)) {
          state = chatReducer(state, event, Date.now())
          if (event.type === 'tool_call_delta') touched.add(event.id)
        }
        return { ...current, next: end, state: applyPendingToolArgs(state, touched) }
      })
    }, intervalMs)
    return () => clearInterval(timer)
  }, [events, eventsPerTick, intervalMs])

  return run.state
}
