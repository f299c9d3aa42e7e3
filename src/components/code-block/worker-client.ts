import type { HighlightedLine, HighlightedToken, TokenStyle } from './highlight-types.ts'
import { currentCodeThemes, resolveTheme } from './code-themes.ts'
import { languageLoader } from './languages.ts'
import { toTokenStyle } from './token-style.ts'
import type { FromWorker, ToWorker } from './worker-protocol.ts'

/** Where a fence's coloured lines go. */
export interface FenceSink {
  /** Tokens of lines `start …` (in order; every line once). */
  lines(start: number, lines: HighlightedLine[]): void
  /** The worker cannot colour this fence (it failed to start, crashed, or has no grammar): colour it elsewhere. */
  failed(): void
}

/** A fence being coloured by the worker. */
export interface WorkerFence {
  /** The next finished lines (never lines sent before). */
  send(lines: readonly string[]): void
  /** Stops colouring it; the worker forgets its state. */
  close(): void
}

/** Counters for tests and benchmarks: proof that the worker, not the page, coloured the code. */
export interface HighlightWorkerStats {
  /** Workers started (0 where there is no `Worker` or it could not start). */
  started: number
  /** Messages with coloured lines received from the worker, and the lines they held. */
  messages: number
  lines: number
  /** Fences handed back to the page because the worker failed. */
  failures: number
}

type WorkerFactory = () => Worker

// Vite (the library's own build, a consumer's build, Storybook, Vitest) bundles the worker
// from this exact pattern: `new Worker(new URL(…, import.meta.url), { type: 'module' })`.
const defaultFactory: WorkerFactory = () => new Worker(new URL('./worker/highlight-worker.ts', import.meta.url), { type: 'module', name: 'rivulet-highlight' })

let factory: WorkerFactory = defaultFactory
let worker: Worker | undefined
let broken = false
let nextFence = 1
const sinks = new Map<number, FenceSink>()
/** The worker's style table: a style is sent once, then referred to by its number. */
const styles: TokenStyle[] = []
const grammars = new Map<string, Promise<void>>()
let themesSent: { version: number; sent: Promise<void> } | undefined
const stats: HighlightWorkerStats = { started: 0, messages: 0, lines: 0, failures: 0 }

/**
 * The counters of the highlight worker since the page loaded (a copy).
 *
 * @example
 * highlightWorkerStats().lines // lines the worker has coloured
 */
export function highlightWorkerStats(): HighlightWorkerStats {
  return { ...stats }
}

/**
 * Replaces how the worker is created (tests: a worker that crashes, or one that cannot
 * start); `undefined` restores the default and forgets a failed worker, so the next fence
 * starts a fresh one.
 *
 * @example
 * setHighlightWorkerFactory(() => { throw new Error('no workers here') })
 */
export function setHighlightWorkerFactory(next: WorkerFactory | undefined): void {
  retire()
  factory = next ?? defaultFactory
  broken = false
}

/**
 * True when fences can be coloured in a worker: `Worker` exists and none has failed.
 *
 * @example
 * if (workerUsable()) openWorkerFence('typescript', sink)
 */
export function workerUsable(): boolean {
  return !broken && typeof Worker === 'function'
}

/**
 * Colours a fence in the highlight worker, starting it on first use. Lines sent before the
 * grammar and themes reached the worker wait for them. Returns undefined when there is no
 * usable worker (the caller colours on the main thread); later failures reach `sink.failed`.
 *
 * @example
 * const fence = openWorkerFence('typescript', { lines: (start, lines) => show(start, lines), failed: () => fallBack() })
 * fence?.send(['const a = 1'])
 */
