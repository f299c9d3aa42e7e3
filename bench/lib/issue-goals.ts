/**
 * Every measurable goal of issue 15 and the one result row that judges it, with the goal's label
 * as the suites declare it (`export const goals` in `bench/suites/*.ts`). A goal the issue states
 * for two workloads (the table and the fence, the 200- and the 1,000-line fence, two chunk
 * sizes) has one row per workload. `test/bench/issue-goals.test.ts` checks that each row is
 * declared by exactly one suite with this label, and bench/README.md lists the same mapping;
 * the runner fails any declared goal a run did not produce.
 */

/** One goal of the issue, as the issue words it, and the row that judges it. */
export interface IssueGoal {
  /** The goal in the issue's words (shortened). */
  goal: string
  /** The result row's id in `bench/results/latest.json`. */
  id: string
  /** The goal label the row carries, e.g. `<= 100 ms`. */
  label: string
}

/**
 * Issue 15's goals, in the issue's order.
 *
 * @example
 * issue15Goals.find((g) => g.id === 'threads.mount.first-screen')?.label // '<= 100 ms'
 */
export const issue15Goals: readonly IssueGoal[] = [
  { goal: 'A restored 1,000-message thread paints its first screen within 100 ms', id: 'threads.mount.first-screen', label: '<= 100 ms' },
  { goal: '… and never runs a task over 50 ms while the rest becomes available', id: 'threads.mount.longest-task', label: '<= 50 ms CPU' },
  { goal: 'Per-token cost while a new answer streams after 0 / 100 / 1,000 messages: cost(1,000)/cost(0) <= 1.2', id: 'threads.token-cost.rivulet', label: '<= 1.2x' },
  { goal: 'Scrolling a 1,000-message thread bottom to top, one step per frame: no missed frames attributable to us', id: 'threads.scroll.missed-frames', label: '<= 0 tasks' },
  { goal: 'One answer of 1,000,000 characters: per-token cost within 1.5x of 100k', id: 'long-answers.token-cost.1m-over-100k', label: '<= 1.5x' },
  { goal: '… and no task over 50 ms while it streams at 12,000 tokens/s', id: 'long-answers.stream.longest-task-cpu', label: '<= 50 ms' },
  { goal: 'A 2,000-row table streams as a table with no task over 50 ms', id: 'huge-blocks.table.longest-task-cpu', label: '<= 50 ms' },
  { goal: 'A 3,000-line fence streams as highlighted code with no task over 50 ms', id: 'huge-blocks.fence.longest-task-cpu', label: '<= 50 ms' },
  { goal: 'DoS input: 5,000-deep nesting under 200 ms', id: 'huge-blocks.dos.nesting', label: '< 200 ms' },
  { goal: 'DoS input: 100,000-line message under 200 ms', id: 'huge-blocks.dos.lines', label: '< 200 ms' },
  ...[200, 1000].flatMap((lines) => [
    { goal: `No main-thread task over 16 ms attributable to highlighting while a ${lines}-line fence streams`, id: `streaming-highlight.${lines}.highlight-per-task`, label: '<= 16 ms' },
    { goal: `… nor when the ${lines}-line fence closes`, id: `streaming-highlight.${lines}.close-highlight-per-task`, label: '<= 16 ms' },
    { goal: `A line is coloured within 2 frames of its newline (${lines}-line fence)`, id: `streaming-highlight.${lines}.frames-to-colour`, label: '<= 2 frames' },
    { goal: `The fence's height never jumps (${lines}-line fence)`, id: `streaming-highlight.${lines}.height-jumps`, label: '<= 0 frames' },
  ]),
  { goal: "Own JavaScript <= 25 KB gzip (the quick start's <Chat> app, before its first paint)", id: 'size.own.chat-app', label: '<= 25 KB' },
  { goal: 'Parser >= 1.5x eventsource-parser on strings', id: 'parser.strings.1-4096.vs-eventsource-parser', label: '>= 1.5x' },
  ...['1-4096', '1-64'].flatMap((chunks) => [
    { goal: `Parser >= 1.0x eventsource-parser on bytes (${chunks} B chunks)`, id: `parser.bytes.${chunks}.vs-eventsource-parser`, label: '>= 1x' },
    { goal: `Parser bytes + JSON within 1.15x of the floor (${chunks} B chunks)`, id: `parser.bytes-json.${chunks}.vs-floor`, label: 'within 1.15x' },
  ]),
  { goal: 'The 100k/10k goal compares the same content at two lengths', id: 'markdown.token-cost.100k-over-10k', label: '<= 1.5x' },
]
