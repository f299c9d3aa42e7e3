import { flushSync } from 'react-dom'
import { describe, expect, it, vi } from 'vitest'
import { CodeBlock } from './code-block.tsx'
import { mountPerTest } from '../../../test/support/browser-root.ts'

const page = mountPerTest('width: 640px; height: 400px; overflow: auto')
const frames = async (count: number) => {
  for (let i = 0; i < count; i++) await new Promise((resolve) => requestAnimationFrame(resolve))
}
const state = (id: string) => page.host.querySelector<HTMLElement>(`#${id} [data-rivulet="code-block"]`)?.dataset.state

describe('off-screen code blocks', () => {
  it('highlight only once scrolled near, inside a scrolling list', { timeout: 120_000 }, async () => {
    flushSync(() =>
      page.root.render(
        <>
          <div id="near">
            <CodeBlock code={'const near = 1'} language="ts" />
          </div>
          <div style={{ height: 20_000 }} />
          <div id="far">
            <CodeBlock code={'const far = 2'} language="ts" />
          </div>
        </>,
      ),
    )
    // The block on screen highlights (and loads the highlighter and grammar).
    await vi.waitFor(() => expect(state('near')).toBe('highlighted'), { timeout: 60_000, interval: 20 })
    // The one 20,000 px down the list has every chance to, and does not.
    await frames(30)
    expect(state('far')).toBe('plain')
    // Scrolled to within two screens of it: it highlights.
    page.host.scrollTop = 20_000 - 400 - 1_000
    await vi.waitFor(() => expect(state('far')).toBe('highlighted'), { timeout: 60_000, interval: 20 })
  })
})
