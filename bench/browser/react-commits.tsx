/**
 * Bench page: how often the message list commits while a stream arrives, and how late the
 * last token reaches the DOM, for `useChat` and two peer hooks. Built with React's profiling
 * build so `<Profiler onRender>` reports commits in production.
 */
import { Profiler, useCallback, useEffect, useMemo, type ReactNode } from 'react'
import { createRoot } from 'react-dom/client'
import '../../src/styles.css'
import { Message } from '../../src/components/message/message.tsx'
import { messageText } from '../../src/core/message-text.ts'
import type { ChatMessage, MessagePart } from '../../src/core/state.ts'
import { createMemoryTransport } from '../../src/core/transports/memory-transport.ts'
import type { ChatEvent } from '../../src/protocol/events.ts'
import { useChat } from '../../src/react/use-chat.ts'
import type { CommitsRun, CommitsRunResult } from './commits-types.ts'
import { exposeBench } from './bench-window.ts'
import { startFrameCounter, type FrameCounter } from './frame-counter.ts'
import { useNaiveChat, useThrottledChat, type PlainMessage } from './peer-chat-hooks.ts'
import { createTokenFeed } from './token-feed.ts'

interface Probe {
  frames: FrameCounter
  commits: { frame: number; time: number; length: number }[]
  /** Length of the answer in the list's latest render; read at commit. */
  renderedLength: number
  arrivals: number
  firstArrival: { frame: number; time: number } | undefined
  lastArrival: { frame: number; time: number } | undefined
  /** Renders of earlier messages, counted once the turn was sent. */
  earlierRenders: number
  counting: boolean
  earlierIds: Set<string>
  chunks: number
}

let probe: Probe

function onArrival() {
  const mark = { frame: probe.frames.frame, time: performance.now() }
  probe.arrivals++
  probe.firstArrival ??= mark
  probe.lastArrival = mark
}

function countRender(id: string) {
  if (probe.counting && probe.earlierIds.has(id)) probe.earlierRenders++
}

function ProfiledList({ children }: { children: ReactNode }) {
  return (
    <Profiler
      id="message-list"
      onRender={() => probe.commits.push({ frame: probe.frames.frame, time: performance.now(), length: probe.renderedLength })}
    >
      {children}
    </Profiler>
  )
}

// Module-level, so it never breaks `Message`'s memo; it runs once per render of a message.
function countingRenderPart(_part: MessagePart, index: number, message: ChatMessage): undefined {
  if (index === 0) countRender(message.id)
  return undefined
}

function earlierText(i: number): string {
  return i % 2 === 0 ? `Question ${i}: how long is river ${i}?` : `River ${i} is about **${1000 + i * 37} km** long; see [the atlas](https://example.com/${i}).`
}

function earlierChatMessages(count: number): ChatMessage[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `earlier-${i}`,
    role: i % 2 === 0 ? ('user' as const) : ('assistant' as const),
    parts: [{ type: 'text' as const, text: earlierText(i) }],
  }))
}

function RivuletChat({ run, body, onReady }: { run: CommitsRun; body: () => ReadableStream<Uint8Array>; onReady: (send: () => Promise<void>) => void }) {
  const transport = useMemo(() => createMemoryTransport({ respond: () => body() }), [body])
  const onEvent = useCallback((event: ChatEvent) => {
    if (event.type === 'token') onArrival()
  }, [])
  const chat = useChat({ transport, format: 'rivulet', initialMessages: earlierChatMessages(run.earlierMessages), onEvent })
  const { send } = chat
  useEffect(() => onReady(() => send('go')), [onReady, send])
  const last = chat.messages[chat.messages.length - 1]
  probe.renderedLength = last?.role === 'assistant' ? messageText(last).length : 0
  return (
    <ProfiledList>
      <div role="log">
        {chat.messages.map((message, i) => (
          <Message
            key={message.id}
            message={message}
            streaming={chat.isStreaming && i === chat.messages.length - 1}
            renderPart={countingRenderPart}
          />
        ))}
      </div>
    </ProfiledList>
  )
}

/** A tutorial's row: not memoized, re-rendered whenever the list is. */
function PlainRow({ message }: { message: PlainMessage }) {
  countRender(message.id)
  return <div data-role={message.role}>{message.text}</div>
}

