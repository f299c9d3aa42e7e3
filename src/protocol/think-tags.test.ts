import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { createThinkTagSplitter, type ThinkSegment } from './think-tags.ts'

function run(deltas: string[]): ThinkSegment[] {
  const splitter = createThinkTagSplitter()
  const out: ThinkSegment[] = []
  for (const delta of deltas) out.push(...splitter.push(delta))
  out.push(...splitter.flush())
  return merge(out)
}

/** Adjacent segments of one kind are one logical run, however the deltas fell. */
function merge(segments: ThinkSegment[]): ThinkSegment[] {
  const out: ThinkSegment[] = []
  for (const s of segments) {
    const last = out[out.length - 1]
    if (last && last.kind === s.kind) last.text += s.text
    else out.push({ ...s })
  }
  return out
}

const r = (text: string): ThinkSegment => ({ kind: 'reasoning', text })
const t = (text: string): ThinkSegment => ({ kind: 'text', text })

const cases: Array<{ name: string; input: string; expected: ThinkSegment[] }> = [
  { name: 'splits a leading think block from the answer', input: '<think>hmm</think>Hi', expected: [r('hmm'), t('Hi')] },
  { name: 'keeps whitespace inside and after the block verbatim', input: '<think>\nhmm\n</think>\n\nHi', expected: [r('\nhmm\n'), t('\n\nHi')] },
  { name: 'drops whitespace before the opening tag', input: '\n  <think>a</think>b', expected: [r('a'), t('b')] },
  { name: 'leaves content without a think block as text', input: 'Hello <think>x</think>', expected: [t('Hello <think>x</think>')] },
  { name: 'leaves a tag that does not open the content as text', input: 'a<think>b</think>', expected: [t('a<think>b</think>')] },
  { name: 'treats an unclosed block as reasoning to the end', input: '<think>still thinking', expected: [r('still thinking')] },
  { name: 'only the first closing tag ends reasoning', input: '<think>a</think>b</think>c', expected: [r('a'), t('b</think>c')] },
  { name: 'keeps a lone partial opening tag as text', input: '<thi', expected: [t('<thi')] },
  { name: 'keeps a partial closing tag at the end as reasoning', input: '<think>a</thi', expected: [r('a</thi')] },
  { name: 'keeps an almost-tag inside reasoning', input: '<think>a</thinking>b</think>c', expected: [r('a</thinking>b'), t('c')] },
  { name: 'yields nothing for an empty block', input: '<think></think>', expected: [] },
  { name: 'keeps whitespace-only content as text', input: '  ', expected: [t('  ')] },
]

describe('createThinkTagSplitter', () => {
  for (const c of cases) {
    it(c.name, () => {
      expect(run([c.input])).toEqual(c.expected)
    })
    it(`${c.name}, whatever way the deltas split it`, () => {
      for (let i = 0; i <= c.input.length; i++) {
        for (let j = i; j <= c.input.length; j++) {
          expect(run([c.input.slice(0, i), c.input.slice(i, j), c.input.slice(j)])).toEqual(c.expected)
        }
      }
      expect(run([...c.input])).toEqual(c.expected)
    })
  }

  it('lets answer text through as soon as it cannot be a tag', () => {
    const splitter = createThinkTagSplitter()
    expect(splitter.push('Hel')).toEqual([t('Hel')])
    expect(splitter.push('lo')).toEqual([t('lo')])
  })

  it('holds back only the characters that may start the closing tag', () => {
    const splitter = createThinkTagSplitter()
    expect(splitter.push('<think>abc</')).toEqual([r('abc')])
    expect(splitter.push('x')).toEqual([r('</x')])
    expect(splitter.push('</think')).toEqual([])
    expect(splitter.push('>ok')).toEqual([t('ok')])
  })

  it('loses no character other than the two tags, for any content and any split', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', '<', '/', 't', 'h', 'i', 'n', 'k', '>', ' ', '\n') }),
        fc.string({ unit: fc.constantFrom('a', '<', '/', 't', 'h', 'i', 'n', 'k', '>', ' ') }),
        fc.array(fc.nat(), { maxLength: 6 }),
        (reasoning, answer, cuts) => {
          fc.pre(!reasoning.includes('</think>'))
          const input = `<think>${reasoning}</think>${answer}`
          const points = [...new Set(cuts.map((c) => c % (input.length + 1)))].sort((a, b) => a - b)
          const deltas: string[] = []
          let from = 0
          for (const p of points) {
            deltas.push(input.slice(from, p))
            from = p
          }
          deltas.push(input.slice(from))
          const out = run(deltas)
          expect(out.filter((s) => s.kind === 'reasoning').map((s) => s.text).join('')).toBe(reasoning)
          expect(out.filter((s) => s.kind === 'text').map((s) => s.text).join('')).toBe(answer)
        },
      ),
    )
  })
})
