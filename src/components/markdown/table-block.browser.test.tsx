import '../../styles.css'
import { act } from 'react'
import { createRoot } from 'react-dom/client'
import { cdp } from 'vitest/browser'
import { describe, expect, it } from 'vitest'
import { StreamingMarkdown } from './streaming-markdown.tsx'
import { mountPerTest } from '../../../test/support/browser-root.ts'

/*
 * A long table that streams in Chromium, with the real stylesheet: its column widths are
 * frozen and its rows laid out in chunks, and it must still be the same table, to the eye,
 * to the DOM and to the accessibility tree, as the table rendered whole.
 */

// Renders go through act(), so React must know this is a test environment.
;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

const page = mountPerTest('width: 800px; height: 600px; overflow: auto')
const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()))

const ROWS = 2_000
const rows = Array.from({ length: ROWS }, (_, i) => `| ${i} | **item ${i}** ${i % 9 === 0 ? 'a longer cell that wraps' : ''} | ${(i * 1.5).toFixed(1)} | \`code ${i % 7}\` |`)
const text = 'Results:\n\n| n | name | value | note |\n|---:|---|---:|---|\n' + rows.join('\n') + '\n\nAfter the table.\n'

async function streamTable(steps: number) {
  for (let step = 1; step <= steps; step++) {
    await act(async () => page.root.render(<StreamingMarkdown streaming>{text.slice(0, Math.ceil((text.length * step) / steps))}</StreamingMarkdown>))
    await frame()
  }
  await act(async () => page.root.render(<StreamingMarkdown>{text}</StreamingMarkdown>))
  await frame()
}

/** The table rendered once, finished, in a host of its own. */
async function wholeTable(): Promise<{ table: HTMLTableElement; done: () => void }> {
  const host = document.createElement('div')
  host.style.cssText = 'width: 800px; height: 600px; overflow: auto'
  document.body.append(host)
  const root = createRoot(host)
  await act(async () => root.render(<StreamingMarkdown>{text}</StreamingMarkdown>))
  return {
    table: host.querySelector('table')!,
    done: () => {
      act(() => root.unmount())
      host.remove()
    },
  }
}

interface FrameTree {
  frame: { id: string; url: string }
  childFrames?: FrameTree[]
}

const cellTexts = (row: Element) => Array.from(row.children, (cell) => cell.textContent)

describe('a long table streamed in Chromium', () => {
  it('is one table with its header and its rows in order, the same as the table rendered whole', { timeout: 180_000 }, async () => {
    await streamTable(100)
    const tables = page.host.querySelectorAll('table')
    expect(tables).toHaveLength(1)
    const table = tables[0]!
    // The streamed table took the chunked layout (the point of this file); a finished one does not need it.
    expect(table.getAttribute('data-table-layout')).toBe('frozen')
    expect(table.tBodies.length).toBeGreaterThan(1)
    expect(table.tHead?.rows).toHaveLength(1)
    expect(cellTexts(table.tHead!.rows[0]!)).toEqual(['n', 'name', 'value', 'note'])
    const bodyRows = table.querySelectorAll('tbody > tr')
    expect(bodyRows).toHaveLength(ROWS)
    bodyRows.forEach((row, i) => {
      expect(row.children).toHaveLength(4)
      expect(row.children[0]!.textContent).toBe(String(i))
    })

    const whole = await wholeTable()
    try {
      expect(whole.table.getAttribute('data-table-layout')).toBeNull()
      expect(table.textContent).toBe(whole.table.textContent)
      expect(Array.from(table.querySelectorAll('tr'), cellTexts)).toEqual(Array.from(whole.table.querySelectorAll('tr'), cellTexts))
      expect(page.host.querySelector('[data-rivulet="markdown"]')!.textContent).toBe(whole.table.closest('[data-rivulet="markdown"]')!.textContent)
    } finally {
      whole.done()
    }
  })

  it('keeps its columns aligned from the header to the last row', { timeout: 180_000 }, async () => {
    await streamTable(50)
    const table = page.host.querySelector('table')!
    const header = Array.from(table.tHead!.rows[0]!.cells, (cell) => cell.getBoundingClientRect())
    for (const index of [0, 40, ROWS - 1]) {
      const row = table.querySelectorAll('tbody > tr')[index]!
      row.scrollIntoView()
      await frame()
      const cells = Array.from(row.children, (cell) => cell.getBoundingClientRect())
      cells.forEach((cell, column) => {
        expect(Math.abs(cell.left - header[column]!.left)).toBeLessThan(1)
        expect(Math.abs(cell.width - header[column]!.width)).toBeLessThan(1)
      })
    }
  })

  it('is one table with one header row and every row in Chromium’s accessibility tree', { timeout: 180_000 }, async () => {
    await streamTable(50)
    expect(page.host.querySelector('table')?.getAttribute('data-table-layout')).toBe('frozen')
    const session = cdp()
    // The test runs in a frame of the runner's page: the tree asked for is that frame's.
    const { frameTree } = (await session.send('Page.getFrameTree')) as { frameTree: FrameTree }
    const frames = (tree: FrameTree): FrameTree[] => [tree, ...(tree.childFrames ?? []).flatMap(frames)]
    const ours = frames(frameTree).find((tree) => tree.frame.url === location.href)
    expect(ours).toBeDefined()
    const { nodes } = (await session.send('Accessibility.getFullAXTree', { frameId: ours!.frame.id })) as { nodes: { role?: { value?: string }; ignored?: boolean }[] }
    const count = (role: string) => nodes.filter((node) => !node.ignored && node.role?.value === role).length
    expect(count('table')).toBe(1)
    expect(count('columnheader')).toBe(4)
    expect(count('row')).toBe(ROWS + 1)
    expect(count('cell')).toBe(ROWS * 4)
  })
})
