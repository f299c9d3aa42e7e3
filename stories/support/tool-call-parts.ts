import type { ToolCallPart, ToolCallState } from '../../src/core/state.ts'

/**
 * Story-only: a `get_weather` call as the chat state holds it in each lifecycle state,
 * with arguments half-parsed while they stream, a result once done and an error text
 * when it failed.
 *
 * @example
 * <ToolCallCard part={toolCallPart('output-error')} />
 */
export function toolCallPart(state: ToolCallState, overrides: Partial<ToolCallPart> = {}): ToolCallPart {
  const base: ToolCallPart = {
    type: 'tool-call',
    id: `call_${state}`,
    name: 'get_weather',
    state,
    argsText: '{"city":"Zürich","unit":"celsius","days":[1,2,3]}',
    args: { city: 'Zürich', unit: 'celsius', days: [1, 2, 3] },
  }
  switch (state) {
    case 'input-streaming':
      return { ...base, argsText: '{"city":"Zürich","unit":"cel', args: { city: 'Zürich', unit: 'cel' }, ...overrides }
    case 'input-available':
      return { ...base, ...overrides }
    case 'output-available':
      return { ...base, result: { tempC: 21, sky: 'clear', windKmh: 9 }, ...overrides }
    case 'output-error':
      return { ...base, result: { error: 'quota' }, errorText: 'Weather API quota exceeded (429). Try again in an hour.', ...overrides }
    case 'approval-requested':
      return { ...base, ...overrides }
    case 'approval-responded':
      return { ...base, approval: { approved: true }, ...overrides }
    case 'output-denied':
      return { ...base, approval: { approved: false, reason: 'Not now' }, errorText: 'Not now', ...overrides }
  }
}
