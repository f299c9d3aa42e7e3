/**
 * Bench page: a TypeScript fence streams into `StreamingMarkdown` (with Rivulet's styles.css)
 * a few word-sized tokens per animation frame, the way a fast model writes code. Each frame
 * records the update's cost, which finished lines show colours yet, and whether the fence's
 * height is exactly its line count (a coloured line must never change height).
 */
import { flushSync } from 'react-dom'
import '../../src/styles.css'
import { watchLongTasks } from '../../test/support/long-tasks.ts'
import { exposeBench } from './bench-window.ts'
import { mountStreamingHost, typescriptLines } from './highlight-setup.tsx'
import { startLineTimeline, watchWorkerLines } from './line-timeline.ts'
import type { FenceRun, StreamHighlightResult, StreamHighlightRun } from './streaming-highlight-types.ts'

// Before anything can start the highlight worker: its messages are timed per line.
watchWorkerLines()

const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve))
/** Between the page's first fence and the next: a reader's pause (the worker compiles ahead meanwhile). */
const PAUSE_MS = 1000

/** One fence streamed, closed and unmounted; with `marks`, its phases are marked for the trace. */
async function streamFence(run: StreamHighlightRun, marks: boolean): Promise<FenceRun> {
  const host = mountStreamingHost()
  const { container } = host
  const mark = (name: string) => marks && performance.mark(name)

  // Words with their leading space; a line's newline travels with its last word.
  const tokens: string[] = ['Here is the module:\n\n```ts\n']
  for (const line of typescriptLines(run.lines, { blockComments: true })) {
    const words = line.match(/\s*\S+/g) ?? ['']
    words[words.length - 1] += '\n'
    tokens.push(...words)
  }

  const timeline = startLineTimeline(container)
  mark('bench:stream-start')
  const streamStart = performance.now()

  const updates: number[] = []
  const newlineFrame: number[] = []
  const framesToColour: number[] = []
  let heightJumps = 0
  let lineHeight = 0
  let text = ''
  let frameIndex = 0
  const lineElements = () => container.querySelectorAll('[data-rivulet="code-line"]')
  for (let next = 0; next < tokens.length; frameIndex++) {
    await frame()
    const start = performance.now()
    flushSync(() => {
      for (let i = 0; i < run.tokensPerFrame && next < tokens.length; i++) {
        text += tokens[next++]!
      }
      host.show(text)
    })
    const lines = lineElements()
    const finished = text.split('\n').length - 4 // intro, blank, opener, and the line being typed
    while (newlineFrame.length < finished) newlineFrame.push(frameIndex)
    timeline.finished(finished)
    // Lines coloured since the last frame (the first coloured one is never plain again).
    for (let i = framesToColour.length; i < finished && lines[i]?.firstElementChild; i++) framesToColour.push(frameIndex - newlineFrame[i]!)
    const pre = container.querySelector('pre')
    if (pre && lines.length > 0) {
      const height = (lines[lines.length - 1] as HTMLElement).getBoundingClientRect().bottom - (lines[0] as HTMLElement).getBoundingClientRect().top
      if (lineHeight === 0 && lines.length >= 2) lineHeight = height / lines.length
      if (lineHeight > 0 && Math.abs(height - lines.length * lineHeight) > 1) heightJumps++
    }
    updates.push(performance.now() - start)
  }
  const finishedAtEnd = newlineFrame.length
  const colouredAtEnd = framesToColour.length
  mark('bench:stream-end')
  // Every finished line counts: those still in flight are watched, frame by frame, until coloured.
  // Every one, the last included: an open fence's text keeps the newline that finished its
  // last line, so that line is coloured without waiting for another character or the close.
  const waitFrom = performance.now()
  for (let extra = 0; framesToColour.length < finishedAtEnd && extra < 600; extra++, frameIndex++) {
    await frame()
    const lines = lineElements()
    for (let i = framesToColour.length; i < finishedAtEnd && lines[i]?.firstElementChild; i++) framesToColour.push(frameIndex - newlineFrame[i]!)
  }
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, 200 - (performance.now() - waitFrom))))

  // The close: the fence's closing line arrives and the answer ends. Only the lines not
  // coloured yet (the last one, and any still in flight) may be tokenized now.
  const linesAtClose = lineElements().length
  const colouredAtClose = [...lineElements()].filter((line) => line.firstElementChild).length
  mark('bench:close-start')
  flushSync(() => host.show(text + '```\n', false))
  let closeFrames = -1
  for (let frames = 0; frames < 600; frames++) {
    if (container.querySelector('[data-rivulet="code-block"]')?.getAttribute('data-state') === 'highlighted') {
      closeFrames = frames
      break
    }
    await frame()
  }
  // Two more frames and a pause: whatever the close scheduled (a render, a GC) lands inside the window.
  await frame()
  await frame()
  await new Promise((resolve) => setTimeout(resolve, 100))
  mark('bench:close-end')
  // Unmounting is the bench's own work: a task of its own, after the window (a task that holds the mark counts).
  await new Promise((resolve) => setTimeout(resolve, 0))
  timeline.stop()
  host.unmount()
  // Lines finished before the highlighter was ready (it loads with a page's first fence) come
  // first: the first line finished after line 0 was coloured.
  const readyFrame = newlineFrame[0]! + (framesToColour[0] ?? 0)
  return {
    updates,
    framesToColour,
    firstColouredLine: Math.max(0, newlineFrame.findIndex((frame) => frame >= readyFrame)),
    heightJumps,
    colouredAtEnd,
    finishedAtEnd,
    closeFrames,
    colouredAtClose,
    linesAtClose,
    stages: timeline.stages().slice(0, finishedAtEnd),
    milestones: Object.fromEntries(Object.entries(timeline.milestones()).map(([name, at]) => [name, at - streamStart])),
  }
}

/**
 * The page's first fence (the highlighter loads with it: chunks, worker, grammar, regexes),
 * traced; then, after a pause like a reader's, the same fence again on the warm page.
 */
async function streamHighlight(run: StreamHighlightRun): Promise<StreamHighlightResult> {
  const stopLongTasks = watchLongTasks()
  const first = await streamFence(run, true)
  const longTasks = stopLongTasks()
  // Loaded after the first fence (so it does not change how the page's chunks are split): the worker's counters.
  const { highlightWorkerStats } = await import('../../src/components/code-block/worker-client.ts')
  const { started, lines: workerLines, failures } = highlightWorkerStats()
  await new Promise((resolve) => setTimeout(resolve, PAUSE_MS))
  const later = await streamFence(run, false)
  return { ...first, longTasks, worker: { started, lines: workerLines, failures }, later }
}

exposeBench({ streamHighlight })
