import { createRandom, randomInt, type Random } from '../lib/prng.ts'

const WORDS = ['river', 'stone', 'quiet', 'amber', 'delta', 'harbor', 'linen', 'cobalt', 'meadow', 'signal', 'lantern', 'orbit', 'velvet', 'ember', 'tide']

function words(random: Random, count: number): string {
  return Array.from({ length: count }, () => WORDS[randomInt(random, 0, WORDS.length - 1)]).join(' ')
}

/**
 * A structured-output document of about `bytes` characters, shaped like what models are asked
 * for: a title, a summary and a list of product cards with nested fields. Seeded, so every run
 * and machine streams the same text.
 *
 * @example
 * generateDocument(1024, 1) // '{"title":"…","summary":"…","items":[{"id":0,…}]}'
 */
export function generateDocument(bytes: number, seed: number): string {
  const random = createRandom(seed)
  const items: unknown[] = []
  let size = 60
  for (let id = 0; size < bytes; id++) {
    const item = {
      id,
      name: words(random, 2),
      description: words(random, randomInt(random, 4, 12)),
      price: Math.round(random() * 10_000) / 100,
      tags: Array.from({ length: randomInt(random, 1, 3) }, () => words(random, 1)),
      stock: { available: random() < 0.8, warehouse: words(random, 1) },
    }
    size += JSON.stringify(item).length + 1
    items.push(item)
  }
  return JSON.stringify({ title: words(random, 3), summary: words(random, 8), items })
}

/**
 * Cuts `text` into token-sized deltas of `min`–`max` characters.
 *
 * @example
 * splitDeltas('{"a":1}', 1, 3, 7) // e.g. ['{"', 'a":', '1}']
 */
export function splitDeltas(text: string, min: number, max: number, seed: number): string[] {
  const random = createRandom(seed)
  const deltas: string[] = []
  for (let i = 0; i < text.length; ) {
    const n = randomInt(random, min, max)
    deltas.push(text.slice(i, i + n))
    i += n
  }
  return deltas
}
