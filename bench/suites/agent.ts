/**
 * Agent turns (issue 11): what one event costs on the client's hot path in a multi-step turn —
 * decoding, the reducer, the store, the agent loop's look at each event, a browser tool per
 * step and the continuation POST (its history grows every step). A 50-step turn against a
 * 5-step one: if the per-event cost stays flat, the loop is O(event), not O(history).
 * The chat client runs headless over the in-memory transport with a synchronous scheduler.
 */
import { createChatClient } from '../../src/core/chat-client.ts'
import { syncScheduler } from '../../src/core/frame-scheduler.ts'
import { createMemoryTransport } from '../../src/core/transports/memory-transport.ts'
import type { ChatEvent, UnsequencedChatEvent } from '../../src/protocol/events.ts'
import { atMost, judge } from '../lib/goals.ts'
import { measureInterleaved } from '../lib/measure.ts'
import { spreadOf } from '../lib/stats.ts'
import type { BenchContext, BenchResult } from '../lib/types.ts'

export const name = 'agent'

/** Tokens of text per step before its tool call. */
const TOKENS_PER_STEP = 40

function step(index: number, last: boolean): ChatEvent[] {
  const events: UnsequencedChatEvent[] = [{ type: 'start', streamId: `s${index}` }]
  for (let t = 0; t < TOKENS_PER_STEP; t++) events.push({ type: 'token', content: `word${t} ` })
  if (!last) {
    const id = `call_${index}`
    events.push({ type: 'tool_call_start', id, name: 'lookup' }, { type: 'tool_call_delta', id, argsDelta: `{"q":${index}}` }, { type: 'tool_call_end', id })
  }
  events.push({ type: 'done', finishReason: last ? 'stop' : 'tool-calls' })
  return events.map((event, seq) => ({ ...event, seq }) as ChatEvent)
}

/** Runs one whole turn of `steps` steps; returns the number of events applied. */
async function turn(steps: number): Promise<number> {
  let requests = 0
  let events = 0
  const chat = createChatClient({
    scheduler: syncScheduler,
    maxSteps: steps,
    maxRetries: 0,
    firstTokenTimeoutMs: 0,
    idleTimeoutMs: 0,
    transport: createMemoryTransport({ respond: () => step(requests, ++requests === steps) }),
    tools: { lookup: { execute: (args: { q: number }) => ({ found: args.q }) } },
    onEvent: () => void events++,
  })
  await chat.send('Go')
  const state = chat.getSnapshot()
  if (requests !== steps || state.status !== 'ready' || state.messages.at(-1)?.finishReason !== 'stop') {
    throw new Error(`agent bench: expected ${steps} requests ending ready/stop, got ${requests} (${state.status})`)
  }
  chat.destroy()
  return events
}

export async function run(ctx: BenchContext): Promise<BenchResult[]> {
  const sizes = [5, 50] as const
  const counts = new Map<number, number>()
  for (const steps of sizes) counts.set(steps, await turn(steps))
  ctx.log(`agent: ${sizes.map((s) => `${s} steps = ${counts.get(s)} events`).join(', ')}`)
  const m = await measureInterleaved({ s5: () => turn(5), s50: () => turn(50) }, { warmup: ctx.warmup, passes: ctx.passes, gc: ctx.gc, clock: ctx.clock })
  const perEvent = (ms: number, steps: number) => (ms * 1000) / counts.get(steps)!
  const rows: BenchResult[] = []
  for (const [key, steps] of [['s5', 5], ['s50', 50]] as const) {
    const samples = m[key].samples
    const stats = { min: Math.min(...samples), median: m[key].median, max: Math.max(...samples) }
    for (const [stat, value] of Object.entries(stats)) {
      rows.push({
        id: `agent.turn-${steps}-steps.per-event.${stat}`,
        description: `${steps}-step agent turn (browser tool + continuation per step), ${stat} of passes, per event`,
        value: Number(perEvent(value, steps).toFixed(2)),
        unit: 'µs/event',
        peer: null,
        ratio: null,
        goal: null,
        pass: null,
      })
    }
  }
  // O(event): a 50-step turn's event costs about what a 5-step turn's does (the history it re-sends grows, the per-event path does not).
  const growth = perEvent(m.s50.median, 50) / perEvent(m.s5.median, 5)
  // Pass i of each size ran back to back (interleaved), so their ratio is one paired sample.
  const paired = m.s50.samples.map((ms, i) => perEvent(ms, 50) / perEvent(m.s5.samples[i]!, 5))
  rows.push({
    id: 'agent.per-event-growth-5-to-50-steps',
    title: 'agent turn: per-event cost, 50 steps ÷ 5 steps',
    description: 'median per-event cost, 50-step turn ÷ 5-step turn (1 = flat); spread: the same ratio per interleaved pass',
    value: Number(growth.toFixed(2)),
    unit: '×',
    peer: null,
    ratio: null,
    ...judge(atMost(2), growth, 'x'),
    runs: paired.length,
    spread: spreadOf(paired),
  })
  return rows
}
