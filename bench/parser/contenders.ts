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
