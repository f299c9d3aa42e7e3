import { createParser } from 'eventsource-parser'
import { createSseParser } from '../../src/protocol/sse/parser.ts'

/** Something that takes decoded text and reports each event's `data`. */
export interface TextFeeder {
  feed(chunk: string): void
}

/** An SSE parser under test: built fresh for every pass, reporting data through `onData`. */
export interface Contender {
  name: string
  create(onData: (data: string) => void): TextFeeder
}

/**
 * Ours. `onData` is called from the same kind of callback every contender gets, so the
 * measured difference is parsing, not what is done with the result.
 *
 * @example
 * const parser = rivulet.create((data) => console.log(data))
 */
export const rivulet: Contender = {
  name: 'createSseParser',
  create: (onData) => createSseParser({ onEvent: (event) => onData(event.data) }),
}

/**
 * The peer named in the goals.
 *
 * @example
 * const parser = eventsourceParser.create((data) => console.log(data))
 */
export const eventsourceParser: Contender = {
  name: 'eventsource-parser 3.1.1',
  create: (onData) => createParser({ onEvent: (event) => onData(event.data) }),
}

/**
 * The parser most tutorials show: append, `split('\n\n')`, keep the last piece. It ignores
 * CR line ends, comments and ids, so it does less than a real parser; it is here to show
 * what doing the job properly costs, not as a correctness reference.
 *
 * @example
 * const parser = naiveSplit.create((data) => console.log(data))
 */
export const naiveSplit: Contender = {
  name: 'naive split("\\n\\n")',
  create(onData) {
    let buffer = ''
    return {
      feed(chunk) {
        buffer += chunk
        const blocks = buffer.split('\n\n')
        buffer = blocks.pop() ?? ''
        for (const block of blocks) {
          const lines: string[] = []
          for (const line of block.split('\n')) {
            if (line.startsWith('data: ')) lines.push(line.slice(6))
            else if (line.startsWith('data:')) lines.push(line.slice(5))
          }
          if (lines.length > 0) onData(lines.join('\n'))
        }
      },
    }
  },
}

/**
 * The least any line-at-a-time parser does, as a floor rather than a parser: find each line
 * end once, keep the unterminated tail, hand out the payload of lines starting with `d`. It
 * knows nothing of ids, event names, comments, CR line ends, multi-line data or a BOM, and is
 * correct only on this suite's generated stream. It shows how much of a parser's time any line
 * parser pays on this stream, and what ratio to eventsource-parser is possible at all.
 *
 * @example
 * const floor = lineFloor.create((data) => console.log(data))
 */
export const lineFloor: Contender = {
  name: 'line-scanning floor',
  create(onData) {
    let tail = ''
    return {
      feed(piece) {
        const chunk = tail === '' ? piece : tail + piece
        let pos = 0
        for (let end = chunk.indexOf('\n'); end !== -1; end = chunk.indexOf('\n', pos)) {
          if (chunk.charCodeAt(pos) === 100 /* d */) onData(chunk.slice(pos + 6, end))
          pos = end + 1
        }
        tail = pos === 0 ? chunk : chunk.slice(pos)
      },
    }
  },
}
