import { describe, expect, it } from 'vitest'
import { tasksBetween } from '../../bench/lib/trace-tasks.ts'

const thread = { pid: 1, tid: 7 }
const mark = (name: string, ts: number) => ({ name, cat: 'blink.user_timing', ph: 'R', ts, ...thread })
const span = (name: string, ts: number, ms: number, extra: object = {}) => ({ name, cat: 'devtools.timeline', ph: 'X', ts, dur: ms * 1000, ...thread, ...extra })

describe('tasksBetween', () => {
  it('lists what ran inside a task, not the wrappers that span all of it', () => {
    // A 90 ms message-port task whose pause was a major GC taken at a stack-guard interrupt.
    const trace = [
      mark('from', 0),
      span('RunTask', 1000, 90, { tdur: 40_000 }),
      span('ThreadControllerImpl::RunTask', 1000, 90),
      span('SimpleWatcher::OnHandleReady', 1010, 89.9),
      span('v8.callFunction', 1020, 89.8),
      span('FunctionCall', 1030, 89.7, { args: { data: { url: 'http://localhost:5173/assets/app.js', functionName: 'onmessage' } } }),
      span('V8.StackGuard', 20_000, 60),
      span('V8.HandleInterrupts', 20_010, 59.9),
      span('MajorGC', 20_020, 59.8),
      span('Layout', 81_000, 5),
      span('RunTask', 100_000, 3),
      mark('to', 200_000),
    ]
    const [longest, short] = tasksBetween(trace, 'from', 'to')
    expect(longest).toMatchObject({ duration: 90, cpu: 40 })
    expect(longest!.inside).toEqual(['FunctionCall assets/app.js#onmessage 89.7 ms', 'MajorGC 59.8 ms', 'Layout 5.0 ms'])
    expect(short!.inside).toEqual([])
  })
})
