import { memo, useRef, type ReactNode } from 'react'
import type { Components } from 'react-markdown'
import { frozenTableStyle, useFrozenColumns } from './table-columns.ts'
import { createRunPlanner, type RowRun, type RunPlanner } from './table-runs.ts'
import { DELIMITER_CELL, tableRow } from './table-cells.ts'

/** Body rows per chunk (one `<tbody>` once the table's columns are frozen): the most rows parsed together. */
export const TABLE_CHUNK_ROWS = 32

/** A table block split into its rows, read without the markdown parser. */
export interface TableRows {
  /** The header row and the delimiter row, as written. */
  head: string
  /** One string per body row, as written (the last may still be being typed). */
  rows: string[]
  /** No newline after the last row yet: more of it may still come. */
  lastOpen: boolean
}

const ROW = /^\|/

/**
 * Splits a block that is one GFM table (a `|`-led header row, a finished delimiter row with
 * as many cells, `|`-led body rows, then only blank lines) into its rows, when it has more
 * than one chunk of them; `undefined` for anything else (the caller parses those whole).
 *
 * @example
 * readTableRows('| a |\n|---|\n' + '| 1 |\n'.repeat(40))?.rows.length // 40
 */
export function readTableRows(text: string): TableRows | undefined {
  if (text[0] !== '|' || text.includes('\r') || text.includes('\0')) return undefined
  const lines = text.split('\n')
  const written = lines.length
  while (lines.length > 0 && (lines[lines.length - 1] as string).trim() === '') lines.pop()
  if (lines.length < 2 + TABLE_CHUNK_ROWS + 1) return undefined
  const [header, delimiter] = lines as [string, string]
  const delimiterCells = tableRow(delimiter).cells
  if (!delimiterCells.every((cell) => DELIMITER_CELL.test(cell)) || delimiterCells.length !== tableRow(header).cells.length) return undefined
  const rows = lines.slice(2)
  // A line without a leading pipe could be a lazy row or the end of the table: leave those to the parser.
  if (!rows.every((row) => ROW.test(row))) return undefined
  return { head: `${header}\n${delimiter}`, rows, lastOpen: lines.length === written }
}

const passThrough = ({ children }: { children?: ReactNode }) => <>{children}</>
const nothing = () => null

/** Renders a chunk's markdown (the head plus some rows) to React nodes; see `MarkdownBlock`. */
export type RenderTableMarkdown = (source: string, components: Components, streaming: boolean) => ReactNode

/** Props of {@link TableBlock}. */
export interface TableBlockProps {
  table: TableRows
  /** The block is the one still streaming: its last row, while still open, is repaired. */
  streaming: boolean
  components: Components
  render: RenderTableMarkdown
}

interface ChunkProps {
  source: string
  part: 'head' | 'body'
  streaming: boolean
  components: Components
  render: RenderTableMarkdown
}

/**
 * One parse of the head plus a run of rows, keeping only the part this chunk shows: the
 * header row, or its body rows. Each run parses with the head, so alignment and cell
 * counts come out as in the whole table. Memoised on its source text.
 */
const Chunk = memo(function Chunk({ source, part, streaming, components, render }: ChunkProps): ReactNode {
  const only: Components =
    part === 'head'
      ? { ...components, table: passThrough, thead: passThrough, tbody: nothing }
      : { ...components, table: passThrough, thead: nothing, tbody: passThrough }
  return render(source, only, streaming)
})

/**
 * A long table rendered in runs of rows, each parsed once and memoised (see
 * `createRunPlanner`): while it streams, a render parses only the rows finished since the
 * last one and the row being typed, so a 2,000-row table costs a token what a short one
 * does, and stays a table. The DOM is the one react-markdown gives for the whole
 * table (`table > thead > tr`, `tbody > tr`), through your `table`/`thead`/`tbody` overrides.
 *
 * A table that is streaming when it gets long enough to come here also has its column widths
 * frozen (measured from its automatic layout so far, see `useFrozenColumns`), and from then
 * on each chunk is its own `<tbody>`, laid out by the stylesheet as a contained grid with
 * those columns: appending a row then costs the browser one chunk's layout and paint, where
 * an automatic-layout table lays out all 2,000 rows again. It is still one `<table>` with one header to screen readers and find-in-page. Not
 * with your own `table`/`thead`/`tbody`/`tr` (their DOM is yours), nor for a table that
 * arrives finished (it is laid out once anyway).
 *
 * @example
 * <TableBlock table={readTableRows(text)!} streaming={false} components={{}} render={render} />
 */
export function TableBlock({ table, streaming, components, render }: TableBlockProps): ReactNode {
  const native = !components.table && !components.thead && !components.tbody && !components.tr
  const [columns, tableRef] = useFrozenColumns(native && streaming)
  const planner = useRef<RunPlanner | null>(null)
  planner.current ??= createRunPlanner(TABLE_CHUNK_ROWS)
  const runs = planner.current.plan(table.head, table.rows, streaming && table.lastOpen)
  const Table = components.table ?? 'table'
  const Head = components.thead ?? 'thead'
  const Body = components.tbody ?? 'tbody'
  const body = (run: RowRun) => (
    <Chunk key={run.start} source={run.source} part="body" streaming={run.open} components={components} render={render} />
  )
  const head = (
    <Head>
      <Chunk source={table.head} part="head" streaming={false} components={components} render={render} />
    </Head>
  )
  if (!native) {
    return (
      <Table>
        {head}
        <Body>{runs.map(body)}</Body>
      </Table>
    )
  }
  if (!columns) {
    return (
      <table ref={tableRef}>
        {head}
        <tbody>{runs.map(body)}</tbody>
      </table>
    )
  }
  // Frozen: one <tbody> per chunk of rows, each laid out on its own (see styles.css).
  const bodies: ReactNode[] = []
  for (let i = 0; i < runs.length; ) {
    const chunk = Math.floor((runs[i] as RowRun).start / TABLE_CHUNK_ROWS)
    const members: ReactNode[] = []
    for (; i < runs.length && Math.floor((runs[i] as RowRun).start / TABLE_CHUNK_ROWS) === chunk; i++) members.push(body(runs[i] as RowRun))
    bodies.push(<tbody key={chunk}>{members}</tbody>)
  }
  return (
    <table ref={tableRef} data-table-layout="frozen" style={frozenTableStyle(columns)}>
      {head}
      {bodies}
    </table>
  )
}
