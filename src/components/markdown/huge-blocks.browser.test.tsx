import { afterAll, describe, expect, it } from 'vitest'
import { StreamingMarkdown } from './streaming-markdown.tsx'
import { mountPerTest } from '../../../test/support/browser-root.ts'
import { watchLongTasks } from '../../../test/support/long-tasks.ts'

/*
 * Huge single blocks stream in Chromium. Structure is asserted (a long table stays a table,
 * a long fence stays a code block, every step); the browser's long-task log is printed for
 * the benchmark notes, never asserted (the CI machine is shared).
 */

const page = mountPerTest('width: 800px; height: 600px; overflow: auto')
const figures: string[] = []
afterAll(() => console.info(`huge blocks, longest main-thread task while streaming:\n  ${figures.join('\n  ')}`))

const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()))

async function stream(text: string, steps: number, check: (step: number) => void) {
  const stop = watchLongTasks()
  for (let step = 1; step <= steps; step++) {
    page.root.render(<StreamingMarkdown streaming>{text.slice(0, Math.ceil((text.length * step) / steps))}</StreamingMarkdown>)
    await frame()
    check(step)
  }
  page.root.render(<StreamingMarkdown>{text}</StreamingMarkdown>)
  await frame()
  const durations = stop()
  return { count: durations.length, max: Math.round(Math.max(0, ...durations)) }
}

describe('huge single blocks in Chromium', () => {
  it('a 2,000-row table streams as a table, row by row', { timeout: 120_000 }, async () => {
    const rows = Array.from({ length: 2_000 }, (_, i) => `| ${i} | **item ${i}** | ${(i * 1.5).toFixed(1)} | \`code\` |`)
    const text = 'Results:\n\n| n | name | value | note |\n|---:|---|---:|---|\n' + rows.join('\n') + '\n'
    let previousRows = 0
    const tasks = await stream(text, 200, (step) => {
      expect(page.host.querySelector('[data-rivulet="markdown-plain"]')).toBeNull()
      if (step > 3) expect(page.host.querySelectorAll('table')).toHaveLength(1)
      const shown = page.host.querySelectorAll('tbody tr').length
      expect(shown).toBeGreaterThanOrEqual(previousRows)
      previousRows = shown
    })
    expect(page.host.querySelectorAll('tbody tr')).toHaveLength(2_000)
    // A streamed long table has one <tbody> per chunk of rows: the last row is the last one's.
    expect(page.host.querySelector('tbody:last-of-type tr:last-child td')?.textContent).toBe('1999')
    figures.push(`2,000-row table (${text.length} chars, 200 steps): ${tasks.count} long tasks, longest ${tasks.max} ms`)
  })

  it('a 3,000-line fence streams as a code block and is highlighted when it closes', { timeout: 120_000 }, async () => {
    const lines = Array.from({ length: 3_000 }, (_, i) => `  const value${i} = compute(${i}, "text") // note ${i}`)
    const text = 'Code:\n\n```ts\nfunction big() {\n' + lines.join('\n') + '\n}\n```\n'
    const tasks = await stream(text, 200, (step) => {
      expect(page.host.querySelector('[data-rivulet="markdown-plain"]')).toBeNull()
      if (step > 2) expect(page.host.querySelectorAll('[data-rivulet="code-block"]')).toHaveLength(1)
    })
    const block = page.host.querySelector('[data-rivulet="code-block"]')
    expect(block?.querySelectorAll('[data-rivulet="code-line"]')).toHaveLength(3_002)
    await expect.poll(() => block?.getAttribute('data-state'), { timeout: 60_000 }).toBe('highlighted')
    figures.push(`3,000-line fence (${text.length} chars, 200 steps): ${tasks.count} long tasks, longest ${tasks.max} ms`)
  })
})
