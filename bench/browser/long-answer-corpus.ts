import { createPrng } from '../../src/mocks/prng.ts'

const WORDS = (
  'the stream parser renders each block once settled while tokens arrive from server and client state ' +
  'memo layout frame cost grows with length of message answer table fence list heading paragraph browser ' +
  'thread component update commit react chunk text offset cache scroll viewport pixel schedule batch queue'
).split(' ')
const LANGUAGES = ['ts', 'python', 'bash', 'json'] as const

type Random = () => number
const pick = <T,>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!
const between = (random: Random, min: number, max: number) => min + Math.floor(random() * (max - min + 1))

function sentence(random: Random): string {
  const words = Array.from({ length: between(random, 6, 16) }, () => pick(random, WORDS))
  // Inline markup as answers use it: bold, code spans, links.
  const at = between(random, 0, words.length - 1)
  const kind = random()
  if (kind < 0.25) words[at] = `**${words[at]}**`
  else if (kind < 0.45) words[at] = `\`${words[at]}()\``
  else if (kind < 0.6) words[at] = `[${words[at]}](https://example.com/docs/${words[at]})`
  const text = words.join(' ')
  return text[0]!.toUpperCase() + text.slice(1) + '.'
}

const paragraph = (random: Random) => Array.from({ length: between(random, 2, 5) }, () => sentence(random)).join(' ')

function list(random: Random): string {
  const ordered = random() < 0.4
  return Array.from({ length: between(random, 3, 6) }, (_, i) => `${ordered ? `${i + 1}.` : '-'} ${sentence(random)}`).join('\n')
}

function table(random: Random): string {
  const rows = Array.from({ length: between(random, 3, 8) }, (_, i) => `| ${pick(random, WORDS)} ${i} | ${between(random, 1, 999)} ms | \`${pick(random, WORDS)}\` |`)
  return ['| Name | Cost | Key |', '|---|---:|---|', ...rows].join('\n')
}

function fence(random: Random): string {
  const language = pick(random, LANGUAGES)
  const lines = Array.from({ length: between(random, 4, 14) }, (_, i) => {
    const name = `${pick(random, WORDS)}${i}`
    if (language === 'python') return `${name} = compute(${i}, "${pick(random, WORDS)}")`
    if (language === 'bash') return `npm run ${pick(random, WORDS)} -- --${name}`
    if (language === 'json') return `  "${name}": ${between(random, 0, 9999)},`
    return `const ${name}: number = compute(${i}, '${pick(random, WORDS)}')`
  })
  return '```' + language + '\n' + lines.join('\n') + '\n```'
}

function section(random: Random, index: number): string {
  const blocks = [`## ${index + 1}. ${sentence(random).slice(0, -1)}`, paragraph(random)]
  const parts = between(random, 3, 6)
  for (let i = 0; i < parts; i++) {
    const kind = random()
    if (kind < 0.4) blocks.push(paragraph(random))
    else if (kind < 0.6) blocks.push(list(random))
    else if (kind < 0.75) blocks.push(table(random))
    else if (kind < 0.92) blocks.push(fence(random))
    else blocks.push(`> ${sentence(random)}`)
  }
  return blocks.join('\n\n') + '\n\n'
}

/** Splits markdown into model-sized tokens: each word with the whitespace before it. */
export function tokenize(text: string): string[] {
  return text.match(/\s*\S+|\s+$/g) ?? []
}

/** A long answer at a given length: the text, and where its last whole section ends. */
export interface LongAnswer {
  /** The first `chars` characters of the answer (cut at a token boundary). */
  text: string
  /** The same text cut at the end of its last whole section, where the probe is appended. */
  sections: string
}

/**
 * One realistic long answer (headings, paragraphs with inline markup and links, lists,
 * tables, fences in four languages, quotes) from a fixed seed: every length is the same
 * answer cut at that length, so 10k is the first tenth of 100k.
 *
 * @example
 * const { text } = longAnswer(1_000_000)
 */
export function longAnswer(chars: number): LongAnswer {
  const random = createPrng(15)
  let text = ''
  let sections = ''
  for (let index = 0; text.length < chars; index++) {
    const next = section(random, index)
    if (text.length + next.length <= chars) sections += next
    text += next
  }
  return { text: text.slice(0, chars), sections }
}

/**
 * The passage whose tokens are timed at every length: one section of every kind of block,
 * the same text after 10k, 100k or 1M characters, so the ratio compares length and
 * nothing else.
 */
export function probePassage(): string {
  const random = createPrng(1_500)
  return [
    '## Probe: what the answer costs per token',
    paragraph(random),
    list(random),
    table(random),
    fence(random),
    paragraph(random),
  ].join('\n\n') + '\n\n'
}
