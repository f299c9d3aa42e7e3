import { ParseError } from './parse-error.ts'

/** One dispatched server-sent event, as the WHATWG `MessageEvent` would carry it. */
export interface SseEvent {
  /** The `event:` field, or `message` when the block had none. */
  type: string
  /** The `data:` lines of the block joined with `\n`. */
  data: string
  /** The last `id:` seen on this stream so far (it persists across events). */
  lastEventId: string
}

export interface SseParserCallbacks {
  /** Called once per dispatched event. */
  onEvent: (event: SseEvent) => void
  /** A `:` comment line (keep-alives such as `: ping`), text after the colon and one optional space. */
  onComment?: (comment: string) => void
  /** A valid `retry:` field (ASCII digits only), in milliseconds. */
  onRetry?: (retryMs: number) => void
  /** Recoverable problems; the parser keeps going after reporting. */
  onError?: (error: ParseError) => void
}

export interface SseParserOptions {
  /**
   * Largest line or event data (in UTF-16 code units) held while waiting for its end.
   * Past it the line is discarded up to its terminator and `onError` gets a `ParseError`.
   * @default 16 MiB
   */
  maxBufferSize?: number
}

export interface SseParser {
  /** Feeds the next piece of decoded text; pieces may split lines, CRLF pairs or fields anywhere. */
  feed(chunk: string): void
  /** The stream ended: an event not closed by a blank line is discarded, per the spec. */
  end(): void
  /** Forgets everything, including the last event id and the byte-order mark check. */
  reset(): void
}

const LF = 10
const CR = 13
const COLON = 58
const SPACE = 32
const DEFAULT_MAX_BUFFER = 16 * 1024 * 1024
const TINY_CHUNK = 8
const MERGE_LIMIT = 256
const PIECES_PER_BLOCK = 1024

/**
 * Creates a streaming parser for `text/event-stream` that follows the WHATWG rules exactly:
 * CR, LF and CRLF line ends (also split across chunks), one leading BOM stripped, comments,
 * `retry`, persistent `id`, and no dispatch of an unterminated event.
 *
 * Two paths, each handling every field once. The general path assembles a line (from one chunk,
 * or from pieces kept since earlier chunks, flattened in blocks so a 1 MB line fed 4 bytes at a
 * time stays linear) and interprets it in {@link processLine}. The fast path takes the complete
 * lines of a CR-free chunk (nearly all of them in practice) and is shaped for the `id:` +
 * `data:` + blank line events of an LLM stream; `npm run bench -- parser` measures it.
 *
 * @example
 * const parser = createSseParser({ onEvent: (e) => console.log(e.type, e.data) })
 * parser.feed('data: hel')
 * parser.feed('lo\n\n') // logs: message hello
 * parser.end()
 */
export function createSseParser(callbacks: SseParserCallbacks, options: SseParserOptions = {}): SseParser {
  const parser = new EventStreamParser(callbacks, options.maxBufferSize ?? DEFAULT_MAX_BUFFER)
  // Bound here so that `feed` can be passed around alone, as the closures it replaced could.
  return { feed: (chunk) => parser.feed(chunk), end: () => parser.end(), reset: () => parser.reset() }
}

/**
 * The parser's state and steps. A class, not closures inside `createSseParser`: its methods are
 * one function each for every parser, so V8's optimized code for them does not depend on which
 * parser ran first. With closures, every new parser brought new call targets to the hot loop
 * (its own `dispatch`, `appendData`…); the deopt that followed, landing while V8 was compiling
 * the loop on stack, could leave the loop running unoptimized for the rest of the process
 * (about 2x slower at 1–64 B chunks in some processes; `npm run bench -- parser`).
 */
class EventStreamParser {
  private readonly onEvent: (event: SseEvent) => void
  private readonly onComment: ((comment: string) => void) | undefined
  private readonly onRetry: ((retryMs: number) => void) | undefined
  private readonly onError: ((error: ParseError) => void) | undefined
  private readonly maxBufferSize: number

  // Line state: the start of a line whose terminator has not arrived yet. Up to MERGE_LIMIT
  // characters it is one string in `pending` (most lines end in the next chunk). Past that the
  // line is long: later pieces are joined with `+` into `tail` (V8 keeps that as a rope, one
  // small node per piece, cheaper than storing each in an array), and every PIECES_PER_BLOCK
  // pieces the tail is flattened into one string and appended to `pending`, a rope of those
  // blocks. A 1 MB line fed 4 bytes at a time thus copies each character twice, and no rope of
  // 262,144 nodes piles up in the heap (one did: a 2 MB line took 6x a 1 MB one).
  private pending = ''
  private longLine = false
  private tail = ''
  private tailPieces = 0
  private pendingLength = 0
  private skipNextLF = false
  private discardingLine = false
  private bomChecked = false

