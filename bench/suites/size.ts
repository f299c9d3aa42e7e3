/**
 * Footprint (issue 15): the gzipped JavaScript a consumer ships, built the way their bundler
 * builds it (`lib/library-size.ts`). Bytes, not time: the figures do not depend on the load.
 *
 * Per entry (a headless app that imports only `useChat`, the quick start's app that imports only
 * `<Chat>`, and every export of `rivulet-ui`), three figures:
 * - initial own: the library's own code the page loads before its first paint (the entry chunk
 *   and every chunk it imports statically; peers and every `dependencies` package external).
 *   The goal (<= 25 KB) judges this figure for the `<Chat>` app;
 * - total own: the same plus every lazy chunk (loaded after mount, at idle, or when a feature
 *   is first used: decoders of other wire formats, tool cards, code blocks, …). Some lazy
 *   chunks start downloading before the first paint without holding it: the markdown pipeline
 *   (at import), the chat client's engine (transport, turn runner, agent loop, reducer) and its
 *   branch tree (both when the client is made, in the first render). The page paints without
 *   them (a restored thread as stand-ins until the pipeline lands; a message sent before the
 *   engine lands shows at once and goes out when it is in; no tree exists before the branch
 *   chunk), so they count as later, not before first paint. The thread sync (saving and reading
 *   stored threads) loads only for a chat with an `id` (the quick start has none; such a chat
 *   says its thread is loading until it lands), and file reading with the first send that has files;
 * - consumer total: what the app grows by in all, own code with its dependencies bundled
 *   (react-markdown, the GFM parser, partial-json), eager + lazy, React and Shiki aside.
 * Then the markdown renderer alone against streamdown 2.7.1, measured the same way, and the
 * inspector's own entry.
 */
import { atMost, judge, type GoalTable } from '../lib/goals.ts'
import { APP_PROVIDED, measureBundle, NOT_OWN, type BundleSize } from '../lib/library-size.ts'
import type { BenchContext, BenchResult } from '../lib/types.ts'

export const name = 'size'

