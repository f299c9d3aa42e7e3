import { flushSync } from 'react-dom'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { CodeBlock } from './code-block.tsx'
import { registerLanguages } from './languages.ts'
import { highlightWorkerStats, setHighlightWorkerFactory } from './worker-client.ts'
import { mountPerTest } from '../../../test/support/browser-root.ts'

/*
 * In Chromium the tokenizer runs in the highlight worker: the page only receives the tokens
 * of finished lines. Checked by the worker's own counters (lines it coloured, fences it
 * handed back) next to the DOM: finished lines keep their span nodes and computed colours
 * while the fence keeps streaming. A worker that cannot start, or that crashes mid-fence,
 * hands the fence to the main thread: lines already coloured stay as they were, the rest
 * are coloured there, and no text is lost. Frames are counted, never timed.
 */

const page = mountPerTest('width: 640px')
const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()))
const lineElements = () => [...page.host.querySelectorAll<HTMLElement>('[data-rivulet="code-line"]')]
const block = () => page.host.querySelector<HTMLElement>('[data-rivulet="code-block"]')!

afterEach(() => setHighlightWorkerFactory(undefined))

const source = [
  '/**',
  ' * Doc comment: const let return',
  ' */',
  'export async function load(url: string): Promise<number> {',
  '  const response = await fetch(url) // trailing',
  '  return `${response.status}`.length',
  '}',
  ...Array.from({ length: 24 }, (_, i) => `const value${i}: number = ${i} * 2 + "${i}".length`),
]

interface Seen {
  spans: HTMLElement[]
  colours: string[]
}

function snapshot(line: HTMLElement): Seen {
  const spans = [...line.querySelectorAll<HTMLElement>(':scope > span')]
  return { spans, colours: spans.map((span) => getComputedStyle(span).color) }
}

/** The first `count` lines finished and half of the next one typed, as a streaming fence shows them. */
function streamed(count: number): string {
  const next = source[count] ?? ''
  return source.slice(0, count).join('\n') + '\n' + next.slice(0, Math.floor(next.length / 2))
}

/** Renders a streaming fence of `language` line by line; resolves once `settle` frames passed after the last. */
async function streamPlain(language: string, lines: readonly string[], settle: number): Promise<void> {
  for (let count = 1; count <= lines.length; count++) {
    flushSync(() => page.root.render(<CodeBlock code={lines.slice(0, count).join('\n') + '\n'} language={language} complete={false} />))
    await frame()
  }
  for (let i = 0; i < settle; i++) await frame()
}

async function colouredWithin(index: number, maxFrames: number): Promise<void> {
  for (let frames = 0; frames < maxFrames && lineElements()[index]?.querySelector('span') == null; frames++) await frame()
  expect(lineElements()[index]?.querySelector('span'), `line ${index} coloured`).not.toBeNull()
}

/** Streams lines `from … to - 1`, checking after each that every line coloured before is untouched. */
async function stream(from: number, to: number, seen: Map<number, Seen>, onLine?: (count: number) => void): Promise<void> {
  for (let count = from; count <= to; count++) {
    flushSync(() => page.root.render(<CodeBlock code={streamed(count)} language="ts" complete={false} />))
    onLine?.(count)
    // Counted frames, generous: the first line also waits for the worker and the grammar to load.
    await colouredWithin(count - 1, count === from ? 3000 : 600)
    seen.set(count - 1, snapshot(lineElements()[count - 1]!))
    expect(lineElements()[count]?.querySelector('span') ?? null).toBeNull()
    for (const [index, before] of seen) {
      const now = snapshot(lineElements()[index]!)
      expect(now.spans.length).toBe(before.spans.length)
      now.spans.forEach((span, i) => expect(span).toBe(before.spans[i]))
      expect(now.colours).toEqual(before.colours)
    }
  }
}

