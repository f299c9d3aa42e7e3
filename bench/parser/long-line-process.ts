/**
 * One fresh process's long-line measurement (see `long-line.ts`): `node --import tsx
 * bench/parser/long-line-process.ts <passes> <warmup>` prints a `LongLineSample` as JSON.
 * Timed in this process's CPU time, with a young-generation collection between passes.
 */
import { cpuClock } from '../lib/cpu-clock.ts'
import { exposeMinorGc } from '../lib/node-gc.ts'
import { measureLongLine } from './long-line.ts'

const [passes, warmup] = process.argv.slice(2).map(Number)
const gc = exposeMinorGc()
const sample = await measureLongLine({ passes: passes ?? 7, warmup: warmup ?? 2, clock: cpuClock, ...(gc && { gc }) })
process.stdout.write(JSON.stringify(sample))
