import type { StateStore } from '../state-store.ts'
import type { ChatState } from '../state.ts'
import type { ToolActionOutcome } from './agent-loop.ts'

/**
 * A tool answer (`addToolResult`, `respondToApproval`) given before the chat's engine is in:
 * applied to the state now. No request of that client has run yet, so there is no step of its
 * own to continue (a restored thread has no stream); once the engine is in, its agent loop
 * takes the answers instead.
 */
export function applyToolAction(store: StateStore, action: (state: ChatState) => { state: ChatState; problem?: string }): ToolActionOutcome {
  let problem: string | undefined
  store.update((state) => {
    const result = action(state)
    problem = result.problem
    return result.state
  })
  return problem === undefined ? { ok: true } : { ok: false, problem }
}
