import { flushSync } from 'react-dom'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { CodeBlock } from './code-block.tsx'
import { mountPerTest } from '../../../test/support/browser-root.ts'

/*
 * Code is coloured while its fence streams: each finished line is tokenized once with the
 * grammar state of the line above, and never changes afterwards. Checked in Chromium on the
 * DOM itself: the very same span nodes, with the same computed colours, from the moment a
 * line is coloured to the end of the stream and after the fence closes.
 */

const page = mountPerTest('width: 640px')
const figures: string[] = []
afterAll(() => console.info(`streaming highlight:\n  ${figures.join('\n  ')}`))

const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()))
const lineElements = () => [...page.host.querySelectorAll<HTMLElement>('[data-rivulet="code-line"]')]
const block = () => page.host.querySelector<HTMLElement>('[data-rivulet="code-block"]')!

interface Seen {
  spans: HTMLElement[]
  colours: string[]
}

function snapshot(line: HTMLElement): Seen {
  const spans = [...line.querySelectorAll<HTMLElement>(':scope > span')]
  return { spans, colours: spans.map((span) => getComputedStyle(span).color) }
}

const source = [
  'import { thing } from "./thing"',
  '/*',
  ' * A comment that spans lines: const let return',
  ' * still a comment: if (x) { return 1 }',
  ' */',
  'export function compute(value: number): string {',
  '  const doubled = value * 2 // trailing comment',
  '  const text = `template ${doubled} literal`',
  '  return text.repeat(3)',
  '}',
  ...Array.from({ length: 30 }, (_, i) => `const value${i} = compute(${i}) + "${i}"`),
]

describe('a fence coloured while it streams', () => {
  it('colours each finished line once: same nodes, same colours, to the end and after the fence closes', { timeout: 120_000 }, async () => {
    const seen = new Map<number, Seen>()
    const framesToColour: number[] = []
    let previousHeight = 0
    let lineHeight = 0
    for (let count = 1; count <= source.length; count++) {
      // Each step: one more finished line, and half of the next being typed.
      const next = source[count] ?? ''
      const code = source.slice(0, count).join('\n') + '\n' + next.slice(0, Math.floor(next.length / 2))
      flushSync(() => page.root.render(<CodeBlock code={code} language="ts" complete={false} />))
      expect(block().dataset.state).toBe('streaming')

      // The height follows the line count exactly: a line never changes height when it is coloured.
      const height = page.host.querySelector('pre')!.getBoundingClientRect().height
      if (count === 2) lineHeight = height - previousHeight
      // Never shrinks, and is exactly the lines shown (an empty last line adds no height until typed into).
      if (count > 2) {
        expect(height).toBeGreaterThanOrEqual(previousHeight - 1)
        const typedLines = code.endsWith('\n') ? count : count + 1
        expect(Math.abs(height - typedLines * lineHeight)).toBeLessThanOrEqual(1)
      }
      previousHeight = height

      // The newly finished line gets its colours within a few frames (counted, not timed).
      let frames = 0
      while (lineElements()[count - 1]?.querySelector('span') === null && frames < 600) {
        await frame()
        frames++
      }
      framesToColour.push(frames)
      const line = lineElements()[count - 1]!
      expect(line.querySelector('span')).not.toBeNull()
      seen.set(count - 1, snapshot(line))
      // The line being typed stays plain.
      expect(lineElements()[count]?.querySelector('span') ?? null).toBeNull()

      // Every line coloured before is untouched: the same span nodes, the same colours.
      for (const [index, before] of seen) {
        const now = snapshot(lineElements()[index]!)
        expect(now.spans.length).toBe(before.spans.length)
        now.spans.forEach((span, i) => expect(span).toBe(before.spans[i]))
        expect(now.colours).toEqual(before.colours)
      }
    }

    // Grammar state carried line to line: the comment's inner lines are comment-coloured.
    const commentColour = seen.get(1)!.colours[0]
    expect(seen.get(2)!.colours.every((colour) => colour === commentColour)).toBe(true)
    expect(seen.get(3)!.colours.every((colour) => colour === commentColour)).toBe(true)
    expect(seen.get(5)!.colours[0]).not.toBe(commentColour)

    // The fence closes: highlighted, and still the same nodes.
    const code = source.join('\n')
    flushSync(() => page.root.render(<CodeBlock code={code} language="ts" complete />))
    await vi.waitFor(() => expect(block().dataset.state).toBe('highlighted'), { timeout: 60_000, interval: 20 })
    for (const [index, before] of seen) {
      snapshot(lineElements()[index]!).spans.forEach((span, i) => expect(span).toBe(before.spans[i]))
    }
    framesToColour.sort((a, b) => a - b)
    figures.push(
      `${source.length} lines: frames from a line's newline to its colours: median ${framesToColour[framesToColour.length >> 1]}, max ${framesToColour.at(-1)}`,
    )
  })
})
