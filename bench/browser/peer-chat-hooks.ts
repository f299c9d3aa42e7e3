import { useCallback, useRef, useState } from 'react'
import { createSseParser } from '../../src/protocol/sse/parser.ts'

/** A message as tutorial-style chat hooks keep it: one string per message. */
export interface PlainMessage {
  id: string
  role: 'user' | 'assistant'
  text: string
}

/** What both peer hooks return. */
export interface PeerChat {
  messages: PlainMessage[]
  /** Sends a prompt and streams the answer from `body`; resolves when the body ends. */
  send: (body: ReadableStream<Uint8Array>) => Promise<void>
}

/**
 * Reads a Rivulet SSE body and calls `onToken` for every token, in order, the way a
 * hand-written hook would (same parser as ours, so parsing costs the same).
 */
async function readTokens(body: ReadableStream<Uint8Array>, onToken: (content: string) => void): Promise<void> {
  const parser = createSseParser({
    onEvent(event) {
      const parsed = JSON.parse(event.data) as { type: string; content?: string }
      if (parsed.type === 'token') onToken(parsed.content ?? '')
    },
  })
  const decoder = new TextDecoder()
  const reader = body.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return
    parser.feed(decoder.decode(value, { stream: true }))
  }
}

function appendTurn(messages: PlainMessage[]): PlainMessage[] {
  return [...messages, { id: 'user-prompt', role: 'user', text: 'go' }, { id: 'answer', role: 'assistant', text: '' }]
}

function withLastText(messages: PlainMessage[], text: (last: PlainMessage) => string): PlainMessage[] {
  const last = messages[messages.length - 1]!
  return [...messages.slice(0, -1), { ...last, text: text(last) }]
}

/**
 * The tutorials' hook: `setMessages` on every token, rebuilding the message array each time.
 * React batches the updates of one task, so it commits once per network chunk.
 *
 * @example
 * const { messages, send } = useNaiveChat(initial, (i) => arrivals.push(i))
 */
export function useNaiveChat(initial: PlainMessage[], onToken: (content: string) => void): PeerChat {
  const [messages, setMessages] = useState(initial)
  const send = useCallback(async (body: ReadableStream<Uint8Array>) => {
    setMessages(appendTurn)
    await readTokens(body, (content) => {
      onToken(content)
      setMessages((m) => withLastText(m, (last) => last.text + content))
    })
  }, [onToken])
  return { messages, send }
}

/**
 * The AI SDK's advice (`experimental_throttle: 50`): tokens collect in a ref and the state is
 * written at most every 50 ms (leading and trailing edge), plus once when the stream ends.
 *
 * @example
 * const { messages, send } = useThrottledChat(initial, onToken, 50)
 */
export function useThrottledChat(initial: PlainMessage[], onToken: (content: string) => void, waitMs = 50): PeerChat {
  const [messages, setMessages] = useState(initial)
  const text = useRef('')
  const send = useCallback(async (body: ReadableStream<Uint8Array>) => {
    setMessages(appendTurn)
    text.current = ''
    let lastWrite = -Infinity
    let trailing: ReturnType<typeof setTimeout> | undefined
    const write = () => {
      trailing = undefined
      lastWrite = performance.now()
      const current = text.current
      setMessages((m) => withLastText(m, () => current))
    }
    await readTokens(body, (content) => {
      onToken(content)
      text.current += content
      const since = performance.now() - lastWrite
      if (since >= waitMs) write()
      else trailing ??= setTimeout(write, waitMs - since)
    })
    clearTimeout(trailing)
    write()
  }, [onToken, waitMs])
  return { messages, send }
}
