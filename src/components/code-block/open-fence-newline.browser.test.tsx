import { flushSync } from 'react-dom'
import { describe, expect, it, vi } from 'vitest'
import '../../styles.css'
import { preloadMarkdown } from '../markdown/markdown-loader.ts'
import { StreamingMarkdown } from '../markdown/streaming-markdown.tsx'
import { mountPerTest } from '../../../test/support/browser-root.ts'

/*
 * In Chromium, with the real stylesheet (a code line is a block with a line's minimum
 * height) and the highlight worker: an open fence's line is coloured once its newline has
 * arrived, with nothing typed after it, and that newline shows no empty line, so the block
 * is the same height before the newline, after it, and once the fence closes.
 */

const page = mountPerTest('width: 640px')
const lines = () => [...page.host.querySelectorAll<HTMLElement>('[data-rivulet="code-line"]')]
const height = () => page.host.querySelector('pre')!.getBoundingClientRect().height
const show = (text: string, streaming = true) => flushSync(() => page.root.render(<StreamingMarkdown streaming={streaming}>{text}</StreamingMarkdown>))

describe('an open fence’s trailing newline', () => {
  it.each([
    ['alone in its block', '```ts\n'],
    ['read by the parser', '```ts lines=1&2\n'],
  ])('%s: colours the finished line without another character, and adds no empty line', { timeout: 60_000 }, async (_, opener) => {
    await preloadMarkdown()
    const intro = 'The answer:\n\n' + opener
    show(intro + 'const answer: number = 42')
    const typing = height()
    expect(lines()).toHaveLength(1)

    show(intro + 'const answer: number = 42\n')
    expect(height()).toBe(typing)
    expect(lines()).toHaveLength(1)
    await vi.waitFor(() => expect(lines()[0]!.querySelector('span')).not.toBeNull(), { timeout: 30_000, interval: 20 })
    const spans = [...lines()[0]!.querySelectorAll('span')]
    expect(height()).toBe(typing)

    // The closing fence: the same height, the same coloured nodes.
    show(intro + 'const answer: number = 42\n```\n', false)
    expect(height()).toBe(typing)
    expect([...lines()[0]!.querySelectorAll('span')]).toEqual(spans)
    spans.forEach((span) => expect(span.isConnected).toBe(true))
  })
})
