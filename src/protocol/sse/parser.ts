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

/**
 * Creates a streaming parser for `text/event-stream` that follows the WHATWG rules exactly:
 * CR, LF and CRLF line ends (also split across chunks), one leading BOM stripped, comments,
 * `retry`, persistent `id`, and no dispatch of an unterminated event.
 *
 * The per-chunk cost is linear in the chunk: an unterminated line is kept as pieces and joined
 * once when its end arrives, so a 1 MB line fed 4 bytes at a time stays linear. Chunks without
 * CR (nearly all of them in practice) take a faster path shaped for `id:` + `data:` + blank line
 * events; `npm run bench -- parser` measures it.
 *
 * @example
 * const parser = createSseParser({ onEvent: (e) => console.log(e.type, e.data) })
 * parser.feed('data: hel')
 * parser.feed('lo\n\n') // logs: message hello
 * parser.end()
 */
export function createSseParser(callbacks: SseParserCallbacks, options: SseParserOptions = {}): SseParser {
  const { onEvent, onComment, onRetry, onError } = callbacks
  const maxBufferSize = options.maxBufferSize ?? DEFAULT_MAX_BUFFER

  // Line state: pieces of a line whose terminator has not arrived yet. The first piece is kept
  // alone (a line's field name is nearly always in it); later pieces go to an array joined once,
  // which keeps a long line fed in tiny pieces linear.
  let pendingHead = ''
  let pendingTail: string[] | null = null
  let pendingLength = 0
  let skipNextLF = false
  let discardingLine = false
  let bomChecked = false

  // Event state.
  let data = ''
  let dataLines = 0
  let eventOverflowed = false
  let eventType = ''
  let lastEventId = ''

  function overflow(what: string, size: number) {
    onError?.(
      new ParseError('buffer-overflow', `SSE ${what} of ${size} characters exceeds maxBufferSize (${maxBufferSize}); discarded`),
    )
  }

  function dispatch() {
    if (dataLines === 0 || eventOverflowed) {
      eventOverflowed = false
      data = ''
      dataLines = 0
      eventType = ''
      return
    }
    const event: SseEvent = { type: eventType === '' ? 'message' : eventType, data, lastEventId }
    data = ''
    dataLines = 0
    eventType = ''
    onEvent(event)
  }

  /** Dispatches an event whose only data line is `value`, skipping the data buffer: same result as append + dispatch. */
  function dispatchSingle(value: string) {
    const event: SseEvent = { type: eventType === '' ? 'message' : eventType, data: value, lastEventId }
    eventType = ''
    onEvent(event)
  }

  /** Processes `line.slice(start, end)` without allocating the line itself. */
  function processLine(line: string, start: number, end: number) {
    if (start === end) {
      dispatch()
      return
    }
    const first = line.charCodeAt(start)
    if (first === COLON) {
      if (onComment) {
        const from = line.charCodeAt(start + 1) === SPACE ? start + 2 : start + 1
        onComment(line.slice(from, end))
      }
      return
    }
    // Fast paths: nearly every line of an LLM stream is `data:` or `id:`.
    if (isDataField(line, start)) {
      const from = line.charCodeAt(start + 5) === SPACE ? start + 6 : start + 5
      appendData(from < end ? line.slice(from, end) : '')
      return
    }
    if (isIdField(line, start)) {
      const from = line.charCodeAt(start + 3) === SPACE ? start + 4 : start + 3
      let i = from
      while (i < end && line.charCodeAt(i) !== 0) i++
      if (i === end) lastEventId = from < end ? line.slice(from, end) : ''
      return
    }
    let colon = start
    while (colon < end && line.charCodeAt(colon) !== COLON) colon++
    const field = line.slice(start, colon)
    let value = ''
    if (colon < end) {
      const from = line.charCodeAt(colon + 1) === SPACE ? colon + 2 : colon + 1
      if (from < end) value = line.slice(from, end)
    }
    switch (field) {
      case 'data':
        appendData(value)
        break
      case 'event':
        eventType = value
        break
      case 'id':
        if (value.indexOf('\0') === -1) lastEventId = value
        break
      case 'retry':
        if (isAsciiDigits(value)) onRetry?.(Number(value))
        break
      default:
      // Unknown fields are ignored, per the spec.
    }
  }

  function appendData(value: string) {
    if (eventOverflowed) return
    if (dataLines === 0) data = value
    else {
      if (data.length + value.length + 1 > maxBufferSize) {
        overflow('event data', data.length + value.length + 1)
        // Drop the whole event, up to its blank line: a truncated payload would be worse.
        eventOverflowed = true
        data = ''
        return
      }
      data += '\n' + value
    }
    dataLines++
  }

  function feed(chunk: string) {
    const length = chunk.length
    if (length === 0) return
    let pos = 0
    if (!bomChecked) {
      bomChecked = true
      if (chunk.charCodeAt(0) === 0xfeff) pos = 1
    }
    if (skipNextLF) {
      skipNextLF = false
      if (chunk.charCodeAt(pos) === LF) pos++
    }

    // Nearly every server ends lines with LF alone; one scan for CR buys a loop that never looks for it.
    if (chunk.indexOf('\r', pos) === -1) {
      if (pendingLength > 0 || discardingLine) {
        const lineEnd = chunk.indexOf('\n', pos)
        if (lineEnd === -1) {
          keepUnterminated(chunk, pos)
          return
        }
        endPendingLine(chunk, pos, lineEnd)
        pos = lineEnd + 1
      }
      // A chunk within the limit cannot hold an over-long line, so its lines need not be measured.
      pos = length <= maxBufferSize ? feedLfLines(chunk, pos) : feedLfLinesChecked(chunk, pos)
      if (pos < length) keepUnterminated(chunk, pos)
      return
    }

    let nextLF = chunk.indexOf('\n', pos)
    let nextCR = chunk.indexOf('\r', pos)
    while (pos < length) {
      if (nextLF !== -1 && nextLF < pos) nextLF = chunk.indexOf('\n', pos)
      if (nextCR !== -1 && nextCR < pos) nextCR = chunk.indexOf('\r', pos)
      const lineEnd = nextCR === -1 ? nextLF : nextLF === -1 ? nextCR : Math.min(nextLF, nextCR)
      if (lineEnd === -1) {
        keepUnterminated(chunk, pos)
        return
      }
      if (pendingLength > 0 || discardingLine) endPendingLine(chunk, pos, lineEnd)
      else endLine(chunk, pos, lineEnd)
      pos = lineEnd + 1
      if (chunk.charCodeAt(lineEnd) === CR) {
        if (pos === length) skipNextLF = true
        else if (chunk.charCodeAt(pos) === LF) pos++
      }
    }
  }

  /**
   * Processes the complete lines of a CR-free chunk from `pos`, nothing pending, and returns
   * where the unterminated tail starts. This loop is the parser's whole cost on a real stream,
   * so it is shaped after one (`id:`, `data:`, blank line) and saves a string search wherever
   * it can: a blank line is known by its first character, a short `id:` line is scanned in place
   * (checking for NUL on the way), and a lone `data:` line followed by its blank line is
   * dispatched at once.
   */
  function feedLfLines(chunk: string, pos: number): number {
    const length = chunk.length
    while (pos < length) {
      if (chunk.charCodeAt(pos) === LF) {
        dispatch()
        pos++
        continue
      }
      if (isIdField(chunk, pos)) {
        const from = chunk.charCodeAt(pos + 3) === SPACE ? pos + 4 : pos + 3
        let end = from
        let hasNul = false
        for (; end < length; end++) {
          const c = chunk.charCodeAt(end)
          if (c === LF) break
          if (c === 0) hasNul = true
        }
        if (end === length) return pos
        if (!hasNul) lastEventId = chunk.slice(from, end)
        pos = end + 1
        continue
      }
      const lineEnd = chunk.indexOf('\n', pos)
      if (lineEnd === -1) return pos
      if (isDataField(chunk, pos)) {
        const from = chunk.charCodeAt(pos + 5) === SPACE ? pos + 6 : pos + 5
        const value = from < lineEnd ? chunk.slice(from, lineEnd) : ''
        if (dataLines === 0 && !eventOverflowed && chunk.charCodeAt(lineEnd + 1) === LF) {
          pos = lineEnd + 2
          dispatchSingle(value)
          continue
        }
        appendData(value)
      } else {
        processLine(chunk, pos, lineEnd)
      }
      pos = lineEnd + 1
    }
    return pos
  }

  /** {@link feedLfLines} for a chunk larger than the limit, where every line must be measured. */
  function feedLfLinesChecked(chunk: string, pos: number): number {
    let lineEnd = chunk.indexOf('\n', pos)
    while (lineEnd !== -1) {
      endLine(chunk, pos, lineEnd)
      pos = lineEnd + 1
      lineEnd = chunk.indexOf('\n', pos)
    }
    return pos
  }

  /** A line that arrived whole in one chunk. */
  function endLine(chunk: string, start: number, end: number) {
    // Same verdict whatever the chunking: a line that arrived whole is held to the limit too.
    if (end - start > maxBufferSize) overflow('line', end - start)
    else processLine(chunk, start, end)
  }

  /** The end of a line whose start came in earlier chunks (or that is being discarded). */
  function endPendingLine(chunk: string, start: number, end: number) {
    if (discardingLine) {
      discardingLine = false
      return
    }
    const head = pendingHead
    const piece = chunk.slice(start, end)
    const rest = pendingTail === null ? piece : pendingTail.join('') + piece
    const length = pendingLength + piece.length
    pendingHead = ''
    pendingTail = null
    pendingLength = 0
    if (length > maxBufferSize) overflow('line', length)
    else processSplitLine(head, rest)
  }

  /**
   * Processes the line `head + rest` (`head` not empty). A `data:` or `id:` line whose field name
   * and space are all in `head` is handled without building the line: its value is
   * `head`'s remainder + `rest`, so only the value is concatenated. Anything else is joined into one
   * flat string first, so the scanning code only ever sees flat strings (a concatenation reaching
   * `charCodeAt` there made the whole parser measurably slower).
   */
  function processSplitLine(head: string, rest: string) {
    const headLength = head.length
    if (headLength > 5 && isDataField(head, 0)) {
      const from = head.charCodeAt(5) === SPACE ? 6 : 5
      appendData(from < headLength ? head.slice(from) + rest : rest)
      return
    }
    if (headLength > 3 && isIdField(head, 0)) {
      const from = head.charCodeAt(3) === SPACE ? 4 : 3
      if (head.indexOf('\0', from) === -1 && rest.indexOf('\0') === -1) lastEventId = from < headLength ? head.slice(from) + rest : rest
      return
    }
    const line = [head, rest].join('')
    processLine(line, 0, line.length)
  }

  function keepUnterminated(chunk: string, pos: number) {
    if (discardingLine) return
    const rest = pos === 0 ? chunk : chunk.slice(pos)
    pendingLength += rest.length
    if (pendingLength > maxBufferSize) {
      overflow('line', pendingLength)
      pendingHead = ''
      pendingTail = null
      pendingLength = 0
      discardingLine = true
      return
    }
    if (pendingHead === '') pendingHead = rest
    else if (pendingTail === null) pendingTail = [rest]
    else pendingTail.push(rest)
  }

  function clearEvent() {
    pendingHead = ''
    pendingTail = null
    pendingLength = 0
    skipNextLF = false
    discardingLine = false
    data = ''
    dataLines = 0
    eventOverflowed = false
    eventType = ''
  }

  return {
    feed,
    end: clearEvent,
    reset() {
      clearEvent()
      bomChecked = false
      lastEventId = ''
    },
  }
}

function isAsciiDigits(value: string): boolean {
  if (value.length === 0) return false
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i)
    if (c < 48 || c > 57) return false
  }
  return true
}

/** Whether a `data:` field starts at `i`; compared by char code because it runs once per line. */
function isDataField(s: string, i: number): boolean {
  return (
    s.charCodeAt(i) === 100 /* d */ &&
    s.charCodeAt(i + 1) === 97 /* a */ &&
    s.charCodeAt(i + 2) === 116 /* t */ &&
    s.charCodeAt(i + 3) === 97 /* a */ &&
    s.charCodeAt(i + 4) === COLON
  )
}

/** Whether an `id:` field starts at `i`. */
function isIdField(s: string, i: number): boolean {
  return s.charCodeAt(i) === 105 /* i */ && s.charCodeAt(i + 1) === 100 /* d */ && s.charCodeAt(i + 2) === COLON
}