  // Event state.
  private data = ''
  private dataLines = 0
  private eventOverflowed = false
  private eventType = ''
  private lastEventId = ''

  constructor(callbacks: SseParserCallbacks, maxBufferSize: number) {
    this.onEvent = callbacks.onEvent
    this.onComment = callbacks.onComment
    this.onRetry = callbacks.onRetry
    this.onError = callbacks.onError
    this.maxBufferSize = maxBufferSize
  }

  private overflow(what: string, size: number) {
    this.onError?.(new ParseError('buffer-overflow', `SSE ${what} of ${size} characters exceeds maxBufferSize (${this.maxBufferSize}); discarded`))
  }

  /** The blank line: dispatches the event built so far (none without data), then starts a new one. */
  private dispatch() {
    const event: SseEvent | undefined =
      this.dataLines > 0 && !this.eventOverflowed ? { type: this.eventType === '' ? 'message' : this.eventType, data: this.data, lastEventId: this.lastEventId } : undefined
    this.data = ''
    this.dataLines = 0
    this.eventType = ''
    this.eventOverflowed = false
    if (event) this.onEvent(event)
  }

  private appendData(value: string) {
    if (this.eventOverflowed) return
    if (this.dataLines > 0 && this.data.length + value.length + 1 > this.maxBufferSize) {
      this.overflow('event data', this.data.length + value.length + 1)
      // Drop the whole event, up to its blank line: a truncated payload would be worse.
      this.eventOverflowed = true
      this.data = ''
      return
    }
    this.data = this.dataLines === 0 ? value : this.data + '\n' + value
    this.dataLines++
  }

  /** The general path: splits the line `line.slice(start, end)` into its field and value. */
  private processLine(line: string, start: number, end: number) {
    if (start === end) return this.dispatch()
    let colon = line.indexOf(':', start)
    if (colon === -1 || colon > end) colon = end
    if (colon === start) {
      if (this.onComment) this.onComment(line.slice(line.charCodeAt(start + 1) === SPACE ? start + 2 : start + 1, end))
      return
    }
    const from = colon < end && line.charCodeAt(colon + 1) === SPACE ? colon + 2 : colon + 1
    this.applyField(line, start, colon, from < end ? line.slice(from, end) : '')
  }

  /** The one interpretation of a field (named by `line.slice(start, colon)`), compared in place. */
  private applyField(line: string, start: number, colon: number, value: string) {
    const length = colon - start
    // A field may lack its colon (`data` alone), so names are compared without it.
    if (length === 4 && isDataName(line, start)) this.appendData(value)
    else if (length === 2 && line.charCodeAt(start) === 105 /* i */ && line.charCodeAt(start + 1) === 100 /* d */) {
      if (value.indexOf('\0') === -1) this.lastEventId = value
    } else if (length === 5 && line.startsWith('event', start)) this.eventType = value
    else if (length === 5 && line.startsWith('retry', start)) {
      if (/^[0-9]+$/.test(value)) this.onRetry?.(Number(value))
    }
    // Unknown fields are ignored, per the spec.
  }