export function openWorkerFence(language: string, sink: FenceSink): WorkerFence | undefined {
  const target = ensureWorker()
  if (!target) return undefined
  const fence = nextFence++
  sinks.set(fence, sink)
  let open = false
  let buffered: string[] = []
  const { version } = currentCodeThemes()
  // Posted in order: themes, grammar, open, then lines; the worker handles them in that order.
  Promise.all([sendThemes(target), sendGrammar(target, language)]).then(
    () => {
      if (!sinks.has(fence) || worker !== target) return
      post(target, { type: 'open', fence, language, themes: version })
      open = true
      if (buffered.length > 0) post(target, { type: 'lines', fence, lines: buffered })
      buffered = []
    },
    () => fail(fence),
  )
  return {
    send(lines) {
      if (lines.length === 0 || !sinks.has(fence)) return
      if (!open) for (const line of lines) buffered.push(line)
      else post(target, { type: 'lines', fence, lines: lines.slice() })
    },
    close() {
      if (!sinks.delete(fence)) return
      if (open && worker === target) post(target, { type: 'close', fence })
    },
  }
}

function ensureWorker(): Worker | undefined {
  if (worker) return worker
  if (!workerUsable()) return undefined
  let created: Worker
  try {
    created = factory()
  } catch {
    broken = true
    return undefined
  }
  created.onmessage = (event: MessageEvent<FromWorker>) => receive(event.data)
  // preventDefault: the crash is handled here (the page falls back), not reported as uncaught.
  created.onerror = (event) => {
    event.preventDefault()
    retire(true)
  }
  created.onmessageerror = () => retire(true)
  worker = created
  stats.started++
  return created
}

/** Stops the worker; with `failed`, marks workers unusable and hands every open fence back. */
function retire(failed = false): void {
  worker?.terminate()
  worker = undefined
  styles.length = 0
  grammars.clear()
  themesSent = undefined
  if (failed) broken = true
  const open = [...sinks.keys()]
  for (const fence of open) fail(fence)
}

function fail(fence: number): void {
  const sink = sinks.get(fence)
  if (!sink) return
  sinks.delete(fence)
  stats.failures++
  sink.failed()
}

/** Posts `message`; throws a `DataCloneError` for a grammar or theme that cannot be cloned (a function inside). */
function post(target: Worker, message: ToWorker): void {
  target.postMessage(message)
}

function sendThemes(target: Worker): Promise<void> {
  const { themes, version } = currentCodeThemes()
  if (themesSent?.version !== version) {
    const sent = Promise.all([resolveTheme(themes.light), resolveTheme(themes.dark)]).then(([light, dark]) => {
      if (worker === target) post(target, { type: 'themes', version, light, dark })
    })
    sent.catch(() => {
      if (themesSent?.sent === sent) themesSent = undefined
    })
    themesSent = { version, sent }
  }
  return themesSent.sent
}

function sendGrammar(target: Worker, id: string): Promise<void> {
  let sent = grammars.get(id)
  if (!sent) {
    const loader = languageLoader(id)
    if (!loader) return Promise.reject(new Error(`No grammar for "${id}"`))
    sent = loader().then((module) => {
      if (worker === target) post(target, { type: 'grammar', id, grammars: module.default })
    })
    sent.catch(() => grammars.delete(id))
    grammars.set(id, sent)
  }
  return sent
}

function receive(message: FromWorker): void {
  if (message.type === 'failed') {
    if (message.fence !== undefined) fail(message.fence)
    else if (message.language !== undefined) grammars.delete(message.language)
    else retire(true)
    return
  }
  // Every message's styles are kept, even for a fence closed meanwhile: later lines refer to them.
  for (const [id, style] of message.styles) styles[id] = toTokenStyle(style)
  const sink = sinks.get(message.fence)
  if (!sink) return
  stats.messages++
  stats.lines += message.lines.length
  const lines: HighlightedLine[] = message.lines.map((wire) => {
    const tokens: HighlightedToken[] = []
    for (let i = 0; i < wire.length; i += 2) {
      const style = styles[wire[i + 1] as number]
      tokens.push({ content: wire[i] as string, style: style ?? toTokenStyle(undefined) })
    }
    return Object.freeze(tokens)
  })
  sink.lines(message.start, lines)
}
