import { act, render } from '@testing-library/react'
import { useLayoutEffect } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { longThread } from '../../../test/support/long-thread.ts'
import type { ChatMessage } from '../../core/state.ts'
import { useProgressiveHistory } from './use-progressive-history.ts'

/*
 * A background slice of a restored thread takes timed steps (each its own commit) and ends
 * as soon as the clock says its budget is spent. The clock is ours: every render of the probe
 * costs `cost(start)` ms of it, so a step can be made to run long (as a garbage collector's
 * pause inside it would) without depending on the machine's speed.
 */

let clock = 0
let cost: (start: number) => number = () => 0.1

interface Commit {
  /** Commits in the same task share a number (a microtask runs between tasks, never between them). */
  task: number
  start: number
}

let task = 0
let taskOpen = false
const commits: Commit[] = []

function Probe({ messages }: { messages: readonly ChatMessage[] }) {
  const { start } = useProgressiveHistory(messages)
  clock += cost(start)
  useLayoutEffect(() => {
    if (!taskOpen) {
      task++
      taskOpen = true
      queueMicrotask(() => {
        taskOpen = false
      })
    }
    commits.push({ task, start })
  })
  return null
}

async function mountAll(messages: readonly ChatMessage[]) {
  vi.spyOn(performance, 'now').mockImplementation(() => clock)
  render(<Probe messages={messages} />)
  for (let i = 0; i < 2_000 && commits.at(-1)!.start > 0; i++) {
    await act(() => new Promise<void>((resolve) => setTimeout(resolve, 0)))
  }
}

afterEach(() => {
  vi.restoreAllMocks()
  commits.length = 0
  clock = 0
  cost = () => 0.1
})

describe('useProgressiveHistory slices', () => {
  it('takes several small commits in one task while its budget lasts, and mounts every message', async () => {
    await mountAll(longThread(200))
    expect(commits.at(-1)!.start).toBe(0)
    const perTask = new Map<number, number>()
    for (const commit of commits) perTask.set(commit.task, (perTask.get(commit.task) ?? 0) + 1)
    expect(Math.max(...perTask.values())).toBeGreaterThan(1)
    // Every commit mounts older messages, never the same start twice.
    const starts = commits.map((c) => c.start)
    expect(new Set(starts).size).toBe(starts.length)
  })

  it('ends a slice right after a step that ran past the budget', async () => {
    const messages = longThread(200)
    let slow: number | undefined
    // The first step below message 150 takes 30 ms (a GC pause inside it, say).
    cost = (start) => {
      if (start < 150 && slow === undefined) slow = start
      return start === slow ? 30 : 0.1
    }
    await mountAll(messages)
    expect(commits.at(-1)!.start).toBe(0)
    const index = commits.findIndex((c) => c.start === slow)
    expect(index).toBeGreaterThan(0)
    // That commit was the last of its task: the next one came in a later task.
    expect(commits[index + 1]!.task).toBeGreaterThan(commits[index]!.task)
  })
})
