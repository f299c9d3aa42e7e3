import type { ChatMessage } from '../../src/core/state.ts'

/** A unique word per message, so tests can find one message's text anywhere in the page. */
export const markerOf = (index: number) => `marker${index}x`

const PARAGRAPH =
  'Rivers carry water from high ground to the sea, and the way they do it depends on slope, rock and rain. ' +
  'A **steep** river cuts a narrow valley; a slow one wanders across its plain, leaving `oxbow` lakes behind. '

function fence(index: number): string {
  const lines = Array.from({ length: 20 }, (_, line) => `  total += measure(${index}, ${line}) // step ${line}`)
  return ['```ts', `function flow${index}(): number {`, '  let total = 0', ...lines.slice(0, 17), '  return total', '}', '```'].join('\n')
}

/**
 * The long-thread workload of issue 15: alternating questions and answers, answers about
 * 1.5 KB of markdown (paragraphs, a list, inline code and bold), every fifth answer with a
 * 20-line TypeScript fence. Message `i` contains {@link markerOf}(i).
 *
 * @example
 * const messages = longThread(1_000)
 */
export function longThread(count: number): ChatMessage[] {
  return Array.from({ length: count }, (_, i): ChatMessage => {
    if (i % 2 === 0) {
      return { id: `m${i}`, role: 'user', parts: [{ type: 'text', text: `Question ${markerOf(i)}: how does river ${i} reach the sea?` }] }
    }
    const answer = [
      `## River ${i} ${markerOf(i)}`,
      PARAGRAPH + PARAGRAPH,
      `- it rises at ${i * 3} m\n- it runs ${i * 7} km\n- it drains ${i * 11} km²`,
      (i >> 1) % 5 === 4 ? fence(i) : PARAGRAPH.repeat(2),
      PARAGRAPH + PARAGRAPH,
      `> Measured at the mouth of river ${i}: the figures above are yearly means, and a dry year can halve them; see the [gauge record](https://example.com/river/${i}).`,
    ].join('\n\n')
    return { id: `m${i}`, role: 'assistant', parts: [{ type: 'text', text: answer }], finishReason: 'stop' }
  })
}
