/**
 * Rich message parts (issue 12): the per-token cost of rendering a streaming message that
 * holds 20 tool calls with registered components and 50 sources (cited in the text), against a
 * plain text message with the same text, both through `<Message>` (React 19, real DOM from
 * jsdom, synchronous commits). Goal: within 1.2× of the plain message, so the tool components,
 * the Sources list and the citation markers cost next to nothing per token (memoised per part).
 * States come from the real reducer, prepared outside the clock; both roots are mounted first,
 * and each pass streams the same tail of tokens into each, interleaved. React's production
 * build is loaded (NODE_ENV=production while the suite imports it), as an app ships it.
 * Informative: the same rich message with ten times the text before the tail, interleaved with
 * the others; its per-token cost over the short one's shows whether a cited text's token costs
 * its own length (1.09 at 9f2a504, where the citation marker reads tokens from the text log;
 * 1.18 with the marker before it, which compared and scanned the whole text per token).
 */
import { judge, within } from '../lib/goals.ts'
import { measureInterleaved } from '../lib/measure.ts'
import { spreadOf } from '../lib/stats.ts'
import type { BenchContext, BenchResult } from '../lib/types.ts'
import { createRandom } from '../lib/prng.ts'

export const name = 'rich-parts'

const TOOLS = 20
const SOURCES = 50
const TAIL = 200
/** The long message has this many times the short one's text before the tail. */
const LONG_FACTOR = 10
/**
 * The suite takes this many times the runner's passes (35 by default): a pass is ~100 ms of
 * jsdom rendering, and at 7 passes one run's rich ÷ plain spanned 0.60-1.91 per pass and its
 * ratio of medians moved between 0.9 and 1.27 from run to run.
 */
const PASS_FACTOR = 5
const WORDS = ['river', 'delta', 'stream', 'basin', 'current', 'flow', 'bank', 'tide', 'source', 'meander']

/** jsdom ships no types; this is the one constructor used here. */
type JsdomModule = { JSDOM: new (html: string, options: { pretendToBeVisual: boolean }) => { window: Window } }

async function installDom() {
  const { JSDOM } = (await import('jsdom' as string)) as JsdomModule
  const dom = new JSDOM('<!doctype html><html><body></body></html>', { pretendToBeVisual: true })
  const g = globalThis as Record<string, unknown>
  for (const key of ['window', 'document', 'navigator', 'HTMLElement', 'Node', 'Element', 'getComputedStyle', 'requestAnimationFrame', 'cancelAnimationFrame']) {
    if (g[key] === undefined) g[key] = (dom.window as unknown as Record<string, unknown>)[key]
  }
  g.IS_REACT_ACT_ENVIRONMENT = false
  return dom
}

export async function run(ctx: BenchContext): Promise<BenchResult[]> {
  // React picks its build from NODE_ENV when first imported (only this suite imports it in Node).
  const nodeEnv = process.env.NODE_ENV
  process.env.NODE_ENV = 'production'
  try {
    return await measure(ctx)
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV
    else process.env.NODE_ENV = nodeEnv
  }
}

