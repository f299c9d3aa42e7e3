import '../../styles.css'
import { flushSync } from 'react-dom'
import type { ReactNode } from 'react'
import { describe, expect, it, vi } from 'vitest'
import { mountPerTest } from '../../../test/support/browser-root.ts'
import { accessibilityTree, exposedText, headingNames } from '../../../test/support/ax-tree.ts'
import { Message } from '../message/message.tsx'
import { partsChunk, type PartsChunk } from '../lazy/parts-chunk.ts'
import { MarkdownPipelineContext, type MarkdownPipeline } from '../lazy/markdown-pipeline-chunk.ts'
import { createMarkdownRendererLoader, MarkdownRendererLoaderContext, type MarkdownRenderer } from './markdown-loader.ts'

/*
 * A reloaded page renders its restored thread before the lazy markdown chunks land. Held back
 * here by hand (no timing involved), first the whole pipeline, then only the parser: in both
 * cases the answer must not flash its markdown syntax, must keep its text readable and in the
 * accessibility tree, and must not jump when the real render replaces the stand-in.
 */

const page = mountPerTest('width: 640px; display: block')

const answer = [
  '## Restoring a thread',
  'Settled answers use **bold**, _emphasis_, `inline code` and [a link](https://example.com/docs).',
  '- First step, with `npm i`\n- Second step\n- Third step',
  '| Tool | Purpose |\n|---|---|\n| `redis` | cache |\n| **vite** | build |',
  '> A quoted note, **kept**.',
  '```ts\nconst restored = true\nconsole.log(restored)\n```',
  'The end.',
].join('\n\n')

/** A chunk the test lets through by hand. */
function held<T>(importer: () => Promise<T>) {
  let release!: () => void
  const chunk: PartsChunk<T> = partsChunk(() => new Promise<T>((resolve) => (release = () => void importer().then(resolve))))
  return { chunk, release: () => release() }
}

function heldParser() {
  let release!: () => void
  const loader = createMarkdownRendererLoader(
    () => new Promise<MarkdownRenderer>((resolve) => (release = () => void import('./markdown-source.tsx').then((m) => resolve(m.renderMarkdownSource)))),
  )
  return { loader, release: () => release() }
}

const cases: Array<[string, () => { wrap: (children: ReactNode) => ReactNode; release: () => void }]> = [
  [
    'the markdown pipeline chunk',
    () => {
      const { chunk, release } = held<MarkdownPipeline>(() => import('../lazy/markdown-pipeline.ts'))
      return { wrap: (children) => <MarkdownPipelineContext.Provider value={chunk}>{children}</MarkdownPipelineContext.Provider>, release }
    },
  ],
  [
    'the markdown parser chunk',
    () => {
      const { loader, release } = heldParser()
      return { wrap: (children) => <MarkdownRendererLoaderContext.Provider value={loader}>{children}</MarkdownRendererLoaderContext.Provider>, release }
    },
  ],
]

const SYNTAX = ['**', '## ', '`', '|', '](', '> ', '- First']

describe('a restored answer before its markdown chunks land, in Chromium', () => {
  it.each(cases)('while %s is held back: no raw syntax, text readable and exposed, no jump when it lands', async (_name, hold) => {
    const { wrap, release } = hold()
    flushSync(() =>
      page.root.render(
        <>
          {wrap(<Message message={{ id: 'a1', role: 'assistant', parts: [{ type: 'text', text: answer }] }} />)}
          <p id="below">Below</p>
        </>,
      ),
    )
    const markdown = () => page.host.querySelector('[data-rivulet="markdown"]') as HTMLElement
    expect(markdown().querySelector('[data-rivulet="markdown-pending"]')).not.toBeNull()
    const shown = markdown().innerText
    for (const syntax of SYNTAX) expect(shown, `shows ${JSON.stringify(syntax)}`).not.toContain(syntax)
    for (const words of ['Restoring a thread', 'bold', 'inline code', 'a link', 'Second step', 'Purpose', 'cache', 'A quoted note', 'const restored = true', 'The end.']) {
      expect(shown).toContain(words)
    }
    const nodes = await accessibilityTree()
    expect(headingNames(nodes)).toContain('Restoring a thread')
    const exposed = exposedText(nodes)
    expect(exposed).toContain('emphasis')
    expect(exposed).toContain('Third step')
    expect(exposed).not.toContain('**')
    const before = { height: markdown().getBoundingClientRect().height, below: page.host.querySelector('#below')!.getBoundingClientRect().top }

    release()
    await vi.waitFor(() => expect(markdown().querySelector('[data-rivulet="markdown-pending"]')).toBeNull(), { timeout: 20_000 })
    await vi.waitFor(() => expect(markdown().querySelector('strong')).not.toBeNull(), { timeout: 20_000 })
    const after = { height: markdown().getBoundingClientRect().height, below: page.host.querySelector('#below')!.getBoundingClientRect().top }
    // The stand-in is laid out as the answer will be: what follows it moves by a pixel or two at most.
    expect(Math.abs(after.height - before.height)).toBeLessThan(4)
    expect(Math.abs(after.below - before.below)).toBeLessThan(4)
  })
})
