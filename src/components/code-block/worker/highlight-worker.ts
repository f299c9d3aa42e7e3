/**
 * The highlight worker: Shiki (its internal core, token output only, and the JavaScript regex
 * engine) off the main thread.
 * The page sends themes and grammars as plain objects, then the finished lines of each
 * fence; the worker tokenizes them in order, carrying each fence's grammar state from line
 * to line, and answers with the tokens of those lines only. Fences take turns in slices of
 * about 16 ms, so a long block arriving whole never holds back a fence that is streaming.
 *
 * Only static imports here (no `import()`): bundlers build a worker as one classic script
 * by default (Vite's `worker.format` is `iife`), which cannot split chunks. It lives in a
 * folder of its own because it is the one module that imports Shiki statically: it is only
 * ever reached through `new Worker(new URL(…))`, a bundle of its own, never from the page.
 */
import { codeToTokens, createShikiInternal, type GrammarState } from 'shiki/core'
import { createJavaScriptRegexEngine, defaultJavaScriptRegexConstructor } from 'shiki/engine/javascript'
import { collectGrammarPatterns } from '../grammar-patterns.ts'
import { retryWhileCompiling } from '../retry-compiling.ts'
import type { ThemeNames } from '../shiki-loader.ts'
import { tokenizeRawLines, withCodeToTokens, type ShikiTokenizer } from '../tokenize-lines.ts'
import type { FromWorker, ToWorker, WireLine } from '../worker-protocol.ts'

/** Worker time per fence before the next fence (or a new message) gets a turn. */
const SLICE_MS = 16
/** Lines per call while the cost per line is unknown (the first lines also compile regexes). */
const FIRST_BATCH = 2
/**
 * Most lines per message to the page: each message is one task there (its tokens become
 * objects, then the lines are shown), so a slice that tokenized hundreds of lines is sent in
 * parts the page can take a few at a time (and no tokenizer call holds more).
 */
const MAX_MESSAGE_LINES = 64
/**
 * Compiling ahead of need, per turn: short, because a line that arrives meanwhile waits for
 * the turn to end (one regex can take a few ms; the turn ends after the one that crosses it).
 */
const WARM_SLICE_MS = 4

interface Fence {
  language: string
  themes: ThemeNames
  state: GrammarState | undefined
  pending: string[]
  /** Index of the first pending line in the fence. */
  next: number
  msPerLine: number
}

// The worker's global, typed by what is used of it (the project's types are the DOM's, not a worker's).
const scope = self as unknown as { postMessage(message: FromWorker): void; onmessage: ((event: MessageEvent<ToWorker>) => void) | null }
const post = (message: FromWorker) => scope.postMessage(message)

const compile = (source: string) => defaultJavaScriptRegexConstructor(source, { target: 'auto' })
/** Compiled regexes by source: shared by the tokenizer and the compiling ahead of need. */
const regexCache = new Map<string, RegExp | Error>()
/** Regex sources of loaded grammars not compiled yet, compiled while no line waits. */
const toCompile: string[] = []
const highlighterReady: Promise<ShikiTokenizer> = createShikiInternal({
  // forgiving: a grammar pattern the JS engine cannot express is skipped, not thrown.
  engine: createJavaScriptRegexEngine({ forgiving: true, cache: regexCache, regexConstructor: compile }),
  themes: [],
  langs: [],
}).then((internal) => withCodeToTokens(internal, codeToTokens))
const themeNames = new Map<number, ThemeNames>()
const loadedLanguages = new Set<string>()
const failedLanguages = new Map<string, string>()
const fences = new Map<number, Fence>()
const styleIds = new Map<string, number>()
let pumping = false
// Messages are handled one after another: a fence opens only after its grammar has loaded.
let queue: Promise<void> = Promise.resolve()

scope.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data
  queue = queue.then(() => handle(message)).catch((error: unknown) => post({ type: 'failed', message: describe(error) }))
}

async function handle(message: ToWorker): Promise<void> {
  const highlighter = await highlighterReady
  switch (message.type) {
    case 'themes':
      await highlighter.loadTheme(message.light, message.dark)
      themeNames.set(message.version, { light: message.light.name ?? 'light', dark: message.dark.name ?? 'dark' })
      return
    case 'grammar':
      try {
        await highlighter.loadLanguage(...message.grammars)
        // Lines cut short by regex compilation (not by themselves) are tokenized again.
        retryWhileCompiling(highlighter, message.grammars.map((grammar) => grammar.name), () => regexCache.size)
        loadedLanguages.add(message.id)
        for (const source of collectGrammarPatterns(message.grammars)) if (!regexCache.has(source)) toCompile.push(source)
        pump(highlighter)
      } catch (error) {
        failedLanguages.set(message.id, describe(error))
        post({ type: 'failed', language: message.id, message: describe(error) })
      }
      return
    case 'open': {
      const themes = themeNames.get(message.themes)
      if (!themes || !loadedLanguages.has(message.language)) {
        post({ type: 'failed', fence: message.fence, message: failedLanguages.get(message.language) ?? `"${message.language}" is not loaded` })
        return
      }
      fences.set(message.fence, { language: message.language, themes, state: undefined, pending: [], next: 0, msPerLine: Number.POSITIVE_INFINITY })
      return
    }
    case 'lines': {
      const fence = fences.get(message.fence)
      if (!fence) return
      for (const line of message.lines) fence.pending.push(line)
      pump(highlighter)
      return
    }
    case 'close':
      fences.delete(message.fence)
      return
  }
}