async function measure(ctx: BenchContext): Promise<BenchResult[]> {
  await installDom()
  const React = await import('react')
  const { flushSync } = await import('react-dom')
  const { createRoot } = await import('react-dom/client')
  const { Message } = await import('../../src/components/message/message.tsx')
  // The markdown parser is a lazy chunk: until it lands, blocks show as their text.
  // The markdown pipeline and the parts only some messages show (Sources…) are lazy chunks: an app's have landed.
  const { preloadMarkdown } = await import('../../src/components/lazy/markdown-pipeline-chunk.ts')
  const { preloadMessageParts } = await import('../../src/components/lazy/message-extras-chunk.ts')
  await Promise.all([preloadMarkdown(), preloadMessageParts()])
  const { chatReducer } = await import('../../src/core/chat-reducer.ts')
  const { applyPendingToolArgs } = await import('../../src/core/tool-args.ts')
  const { beginTurn } = await import('../../src/core/turn.ts')
  const { initialChatState } = await import('../../src/core/state.ts')
  type Msg = import('../../src/core/state.ts').ChatMessage
  type Ev = import('../../src/protocol/events.ts').UnsequencedChatEvent

  const random = createRandom(12)
  /** Plays events through the reducer; returns the message after each `tokens` event of the tail. */
  function play(prefix: Ev[], tail: Ev[][]): Msg[] {
    let state = beginTurn(initialChatState, { assistantId: 'a' })
    let seq = 0
    const apply = (events: Ev[]) => {
      const touched = new Set<string>()
      for (const event of events) {
        state = chatReducer(state, { ...event, seq: seq++ } as never, 0)
        if (event.type === 'tool_call_delta') touched.add(event.id)
      }
      state = applyPendingToolArgs(state, touched)
      return state.messages.at(-1)!
    }
    const out = [apply(prefix)]
    for (const step of tail) out.push(apply(step))
    return out
  }

  // Paragraphs of 40 words, as answers come: the streaming block stays a paragraph long.
  let words = 0
  const word = () => `${++words % 40 === 0 ? '.\n\n' : ' '}${WORDS[Math.floor(random() * WORDS.length)]}`
  const intro: string[] = Array.from({ length: 400 }, word)
  // The same message with ten times the text before the tail (its sources and citations in the first 400 words, as in `intro`).
  const longIntro: string[] = [...intro, ...Array.from({ length: 400 * (LONG_FACTOR - 1) }, word)]
  const tailTokens: string[] = Array.from({ length: TAIL }, word)
  const richEvents = (text: readonly string[]): Ev[] => {
    const events: Ev[] = [{ type: 'start', streamId: 'rich' }]
    for (let i = 0; i < TOOLS; i++) {
      events.push(
        { type: 'tool_call_start', id: `t${i}`, name: 'chart' },
        { type: 'tool_call_delta', id: `t${i}`, argsDelta: JSON.stringify({ points: [i, i + 1, i + 2] }) },
        { type: 'tool_call_end', id: `t${i}` },
        { type: 'tool_result', id: `t${i}`, result: { ok: i } },
      )
    }
    for (const [i, token] of text.entries()) {
      events.push({ type: 'token', content: token })
      if (i % 8 === 7 && i / 8 < SOURCES) {
        const id = `s${Math.floor(i / 8)}`
        events.push({ type: 'source', id, url: `https://example.com/${id}`, title: `Source ${id}` }, { type: 'citation', sourceId: id, length: 10 })
      }
    }
    return events
  }
  const plain: Ev[] = [{ type: 'start', streamId: 'plain' }, ...intro.map((content): Ev => ({ type: 'token', content }))]
  const steps = tailTokens.map((content): Ev[] => [{ type: 'token', content }])
  const richStates = play(richEvents(intro), steps)
  const longStates = play(richEvents(longIntro), steps)
  const plainStates = play(plain, steps)
  for (const states of [richStates, longStates]) {
    const last = states.at(-1)!
    const sourceCount = last.parts.filter((p) => p.type === 'source').length
    const toolCount = last.parts.filter((p) => p.type === 'tool-call').length
    if (sourceCount !== SOURCES || toolCount !== TOOLS) throw new Error(`rich message has ${toolCount} tools and ${sourceCount} sources`)
  }
  const textLength = (states: Msg[]) => states.at(-1)!.parts.reduce((n, p) => n + (p.type === 'text' ? p.text.length : 0), 0)

  function Chart({ args }: { args: { points?: number[] } | undefined }) {
    return React.createElement('svg', { role: 'img', 'aria-label': 'chart' }, (args?.points ?? []).map((p) => React.createElement('rect', { key: p, width: 4, height: p })))
  }
  const tools = { chart: { render: Chart as never } }

  function mount(states: Msg[]) {
    const host = document.createElement('div')
    document.body.append(host)
    const root = createRoot(host)
    const show = (message: Msg) => flushSync(() => root.render(React.createElement(Message, { message, streaming: true, tools })))
    show(states[0]!)
    return { host, show }
  }
  const richRoot = mount(richStates)
  const longRoot = mount(longStates)
  const plainRoot = mount(plainStates)
  const richMarkers = richRoot.host.querySelectorAll('[data-rivulet="citation"]').length
  if (richRoot.host.querySelectorAll('svg').length !== TOOLS || richRoot.host.querySelectorAll('[data-rivulet="source"]').length !== SOURCES || richMarkers === 0) {
    throw new Error('the rich message did not render its tool components, sources and markers')
  }
  if (plainRoot.host.querySelector('[data-rivulet="markdown"]')?.textContent !== richRoot.host.querySelector('[data-rivulet="markdown"]')?.textContent?.replace(/\d+/g, '')) {
    ctx.log('note: rich text differs from plain only by its citation numbers')
  }
  const stream = (root: typeof richRoot, states: Msg[]) => () => {
    for (const message of states) root.show(message)
  }
  ctx.log(`rich-parts: ${TAIL} tokens into a message with ${TOOLS} tool components, ${SOURCES} sources, ${richMarkers} markers`)
  const times = await measureInterleaved(
    { rich: stream(richRoot, richStates), plain: stream(plainRoot, plainStates), long: stream(longRoot, longStates) },
    { warmup: ctx.warmup, passes: ctx.passes * PASS_FACTOR, ...(ctx.gc && { gc: ctx.gc }), ...(ctx.clock && { clock: ctx.clock }) },
  )
  const perToken = (ms: number) => (ms / (TAIL + 1)) * 1000
  const slowdown = times.rich.median / times.plain.median
  const goal = within(1.2)
  return [
    {
      id: 'rich-parts.per-token',
      description: `per-token render (React production build, jsdom: no layout or paint), ${TOOLS} tool components + ${SOURCES} cited sources vs plain text (same text); judged: rich ÷ plain`,
      value: Math.round(perToken(times.rich.median) * 10) / 10,
      unit: 'µs/token',
      peer: `plain text message (${Math.round(perToken(times.plain.median) * 10) / 10} µs/token)`,
      ratio: Math.round((1 / slowdown) * 100) / 100,
      ...judge(goal, slowdown, 'x'),
      title: 'per-token cost of a message with 20 tool components and 50 cited sources ÷ plain text (jsdom, no layout)',
      runs: times.rich.samples.length,
      // Pass i of each ran back to back (interleaved): one paired slowdown per pass.
      spread: spreadOf(times.rich.samples.map((t, i) => t / times.plain.samples[i]!)),
    },
    {
      id: 'rich-parts.per-token.long-over-short',
      description:
        `the same rich message (${TOOLS} tool components, ${SOURCES} cited sources) with ${LONG_FACTOR}x the text before the streamed tail (${textLength(longStates).toLocaleString('en')} characters at the end vs ${textLength(richStates).toLocaleString('en')}): ` +
        `per-token render ${(Math.round(perToken(times.long.median) * 10) / 10).toFixed(1)} µs vs ${(Math.round(perToken(times.rich.median) * 10) / 10).toFixed(1)} µs; a cited text's token costs its own length, not the text's (informative)`,
      value: Math.round((times.long.median / times.rich.median) * 100) / 100,
      unit: 'x',
      peer: null,
      ratio: null,
      goal: null,
      pass: null,
      runs: times.long.samples.length,
      spread: spreadOf(times.long.samples.map((t, i) => t / times.rich.samples[i]!)),
    },
  ]
}
