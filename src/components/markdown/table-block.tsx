import { memo, type ReactNode } from 'react'
import type { Components } from 'react-markdown'

/** Body rows per memoised chunk: a streamed token re-parses only the last chunk. */
export const TABLE_CHUNK_ROWS = 32

/** A table block split into its rows, read without the markdown parser. */
export interface TableRows {
  /** The header row and the delimiter row, as written. */
  head: string
  /** One string per body row, as written (the last may still be being typed). */
  rows: string[]
}

const ROW = /^\|/
const DELIMITER_CELL = /^[ \t]*:?-+:?[ \t]*$/

function cells(row: string): string[] {
  let body = row.trim()
  if (body.startsWith('|')) body = body.slice(1)
  if (body.endsWith('|') && !body.endsWith('\\|')) body = body.slice(0, -1)
  return body.split(/(?<!\\)\|/)
}

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
  while (lines.length > 0 && (lines[lines.length - 1] as string).trim() === '') lines.pop()
  if (lines.length < 2 + TABLE_CHUNK_ROWS + 1) return undefined
  const [header, delimiter] = lines as [string, string]
  const delimiterCells = cells(delimiter)
  if (!delimiterCells.every((cell) => DELIMITER_CELL.test(cell)) || delimiterCells.length !== cells(header).length) return undefined
  const rows = lines.slice(2)
  // A line without a leading pipe could be a lazy row or the end of the table: leave those to the parser.
  if (!rows.every((row) => ROW.test(row))) return undefined
  return { head: `${header}\n${delimiter}`, rows }
}

const passThrough = ({ children }: { children?: ReactNode }) => <>{children}</>
const nothing = () => null

/** Renders a chunk's markdown (the head plus some rows) to React nodes; see `MarkdownBlock`. */
export type RenderTableMarkdown = (source: string, components: Components, streaming: boolean) => ReactNode

/** Props of {@link TableBlock}. */
export interface TableBlockProps {
  table: TableRows
  /** The block is the one still streaming: its last chunk's last row is repaired. */
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
 * header row, or its body rows. Each chunk parses with the head, so alignment and cell
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
 * A long table rendered in chunks of {@link TABLE_CHUNK_ROWS} rows, each memoised: while it
 * streams only the last chunk is parsed again, so a 2,000-row table costs a token what a
 * 32-row one does, and stays a table. The DOM is the one react-markdown gives for the whole
 * table (`table > thead > tr`, `tbody > tr`), through your `table`/`thead`/`tbody` overrides.
 *
 * @example
 * <TableBlock table={readTableRows(text)!} streaming={false} components={{}} render={render} />
 */
export function TableBlock({ table, streaming, components, render }: TableBlockProps): ReactNode {
  const Table = components.table ?? 'table'
  const Head = components.thead ?? 'thead'
  const Body = components.tbody ?? 'tbody'
  const chunks: ReactNode[] = []
  for (let start = 0; start < table.rows.length; start += TABLE_CHUNK_ROWS) {
    const end = Math.min(table.rows.length, start + TABLE_CHUNK_ROWS)
    const last = end === table.rows.length
    chunks.push(
      <Chunk
        key={start}
        source={`${table.head}\n${table.rows.slice(start, end).join('\n')}`}
        part="body"
        streaming={streaming && last}
        components={components}
        render={render}
      />,
    )
  }
  return (
    <Table>
      <Head>
        <Chunk source={table.head} part="head" streaming={false} components={components} render={render} />
      </Head>
      <Body>{chunks}</Body>
    </Table>
  )
}
