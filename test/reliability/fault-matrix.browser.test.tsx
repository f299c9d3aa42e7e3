import { flushSync } from 'react-dom'
import { createRoot, type Root } from 'react-dom/client'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { Chat } from '../../src/components/chat/chat.tsx'
import type { ChatEvent } from '../../src/protocol/events.ts'
import type { StreamFormat } from '../../src/protocol/decoders/stream-format.ts'
import { STREAM_FORMATS } from '../../src/protocol/decoders/stream-format.ts'
import { INSTANT_PACE, mockChatStream } from '../../src/mocks/mock-chat-stream.ts'
import { FAULT_MATRIX, FAULTS, faultScript, type FaultCase } from './fault-cases.ts'
import { createMswFetch } from './msw-fetch.ts'

/*
 * Every fault of the testing kit × every wire format × the real <Chat> in Chromium, driven
 * like a user: type, press Enter, watch the DOM. The mock runs in the page through MSW's
 * handlers (see msw-fetch.ts), so requests and open bodies are counted where they happen.
 */

const api = '/api/chat'
const SETTLE_MS = 8_000

let host: HTMLDivElement
let root: Root

afterEach(() => {
  root?.unmount()
  host?.remove()
})

beforeAll(() => console.info(`fault matrix: ${FAULTS.length} faults × ${STREAM_FORMATS.length} formats = ${FAULT_MATRIX.length} cases`))

const chatEl = () => host.querySelector<HTMLElement>('[data-rivulet="chat"]')!
const assistant = () => [...host.querySelectorAll<HTMLElement>('[data-rivulet="message"][data-role="assistant"]')]
const normalized = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim()

/** The rendered answer without what legitimately differs between runs: React ids, highlight progress. */
function rendering(message: HTMLElement): string {
  const copy = message.cloneNode(true) as HTMLElement
  for (const code of copy.querySelectorAll('[data-rivulet="code-content"]')) code.textContent = code.textContent
  for (const block of copy.querySelectorAll('[data-rivulet="code-block"]')) block.removeAttribute('data-state')
  // Attribute order says only when React set each one (e.g. `data-waiting` after a stall): sort them.
  for (const element of copy.querySelectorAll('*')) {
    const attributes = [...element.attributes].map((a) => [a.name, a.value] as const).sort(([a], [b]) => a.localeCompare(b))
    for (const [name] of attributes) element.removeAttribute(name)
    for (const [name, value] of attributes) element.setAttribute(name, value)
  }
  return copy.innerHTML.replace(/_r_[0-9a-z]+_/g, '_id_')
}

async function runChat(format: StreamFormat, fault: FaultCase | undefined) {
  const mock = mockChatStream({ url: api, script: faultScript(), format, ...INSTANT_PACE, chunking: 'random', seed: 11, ...fault?.mock })
  const wire = createMswFetch(mock.handlers)
  const applied: ChatEvent[] = []
  const states: string[] = []
  host = document.createElement('div')
  host.style.cssText = 'width: 640px; height: 480px'
  document.body.append(host)
  root = createRoot(host)
  flushSync(() =>
    root.render(
      <Chat
        api={api}
        style={{ height: 480 }}
        options={{
          fetch: wire.fetch,
          backoff: { baseMs: 5, maxMs: 20 },
          onEvent: (event) => applied.push(event),
          ...fault?.client,
        }}
      />,
    ),
  )
  const input = host.querySelector<HTMLTextAreaElement>('[data-rivulet="composer-input"]')!
  // A real keystroke sequence through React's event system (no Playwright round trips: 90 cases).
  input.focus()
  const setValue = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!
  setValue.call(input, 'Tell me about rivers')
  input.dispatchEvent(new Event('input', { bubbles: true }))
  input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }))

  const observer = new MutationObserver(() => states.push(chatEl().dataset.state ?? ''))
  observer.observe(chatEl(), { attributes: true, attributeFilter: ['data-state'] })
  await vi.waitFor(() => expect(['ready', 'error']).toContain(chatEl().dataset.state), { timeout: SETTLE_MS, interval: 10 })
  // Let stragglers (a late frame, a pending timer) show themselves before judging.
  await new Promise((resolve) => setTimeout(resolve, 30))
  observer.disconnect()
  return { mock, wire, applied, states }
}

const baselines = new Map<StreamFormat, string>()

describe('fault matrix: every fault × every format × <Chat> in Chromium', () => {
  beforeAll(async () => {
    for (const format of STREAM_FORMATS) {
      await runChat(format, undefined)
      baselines.set(format, rendering(assistant()[0]!))
      root.unmount()
      host.remove()
    }
  })

  afterAll(() => baselines.clear())

  for (const { fault, format, expected } of FAULT_MATRIX) {
    it(`${fault.name} × ${format}: ${expected.status}${expected.errorCode ? ` (${expected.errorCode})` : ''}`, async () => {
      const { wire, applied, states } = await runChat(format, fault)

      expect(chatEl().dataset.state).toBe(expected.status)
      // Never back to streaming once settled: a dead spinner would show here.
      expect(states.slice(states.findIndex((s) => s === 'ready' || s === 'error'))).toEqual([expected.status])

      // Exactly the text the wire carried, applied once, in order.
      const text = applied.flatMap((e) => (e.type === 'token' ? [e.content] : [])).join('')
      expect(text).toBe(expected.text)
      const seqs = applied.map((e) => e.seq)
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b))
      expect(new Set(seqs).size).toBe(seqs.length)

      // No request sent twice: the POSTs the fault forces, and one resume where it resumed.
      expect(wire.count('POST')).toBe(expected.posts)
      expect(wire.count('GET')).toBe(expected.resumes)
      await vi.waitFor(() => expect(wire.open).toBe(0), { timeout: 2_000 })

      const messages = assistant()
      expect(messages).toHaveLength(1)
      const message = messages[0]!
      expect(message.querySelectorAll('[data-rivulet="markdown"]').length).toBe(expected.text === '' ? 0 : 1)
      if (expected.sameAsBaseline) expect(rendering(message)).toBe(baselines.get(format))

      const notices = message.querySelectorAll<HTMLElement>('[data-rivulet="error-notice"]')
      if (expected.status === 'ready') {
        expect(notices).toHaveLength(0)
        expect(normalized(message.querySelector('[data-rivulet="markdown"]')?.textContent)).not.toBe('')
        expect(message.querySelector('[data-rivulet="tool-call"]')).not.toBeNull()
      } else {
        // The error sits where the stream broke: last in the answer, after the partial text.
        expect(notices).toHaveLength(1)
        // (The message's footer — branch picker, action bar — comes after its parts.)
        const parts = [...message.children].filter((el) => !el.matches('[data-rivulet="action-bar"], [data-rivulet="message-footer"]'))
        expect(parts.at(-1)).toBe(notices[0])
        expect(notices[0]!.dataset.code).toBe(expected.errorCode)
        const markdown = message.querySelector('[data-rivulet="markdown"]')
        if (expected.text !== '') {
          expect(markdown!.compareDocumentPosition(notices[0]!) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy()
          expect(normalized(markdown!.textContent)).not.toBe('')
        }
      }
    })
  }
})
