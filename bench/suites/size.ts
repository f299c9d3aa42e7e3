/**
 * Footprint (issue 15): the gzipped JavaScript a consumer ships, built the way their bundler
 * builds it (`lib/library-size.ts`). Bytes, not time: the figures do not depend on the load.
 *
 * - own: the library's code only (peers and every `dependencies` package external), eager
 *   (loads with the page) and lazy (decoders of other wire formats, the image viewer, … loaded
 *   when used), for every export of `rivulet-ui` and for a `<Chat>` app;
 * - consumer: the same with the dependencies bundled (react-markdown, the GFM parser,
 *   partial-json): what an app really grows by, React and Shiki aside;
 * - the markdown renderer alone against streamdown 2.7.1, measured the same way.
 */
import { atMost, type GoalTable } from '../lib/goals.ts'
import { APP_PROVIDED, measureBundle, NOT_OWN, type BundleSize } from '../lib/library-size.ts'
import type { BenchContext, BenchResult } from '../lib/types.ts'

export const name = 'size'

const KB = 1000
const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`

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
  return `lazy chunks ${kb(size.lazyGzip)} gzip: ${lazy.map((c) => `${c.fileName.replace(/-[\w-]{8}\.js$/, '')} ${kb(c.gzip)}`).join(', ')}`
}

/** The goal rows (issue 15: own JavaScript <= 25 KB gzip, for every export and for the quick start's app). */
export const goals = {
  'size.own.main-entry': atMost(25, ' KB'),
  'size.own.chat-app': atMost(25, ' KB'),
} satisfies GoalTable

function row(id: string, description: string, gzip: number, goal = atMost(25, ' KB'), judged = false, peer: string | null = null, ratio: number | null = null): BenchResult {
  const value = gzip / KB
  return { id, description, value, unit: 'KB gzip', peer, ratio, goal: judged ? goal.label : null, pass: judged ? goal.met(value) : null }
}

export async function run(ctx: BenchContext): Promise<BenchResult[]> {
  ctx.log('bundling rivulet-ui (every export), a <Chat> app and StreamingMarkdown alone, own code and with dependencies; streamdown 2.7.1')
  const own = await measureBundle('src/index.ts', NOT_OWN)
  const ownChat = await measureBundle('bench/size/chat-app.ts', NOT_OWN)
  const consumer = await measureBundle('src/index.ts', APP_PROVIDED)
  const consumerChat = await measureBundle('bench/size/chat-app.ts', APP_PROVIDED)
  const markdown = await measureBundle('bench/size/markdown-only.ts', APP_PROVIDED)
  const streamdown = await measureBundle('bench/size/streamdown.ts', APP_PROVIDED)
  const inspector = await measureBundle('src/inspector.ts', NOT_OWN)

  const inOwnEntry = (pattern: RegExp) => own.eagerModules.filter((m) => pattern.test(m.id)).map((m) => m.id)
  // What loads on first use (lazy chunks): found eager, it is a regression to name.
  const leaks = [
    ...inOwnEntry(/decoders\/(openai|anthropic|ai-sdk)/),
    ...inOwnEntry(/components\/inspector\//),
    ...inOwnEntry(/files\/image-viewer/),
    ...inOwnEntry(/core\/object\/(partial-json-parser|stream-session)\.ts/),
    ...inOwnEntry(/protocol\/(sse\/parser|decoders\/body-decoder-core|recording\/record-response)\.ts/),
  ]
  if (leaks.length > 0) ctx.log(`in the main entry although meant to be lazy: ${leaks.join(', ')}`)
  const total = (size: BundleSize) => size.eagerGzip + size.lazyGzip

  return [
    row(
      'size.own.main-entry',
      `rivulet-ui's own JavaScript loaded with the page, every export kept (peers and dependencies external), minified + gzip -9: ` +
        `${kb(own.eagerMinified)} minified; ${lazyChunks(own)}; largest modules (minified): ${largest(own, 10)}` +
        (leaks.length > 0 ? `; NOT LAZY: ${leaks.join(', ')}` : ''),
      own.eagerGzip,
      atMost(25, ' KB'),
      true,
    ),
    row(
      'size.own.chat-app',
      `own JavaScript loaded with the page by the quick start's app, which imports only <Chat> (tree-shaken), minified + gzip -9: ` +
        `${kb(ownChat.eagerMinified)} minified; ${lazyChunks(ownChat)}; largest modules: ${largest(ownChat, 8)}`,
      ownChat.eagerGzip,
      atMost(25, ' KB'),
      true,
    ),
    row(
      'size.consumer.main-entry',
      `what an app grows by with every export of rivulet-ui: own + react-markdown + remark-gfm's parser + partial-json, eager (React and Shiki aside); ` +
        `+ ${kb(consumer.lazyGzip)} lazy, ${kb(total(consumer))} in all`,
      consumer.eagerGzip,
    ),
    row(
      'size.consumer.chat-app',
      `what an app importing only <Chat> grows by (own + dependencies), eager; + ${kb(consumerChat.lazyGzip)} lazy, ${kb(total(consumerChat))} in all`,
      consumerChat.eagerGzip,
    ),
    row(
      'size.consumer.chat-app-total',
      `what the quick start's <Chat> app grows by in all, eager + lazy: own code + react-markdown + remark-gfm's parser + partial-json (React and Shiki aside): ` +
        `${kb(consumerChat.eagerGzip)} eager + ${kb(consumerChat.lazyGzip)} lazy; beside streamdown 2.7.1's Streamdown (a markdown renderer only, no chat client, composer or list) ` +
        `${kb(total(streamdown))} measured the same way; ratio = streamdown ÷ ours`,
      total(consumerChat),
      atMost(25, ' KB'),
      false,
      'streamdown 2.7.1',
      total(streamdown) / total(consumerChat),
    ),
    row(
      'size.consumer.markdown',
      `StreamingMarkdown alone with its dependencies, eager + lazy (${kb(markdown.eagerGzip)} eager + ${kb(markdown.lazyGzip)} lazy); ` +
        `streamdown 2.7.1's Streamdown the same way: ${kb(streamdown.eagerGzip)} eager + ${kb(streamdown.lazyGzip)} lazy (${streamdown.chunks.length} chunks; ` +
        `its lazy chunks are stubs for its optional code and Mermaid plugins, not installed); ratio = streamdown's total ÷ ours (eager: ${(streamdown.eagerGzip / markdown.eagerGzip).toFixed(1)}×)`,
      total(markdown),
      atMost(25, ' KB'),
      false,
      'streamdown 2.7.1',
      total(streamdown) / total(markdown),
    ),
    row(
      'size.own.inspector',
      `rivulet-ui/inspector (its own entry, not in the main one), own code, eager; ${lazyChunks(inspector)}`,
      inspector.eagerGzip,
    ),
  ]
}
