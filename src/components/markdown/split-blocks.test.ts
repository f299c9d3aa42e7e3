import { describe, expect, test } from 'vitest'
import fc from 'fast-check'
import recording from '../../../fixtures/anthropic-long-markdown-codefences.sse?raw'
import { liveHeapBytes } from '../../../test/support/heap.ts'
import { createTextLog } from '../../core/text-log.ts'
import { createBlockSplitter, splitBlocks } from './split-blocks.ts'

/** The assistant text deltas of the recorded Anthropic stream, in order. */
function textDeltas(sse: string): string[] {
  const deltas: string[] = []
  for (const line of sse.split('\n')) {
    if (!line.startsWith('data: ')) continue
    const data = JSON.parse(line.slice(6)) as { delta?: { type?: string; text?: string } }
    if (data.delta?.type === 'text_delta' && typeof data.delta.text === 'string') deltas.push(data.delta.text)
  }
  return deltas
}

const deltas = textDeltas(recording)
const document = deltas.join('')

/** Blocks whose successor starts on a complete line can no longer change as text is appended. */
function settledBlocks(text: string, blocks: readonly string[]): string[] {
  let offset = 0
  const settled: string[] = []
  for (let i = 0; i < blocks.length - 1; i++) {
    offset += (blocks[i] as string).length
    if (text.indexOf('\n', offset) === -1) break
    settled.push(blocks[i] as string)
  }
  return settled
}

describe('splitBlocks', () => {
  test('splits paragraphs, headings and fences at blank lines, keeping the blank lines', () => {
    expect(splitBlocks('# Hi\n\nSome text\nmore\n\n```\ncode\n```\n')).toEqual(['# Hi\n\n', 'Some text\nmore\n\n', '```\ncode\n```\n'])
  })

  test('does not split at a blank line inside an open fence', () => {
    const text = 'Intro\n\n```py\na = 1\n\n\nb = 2\n```\n\nAfter'
    expect(splitBlocks(text)).toEqual(['Intro\n\n', '```py\na = 1\n\n\nb = 2\n```\n\n', 'After'])
  })

  test('does not split inside a still-open tilde fence', () => {
    expect(splitBlocks('~~~~\na\n\n~~~\nb')).toEqual(['~~~~\na\n\n~~~\nb'])
  })

  test('keeps a loose list together, including indented continuation paragraphs', () => {
    const list = '1. one\n\n2. two\n\n   more about two\n\n- nested? no, same list\n\n'
    expect(splitBlocks(list + 'Para')).toEqual([list, 'Para'])
  })

  test('keeps indented code after a blank line with the block before it', () => {
    expect(splitBlocks('Para\n\n    code\n\n    more\n\nNext')).toEqual(['Para\n\n    code\n\n    more\n\n', 'Next'])
  })

  test('keeps tables and blockquotes whole', () => {
    const table = '| a | b |\n|---|---|\n| 1 | 2 |\n\n'
    const quote = '> one\n>\n> two\n\n'
    expect(splitBlocks(table + quote + 'End')).toEqual([table, quote, 'End'])
  })

  test('does not start a block with the leading blank lines of a text', () => {
    expect(splitBlocks('\n\nHello\n\nWorld')).toEqual(['\n\nHello\n\n', 'World'])
  })

  test('returns one empty block for empty text', () => {
    expect(splitBlocks('')).toEqual([''])
  })

  test('keeps every fence of the recorded document in a single block', () => {
    const fenceLines = (block: string) => block.split('\n').filter((line) => line.startsWith('```')).length
    const blocks = splitBlocks(document)
    expect(blocks.reduce((sum, block) => sum + fenceLines(block), 0)).toBe(18)
    for (const block of blocks) expect(fenceLines(block) % 2).toBe(0)
  })

  test('every prefix of the recorded document splits into blocks that join back to it', () => {
    for (let end = 0; end <= document.length; end++) {
      const prefix = document.slice(0, end)
      expect(splitBlocks(prefix).join('')).toBe(prefix)
    }
  })

  test('settled blocks of every prefix are the blocks of the whole document', () => {
    const whole = splitBlocks(document)
    for (let end = 0; end <= document.length; end += 7) {
      const prefix = document.slice(0, end)
      const settled = settledBlocks(prefix, splitBlocks(prefix))
      expect(settled).toEqual(whole.slice(0, settled.length))
    }
  })
})

