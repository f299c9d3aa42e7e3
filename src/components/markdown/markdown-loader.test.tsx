import { describe, expect, test, vi } from 'vitest'
import { act, render } from '@testing-library/react'
import {
  createMarkdownRendererLoader,
  markdownRenderer,
  MarkdownRendererLoaderContext,
  preloadMarkdown,
  type MarkdownRenderer,
} from './markdown-loader.ts'
import { StreamingMarkdown } from './streaming-markdown.tsx'

/** A promise and its settle functions, for a chunk that arrives when the test says. */
function deferred<T>() {
  let resolve!: (value: T) => void
  let reject!: (error: unknown) => void
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)))
  return { promise, resolve, reject }
}

const fakeRenderer = (() => null) as MarkdownRenderer

describe('createMarkdownRendererLoader', () => {
  test('imports once for concurrent loads, then tells its listeners', async () => {
    const chunk = deferred<MarkdownRenderer>()
    const importer = vi.fn(() => chunk.promise)
    const loader = createMarkdownRendererLoader(importer)
    const listener = vi.fn()
    loader.subscribe(listener)
    const loads = [loader.load(), loader.load()]
    expect(loader.current()).toBeUndefined()
    chunk.resolve(fakeRenderer)
    expect(await Promise.all(loads)).toEqual([fakeRenderer, fakeRenderer])
    expect(loader.current()).toBe(fakeRenderer)
    expect(importer).toHaveBeenCalledTimes(1)
    expect(listener).toHaveBeenCalledTimes(1)
    // Loaded: no further import.
    await loader.load()
    expect(importer).toHaveBeenCalledTimes(1)
  })

  test('a failed chunk rejects the load, stays silent to listeners, and the next load retries', async () => {
    const failure = new Error('Failed to fetch dynamically imported module')
    const importer = vi.fn<() => Promise<MarkdownRenderer>>().mockRejectedValueOnce(failure).mockResolvedValueOnce(fakeRenderer)
    const loader = createMarkdownRendererLoader(importer)
    const listener = vi.fn()
    const unsubscribe = loader.subscribe(listener)
    await expect(loader.load()).rejects.toBe(failure)
    expect(loader.current()).toBeUndefined()
    expect(listener).not.toHaveBeenCalled()
    await expect(loader.load()).resolves.toBe(fakeRenderer)
    expect(importer).toHaveBeenCalledTimes(2)
    expect(listener).toHaveBeenCalledTimes(1)
    unsubscribe()
  })
})

describe('preloadMarkdown', () => {
  test('resolves with the real renderer loaded (the test setup awaited it too)', async () => {
    await preloadMarkdown()
    expect(markdownRenderer.current()).toBeTypeOf('function')
  })
})

/**
 * A loader whose chunk is the real parser module, held back until `arrive()`, or failed by
 * `fail()`; after a failure the next load succeeds, as when the network comes back.
 */
function heldLoader() {
  let chunk = deferred<void>()
  let imports = 0
  const loader = createMarkdownRendererLoader(async () => {
    imports++
    await chunk.promise
    return (await import('./markdown-source.tsx')).renderMarkdownSource
  })
  return {
    loader,
    imports: () => imports,
    arrive: () => chunk.resolve(),
    fail: () => {
      chunk.reject(new Error('Failed to fetch dynamically imported module'))
      chunk = deferred<void>()
      chunk.resolve()
    },
  }
}

describe('StreamingMarkdown before its parser has loaded', () => {
  test('shows each block as its text in a paragraph, then swaps in the rendered blocks in place', async () => {
    const held = heldLoader()
    const text = 'Alpha **bold** words.\n\n```ts\nlet a = 1\n```\n\nBravo'
    const view = (children: string) => (
      <MarkdownRendererLoaderContext.Provider value={held.loader}>
        <StreamingMarkdown streaming>{children}</StreamingMarkdown>
      </MarkdownRendererLoaderContext.Provider>
    )
    const { container } = render(view(text))
    const root = container.firstElementChild!
    const group = root.firstElementChild!
    // The same root and group as once parsed; each block a paragraph of its text, the fence already a code block.
    expect(group.getAttribute('data-rivulet')).toBe('markdown-group')
    expect([...group.children].map((child) => child.tagName)).toEqual(['P', 'DIV', 'P'])
    expect([...container.querySelectorAll('[data-rivulet="markdown-pending"]')].map((p) => p.textContent)).toEqual(['Alpha **bold** words.', 'Bravo'])
    const codeBlock = group.children[1]!
    expect(codeBlock.textContent).toContain('let a = 1')
    await act(async () => {
      held.arrive()
      await held.loader.load()
    })
    expect(container.querySelector('[data-rivulet="markdown-pending"]')).toBeNull()
    expect(container.querySelector('strong')?.textContent).toBe('bold')
    // Swapped in place: the root, the group and the code block are the same elements.
    expect(container.firstElementChild).toBe(root)
    expect(root.firstElementChild).toBe(group)
    expect(group.children[1]).toBe(codeBlock)
    expect([...group.children].map((child) => child.tagName)).toEqual(['P', 'DIV', 'P'])
    expect(held.imports()).toBe(1)
  })

  test('keeps the text when the chunk fails, throws nothing, and a block mounted later retries', async () => {
    const held = heldLoader()
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {})
    try {
      const view = (children: string) => (
        <MarkdownRendererLoaderContext.Provider value={held.loader}>
          <StreamingMarkdown>{children}</StreamingMarkdown>
        </MarkdownRendererLoaderContext.Provider>
      )
      const { container, rerender } = render(view('Alpha **bold**'))
      const attempt = held.loader.load()
      await act(async () => {
        held.fail()
        await attempt.catch(() => {})
      })
      expect(container.querySelector('[data-rivulet="markdown-pending"]')?.textContent).toBe('Alpha **bold**')
      expect(container.querySelector('strong')).toBeNull()
      expect(held.imports()).toBe(1)
      // The network is back: the next block to mount loads the chunk (nothing else does), and every block renders.
      await act(async () => {
        rerender(view('Alpha **bold**\n\nBravo _two_'))
      })
      expect(held.imports()).toBe(2)
      await act(async () => {
        await vi.waitFor(() => expect(held.loader.current()).toBeTypeOf('function'), { timeout: 30_000 })
      })
      expect(container.querySelectorAll('strong, em')).toHaveLength(2)
      expect(container.querySelector('[data-rivulet="markdown-pending"]')).toBeNull()
      expect(errors).not.toHaveBeenCalled()
    } finally {
      errors.mockRestore()
    }
  })
})
