import { describe, expect, it } from 'vitest'
import { completeCount, completeElements } from './complete-elements.ts'
import { createPartialJsonParser } from './partial-json-parser.ts'

/** Feeds `pieces` one by one and returns the value after each. */
function valuesAfter(pieces: string[]): unknown[] {
  const parser = createPartialJsonParser()
  return pieces.map((piece) => {
    parser.append(piece)
    return parser.value()
  })
}

describe('createPartialJsonParser', () => {
  it('shows strings as they grow, keys once their value begins, numbers once finished', () => {
    expect(valuesAfter(['{"na', 'me": "Ad', 'a", "age": 3', '6', ', "ok": tr', 'ue}'])).toEqual([
      {},
      { name: 'Ad' },
      { name: 'Ada' },
      { name: 'Ada' },
      { name: 'Ada', age: 36 },
      { name: 'Ada', age: 36, ok: true },
    ])
  })

  it('shows containers as soon as they open', () => {
    expect(valuesAfter(['{"a": [', '{', '"b": {']).at(-1)).toEqual({ a: [{ b: {} }] })
  })

  it('equals JSON.parse for a finished document, escapes and surrogate pairs included', () => {
    const text = '{"s":"a\\"b\\\\c\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00","n":[-0.5e+2,0,1E3],"z":null,"f":false,"e":{},"a":[]}'
    const parser = createPartialJsonParser()
    for (const char of text) parser.append(char)
    parser.end()
    expect(parser.error).toBeUndefined()
    expect(parser.complete).toBe(true)
    expect(parser.value()).toEqual(JSON.parse(text))
  })

  it('keeps the identity of subtrees that did not change', () => {
    const parser = createPartialJsonParser()
    parser.append('{"done": {"x": [1, 2]}, "growing": "a')
    const first = parser.value() as { done: object; growing: string }
    parser.append('bc')
    const second = parser.value() as { done: object; growing: string }
    expect(second).not.toBe(first)
    expect(second.done).toBe(first.done)
    expect(second.growing).toBe('abc')
    // Nothing visible changed (whitespace, a key in progress): the very same root.
    parser.append('", "ne')
    const third = parser.value()
    parser.append('xt"  ')
    expect(parser.value()).toBe(third)
  })

  it('keeps the identity of an object whose closing brace adds nothing', () => {
    const parser = createPartialJsonParser()
    parser.append('[{"a": "x"')
    const shown = (parser.value() as object[])[0]
    parser.append('}')
    expect((parser.value() as object[])[0]).toBe(shown)
  })

  it('marks array elements complete once they close', () => {
    const parser = createPartialJsonParser()
    parser.append('{"cards": [{"t": "one"}, {"t": "tw')
    const cards = (parser.value() as { cards: { t: string }[] }).cards
    expect(cards).toHaveLength(2)
    expect(completeElements(cards)).toEqual([{ t: 'one' }])
    expect(completeCount(cards)).toBe(1)
    // The same array each time, so a memoised list given it does not re-render.
    expect(completeElements(cards)).toBe(completeElements(cards))
    parser.append('o"}]}')
    const done = (parser.value() as { cards: unknown[] }).cards
    expect(completeElements(done)).toEqual([{ t: 'one' }, { t: 'two' }])
  })

  it('shows a top-level string while it streams and a top-level number only at the end', () => {
    expect(valuesAfter(['"he', 'llo"'])).toEqual(['he', 'hello'])
    const parser = createPartialJsonParser()
    parser.append('12')
    expect(parser.value()).toBeUndefined()
    parser.end()
    expect(parser.value()).toBe(12)
  })

  it('makes __proto__ an own field, as JSON.parse does', () => {
    const parser = createPartialJsonParser()
    parser.append('{"__proto__": {"polluted": true}, "a": "b')
    const value = parser.value() as Record<string, unknown>
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype)
    expect(Object.hasOwn(value, '__proto__')).toBe(true)
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
  })

  it.each([
    ['{"a" 1}', "Unexpected '1' at character 5: expected ':'", { a: undefined }],
    ['[1, 2,]', "Unexpected ']' at character 6: expected a value", [1, 2]],
    ['{"a": tru e}', "Unexpected ' ' at character 9: expected 'true'", {}],
    ['{"a": 01}', "Invalid number '01' at character 6", {}],
    ['{"a": "x\ny"}', 'Unexpected a line break at character 8: expected the string to go on (control characters must be escaped)', { a: 'x' }],
    ['{"a": 1} {', "Unexpected '{' at character 9: the JSON value is already complete", { a: 1 }],
    ['Sure! Here is the JSON', "Unexpected 'S' at character 0: expected a value", undefined],
  ])('reports %j clearly and keeps what was valid', (text, message, kept) => {
    const parser = createPartialJsonParser()
    parser.append(text)
    expect(parser.error?.message).toBe(message)
    expect(parser.error?.kind).toBe('syntax')
    const value = parser.value()
    if (kept && typeof kept === 'object' && !Array.isArray(kept) && 'a' in kept && kept.a === undefined) expect(value).toEqual({})
    else expect(value).toEqual(kept)
    parser.append('more')
    expect(parser.error?.message).toBe(message)
  })

  it('reports a text that ends mid-value as incomplete, keeping the partial value', () => {
    const parser = createPartialJsonParser()
    parser.append('{"list": ["a", "b')
    parser.end()
    expect(parser.error?.kind).toBe('incomplete')
    expect(parser.error?.message).toBe('The JSON text ended early (inside a string)')
    expect(parser.value()).toEqual({ list: ['a', 'b'] })
    const empty = createPartialJsonParser()
    empty.append('  ')
    empty.end()
    expect(empty.error?.message).toBe('The text ended before any JSON value began')
  })

  it('refuses nesting past maxDepth without recursion, keeping the shallower value', () => {
    const parser = createPartialJsonParser({ maxDepth: 100 })
    parser.append('{"a":'.repeat(99) + '[' + '['.repeat(10_000))
    expect(parser.error?.kind).toBe('depth')
    expect(parser.error?.message).toBe('Nesting deeper than 100 levels at character 496')
    let node = parser.value() as Record<string, unknown>
    for (let depth = 1; depth < 99; depth++) node = node['a'] as Record<string, unknown>
    expect(node['a']).toEqual([])
  })

  it('reads a 5 MB string in pieces without re-reading it', () => {
    const parser = createPartialJsonParser()
    parser.append('{"big": "')
    const piece = 'x'.repeat(64 * 1024)
    for (let i = 0; i < 80; i++) parser.append(piece)
    parser.append('", "after": 1}')
    parser.end()
    const value = parser.value() as { big: string; after: number }
    expect(value.big.length).toBe(80 * 64 * 1024)
    expect(value.after).toBe(1)
  })
})
