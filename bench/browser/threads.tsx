/**
 * Bench page: long threads (issue 15). A restored thread of up to 1,000 messages (answers
 * ~1.5 KB of markdown, every fifth with a 20-line fence; `test/support/long-thread.ts`) in
 * Rivulet's `<Chat>` with the real styles.css, beside plain lists of react-markdown and
 * streamdown messages in the same shell (`MessageList`, same theme): mount, per-token cost
 * of a new answer at the end, scrolling bottom to top, and saving the thread.
 */
import { memo, useState, type ComponentType } from 'react'
import { flushSync } from 'react-dom'
import { createRoot, type Root } from 'react-dom/client'
import Markdown from 'react-markdown'
import remarkGfm from 'remark-gfm'
import { Streamdown } from 'streamdown'
import 'streamdown/styles.css'
import '../../src/styles.css'
import { Chat } from '../../src/components/chat/chat.tsx'
import { MessageList } from '../../src/components/scroll/message-list.tsx'
import { createChatClient } from '../../src/core/chat-client.ts'
import type { ChatMessage } from '../../src/core/state.ts'
import { createMemoryTransport } from '../../src/core/transports/memory-transport.ts'
import { encodeEvent } from '../../src/protocol/encode.ts'
import type { ChatEvent } from '../../src/protocol/events.ts'
import { longThread, markerOf } from '../../test/support/long-thread.ts'
import { exposeBench } from './bench-window.ts'
import { domQuiet, nextTask } from './dom-quiet.ts'
import { afterFrame, createManualScheduler, watchLongTasks } from './thread-probes.ts'
import { afterPaint } from './after-paint.ts'
import { STREAMDOWN_THEMES, highlightsSettled, streamdownShiki } from './streamdown-shiki.ts'
import { saveThread } from './thread-save.ts'
import type { ThreadContender, ThreadMountResult, ThreadMountRun, ThreadScrollResult, ThreadScrollRun, ThreadTokenResult, ThreadTokenRun } from './threads-types.ts'

const THREAD = longThread(1_000)
// The answer that streams at the end: an answer of the same kind, cut into ~4-character tokens.
const ANSWER = (longThread(4)[3]!.parts[0] as { text: string }).text.replace(markerOf(3), 'streamed')
const TOKENS = ANSWER.match(/[\s\S]{1,4}/g)!

const textOf = (message: ChatMessage) => message.parts.map((part) => (part.type === 'text' ? part.text : '')).join('')

const streamdownPlugins = { code: streamdownShiki }

const peers: Record<Exclude<ThreadContender, 'rivulet'>, ComponentType<{ text: string }>> = {
  'react-markdown': ({ text }) => <Markdown remarkPlugins={[remarkGfm]}>{text}</Markdown>,
  // With its code plugin (Shiki, `streamdown-shiki.ts`) and its CSS: it colours fences as <Chat> does.
  streamdown: ({ text }) => (
    <Streamdown plugins={streamdownPlugins} shikiTheme={STREAMDOWN_THEMES}>
      {text}
    </Streamdown>
  ),
}

/** A peer's message in Rivulet's shell: the same `data-rivulet` hooks, so the same theme applies. */
const PeerMessage = memo(function PeerMessage({ message, contender }: { message: ChatMessage; contender: Exclude<ThreadContender, 'rivulet'> }) {
  const Render = peers[contender]
  return (
    <div data-rivulet="message" data-role={message.role}>
      {message.role === 'user' ? <div data-rivulet="user-text">{textOf(message)}</div> : <div data-rivulet="markdown"><Render text={textOf(message)} /></div>}
    </div>
  )
})

let setPeerMessages: ((messages: ChatMessage[]) => void) | undefined

function PeerThread({ initial, contender }: { initial: ChatMessage[]; contender: Exclude<ThreadContender, 'rivulet'> }) {
  const [messages, setMessages] = useState(initial)
  setPeerMessages = setMessages
  return (
    <div data-rivulet="chat" style={{ height: 700 }}>
      <MessageList>
        {messages.map((message) => (
          <PeerMessage key={message.id} message={message} contender={contender} />
        ))}
      </MessageList>
    </div>
  )
}

/** The control of the scroll run: the same text, static and plain, in the same shell. */
function PlainThread({ messages }: { messages: ChatMessage[] }) {
  return (
    <div data-rivulet="chat" style={{ height: 700 }}>
      <MessageList>
        {messages.map((message) => (
          <div key={message.id} data-rivulet="message" data-role={message.role} style={{ whiteSpace: 'pre-wrap' }}>
            {textOf(message)}
          </div>
        ))}
      </MessageList>
    </div>
  )
}

interface Mounted {
  root: Root
  container: HTMLElement
  unmount(): void
}

function host(): Mounted {
  const container = document.createElement('div')
  document.getElementById('app')!.append(container)
  const root = createRoot(container)
  return {
    root,
    container,
    unmount() {
      root.unmount()
      container.remove()
    },
  }
}