/** Runs `turn` in a task of its own, after the messages already queued (no 4 ms clamp, unlike nested timers). */
const turns = new MessageChannel()
let nextTurn: (() => void) | undefined
turns.port1.onmessage = () => nextTurn?.()

function pump(highlighter: ShikiTokenizer): void {
  if (pumping) return
  pumping = true
  // A task of its own: messages that arrived meanwhile (more lines, a close) are handled first.
  nextTurn = () => {
    pumping = false
    let tokenized = false
    for (const [id, fence] of fences) {
      if (fence.pending.length === 0) continue
      // To the back of the line: the next turn goes to the next fence with work.
      fences.delete(id)
      fences.set(id, fence)
      tokenizeSlice(id, fence, highlighter)
      tokenized = true
      break
    }
    // Lines first; with none waiting, a short turn of compiling ahead.
    if (!tokenized) compileAhead()
    if (toCompile.length > 0) return pump(highlighter)
    for (const fence of fences.values()) {
      if (fence.pending.length > 0) return pump(highlighter)
    }
  }
  turns.port2.postMessage(null)
}

/**
 * Compiles the next regexes of the loaded grammars for about {@link WARM_SLICE_MS}, each
 * run twice (V8 compiles a regex to bytecode on its first run and to machine code later),
 * into the cache the tokenizer reads.
 */
function compileAhead(): void {
  const began = performance.now()
  while (toCompile.length > 0 && performance.now() - began < WARM_SLICE_MS) {
    const source = toCompile.shift() as string
    if (regexCache.has(source)) continue
    try {
      const regex = compile(source)
      regexCache.set(source, regex)
      for (let run = 0; run < 2; run++) {
        regex.lastIndex = 0
        regex.exec('')
      }
    } catch (error) {
      // The tokenizer meets the same error and skips the pattern (forgiving).
      regexCache.set(source, error instanceof Error ? error : new Error(String(error)))
    }
  }
}

function tokenizeSlice(id: number, fence: Fence, highlighter: ShikiTokenizer): void {
  const began = performance.now()
  let lines: WireLine[] = []
  let styles: Array<[number, Record<string, string>]> = []
  let start = fence.next
  const send = () => {
    if (lines.length > 0) post({ type: 'lines', fence: id, start, lines, styles })
    start += lines.length
    lines = []
    styles = []
  }
  try {
    while (fence.pending.length > 0) {
      const left = SLICE_MS - (performance.now() - began)
      if (left <= 0) break
      const count = Number.isFinite(fence.msPerLine) ? Math.max(1, Math.min(MAX_MESSAGE_LINES, Math.floor(left / fence.msPerLine))) : FIRST_BATCH
      const batch = fence.pending.splice(0, count)
      const callStart = performance.now()
      const result = tokenizeRawLines(highlighter, batch, fence.language, fence.themes, fence.state)
      fence.msPerLine = Math.max(0.01, (performance.now() - callStart) / batch.length)
      fence.state = result.grammarState
      fence.next += batch.length
      for (const tokens of result.tokens) {
        const wire: WireLine = []
        for (const token of tokens) wire.push(token.content, styleId(token.htmlStyle, styles))
        lines.push(wire)
        if (lines.length >= MAX_MESSAGE_LINES) send()
      }
    }
  } catch (error) {
    // Lines tokenized before the error were sent (or go now); the rest of the fence is the page's.
    send()
    fences.delete(id)
    post({ type: 'failed', fence: id, message: describe(error) })
    return
  }
  send()
}

/** The number of a style in the table the page keeps; new ones are added to `styles` to send. */
function styleId(style: Record<string, string> | undefined, styles: Array<[number, Record<string, string>]>): number {
  if (!style) return -1
  const key = Object.entries(style)
    .map(([name, value]) => `${name}:${value}`)
    .join(';')
  let id = styleIds.get(key)
  if (id === undefined) {
    id = styleIds.size
    styleIds.set(key, id)
    styles.push([id, style])
  }
  return id
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