  feed(piece: string) {
    let chunk = piece
    let length = chunk.length
    // Deep inside a long line fed in tiny pieces (so no BOM, CR pair or discarded line is in
    // play): a piece without a line end is only kept.
    if (length <= TINY_CHUNK && this.longLine && this.pendingLength + length <= this.maxBufferSize) {
      if (lineEndFrom(chunk, 0) === length) {
        this.pendingLength += length
        this.keepPart(chunk)
        return
      }
    }
    if (length === 0) return
    let pos = 0
    if (!this.bomChecked) {
      this.bomChecked = true
      if (chunk.charCodeAt(0) === 0xfeff) pos = 1
    }
    if (this.skipNextLF) {
      this.skipNextLF = false
      if (chunk.charCodeAt(pos) === LF) pos++
    }
    // A few characters with no line end (a long line arriving in tiny pieces) are only kept; a
    // look at each costs less than the two searches below.
    if (length - pos <= TINY_CHUNK) {
      if (lineEndFrom(chunk, pos) === length) return this.keepUnterminated(chunk, pos)
    }
    // Nearly every server ends lines with LF alone; one scan for CR buys the fast path.
    let crFree: boolean
    // Small network reads (a few dozen bytes each) end most lines in a later chunk. While the
    // pending text is short, it is read as one string with the chunk: one copy, where cutting
    // the line's pieces, name and value out one by one costs several. Pending text holds no
    // line end, so the chunk alone says whether the joined text has a CR. (Nothing is pending
    // after a CR or at the start, so `pos` is 0 here.)
    if (this.pending !== '' && !this.longLine && this.pendingLength + length <= MERGE_LIMIT) {
      crFree = chunk.indexOf('\r') === -1
      const joined = this.pending + chunk
      // The search flattens the joined rope (every character read below would slow on a rope),
      // at less cost than an array join (~7% of the parser's time at 1-64 B chunks). Without a
      // line end, the flat text is the new pending text.
      if (crFree && joined.indexOf('\n', this.pendingLength) === -1) {
        this.pending = joined
        this.pendingLength = joined.length
        return
      }
      chunk = joined
      length = chunk.length
      this.clearPending()
    } else crFree = chunk.indexOf('\r', pos) === -1
    // A chunk within the limit cannot hold an over-long line, so the fast path need not measure lines.
    if (length <= this.maxBufferSize && crFree) {
      if (this.pending !== '' || this.discardingLine) {
        const lineEnd = chunk.indexOf('\n', pos)
        if (lineEnd === -1) return this.keepUnterminated(chunk, pos)
        this.endPendingLine(chunk, pos, lineEnd)
        pos = lineEnd + 1
      }
      pos = this.feedLfLines(chunk, pos)
      if (pos < length) this.keepUnterminated(chunk, pos)
      return
    }
    let nextLF = chunk.indexOf('\n', pos)
    let nextCR = chunk.indexOf('\r', pos)
    while (pos < length) {
      if (nextLF !== -1 && nextLF < pos) nextLF = chunk.indexOf('\n', pos)
      if (nextCR !== -1 && nextCR < pos) nextCR = chunk.indexOf('\r', pos)
      const lineEnd = nextCR === -1 ? nextLF : nextLF === -1 ? nextCR : Math.min(nextLF, nextCR)
      if (lineEnd === -1) return this.keepUnterminated(chunk, pos)
      if (this.pending !== '' || this.discardingLine) this.endPendingLine(chunk, pos, lineEnd)
      // Same verdict whatever the chunking: a line that arrived whole is held to the limit too.
      else if (lineEnd - pos > this.maxBufferSize) this.overflow('line', lineEnd - pos)
      else this.processLine(chunk, pos, lineEnd)
      pos = lineEnd + 1
      if (chunk.charCodeAt(lineEnd) === CR) {
        if (pos === length) this.skipNextLF = true
        else if (chunk.charCodeAt(pos) === LF) pos++
      }
    }
  }

  /**
   * The fast path: the complete lines of a CR-free chunk from `pos`, nothing pending; returns
   * where the unterminated tail starts. This loop is the parser's whole cost on a real stream,
   * so it saves a string search wherever it can: a blank line is known by its first character,
   * an `id:` line is scanned in place (checking for NUL on the way), and a lone `data:` line
   * followed by its blank line is dispatched at once. Any other line takes the general path.
   */
  private feedLfLines(chunk: string, pos: number): number {
    const length = chunk.length
    while (pos < length) {
      const first = chunk.charCodeAt(pos)
      if (first === LF) {
        this.dispatch()
        pos++
        continue
      }
      if (first === 105 /* i */ && chunk.charCodeAt(pos + 1) === 100 /* d */ && chunk.charCodeAt(pos + 2) === COLON) {
        const from = chunk.charCodeAt(pos + 3) === SPACE ? pos + 4 : pos + 3
        let end = from
        let hasNul = false
        for (; end < length; end++) {
          const c = chunk.charCodeAt(end)
          if (c === LF) break
          if (c === 0) hasNul = true
        }
        if (end === length) return pos
        if (!hasNul) this.lastEventId = chunk.slice(from, end)
        pos = end + 1
        continue
      }
      const lineEnd = chunk.indexOf('\n', pos)
      if (lineEnd === -1) return pos
      if (isDataName(chunk, pos) && chunk.charCodeAt(pos + 4) === COLON) {
        const from = chunk.charCodeAt(pos + 5) === SPACE ? pos + 6 : pos + 5
        const value = from < lineEnd ? chunk.slice(from, lineEnd) : ''
        if (this.dataLines === 0 && !this.eventOverflowed && chunk.charCodeAt(lineEnd + 1) === LF) {
          const event: SseEvent = { type: this.eventType === '' ? 'message' : this.eventType, data: value, lastEventId: this.lastEventId }
          this.eventType = ''
          pos = lineEnd + 2
          this.onEvent(event)
          continue
        }
        this.appendData(value)
      } else this.processLine(chunk, pos, lineEnd)
      pos = lineEnd + 1
    }
    return pos
  }

