import { describe, expect, it } from 'vitest'
import { formatJson } from './format-json.ts'
import { isToolCallOpenByDefault } from './tool-call-labels.ts'

describe('formatJson', () => {
  it.each([
    ['an object, indented by two spaces', { a: 1, b: [true, null] }, '{\n  "a": 1,\n  "b": [\n    true,\n    null\n  ]\n}'],
    ['a string as it is, without quotes or escapes', 'line "one"\nline two', 'line "one"\nline two'],
    ['a number', 42, '42'],
    ['null', null, 'null'],
    ['nothing for undefined', undefined, ''],
    ['a BigInt through String() instead of throwing', 10n, '10'],
  ])('renders %s', (_name, value, expected) => {
    expect(formatJson(value)).toBe(expected)
  })

  it('renders a cyclic value without throwing', () => {
    const cyclic: Record<string, unknown> = {}
    cyclic.self = cyclic
    expect(formatJson(cyclic)).toBe('[object Object]')
  })
})

describe('isToolCallOpenByDefault', () => {
  it.each([
    ['input-streaming', true],
    ['input-available', true],
    ['output-available', false],
    ['output-error', true],
  ] as const)('%s → %s', (state, open) => {
    expect(isToolCallOpenByDefault(state)).toBe(open)
  })
})
