/**
 * The setup the highlighting bench pages share (streaming-highlight, markdown-highlight): a
 * `StreamingMarkdown` mounted in a fresh container whose text and `streaming` flag the page
 * sets directly, and the TypeScript the fences stream.
 */
import { useState } from 'react'
import { flushSync } from 'react-dom'
import { createRoot, type Root } from 'react-dom/client'
import { StreamingMarkdown } from '../../src/components/markdown/streaming-markdown.tsx'

/** A mounted `StreamingMarkdown` driven by the page. */
export interface StreamingHost {
  container: HTMLElement
  root: Root
  /** Shows `text` (`streaming` defaults to true); call inside `flushSync` to time the update. */
  show(text: string, streaming?: boolean): void
  unmount(): void
}

/**
 * Mounts a `StreamingMarkdown` showing `initial` in a new container appended to `#app`
 * (rendered synchronously, so the caller's first update finds it mounted).
 *
 * @example
 * const host = mountStreamingHost(); flushSync(() => host.show('```ts\nconst a = 1\n'))
 */
export function mountStreamingHost(initial = ''): StreamingHost {
  const container = document.createElement('div')
  document.getElementById('app')!.append(container)
  const root = createRoot(container)
  let setShown: ((next: { text: string; streaming: boolean }) => void) | undefined
  function Host() {
    const [shown, setState] = useState({ text: initial, streaming: true })
    setShown = setState
    return <StreamingMarkdown streaming={shown.streaming}>{shown.text}</StreamingMarkdown>
  }
  flushSync(() => root.render(<Host />))
  return {
    container,
    root,
    show: (text, streaming = true) => setShown!({ text, streaming }),
    unmount() {
      root.unmount()
      container.remove()
    },
  }
}

/**
 * `count` lines of TypeScript, as models write it: documented interfaces and async functions
 * with generics, template literals and trailing comments, repeated with fresh names; with
 * `blockComments`, each unit also has a multi-line block comment (grammar state carried
 * across lines).
 *
 * @example
 * typescriptLines(200, { blockComments: true }).length // 200
 */
export function typescriptLines(count: number, { blockComments }: { blockComments: boolean }): string[] {
  const unit = (i: number) => [
    `/** Item ${i}: a documented interface with generics. */`,
    `export interface Item${i}<T extends Record<string, unknown>> {`,
    `  readonly id: \`item-\${number}\``,
    `  value?: T | null // trailing comment ${i}`,
    `}`,
    ...(blockComments ? [`/*`, ` * A block comment across lines: const let return ${i}`, ` */`] : []),
    `export async function load${i}(url: string, retries = ${i % 5}): Promise<Item${i}<{ n: number }>> {`,
    `  const response = await fetch(url, { headers: { accept: 'application/json' } })`,
    `  if (!response.ok && retries > 0) return load${i}(url, retries - 1)`,
    `  return (await response.json()) as Item${i}<{ n: number }>`,
    `}`,
  ]
  const lines: string[] = []
  for (let i = 0; lines.length < count; i++) lines.push(...unit(i))
  return lines.slice(0, count)
}
