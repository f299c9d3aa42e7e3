import { useLayoutEffect, useRef, useState, type CSSProperties, type RefObject } from 'react'

/** Column widths of a long table, measured once and then held, as CSS for its row groups. */
export interface FrozenColumns {
  /** `grid-template-columns`: one proportional track per column (`minmax(0, 84.5fr) …`). */
  template: string
  /** Width of each row group: the measured total, capped at the table's width when it fitted. */
  width: string
}

/**
 * Measures the widths the browser gave a table's header cells (its automatic layout, from
 * the rows it has so far) as proportional grid tracks. `undefined` when the table has no
 * header row or is not laid out (hidden, detached, or a DOM without layout such as jsdom).
 *
 * @example
 * measureColumns(document.querySelector('table')!) // { template: 'minmax(0, 40fr) minmax(0, 120.5fr)', width: 'min(100%, 160.5px)' }
 */
export function measureColumns(table: HTMLTableElement): FrozenColumns | undefined {
  const header = table.tHead?.rows[0]
  if (!header || header.cells.length === 0) return undefined
  const widths = Array.from(header.cells, (cell) => cell.getBoundingClientRect().width)
  if (widths.some((width) => !(width > 0))) return undefined
  const total = widths.reduce((sum, width) => sum + width, 0)
  // A table that fitted its box keeps fitting it when the box narrows (columns shrink in
  // proportion, text wraps); one that already scrolled sideways keeps its width and scrolls.
  const fitted = total <= table.clientWidth + 0.5
  return {
    template: widths.map((width) => `minmax(0, ${width.toFixed(2)}fr)`).join(' '),
    width: fitted ? `min(100%, ${total.toFixed(2)}px)` : `${total.toFixed(2)}px`,
  }
}

/** The style a frozen table carries: its columns, for the stylesheet to give each row group. */
export function frozenTableStyle(columns: FrozenColumns): CSSProperties {
  return { '--rivulet-table-columns': columns.template, '--rivulet-table-width': columns.width } as CSSProperties
}

/**
 * Freezes a streaming table's column widths once it is laid out: right after the commit
 * that first shows it (before paint), while `enabled`, it measures the header cells and
 * returns them from then on. The caller then lays each row group out on its own with those
 * columns, so a row appended to a 2,000-row table no longer makes the browser lay out every
 * row again to recompute automatic column widths.
 *
 * @example
 * const [columns, ref] = useFrozenColumns(streaming)
 * return <table ref={ref} data-table-layout={columns ? 'frozen' : undefined}>…</table>
 */
export function useFrozenColumns(enabled: boolean): [FrozenColumns | undefined, RefObject<HTMLTableElement | null>] {
  const ref = useRef<HTMLTableElement | null>(null)
  const [columns, setColumns] = useState<FrozenColumns>()
  // No dependency list on purpose: until it is frozen, every commit may be the first one laid out (a table mounted hidden).
  useLayoutEffect(() => {
    if (columns || !enabled || !ref.current) return
    const measured = measureColumns(ref.current)
    if (measured) setColumns(measured)
  })
  return [columns, ref]
}