const viewportOf = (container: HTMLElement) => container.querySelector<HTMLElement>('[data-rivulet="message-list-viewport"]')!
const distance = (el: HTMLElement) => el.scrollHeight - el.clientHeight - el.scrollTop
const messageCount = (container: HTMLElement) => container.querySelectorAll('[data-rivulet="message"]').length

function waitFor(check: () => boolean, maxMs: number): Promise<boolean> {
  const until = performance.now() + maxMs
  return new Promise((resolve) => {
    const poll = () => {
      if (check()) resolve(true)
      else if (performance.now() > until) resolve(false)
      else setTimeout(poll, 20)
    }
    poll()
  })
}

/** A client holding `messages`, whose next answer streams from a body the page writes into. */
function chatWith(messages: ChatMessage[], scheduler = undefined as ReturnType<typeof createManualScheduler> | undefined) {
  let write: ((event: ChatEvent) => void) | undefined
  let seq = 0
  const client = createChatClient({
    initialMessages: messages,
    ...(scheduler && { scheduler }),
    transport: createMemoryTransport({
      respond: () =>
        new ReadableStream<Uint8Array>({
          start(controller) {
            const encoder = new TextEncoder()
            write = (event) => controller.enqueue(encoder.encode(encodeEvent(event)))
          },
        }),
    }),
  })
  return {
    client,
    started: () => write !== undefined,
    emit: (event: Record<string, unknown>) => write!({ ...event, seq: seq++ } as ChatEvent),
  }
}

async function mount(run: ThreadMountRun): Promise<ThreadMountResult> {
  const messages = THREAD.slice(0, run.count)
  const mounted = host()
  mounted.container.style.height = '700px'
  const stop = watchLongTasks()
  performance.mark('bench:window-start')
  const began = performance.now()
  // Asked for before the mount, so its task is the first after that frame: nothing the
  // mount queues for later (the first background slice) runs before the measure ends.
  const painted = afterFrame()
  if (run.contender === 'rivulet') {
    const { client } = chatWith(messages)
    flushSync(() => mounted.root.render(<Chat chat={client} style={{ height: 700 }} />))
  } else {
    flushSync(() => mounted.root.render(<PeerThread initial={messages} contender={run.contender as Exclude<ThreadContender, 'rivulet'>} />))
  }
  await painted
  const firstScreenMs = performance.now() - began
  // For the trace: the main-thread tasks (and their CPU time) up to the first screen.
  performance.mark('bench:first-screen')
  const viewport = viewportOf(mounted.container)
  const firstScreenMessages = messageCount(mounted.container)
  const last = mounted.container.querySelectorAll('[data-rivulet="message"]')
  const newestShown = (last[last.length - 1]?.textContent ?? '').includes(markerOf(run.count - 1))
  const first = { scrollHeight: viewport.scrollHeight, clientHeight: viewport.clientHeight, firstDistance: distance(viewport) }
  const firstScreenOk = first.scrollHeight > first.clientHeight && first.firstDistance <= 1 && newestShown
  await waitFor(() => messageCount(mounted.container) >= run.count, 120_000)
  const completeMs = performance.now() - began
  await domQuiet(mounted.container, 300, 30_000)
  performance.mark('bench:window-end')
  const longTasks = stop()
  const endDistance = distance(viewport)
  const endsAtBottom = endDistance <= 1
  // Tearing the page down is not part of restoring the thread: in a later task, outside the
  // traced window (a task is in the window when it starts before its end mark).
  await nextTask()
  mounted.unmount()
  // streamdown's queued highlights run in tasks of their own: done before the next (traced) mount.
  await highlightsSettled()
  return { firstScreenMs, firstScreenOk, firstScreenMessages, completeMs, longTasks, endsAtBottom, seen: { ...first, endDistance, newestShown } }
}