describe('createBlockSplitter', () => {
  test('gives the same blocks as a full split after every recorded delta', () => {
    const splitter = createBlockSplitter()
    let text = ''
    for (const delta of deltas) {
      text += delta
      expect(splitter.split(text)).toEqual(splitBlocks(text))
    }
  })

  test('gives the same blocks as a full split after every single character', () => {
    const splitter = createBlockSplitter()
    for (let end = 0; end <= document.length; end++) {
      const prefix = document.slice(0, end)
      expect(splitter.split(prefix)).toEqual(splitBlocks(prefix))
    }
  })

  test('reuses the earlier block strings when text is appended', () => {
    const splitter = createBlockSplitter()
    const first = splitter.split('One\n\nTwo\n\nThr')
    const second = splitter.split('One\n\nTwo\n\nThree')
    expect(second[0]).toBe(first[0])
    expect(second[1]).toBe(first[1])
    expect(second[2]).toBe('Three')
  })

  test('re-joins a block whose first line turns out to continue the list before it', () => {
    const splitter = createBlockSplitter()
    expect(splitter.split('- a\n\n1')).toEqual(['- a\n\n', '1'])
    expect(splitter.split('- a\n\n1. b\n')).toEqual(['- a\n\n1. b\n'])
  })

  test('falls back to a full split when the text is replaced', () => {
    const splitter = createBlockSplitter()
    splitter.split('Alpha\n\nBeta')
    expect(splitter.split('Gamma')).toEqual(['Gamma'])
    splitter.reset()
    expect(splitter.split('A\n\nB')).toEqual(['A\n\n', 'B'])
  })

  test('matches a full split for arbitrary markdown fed in arbitrary chunks', () => {
    const piece = fc.constantFrom('a', ' ', '\n', '\n\n', '```', '~~~', '- ', '1. ', '  ', '> ', '|', '#', '*', '`', 'x\n')
    fc.assert(
      fc.property(fc.array(fc.array(piece, { maxLength: 6 }), { maxLength: 30 }), (chunks) => {
        const splitter = createBlockSplitter()
        let text = ''
        for (const chunk of chunks) {
          text += chunk.join('')
          const blocks = splitter.split(text)
          expect(blocks).toEqual(splitBlocks(text))
          expect(blocks.join('')).toBe(text)
        }
      }),
      { numRuns: 300 },
    )
  })

  test('given logged versions, reads the new text from the log and never the string', () => {
    // A decoy of the right length in place of the text: blocks that match the log prove the string was not read.
    const piece = fc.constantFrom('a', ' ', '\n', '\n\n', '```', '~~~', '- ', '1. ', '  ', '> ', '|', '#', '*', '`', 'x\n')
    fc.assert(
      fc.property(fc.array(fc.array(piece, { maxLength: 6 }), { minLength: 1, maxLength: 30 }), (chunks) => {
        const splitter = createBlockSplitter()
        const log = createTextLog()
        const [first, ...rest] = chunks.map((chunk) => chunk.join(''))
        let text = first as string
        // The first version is read as a string: nothing logged came before it.
        expect(splitter.split(text, log.append(text))).toEqual(splitBlocks(text))
        for (const chunk of rest) {
          text += chunk
          const blocks = splitter.split('?'.repeat(text.length), log.append(chunk))
          expect(blocks).toEqual(splitBlocks(text))
        }
      }),
      { numRuns: 300 },
    )
  })

  test('reads the string again when the version is of another log or older', () => {
    const splitter = createBlockSplitter()
    const log = createTextLog()
    splitter.split('One\n\nTw', log.append('One\n\nTw'))
    expect(splitter.split('One\n\nTwo', log.append('o'))).toEqual(['One\n\n', 'Two'])
    // A regenerated answer: a new log, a shorter text.
    const other = createTextLog()
    expect(splitter.split('Alpha', other.append('Alpha'))).toEqual(['Alpha'])
    // An older version of the same log (a state from before): the string decides.
    const old = other.append('\n\nBeta')
    other.append('!')
    expect(splitter.split('Alpha\n\nBeta!', { log: other, end: 12 })).toEqual(['Alpha\n\n', 'Beta!'])
    expect(splitter.split('Alpha\n\nBeta', old)).toEqual(['Alpha\n\n', 'Beta'])
  })

  test('finished blocks do not keep the versions of the text they were cut from alive', () => {
    // Each version of a streamed text is a new string; a block cut from one as a slice kept all
    // of it alive (100,000 characters streamed in 40-character tokens: ~19 MB held at the end).
    const paragraph = (i: number) => `Paragraph ${i} says something about streaming markdown, blocks and memory.\n\n`
    let full = ''
    for (let i = 0; full.length < 100_000; i++) full += paragraph(i)
    const splitter = createBlockSplitter()
    let text = ''
    let blocks: readonly string[] = []
    const before = liveHeapBytes()
    for (let at = 0; at < full.length; at += 40) {
      text += full.slice(at, at + 40)
      blocks = splitter.split(text)
    }
    const held = liveHeapBytes() - before
    expect(blocks.join('')).toBe(full)
    expect(blocks.length).toBeGreaterThan(1_000)
    expect(held).toBeLessThan(4_000_000)
  })
})
