/**
 * Bench page: the cost of one streamed token (React update + forced layout) for
 * `StreamingMarkdown`, naive react-markdown and streamdown, at a given message length.
 */
import { useState, type ComponentType } from 'react'
import { flushSync } from 'react-dom'
import { createRoot } from 'react-dom/client'
import Markdown from 'react-markdown'
import remarkGfm from 'remark-gfm'
import { Streamdown } from 'streamdown'
import { StreamingMarkdown } from '../../src/components/markdown/streaming-markdown.tsx'
import { domQuiet, nextTask } from './dom-quiet.ts'
import { markdownCorpus } from './markdown-corpus.ts'
import type { MarkdownContender, TokenCostResult, TokenCostRun } from './markdown-types.ts'
import { exposeBench } from './bench-window.ts'

const corpus = markdownCorpus(110_000)

const contenders: Record<MarkdownContender, ComponentType<{ text: string }>> = {
  rivulet: ({ text }) => <StreamingMarkdown streaming>{text}</StreamingMarkdown>,
  // As the tutorials write it: the whole text re-parsed on every token.
  'react-markdown': ({ text }) => <Markdown remarkPlugins={[remarkGfm]}>{text}</Markdown>,
  // streamdown's defaults (no code plugin: its fences stay plain, which only makes it cheaper).
  streamdown: ({ text }) => <Streamdown isAnimating>{text}</Streamdown>,
}

let setShown: ((text: string) => void) | undefined

function Host({ initial, contender }: { initial: string; contender: MarkdownContender }) {
  const [text, setText] = useState(initial)
  setShown = setText
  const Contender = contenders[contender]
  return <Contender text={text} />
}

const WORD = /^\s*([A-Za-z]{4,})[.,:]?$/

async function tokenCost(run: TokenCostRun): Promise<TokenCostResult> {
  const container = document.createElement('div')
  document.getElementById('app')!.append(container)
  const root = createRoot(container)
  let next = corpus.tokensForLength(run.size)
  let text = corpus.tokens.slice(0, next).join('')

  const mountStart = performance.now()
  flushSync(() => root.render(<Host initial={text} contender={run.contender} />))
  void document.body.offsetHeight
  const mountMs = performance.now() - mountStart
  // Highlighting and other work started by the mount settles before the clock runs.
  await domQuiet(container, 300, 20_000)

  const samples: number[] = []
  const layoutSamples: number[] = []
  let lastWord: string | undefined
  const deadline = performance.now() + run.budgetMs
  for (let i = 0; i < run.warmupTokens + run.maxTokens; i++) {
    const token = corpus.tokens[next++]!
    text += token
    const start = performance.now()
    flushSync(() => setShown!(text))
    const rendered = performance.now()
    void document.body.offsetHeight
    const end = performance.now()
    if (i >= run.warmupTokens) {
      samples.push(end - start)
      layoutSamples.push(end - rendered)
    }
    lastWord = WORD.exec(token)?.[1] ?? lastWord
    await nextTask()
    if (samples.length >= run.minTokens && performance.now() > deadline) break
  }

  const shown = container.textContent ?? ''
  const textOk = shown.length > text.length / 2 && lastWord !== undefined && shown.lastIndexOf(lastWord) >= shown.length - 1500
  root.unmount()
  container.remove()
  return { run, samples, layoutSamples, mountMs, textOk }
}

exposeBench({ tokenCost })