describe('the highlight worker', () => {
  it('colours a streaming fence in the worker: finished lines keep their nodes and colours to the end', { timeout: 120_000 }, async () => {
    const before = highlightWorkerStats()
    const seen = new Map<number, Seen>()
    await stream(1, source.length, seen)
    const after = highlightWorkerStats()
    // Every finished line came from the worker, none from a fallback.
    expect(after.started).toBeGreaterThanOrEqual(1)
    expect(after.lines - before.lines).toBe(source.length)
    expect(after.failures).toBe(before.failures)
    // The grammar state crossed lines inside the worker: the doc comment's middle line is comment-coloured.
    expect(seen.get(1)!.colours.every((colour) => colour === seen.get(0)!.colours[0])).toBe(true)
    expect(seen.get(3)!.colours[0]).not.toBe(seen.get(0)!.colours[0])

    // The fence closes: only its last line is left to colour; the others stay the same nodes.
    flushSync(() => page.root.render(<CodeBlock code={source.join('\n')} language="ts" complete />))
    await vi.waitFor(() => expect(block().dataset.state).toBe('highlighted'), { timeout: 60_000, interval: 20 })
    for (const [index, was] of seen) snapshot(lineElements()[index]!).spans.forEach((span, i) => expect(span).toBe(was.spans[i]))
    expect(highlightWorkerStats().lines - after.lines).toBeLessThanOrEqual(1)
  })

  it('falls back to the main thread when the worker cannot start: coloured all the same, nothing thrown', { timeout: 120_000 }, async () => {
    const before = highlightWorkerStats()
    setHighlightWorkerFactory(() => {
      throw new Error('workers are blocked here')
    })
    await stream(1, 10, new Map())
    const after = highlightWorkerStats()
    expect(after.started).toBe(before.started)
    expect(after.lines).toBe(before.lines)
    expect(page.host.querySelector('code')!.textContent).toBe(streamed(10))
  })

  it('hands a fence to the main thread when the worker crashes mid-fence: earlier lines untouched, later ones coloured', { timeout: 120_000 }, async () => {
    let created: Worker | undefined
    setHighlightWorkerFactory(() => {
      created = new Worker(new URL('./worker/highlight-worker.ts', import.meta.url), { type: 'module' })
      return created
    })
    const before = highlightWorkerStats()
    const seen = new Map<number, Seen>()
    await stream(1, 8, seen)
    expect(highlightWorkerStats().lines - before.lines).toBe(8)
    // What the browser reports when a worker's script throws or dies.
    created!.dispatchEvent(new ErrorEvent('error', { message: 'the worker crashed' }))
    expect(highlightWorkerStats().failures).toBe(before.failures + 1)
    const crashed = highlightWorkerStats()
    // The rest streams on; each new line is coloured on the main thread, the first eight never change.
    await stream(9, source.length, seen)
    expect(highlightWorkerStats().lines).toBe(crashed.lines)
    expect(page.host.querySelector('code')!.textContent).toBe(streamed(source.length))
  })

  it('keeps a fence plain, text whole, when its grammar cannot load (in the worker or on the main thread)', { timeout: 120_000 }, async () => {
    registerLanguages({ offline: () => Promise.reject(new Error('the grammar chunk failed to download')) })
    const lines = ['let a = 1', 'let b = 2', 'let c = 3']
    const errors: unknown[] = []
    const onError = (event: ErrorEvent | PromiseRejectionEvent) => errors.push('reason' in event ? event.reason : event.error)
    window.addEventListener('error', onError)
    window.addEventListener('unhandledrejection', onError)
    try {
      await streamPlain('offline', lines, 60)
    } finally {
      window.removeEventListener('error', onError)
      window.removeEventListener('unhandledrejection', onError)
    }
    expect(page.host.querySelector('[data-rivulet="code-line"] span')).toBeNull()
    expect(page.host.querySelector('code')!.textContent).toBe(lines.join('\n') + '\n')
    expect(errors).toEqual([])
  })

  it('colours on the main thread a grammar the worker cannot receive (one that cannot be cloned)', { timeout: 120_000 }, async () => {
    // A grammar object carrying a function: postMessage throws DataCloneError for it.
    registerLanguages({
      uncloneable: async () => {
        const { default: grammars } = await import('shiki/langs/typescript.mjs')
        return { default: grammars.map((grammar) => ({ ...grammar, name: 'uncloneable', onLoad: () => {} })) }
      },
    })
    const before = highlightWorkerStats()
    const lines = ['const a: number = 1', 'export function f() { return a }']
    for (let count = 1; count <= lines.length; count++) {
      flushSync(() => page.root.render(<CodeBlock code={lines.slice(0, count).join('\n') + '\n'} language="uncloneable" complete={false} />))
      await colouredWithin(count - 1, count === 1 ? 3000 : 600)
    }
    const after = highlightWorkerStats()
    expect(after.failures).toBe(before.failures + 1)
    expect(after.lines).toBe(before.lines)
    expect(page.host.querySelector('code')!.textContent).toBe(lines.join('\n') + '\n')
  })
})
