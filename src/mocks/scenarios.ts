import type { ChatEvent } from '../protocol/events.ts'
import { createScript } from './script.ts'

const MARKDOWN = `# Streaming rivers

Rivers carry **sediment**, _nutrients_ and \`dissolved salts\` to the sea. A few facts:

1. The Nile is about **6,650 km** long.
2. The Amazon carries the most water.
   - About 20% of all river discharge.
   - Its basin spans nine countries.
3. See [the USGS water science school](https://www.usgs.gov/special-topics/water-science-school) for more.

| River | Length (km) | Outflow |
|---|---:|---|
| Nile | 6,650 | Mediterranean |
| Amazon | 6,400 | Atlantic |
| Yangtze | 6,300 | East China Sea |

> Rivers are roads which move, and which carry us whither we desire to go. — Pascal

\`\`\`ts
function discharge(areaKm2: number, runoffMm: number): number {
  return (areaKm2 * 1e6 * runoffMm) / 1000 / 31_536_000 // m³/s
}
\`\`\`

That is all — ~~no~~ some more questions? 🌊
`

const LANGUAGES = [
  {
    lang: 'ts',
    code: (i: number) =>
      `export function movingAverage${i}(values: number[], window = ${2 + (i % 5)}): number[] {\n  const out: number[] = []\n  for (let i = window - 1; i < values.length; i++) {\n    const slice = values.slice(i - window + 1, i + 1)\n    out.push(slice.reduce((a, b) => a + b, 0) / window)\n  }\n  return out\n}`,
  },
  {
    lang: 'python',
    code: (i: number) =>
      `def flow_rate_${i}(depth_m: float, width_m: float, speed_ms: float) -> float:\n    """Cross-section times speed, in m³/s."""\n    area = depth_m * width_m\n    return round(area * speed_ms, ${i % 4})\n\nprint(flow_rate_${i}(2.5, 40.0, 1.2))`,
  },
  {
    lang: 'bash',
    code: (i: number) => `set -euo pipefail\nfor station in north-${i} south-${i}; do\n  curl -sf "https://example.com/gauges/$station.json" | jq '.level'\ndone`,
  },
  {
    lang: 'json',
    code: (i: number) => JSON.stringify({ station: `gauge-${i}`, level_m: 1.5 + i / 10, readings: [1.2, 1.4, 1.5], ok: i % 3 !== 0 }, null, 2),
  },
  { lang: '', code: (i: number) => `plain fenced block ${i}\n  indented line with <angle> & ampersand\nlast line` },
]

/** A 32×32 PNG (a wavy river), small enough to inline as a generated image. */
const RIVER_PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAACAAAAAgCAIAAAD8GO2jAAAC8UlEQVR42rXNbacjZwDG8fuTLCGEEEIIIYQQQgghhBBCCCGEEELeR4wxxriNMW5jjDFGVFVVVVVV1fpbVe12u0+9u91ut/vQh939CDscjuPYbU9ODb+X/8slnr3RuRJPX+tciSevdK7E4390rsSjv3WuhP5L50o8/FPnStx/qf+PyZ7pntme+Z7FnuWeS4G4+0Jf2/jA5MD0wOzA/MDiwPLA6sDFRtx5rq9nZDA2mBhMDWYGc4OFwdJgZbA2OM/E7Wf6GoYmI5OxycRkajIzmZssTJYmK5O1ycbkrBTf/6FPNbAYWowsxhYTi6nFzGJusbBYWqws1hYbi61FFovvnuqT9G0GNkObkc3YZmIztZnZzG0WNkublc3aZmOztdnZiBsO3/6ur6jn0HcYOAwdRg5jh4nD1GHmMHdYOCwdVg5rh43D1mHnZAeSguTWE30VPUlfMpAMJSPJWDKRTCUzyVyykCwlK8laspFsJTuZHbgUXIou/Kb/Xdel59J3GbgMXUYu43etVi5rl43L1mXnZgceBY+iR8nj5mP9Ph2PrkfPo+8x8Bh6jN7frz02HluPnZcd+BR8ij4ln7LPN7/qS1o+bZ+OT9en59P3GfgM31VetPHZ+uz87EBRUBQVJUVZUVFUFTVFXdFQNBUtRVvRUXQVPUVfMVB8/Uj/p61ip7KDgEJAMaAUUA6oBFQDagH1gEZAM6AV0A7oBHQDegH9gK9+0Ve0CxBfal0IKYaUQsohlZBqSC2kHtIIaYa0QtohnZBuSC8k608ivvhZFyKKEaWIckQlohpRi6hHNCKaEa2IdkQnohuRxacSnz/UmWJMKaYcU4mpxtRi6jGNmGZMK6Yd04npxpzFJxGfPdBnSgnlhEpCNaGWUE9oJDQTWgnthE7CeXkS8el9fa6cUkmpptRS6imNlGZKK6WdcjE7ifjknr6ocqR6pHakfqRxpHnkUnAq8fFdnSvx0U86V+LDOzpX4oMfda7E8bbOlUh/0Ll6C5GjOnDwyyrPAAAAAElFTkSuQmCC'