  /**
   * The end of a line whose start came in earlier chunks (or that is being discarded). The line
   * is read with string built-ins only (`indexOf` flattens the rope once); the field name is cut
   * out so that the in-place comparisons of the chunk paths never see a rope.
   */
  private endPendingLine(chunk: string, start: number, end: number) {
    if (this.discardingLine) {
      this.discardingLine = false
      return
    }
    const piece = start < end ? chunk.slice(start, end) : ''
    const line = this.longLine ? this.pending + this.tail + piece : this.pending + piece
    this.clearPending()
    if (line.length > this.maxBufferSize) return this.overflow('line', line.length)
    const colon = line.indexOf(':')
    if (colon === 0) {
      if (this.onComment) this.onComment(line.slice(line.charCodeAt(1) === SPACE ? 2 : 1))
      return
    }
    const nameEnd = colon === -1 ? line.length : colon
    // The known names have at most five characters: a longer one is ignored without cutting it out.
    if (nameEnd > 5) return
    const value = colon === -1 ? '' : line.slice(line.charCodeAt(colon + 1) === SPACE ? colon + 2 : colon + 1)
    this.applyField(line.slice(0, nameEnd), 0, nameEnd, value)
  }

  private keepUnterminated(chunk: string, pos: number) {
    if (this.discardingLine) return
    const rest = pos === 0 ? chunk : chunk.slice(pos)
    this.pendingLength += rest.length
    if (this.pendingLength > this.maxBufferSize) {
      this.overflow('line', this.pendingLength)
      this.clearPending()
      this.discardingLine = true
      return
    }
    if (this.pending === '') this.pending = rest
    else if (!this.longLine && this.pendingLength <= MERGE_LIMIT) this.pending += rest
    else {
      this.longLine = true
      this.keepPart(rest)
    }
  }

  private keepPart(piece: string) {
    this.tail += piece
    if (++this.tailPieces === PIECES_PER_BLOCK) {
      // The search is here for what it does on the way: V8 flattens the rope it reads, in place
      // (one copy), so `pending` gets one node per block, not one per piece. Kept pieces hold no
      // line end, so it finds none; its result is tested because an unused search is dropped
      // by the optimizing compiler (it was: a 2 MiB line then took 10x a 1 MiB one, and the
      // heap test in parser.test.ts fails).
      if (this.tail.indexOf('\n') === -1) this.pending += this.tail
      this.tail = ''
      this.tailPieces = 0
    }
  }

  private clearPending() {
    this.pending = ''
    this.longLine = false
    this.tail = ''
    this.tailPieces = 0
    this.pendingLength = 0
  }

  /** The stream ended: what was building is dropped (the last event id and the BOM check stay). */
  end() {
    this.clearPending()
    this.skipNextLF = false
    this.discardingLine = false
    this.data = ''
    this.dataLines = 0
    this.eventOverflowed = false
    this.eventType = ''
  }

  reset() {
    this.end()
    this.bomChecked = false
    this.lastEventId = ''
  }
}

/**
 * Where the first CR or LF at or after `from` is, or `s.length`: for the few characters of a tiny
 * piece, a look at each costs less than two searches.
 */
function lineEndFrom(s: string, from: number): number {
  let i = from
  while (i < s.length) {
    const c = s.charCodeAt(i)
    if (c === LF || c === CR) return i
    i++
  }
  return i
}

/** Whether the field name `data` starts at `i`; compared by char code because it runs once per line. */
function isDataName(s: string, i: number): boolean {
  return s.charCodeAt(i) === 100 /* d */ && s.charCodeAt(i + 1) === 97 /* a */ && s.charCodeAt(i + 2) === 116 /* t */ && s.charCodeAt(i + 3) === 97 /* a */
}
