import { expect } from 'storybook/test'
import type { ChatClient } from '../../src/core/chat-client.ts'
import { messageText } from '../../src/core/message-text.ts'
import { fixtureSource } from '../support/fixtures.ts'

/** The parts of a fixture sidecar's `summary` that say what a correct replay ends with. */
export interface FixtureOutcome {
  /** The first characters of the answer text (a leading `<think>` block is reasoning). */
  text_head: string
  tool_calls: Array<{ name: string; args: string }>
  has_error: boolean
}

export function fixtureOutcome(name: string): FixtureOutcome {
  return fixtureSource(name).summary as unknown as FixtureOutcome
}

const THINK = '<think>'

/**
 * Asserts a finished replay against the fixture's sidecar: an error notice exactly when the
 * stream carried an error, one tool card per recorded call with its name, and the answer
 * starting with the recorded text (compared as text, not as rendered markdown).
 */
export function expectFixtureOutcome(canvasElement: HTMLElement, client: ChatClient, name: string) {
  const outcome = fixtureOutcome(name)
  const chat = canvasElement.querySelector('[data-rivulet="chat"]')!
  expect(chat.querySelectorAll('[data-rivulet="error-notice"]')).toHaveLength(outcome.has_error ? 1 : 0)

  const names = [...chat.querySelectorAll('[data-rivulet="tool-call-name"]')].map((el) => el.textContent)
  expect(names).toEqual(outcome.tool_calls.map((call) => call.name))

  const last = client.getSnapshot().messages.at(-1)!
  expect(last.role).toBe('assistant')
  if (outcome.text_head.startsWith(THINK)) {
    // The OpenAI-chat decoder moves a leading <think>…</think> block into reasoning.
    const reasoning = last.parts.flatMap((part) => (part.type === 'reasoning' ? [part.text] : [])).join('')
    const head = outcome.text_head.slice(THINK.length)
    expect(reasoning.slice(0, head.length)).toBe(head)
  } else {
    expect(messageText(last).slice(0, outcome.text_head.length)).toBe(outcome.text_head)
  }
}
