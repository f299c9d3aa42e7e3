import type { ChatEvent } from '../../src/protocol/events.ts'

/**
 * Story-only: the answer text a scripted stream spells out (its `token` events joined),
 * so markdown stories can reuse the mocks' scenarios without a chat around them.
 *
 * @example
 * scenarioText(scenarios.markdown) // '# Streaming rivers\n\nRivers carry…'
 */
export function scenarioText(events: readonly ChatEvent[]): string {
  return events.map((event) => (event.type === 'token' ? event.content : '')).join('')
}