function earlierPlainMessages(count: number): PlainMessage[] {
  return Array.from({ length: count }, (_, i) => ({ id: `earlier-${i}`, role: i % 2 === 0 ? 'user' : 'assistant', text: earlierText(i) }))
}

function PeerChat({ run, body, onReady }: { run: CommitsRun; body: () => ReadableStream<Uint8Array>; onReady: (send: () => Promise<void>) => void }) {
  const initial = useMemo(() => earlierPlainMessages(run.earlierMessages), [run.earlierMessages])
  const naive = useNaiveChat(initial, onArrival)
  const throttled = useThrottledChat(initial, onArrival, 50)
  const chat = run.contender === 'naive' ? naive : throttled
  const { send } = chat
  useEffect(() => onReady(() => send(body())), [onReady, send, body])
  const last = chat.messages[chat.messages.length - 1]
  probe.renderedLength = last?.role === 'assistant' && last.id === 'answer' ? last.text.length : 0
  return (
    <ProfiledList>
      <div role="log">
        {chat.messages.map((message) => (
          <PlainRow key={message.id} message={message} />
        ))}
      </div>
    </ProfiledList>
  )
}

function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => resolve()))
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length === 0 ? NaN : sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

async function runCommits(run: CommitsRun): Promise<CommitsRunResult> {
  const tokens = Array.from({ length: run.tokens }, (_, i) => `${i % 7 === 0 ? '\n\n' : ' '}w${i}`)
  const expected = tokens.join('')
  const container = document.createElement('div')
  document.body.append(container)
  const root = createRoot(container)
  const frames = startFrameCounter()
  probe = {
    frames,
    commits: [],
    renderedLength: 0,
    arrivals: 0,
    firstArrival: undefined,
    lastArrival: undefined,
    earlierRenders: 0,
    counting: false,
    earlierIds: new Set(Array.from({ length: run.earlierMessages }, (_, i) => `earlier-${i}`)),
    chunks: 0,
  }
  const body = () => createTokenFeed({ tokens, rate: run.rate, doneDelayMs: run.doneDelayMs, onChunk: () => probe.chunks++ })
  let send: (() => Promise<void>) | undefined
  const onReady = (fn: () => Promise<void>) => {
    send = fn
  }
  root.render(
    run.contender === 'rivulet' ? <RivuletChat run={run} body={body} onReady={onReady} /> : <PeerChat run={run} body={body} onReady={onReady} />,
  )
  while (!send) await nextFrame()
  for (let i = 0; i < 3; i++) await nextFrame()

  probe.counting = true
  await send()
  for (let i = 0; i < 3; i++) await nextFrame()
  probe.counting = false

  const shown = probe.commits.find((c) => c.length === expected.length)
  const first = probe.firstArrival
  const last = probe.lastArrival
  // Markdown turns the blank lines into paragraphs; the words themselves must all be there, in order.
  const shownText = container.querySelector('[role="log"]')?.lastElementChild?.textContent ?? ''
  const textOk = shownText.replace(/\s+/g, '') === expected.replace(/\s+/g, '')
  root.unmount()
  container.remove()
  frames.stop()
  if (!shown || !first || !last || probe.arrivals !== run.tokens) {
    throw new Error(`${run.contender} at ${run.rate}/s: ${probe.arrivals}/${run.tokens} tokens arrived, last shown: ${Boolean(shown)}`)
  }
  const inSpan = probe.commits.filter((c) => c.time >= first.time && c.time <= shown.time)
  const perFrame = new Map<number, number>()
  for (const c of inSpan) perFrame.set(c.frame, (perFrame.get(c.frame) ?? 0) + 1)
  return {
    run,
    commits: inSpan.length,
    frames: shown.frame - first.frame + 1,
    maxCommitsInFrame: Math.max(0, ...perFrame.values()),
    lagFrames: shown.frame - last.frame,
    lagMs: shown.time - last.time,
    frameMs: median(frames.intervals),
    earlierRenders: probe.earlierRenders,
    chunks: probe.chunks,
    crowdedFrames: [...perFrame].filter(([, n]) => n > 1).slice(0, 5).map(([frame]) => ({
      frame: frame - first.frame,
      commits: inSpan.filter((c) => c.frame === frame).map((c) => ({ at: c.time - first.time, length: c.length })),
    })),
    textOk,
  }
}

exposeBench({ runCommits })