const KB = 1000
const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`
const total = (size: BundleSize) => size.eagerGzip + size.lazyGzip

/** The eager chunks' largest modules, for the description: where the bytes are. */
function largest(size: BundleSize, count: number): string {
  return size.eagerModules
    .slice(0, count)
    .map((m) => `${m.id.replace(/^src\//, '')} ${kb(m.minified)}`)
    .join(', ')
}

function lazyChunks(size: BundleSize): string {
  const lazy = size.chunks.filter((c) => !c.eager).sort((a, b) => b.gzip - a.gzip)
  if (lazy.length === 0) return 'no lazy chunks'
  return `${lazy.length} lazy chunks, ${kb(size.lazyGzip)} gzip: ${lazy.map((c) => `${c.fileName.replace(/-[\w-]{8}\.js$/, '')} ${kb(c.gzip)}`).join(', ')}`
}

/** The goal rows (issue 15: own JavaScript <= 25 KB gzip, judged on the quick start's <Chat> app before first paint). */
export const goals = {
  'size.own.chat-app': atMost(25, ' KB'),
} satisfies GoalTable

/** A row that informs (no goal). */
function info(id: string, title: string, description: string, gzip: number, peer: string | null = null, ratio: number | null = null): BenchResult {
  return { id, title, description, value: gzip / KB, unit: 'KB gzip', peer, ratio, goal: null, pass: null }
}

/** The apps measured, with the names the rows use. */
const ENTRIES = [
  { key: 'use-chat-app', entry: 'bench/size/use-chat-app.ts', name: 'headless useChat app', what: 'an app importing only useChat (its own components render the messages)' },
  { key: 'chat-app', entry: 'bench/size/chat-app.ts', name: '<Chat> app', what: "the quick start's app, importing only <Chat> (tree-shaken)" },
  { key: 'main-entry', entry: 'src/index.ts', name: 'every export', what: 'every export of rivulet-ui kept' },
] as const

export async function run(ctx: BenchContext): Promise<BenchResult[]> {
  ctx.log('bundling a useChat app, a <Chat> app and every export of rivulet-ui, own code and with dependencies; StreamingMarkdown alone and streamdown 2.7.1; the inspector')
  const rows: BenchResult[] = []
  let ownMain: BundleSize | undefined
  let consumerChat: BundleSize | undefined
  for (const { key, entry, name: appName, what } of ENTRIES) {
    const own = await measureBundle(entry, NOT_OWN)
    const consumer = await measureBundle(entry, APP_PROVIDED)
    if (key === 'main-entry') ownMain = own
    if (key === 'chat-app') consumerChat = consumer
    const initial = own.eagerGzip / KB
    const goal = key === 'chat-app' ? atMost(25, ' KB') : null
    rows.push({
      id: `size.own.${key}`,
      title: `${appName}: own JS before first paint${goal ? ' (goal: <= 25 KB gzip)' : ''}`,
      description:
        `rivulet-ui's own JavaScript that ${what} loads before its first paint (the entry chunk and every chunk it imports statically; peers and dependencies external), ` +
        `minified as an app build minifies + gzip -9: ${kb(own.eagerMinified)} minified; largest modules (before minification): ${largest(own, 8)}; ` +
        `later (not holding the first paint; the markdown pipeline starts at import, the chat engine and branch tree when the client is made, the thread sync only for a chat with an id): ${lazyChunks(own)}`,
      value: initial,
      unit: 'KB gzip',
      peer: null,
      ratio: null,
      ...judge(goal, initial, 'KB gzip'),
    })
    rows.push(
      info(
        `size.own.${key}-total`,
        `${appName}: own JS in all, with lazy chunks`,
        `rivulet-ui's own JavaScript for ${what} including every lazy chunk (loaded after mount, at idle or on first use): ${kb(own.eagerGzip)} before first paint + ${kb(own.lazyGzip)} later`,
        total(own),
      ),
    )
    rows.push(
      info(
        `size.consumer.${key}-total`,
        `${appName}: what the app grows by in all`,
        `what ${what} grows by: own code + react-markdown + remark-gfm's parser + partial-json, eager + lazy (React and Shiki aside): ` +
          `${kb(consumer.eagerGzip)} before first paint + ${kb(consumer.lazyGzip)} later`,
        total(consumer),
      ),
    )
  }

  // What loads on first use (lazy chunks): found eager in the main entry, it is a regression to name.
  const inOwnEntry = (pattern: RegExp) => (ownMain?.eagerModules ?? []).filter((m) => pattern.test(m.id)).map((m) => m.id)
  const leaks = [
    ...inOwnEntry(/decoders\/(openai|anthropic|ai-sdk)/),
    ...inOwnEntry(/components\/inspector\//),
    ...inOwnEntry(/files\/image-viewer/),
    ...inOwnEntry(/core\/object\/(partial-json-parser|stream-session)\.ts/),
    ...inOwnEntry(/protocol\/(sse\/parser|decoders\/body-decoder-core|recording\/record-response)\.ts/),
    ...inOwnEntry(/core\/(chat-reducer|client\/(chat-engine|turn-runner|agent-loop|open-response))\.ts/),
  ]
  if (leaks.length > 0) {
    ctx.log(`in the main entry although meant to be lazy: ${leaks.join(', ')}`)
    const mainRow = rows.find((r) => r.id === 'size.own.main-entry')
    if (mainRow) mainRow.description += `; NOT LAZY: ${leaks.join(', ')}`
  }

  const markdown = await measureBundle('bench/size/markdown-only.ts', APP_PROVIDED)
  const streamdown = await measureBundle('bench/size/streamdown.ts', APP_PROVIDED)
  const inspector = await measureBundle('src/inspector.ts', NOT_OWN)
  // The <Chat> app's total beside streamdown's renderer: what a chat UI costs against a markdown renderer alone.
  const chatTotal = rows.find((r) => r.id === 'size.consumer.chat-app-total')
  if (chatTotal && consumerChat) {
    chatTotal.peer = 'streamdown 2.7.1'
    chatTotal.ratio = total(streamdown) / total(consumerChat)
    chatTotal.title += ' (ratio = streamdown ÷ ours)'
    chatTotal.description += `; beside streamdown 2.7.1's Streamdown (a markdown renderer only, no chat client, composer or list) ${kb(total(streamdown))} measured the same way; ratio = streamdown ÷ ours`
  }
  rows.push(
    info(
      'size.consumer.markdown',
      'StreamingMarkdown alone in all beside streamdown (ratio = streamdown ÷ ours)',
      `StreamingMarkdown alone with its dependencies, eager + lazy (${kb(markdown.eagerGzip)} eager + ${kb(markdown.lazyGzip)} lazy); ` +
        `streamdown 2.7.1's Streamdown the same way: ${kb(streamdown.eagerGzip)} eager + ${kb(streamdown.lazyGzip)} lazy (${streamdown.chunks.length} chunks; ` +
        `its lazy chunks are stubs for its optional code and Mermaid plugins, not installed); ratio = streamdown's total ÷ ours (eager: ${(streamdown.eagerGzip / markdown.eagerGzip).toFixed(1)}×)`,
      total(markdown),
      'streamdown 2.7.1',
      total(streamdown) / total(markdown),
    ),
    info('size.own.inspector', 'rivulet-ui/inspector: own JS (its own entry)', `rivulet-ui/inspector (its own entry, not in the main one), own code, eager; ${lazyChunks(inspector)}`, inspector.eagerGzip),
  )
  return rows
}
