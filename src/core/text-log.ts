import type { MessagePart } from './state.ts'

/**
 * The pieces a streamed text arrived in, in order, so that a reader which has already shown
 * the text up to some length can take only what came after it.
 *
 * Why not just read the string: a streamed text is built as `text + token`, which V8 keeps
 * as a rope, and the first read of a new version (`slice`, `indexOf`, `===` on equal
 * lengths…) copies the whole rope into one flat string. One read per frame made every frame
 * of a 1,000,000-character answer copy 1–2 MB: O(message) per token, and garbage that brought
 * on major GCs. Reading the tail from the log costs what was appended.
 */
export interface TextLog {
  /** Characters logged so far. */
  readonly length: number
  /** The text from `from` to `to` (default: the end). Costs about the characters from `from` to the end, never the whole text. */
  read(from: number, to?: number): string
}

/** One version of a logged text: the first `end` characters of `log`. */
export interface TextVersion {
  readonly log: TextLog
  readonly end: number
}

/** A log that can be appended to: what a producer of streamed text holds. */
export interface AppendableTextLog extends TextLog {
  /** Appends `piece` and returns the version that ends with it. */
  append(piece: string): AppendedVersion
}

/** A version of a log its producer can append to. */
export interface AppendedVersion extends TextVersion {
  readonly log: AppendableTextLog
}

/** Small pieces are joined once this many are waiting: the log holds ~length / tokens-per-join strings, not one per token. */
const JOIN_EVERY = 128

/**
 * An empty log, or one starting with `initial`.
 *
 * @example
 * const log = createTextLog()
 * let version = log.append('Hel')
 * version = log.append('lo')
 * log.read(3) // 'lo'
 */
export function createTextLog(initial = ''): AppendableTextLog {
  const pieces: string[] = []
  // How many of the last pieces are not joined yet.
  let loose = 0
  let length = 0
  const log: AppendableTextLog = {
    get length() {
      return length
    },
    read(from, to = length) {
      // Readers read near the end: walk back from there to the piece holding `from`.
      let i = pieces.length
      let start = length
      while (start > from) start -= (pieces[--i] as string).length
      // Cut before joining: the piece holding `from` may be a long text the log started with.
      let text = (pieces[i] ?? '').slice(from - start)
      while (++i < pieces.length) text += pieces[i]
      return to < length ? text.slice(0, Math.max(0, to - from)) : text
    },
    append(piece) {
      if (piece !== '') {
        pieces.push(piece)
        length += piece.length
        if (++loose === JOIN_EVERY) {
          pieces.push(pieces.splice(-loose).join(''))
          loose = 0
        }
      }
      return { log, end: length }
    },
  }
  // Not a loose piece: it is never joined again.
  if (initial !== '') {
    pieces.push(initial)
    length = initial.length
  }
  return log
}

// A text part (or any object holding a streamed text) → the version of the log its text is.
// The value holds the log, never the object it grew from: no chain of versions is kept alive.
const versions = new WeakMap<object, AppendedVersion>()

/**
 * Records that `next` holds `previousText + piece`, where `previous` held `previousText`:
 * `next` continues `previous`'s log when `previous` is its newest version, else starts a log
 * of its own (a text grown again from an older state).
 *
 * @example
 * const grown = { ...part, text: part.text + token }
 * logAppended(grown, part, part.text, token)
 */
export function logAppended(next: object, previous: object, previousText: string, piece: string): void {
  const known = versions.get(previous)
  const log = known !== undefined && known.end === known.log.length ? known.log : createTextLog(previousText)
  versions.set(next, log.append(piece))
}

/**
 * The logged version of the text `holder` holds, if it was grown by {@link logAppended}; pass
 * it to `StreamingMarkdown` as `textLog` so a token costs its own length.
 *
 * @example
 * <StreamingMarkdown textLog={textVersionOf(part)}>{part.text}</StreamingMarkdown>
 */
export function textVersionOf(holder: object): TextVersion | undefined {
  return versions.get(holder)
}

/**
 * Lets go of `holder`'s log: its text has stopped growing (the turn ended), and the log would
 * hold a second copy of it for as long as the message lives.
 *
 * @example
 * for (const part of message.parts) forgetTextVersion(part)
 */
export function forgetTextVersion(holder: object): void {
  versions.delete(holder)
}

/**
 * Lets go of the logs of `parts`' texts ({@link forgetTextVersion}): the turn ended (done,
 * stopped, or failed for good), so they stop growing. The engine that grew them calls it; a
 * text grown again later starts a new log.
 *
 * @example
 * forgetTextLogs(message.parts)
 */
export function forgetTextLogs(parts: readonly MessagePart[]): void {
  for (const part of parts) if (part.type === 'text') forgetTextVersion(part)
}