async function tokenCost(run: ThreadTokenRun): Promise<ThreadTokenResult> {
  const messages = THREAD.slice(0, run.earlier)
  const mounted = host()
  const commitLayout: number[] = []
  const toPixels: number[] = []
  const commitOnly: number[] = []
  let step: () => void
  if (run.contender === 'rivulet') {
    const scheduler = createManualScheduler()
    const chat = chatWith(messages, scheduler)
    flushSync(() => mounted.root.render(<Chat chat={chat.client} style={{ height: 700 }} />))
    await waitFor(() => messageCount(mounted.container) >= run.earlier, 120_000)
    void chat.client.send('And the Rhine?')
    await waitFor(chat.started, 10_000)
    chat.emit({ type: 'start', streamId: 's' })
    let next = 0
    // Each token: written to the stream, applied by the client, then its frame is timed.
    step = () => chat.emit({ type: 'token', content: TOKENS[next++]! })
    const frame = async () => {
      step()
      await scheduler.scheduled()
      return () => scheduler.flush()
    }
    await timeTokens(run, mounted.container, frame, commitLayout, toPixels, commitOnly)
  } else {
    flushSync(() => mounted.root.render(<PeerThread initial={messages} contender={run.contender as 'react-markdown'} />))
    let text = ''
    const user: ChatMessage = { id: 'ask', role: 'user', parts: [{ type: 'text', text: 'And the Rhine?' }] }
    let next = 0
    const frame = async () => {
      text += TOKENS[next++]!
      const answer: ChatMessage = { id: 'answer', role: 'assistant', parts: [{ type: 'text', text }] }
      return () => setPeerMessages!([...messages, user, answer])
    }
    await timeTokens(run, mounted.container, frame, commitLayout, toPixels, commitOnly)
  }
  // The newest message (the answer) holds the last word of letters or digits streamed (markdown syntax such as a list marker is not shown as text).
  const shown = [...mounted.container.querySelectorAll('[data-rivulet="message"]')].at(-1)?.textContent ?? ''
  const textOk = shown.includes(TOKENS.slice(0, run.warmupTokens + run.tokens).join('').match(/[\p{L}\p{N}]{2,}/gu)!.at(-1)!)
  mounted.unmount()
  return { commitLayout, toPixels, commitOnly, textOk }
}

/** Times `run.tokens` frames after `run.warmupTokens` untimed ones: commit + forced layout, and to pixels. */
async function timeTokens(run: ThreadTokenRun, container: HTMLElement, prepare: () => Promise<() => void>, commitLayout: number[], toPixels: number[], commitOnly: number[]) {
  await domQuiet(container, 300, 30_000)
  // The driver collects the mount's garbage here: the tokens pay for their own, not for the thread's mount.
  await window.__benchHook?.('before-tokens')
  for (let i = 0; i < run.warmupTokens + run.tokens; i++) {
    // The timed tokens, for a trace of this run (bench/scratch or a profiler).
    if (i === run.warmupTokens) {
      performance.mark('bench:tokens-start')
      await window.__benchHook?.('tokens-start')
    }
    const update = await prepare()
    const began = await new Promise<number>((resolve) => requestAnimationFrame(() => resolve(performance.now())))
    flushSync(update)
    const committed = performance.now()
    void container.offsetHeight
    const laidOut = performance.now()
    await afterPaint()
    if (i >= run.warmupTokens) {
      commitLayout.push(laidOut - began)
      commitOnly.push(committed - began)
      toPixels.push(performance.now() - began)
    }
    await nextTask()
  }
  performance.mark('bench:tokens-end')
  await window.__benchHook?.('tokens-end')
}

declare global {
  interface Window {
    /** Set by a driver (e.g. `page.exposeFunction`): to collect garbage before the warm-up tokens, and to start and stop a profiler around the timed ones. */
    __benchHook?: (event: 'before-tokens' | 'tokens-start' | 'tokens-end') => Promise<void>
  }
}

async function scroll(run: ThreadScrollRun): Promise<ThreadScrollResult> {
  const messages = THREAD.slice(0, run.count)
  const mounted = host()
  if (run.contender === 'rivulet') {
    const { client } = chatWith(messages)
    flushSync(() => mounted.root.render(<Chat chat={client} style={{ height: 700 }} />))
    await waitFor(() => messageCount(mounted.container) >= run.count, 120_000)
  } else {
    flushSync(() => mounted.root.render(<PlainThread messages={messages} />))
  }
  await domQuiet(mounted.container, 500, 30_000)
  const viewport = viewportOf(mounted.container)
  const stepPx = viewport.scrollHeight / run.steps
  const stop = watchLongTasks()
  performance.mark('bench:window-start')
  let missedFrames = 0
  let heavyFrames = 0
  let worstFrameMs = 0
  let previous: number | undefined
  let steps = 0
  while (steps < run.steps && viewport.scrollTop > 0) {
    const began = await new Promise<number>((resolve) => requestAnimationFrame((now) => resolve(now)))
    const workStart = performance.now()
    if (previous !== undefined && began - previous > 25) missedFrames++
    previous = began
    viewport.scrollTop = Math.max(0, viewport.scrollTop - stepPx)
    steps++
    await afterPaint()
    const work = performance.now() - workStart
    worstFrameMs = Math.max(worstFrameMs, work)
    if (work > 1000 / 60) heavyFrames++
  }
  const reachedTop = viewport.scrollTop === 0
  // Highlighting that the scroll started settles inside the window too.
  await domQuiet(mounted.container, 300, 10_000)
  performance.mark('bench:window-end')
  const longTasks = stop()
  // The teardown in a later task, outside the traced window (see `mount`).
  await nextTask()
  mounted.unmount()
  return { steps, missedFrames, heavyFrames, worstFrameMs, longTasks, reachedTop }
}

exposeBench({ threadMount: mount, threadTokenCost: tokenCost, threadScroll: scroll, threadSave: (run) => saveThread(THREAD.slice(0, run.count)) })
