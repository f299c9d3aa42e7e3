import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { cutAt } from '../../../test/support/sse.ts'
import { completeElements } from './complete-elements.ts'
import { createPartialJsonParser } from './partial-json-parser.ts'

/**
 * Whether `partial` is a prefix-consistent view of `final`: every field it has is in the final
 * value and consistent there, strings are prefixes, arrays are a prefix whose complete
 * elements are final already, and scalars are final the moment they show.
 */
function consistent(partial: unknown, final: unknown): boolean {
  if (partial === undefined) return true
  if (typeof partial === 'string') return typeof final === 'string' && final.startsWith(partial)
  if (partial === null || typeof partial !== 'object') return Object.is(partial, final)
  if (Array.isArray(partial)) {
    if (!Array.isArray(final) || partial.length > final.length) return false
    const complete = completeElements(partial)
    return partial.every((item, i) => (i < complete.length ? deepEqual(item, final[i]) : consistent(item, final[i])))
  }
  if (final === null || typeof final !== 'object' || Array.isArray(final)) return false
  const whole = final as Record<string, unknown>
  return Object.entries(partial).every(([key, value]) => Object.hasOwn(whole, key) && consistent(value, whole[key]))
}

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

const documents = fc
  .tuple(fc.jsonValue({ maxDepth: 4 }), fc.constantFrom(undefined, 0, 1, 2, '\t'))
  .map(([value, indent]) => JSON.stringify(value, null, indent))

describe('createPartialJsonParser properties', () => {
  it('any chunking of a JSON document gives partial values that are each a prefix-consistent view of the final one', () => {
    fc.assert(
      fc.property(documents, fc.array(fc.nat(), { maxLength: 40 }), (text, cuts) => {
        const final: unknown = JSON.parse(text)
        const parser = createPartialJsonParser()
        let previous: unknown
        for (const chunk of cutAt(text, cuts)) {
          parser.append(chunk)
          const partial = parser.value()
          expect(consistent(partial, final)).toBe(true)
          // Each view is also consistent with the one after it: nothing shown is ever taken back.
          if (previous !== undefined) expect(consistent(previous, partial ?? final)).toBe(true)
          previous = partial
        }
        parser.end()
        expect(parser.error).toBeUndefined()
        expect(parser.value()).toEqual(final)
      }),
      { numRuns: 400 },
    )
  })

  it('gives the same final value and error for any chunking of any text', () => {
    const jsonish = fc.stringMatching(/^[{}[\]",:0-9a-z \\.e+-]{0,40}$/)
    fc.assert(
      fc.property(jsonish, fc.array(fc.nat(), { maxLength: 10 }), (text, cuts) => {
        const whole = createPartialJsonParser()
        whole.append(text)
        whole.end()
        const pieces = createPartialJsonParser()
        for (const chunk of cutAt(text, cuts)) pieces.append(chunk)
        pieces.end()
        expect(pieces.error?.message).toBe(whole.error?.message)
        expect(pieces.value()).toEqual(whole.value())
        let parsed: unknown
        let valid = true
        try {
          parsed = JSON.parse(text)
        } catch {
          valid = false
        }
        expect(whole.error === undefined).toBe(valid)
        if (valid) expect(whole.value()).toEqual(parsed)
      }),
      { numRuns: 1000 },
    )
  })
})
