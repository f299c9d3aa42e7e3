/**
 * Every recorded answer in `fixtures/`, streamed token by token as its provider sent it: each
 * prefix's streaming block renders (nothing throws), never shows a block or code block that
 * the next token takes away (a phantom the reader sees flicker), and each block, once settled,
 * keeps the shape it had at its last streaming render.
 */
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { decodeStream } from '../src/protocol/decoders/decode-stream.ts'
import { MarkdownBlock } from '../src/components/markdown/markdown-block.tsx'
import { splitBlocks } from '../src/components/markdown/split-blocks.ts'

// jsdom gives import.meta.url an http: scheme, so resolve from the module's directory instead.
const dir = join(import.meta.dirname, '../fixtures/')
/** The fixtures whose answers are markdown worth streaming (the others are a few words). */
const files = readdirSync(dir).filter((file) => /long-markdown|thinking-text|reasoning-summary-text/.test(file) && file.endsWith('.sse'))

async function tokensOf(file: string): Promise<string[]> {
  const bytes = new Uint8Array(readFileSync(join(dir, file)))
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes)
      controller.close()
    },
  })
  const tokens: string[] = []
  for await (const event of decodeStream(body, { generateId: () => 'generated', format: 'auto' })) if (event.type === 'token') tokens.push(event.content)
  return tokens
}

const markup = (text: string, streaming: boolean) =>
  renderToStaticMarkup(createElement(MarkdownBlock, { text, streaming, allowedImageOrigins: new Set<string>(), linkTarget: undefined, components: undefined, maxNesting: 32 }))

/** A block's rendered top-level elements: tag names, code blocks as `CODE`. */
function shape(html: string): string[] {
  const root = new DOMParser().parseFromString(`<div>${html}</div>`, 'text/html').body.firstElementChild!
  return [...root.children].map((element) => (element.getAttribute('data-rivulet') === 'code-block' ? 'CODE' : element.tagName))
}
const codeBlocks = (tags: readonly string[]) => tags.filter((tag) => tag === 'CODE').length

describe('recorded answers streamed token by token', () => {
  it('has markdown fixtures to stream', () => {
    expect(files.length).toBeGreaterThanOrEqual(3)
  })

  it.each(files)('%s: no prefix throws, shows a phantom block, or settles into another shape', async (file) => {
    const tokens = await tokensOf(file)
    expect(tokens.length).toBeGreaterThan(50)
    const problems: string[] = []
    let text = ''
    let previous: { index: number; tags: string[] } | undefined
    for (const token of tokens) {
      text += token
      const blocks = splitBlocks(text)
      const index = blocks.length - 1
      const tags = shape(markup(blocks[index] as string, true))
      const at = `at ${text.length}: ${JSON.stringify(text.slice(-80))}`
      if (previous && index < previous.index) problems.push(`blocks merged ${at}`)
      else if (previous && index === previous.index) {
        // Only the last element may change (a paragraph becoming a heading…); nothing before it goes away.
        const earlier = previous.tags.slice(0, -1)
        if (tags.length < previous.tags.length || earlier.some((tag, i) => tags[i] !== tag) || codeBlocks(tags) < codeBlocks(previous.tags)) {
          problems.push(`${JSON.stringify(previous.tags)} -> ${JSON.stringify(tags)} ${at}`)
        }
      } else if (previous) {
        const settled = shape(markup(blocks[previous.index] as string, false))
        if (settled.join() !== previous.tags.join()) problems.push(`settled ${JSON.stringify(previous.tags)} -> ${JSON.stringify(settled)} ${at}`)
      }
      previous = { index, tags }
    }
    expect(problems).toEqual([])
  }, 300_000)
})
