import fc from 'fast-check'
import type { UnsequencedChatEvent } from '../../src/protocol/events.ts'

const toolId = fc.constantFrom('t1', 't2', 't3')

/** Random content events of one turn (text, reasoning, status, tool calls over three ids), for property tests of the reducer and the store. */
export const contentEvent: fc.Arbitrary<UnsequencedChatEvent> = fc.oneof(
  fc.record({ type: fc.constant('token' as const), content: fc.string({ maxLength: 4 }) }),
  fc.record({ type: fc.constant('reasoning' as const), content: fc.string({ maxLength: 4 }) }),
  fc.record({ type: fc.constant('status' as const), message: fc.constantFrom('a', 'b') }),
  fc.record({ type: fc.constant('tool_call_start' as const), id: toolId, name: fc.constant('f') }),
  fc.record({ type: fc.constant('tool_call_delta' as const), id: toolId, argsDelta: fc.constantFrom('{', '"a"', ':', '1', '}') }),
  fc.record({ type: fc.constant('tool_call_end' as const), id: toolId }),
  fc.record({ type: fc.constant('tool_result' as const), id: toolId, result: fc.constant('r'), isError: fc.boolean() }),
)
