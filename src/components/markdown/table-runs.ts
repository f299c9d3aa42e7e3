/** Consecutive body rows of a long table that are parsed together, once. */
export interface RowRun {
  /** Index of the run's first body row. */
  start: number
  /** Index after its last row. */
  end: number
  /** The table's head and the run's rows, as one small table to parse. */
  source: string
  /** The run is the row still being typed (the last one, while streaming): it is repaired before parsing. */
  open: boolean
}

/** Plans a streaming table's body into runs; see {@link createRunPlanner}. */
export interface RunPlanner {
  /**
   * The runs of `rows` (below `head`), in order: finished rows in runs that keep their
   * bounds and `source` strings from render to render, then the row being typed, if
   * `lastOpen`, alone.
   */
  plan(head: string, rows: readonly string[], lastOpen: boolean): RowRun[]
}

/** True when `source` is `head`, then `rows[start … end - 1]` joined by newlines. */
function sourceHolds(source: string, head: string, rows: readonly string[], start: number, end: number): boolean {
  let length = head.length
  for (let i = start; i < end; i++) length += 1 + (rows[i] as string).length
  if (source.length !== length || !source.startsWith(head)) return false
  let at = head.length
  for (let i = start; i < end; i++) {
    const row = rows[i] as string
    if (source[at] !== '\n' || !source.startsWith(row, at + 1)) return false
    at += 1 + row.length
  }
  return true
}

/**
 * Groups a long table's body rows into runs of rows that became finished in the same
 * render, never crossing a multiple of `chunkRows`: while a table streams, each render then
 * parses only the rows finished since the last one plus the row being typed, instead of a
 * whole chunk again (GFM table parsing costs about 0.2 ms a row), and a finished run keeps
 * the same `source` string, so its memoised render is reused without comparing text. Bounds
 * only ever grow at the end; rows that shrink or change (an edited text) drop the runs from
 * there on. A table that arrives finished is planned in runs of `chunkRows`.
 *
 * @example
 * const planner = createRunPlanner(32)
 * planner.plan('| a |\n|---|', ['| 1 |', '| 2'], true) // [{ start: 0, end: 1, … }, { start: 1, end: 2, open: true, … }]
 */
export function createRunPlanner(chunkRows: number): RunPlanner {
  /** End of each finished run, ascending; run i covers [ends[i - 1] ?? 0, ends[i]). */
  const ends: number[] = []
  /** Source of the run starting at each row. */
  const sources = new Map<number, string>()
  // One head string for every run while it is unchanged: each render's head is a slice of that
  // render's whole text, and a run's source kept for the rest of the stream would keep it alive.
  let stableHead = ''

  const sourceOf = (head: string, rows: readonly string[], start: number, end: number): string => {
    const cached = sources.get(start)
    // Checked row by row, without building the string again: most renders change no finished run.
    if (cached !== undefined && sourceHolds(cached, head, rows, start, end)) return cached
    // `join` copies the rows, so the source does not keep this render's text alive either.
    const source = `${head}\n${rows.slice(start, end).join('\n')}`
    sources.set(start, source)
    return source
  }

  return {
    plan(written, rows, lastOpen) {
      if (written !== stableHead) stableHead = written
      const head = stableHead
      const finished = lastOpen ? rows.length - 1 : rows.length
      while (ends.length > 0 && (ends[ends.length - 1] as number) > finished) ends.pop()
      let last = ends[ends.length - 1] ?? 0
      while (last < finished) {
        last = Math.min(finished, (Math.floor(last / chunkRows) + 1) * chunkRows)
        ends.push(last)
      }
      const runs: RowRun[] = []
      let start = 0
      for (const end of ends) {
        runs.push({ start, end, source: sourceOf(head, rows, start, end), open: false })
        start = end
      }
      if (finished < rows.length) runs.push({ start: finished, end: rows.length, source: `${head}\n${rows[finished] as string}`, open: true })
      return runs
    },
  }
}
