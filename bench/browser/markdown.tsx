/**
 * Bench page: the cost of one streamed token for `StreamingMarkdown`, naive react-markdown and
 * streamdown at a given message length, each with its real CSS (Rivulet's styles.css,
 * streamdown's styles.css) and its fences coloured (streamdown through a Shiki plugin, see
 * `streamdown-shiki.ts`; react-markdown as the tutorials write it, uncoloured), in a 760 × 700
 * chat-sized scroll box kept at the bottom as a chat does. Each token is applied at the start of
 * an animation frame and timed twice: `flushSync` + forced layout, and to pixels (to a task after
 * the frame that painted it).
 */
import { useState, type ComponentType } from 'react'
import { flushSync } from 'react-dom'
import { createRoot } from 'react-dom/client'
import Markdown from 'react-markdown'
import remarkGfm from 'remark-gfm'
import { Streamdown } from 'streamdown'
import 'streamdown/styles.css'
import '../../src/styles.css'
import { StreamingMarkdown } from '../../src/components/markdown/streaming-markdown.tsx'
import { domQuiet, nextTask } from './dom-quiet.ts'
import { markdownCorpus } from './markdown-corpus.ts'
import type { MarkdownContender, TokenCostResult, TokenCostRun } from './markdown-types.ts'
import { exposeBench } from './bench-window.ts'
import { STREAMDOWN_THEMES, streamdownShiki } from './streamdown-shiki.ts'
import { afterPaint } from './after-paint.ts'

const corpus = markdownCorpus(110_000)
const streamdownPlugins = { code: streamdownShiki }

const contenders: Record<MarkdownContender, ComponentType<{ text: string }>> = {
  rivulet: ({ text }) => <StreamingMarkdown streaming>{text}</StreamingMarkdown>,
  // As the tutorials write it: the whole text re-parsed on every token.
  'react-markdown': ({ text }) => <Markdown remarkPlugins={[remarkGfm]}>{text}</Markdown>,
  streamdown: ({ text }) => (
    <Streamdown isAnimating plugins={streamdownPlugins} shikiTheme={STREAMDOWN_THEMES}>
      {text}
    </Streamdown>
  ),
}

let setShown: ((text: string) => void) | undefined

function Host({ initial, contender }: { initial: string; contender: MarkdownContender }) {
  const [text, setText] = useState(initial)
  setShown = setText
  const Contender = contenders[contender]
  return <Contender text={text} />
}

const WORD = /^\s*([A-Za-z]{4,})[.,:]?$/

/** Fences with colours: Rivulet's and streamdown's coloured tokens carry inline styles. */
function colouredBlocks(container: HTMLElement): number {
  return [...container.querySelectorAll('pre')].filter((pre) => pre.querySelector('span[style]') !== null).length
}

async function tokenCost(run: TokenCostRun): Promise<TokenCostResult> {
  const container = document.createElement('div')
  container.className = 'bench-viewport'
  document.getElementById('app')!.append(container)
  const root = createRoot(container)
  let next = corpus.tokensForLength(run.size)
  let text = corpus.tokens.slice(0, next).join('')

  const mountStart = performance.now()
  flushSync(() => root.render(<Host initial={text} contender={run.contender} />))
  container.scrollTop = container.scrollHeight
  const mountMs = performance.now() - mountStart
  // Highlighting and other work started by the mount settles before the clock runs.
  await domQuiet(container, 300, 20_000)
  const coloured = colouredBlocks(container)

  const samples: number[] = []
  const layoutSamples: number[] = []
  const toPixels: number[] = []
  let lastWord: string | undefined
  for (let i = 0; i < run.warmupTokens + run.tokens; i++) {
    const token = corpus.tokens[next++]!
    text += token
    // Each token starts a frame, so "to pixels" is that frame's work, not a wait for vsync.
    const began = await new Promise<number>((resolve) => requestAnimationFrame(() => resolve(performance.now())))
    flushSync(() => setShown!(text))
    const rendered = performance.now()
    void container.offsetHeight
    const laidOut = performance.now()
    // A chat keeps the streaming end in view; the scroll is part of the frame, not of the layout figure.
    container.scrollTop = container.scrollHeight
    await afterPaint()
    if (i >= run.warmupTokens) {
      samples.push(laidOut - began)
      layoutSamples.push(laidOut - rendered)
      toPixels.push(performance.now() - began)
    }
    lastWord = WORD.exec(token)?.[1] ?? lastWord
    await nextTask()
  }

  const shown = container.textContent ?? ''
  const textOk = shown.length > text.length / 2 && lastWord !== undefined && shown.lastIndexOf(lastWord) >= shown.length - 1500
  root.unmount()
  container.remove()
  return { run, samples, layoutSamples, toPixels, mountMs, colouredBlocks: coloured, textOk }
}

exposeBench({ tokenCost })