function longMarkdown(minChars: number): string {
  const parts: string[] = ['# A long answer with many code blocks\n']
  for (let i = 1; parts.reduce((n, p) => n + p.length, 0) < minChars; i++) {
    const { lang, code } = LANGUAGES[i % LANGUAGES.length]!
    parts.push(
      `\n## Section ${i}: ${lang || 'plain text'}\n\n` +
        `Paragraph ${i} explains the snippet below. It mixes **bold**, _emphasis_, \`inline code\` and a [link](https://example.com/${i}) ` +
        `so that every inline rule is exercised while the text streams in word by word.\n\n` +
        `- point ${i}.1: keeps the list open across tokens\n- point ${i}.2: closes it again\n\n` +
        `\`\`\`${lang}\n${code(i)}\n\`\`\`\n`,
    )
  }
  return parts.join('')
}

/**
 * Ready-made scripts for stories and tests. Each access builds a fresh array, so callers may
 * change what they get.
 *
 * @example
 * mockChatStream({ script: scenarios.toolCall, format: 'anthropic' })
 */
export const scenarios = {
  /** Headings, lists, a table, a quote, a code fence, a link: the markdown renderer's daily bread. */
  get markdown(): ChatEvent[] {
    return createScript({ streamId: 'scenario-markdown' }).text(MARKDOWN).done({ usage: { inputTokens: 12, outputTokens: 220 } })
  },
  /** A status line, a tool call whose arguments stream, its result, then the answer. */
  get toolCall(): ChatEvent[] {
    return createScript({ streamId: 'scenario-tool-call' })
      .status('Looking up the weather…')
      .toolCall({ id: 'call_weather', name: 'get_weather', args: { city: 'Zürich', unit: 'celsius' }, result: { tempC: 21, sky: 'clear', windKmh: 9 } })
      .text('It is **21 °C** and clear in Zürich, with a light breeze of 9 km/h.')
      .done({ usage: { inputTokens: 40, outputTokens: 31 } })
  },
  /** Reasoning first (shown collapsed), then the answer. */
  get reasoning(): ChatEvent[] {
    return createScript({ streamId: 'scenario-reasoning' })
      .reasoning('The user asks which is longer. The Nile is ~6,650 km, the Amazon ~6,400 km by the usual measure, though some surveys disagree. ')
      .reasoning('I should give the usual answer and mention the dispute.')
      .text('The **Nile** is usually measured as the longer river (about 6,650 km against 6,400 km), although some surveys put the Amazon ahead.')
      .done()
  },
  /** About 50 KB of markdown with dozens of code blocks in several languages: for scrolling, highlighting and load. */
  get long(): ChatEvent[] {
    return createScript({ streamId: 'scenario-long' }).text(longMarkdown(50_000)).done({ usage: { inputTokens: 25, outputTokens: 12_000 } })
  },
  /** An answer that cites its sources: numbered sources and inline citation markers after each claim. */
  get sources(): ChatEvent[] {
    return createScript({ streamId: 'scenario-sources', metadata: { model: 'rivulet-mock' } })
      .status('Searching the web…')
      .source({ url: 'https://en.wikipedia.org/wiki/Nile', title: 'Nile — Wikipedia', snippet: 'The Nile is a major north-flowing river in northeastern Africa.' })
      .source({ url: 'https://www.usgs.gov/special-topics/water-science-school', title: 'Water Science School — USGS' })
      .source({ url: 'https://en.wikipedia.org/wiki/Amazon_River', title: 'Amazon River — Wikipedia' })
      .text('The two longest rivers are close. ')
      .cited('The Nile is usually given as about 6,650 km long.', 'https://en.wikipedia.org/wiki/Nile')
      .text(' ')
      .cited('The Amazon carries more water than any other river, about a fifth of all river discharge.', 'https://en.wikipedia.org/wiki/Amazon_River')
      .text(' ')
      .cited('Lengths differ between surveys because a river’s source is hard to pin down.', 'https://www.usgs.gov/special-topics/water-science-school')
      .done({ usage: { inputTokens: 30, outputTokens: 64 }, metadata: { searchResults: 3 } })
  },
  /** A data card (`progress`) updated in place four times, transient notifications, then the answer. */
  get dataProgress(): ChatEvent[] {
    const script = createScript({ streamId: 'scenario-data-progress' })
    const steps = ['Reading gauges', 'Cleaning readings', 'Fitting the curve', 'Done']
    steps.forEach((label, i) => {
      script.data('progress', { step: i + 1, of: steps.length, label }, { id: 'flow-job' })
      script.data('notification', { message: `${label}…` }, { transient: true })
    })
    return script.text('The fitted discharge is **2,830 m³/s**, within 3% of last year.').done()
  },
  /** The assistant makes an image: a short text, then a PNG file part (a `data:` URL). */
  get generatedImage(): ChatEvent[] {
    return createScript({ streamId: 'scenario-generated-image' })
      .text('Here is a small sketch of the river:')
      .file({ mediaType: 'image/png', url: RIVER_PNG, name: 'river.png', size: 810 })
      .done()
  },
  /** Partial text, then the provider fails: the partial answer must stay on screen with the error. */
  get error(): ChatEvent[] {
    return createScript({ streamId: 'scenario-error' })
      .text('Here is the first part of the answer, and then')
      .error('upstream_error', 'The model is overloaded. Please try again in a moment.')
  },
}
