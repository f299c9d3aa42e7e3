import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import { Chat } from '../src/components/chat/chat.tsx'
import type { LabelOverrides } from '../src/components/labels/labels.ts'
import type { ChatMessage } from '../src/core/state.ts'
import { mockChatStream } from '../src/mocks/mock-chat-stream.ts'
import { createScript } from '../src/mocks/script.ts'
import { arabicLabels } from './support/labels-ar.ts'
import { germanLabels } from './support/labels-de.ts'

interface Args {
  labels: LabelOverrides
  dir: 'ltr' | 'rtl'
  lang: string
  history: ChatMessage[]
  prompt: string
  answer: string
}

/** A finished earlier turn with reasoning, a successful and a failed tool call, then a broken answer. */
function history(words: { question: string; reasoning: string; answer: string; partial: string }): ChatMessage[] {
  return [
    { id: 'h-u1', role: 'user', parts: [{ type: 'text', text: words.question }] },
    {
      id: 'h-a1',
      role: 'assistant',
      finishReason: 'stop',
      parts: [
        { type: 'reasoning', text: words.reasoning, done: true, startedAt: 0, endedAt: 65_000 },
        { type: 'tool-call', id: 'c1', name: 'get_weather', state: 'output-available', argsText: '{"city":"Zürich"}', args: { city: 'Zürich' }, result: { tempC: 21 } },
        { type: 'tool-call', id: 'c2', name: 'search_flights', state: 'output-error', argsText: '{"to":"OSL"}', args: { to: 'OSL' }, errorText: 'timeout' },
        { type: 'text', text: `${words.answer}\n\n- [x] ${words.question}\n\n\`\`\`ts\nconst tempC = 21\n\`\`\`\n` },
      ],
    },
    { id: 'h-u2', role: 'user', parts: [{ type: 'text', text: words.question }] },
    { id: 'h-a2', role: 'assistant', parts: [{ type: 'text', text: words.partial }, { type: 'error', code: 'network', message: 'Failed to fetch', resumable: false }] },
  ]
}

const meta: Meta<Args> = {
  title: 'Chat/Languages',
  // These stories show a complete German and Arabic translation of their own (test/i18n checks
  // those label sets cover every key), so the pseudo-locale check leaves them out.
  parameters: { pseudoLocale: false },
  beforeEach({ msw, args }) {
    const mock = mockChatStream({
      url: '/api/chat',
      script: () => createScript({ streamId: `i18n-${args.lang}` }).reasoning('…').text(args.answer).done(),
      tokensPerSecond: 60,
      ttft: 200,
    })
    msw.use(...mock.handlers)
  },
  render: (args) => (
    <div dir={args.dir} lang={args.lang} style={{ height: 640, maxWidth: 860, margin: '0 auto' }}>
      <Chat api="/api/chat" labels={args.labels} options={{ initialMessages: args.history }} />
    </div>
  ),
}
export default meta

type Story = StoryObj<Args>

async function askAndSettle(canvasElement: HTMLElement, input: string, prompt: string) {
  const canvas = within(canvasElement)
  await userEvent.type(canvas.getByRole('textbox', { name: input }), `${prompt}{Enter}`)
  await waitFor(() => expect(canvasElement.querySelector('[data-rivulet="chat"]')!.getAttribute('data-state')).toBe('ready'), { timeout: 20_000 })
  return canvas
}

/** The whole chat in German: composer, reasoning, tool states, errors, copy, task list. */
export const German: Story = {
  args: {
    labels: germanLabels,
    dir: 'ltr',
    lang: 'de',
    prompt: 'Und morgen?',
    answer: 'Morgen wird es **sonnig** bei 23 °C.',
    history: history({ question: 'Wie ist das Wetter in Zürich?', reasoning: 'Ich frage den Wetterdienst.', answer: 'Es sind **21 °C** und klar.', partial: 'Die Flüge nach Oslo' }),
  },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement)
    expect(canvas.getByRole('button', { name: '1 Minute, 5 Sekunden nachgedacht' })).toBeInTheDocument()
    expect(canvas.getByText('Verbindung verloren')).toBeInTheDocument()
    expect(canvas.getByRole('button', { name: 'Erneut versuchen' })).toBeInTheDocument()
    expect(canvas.getAllByRole('button', { name: 'Code kopieren' }).length).toBeGreaterThan(0)
    await askAndSettle(canvasElement, 'Nachricht', args.prompt)
    expect(canvas.getByRole('button', { name: 'Senden' })).toBeInTheDocument()
    expect(canvas.getByRole('log', { name: 'Unterhaltung' })).toHaveTextContent('sonnig')
  },
}

/** The whole chat in Arabic, right to left: the layout mirrors (logical CSS properties). */
export const ArabicRtl: Story = {
  args: {
    labels: arabicLabels,
    dir: 'rtl',
    lang: 'ar',
    prompt: 'وماذا عن الغد؟',
    answer: 'سيكون الجو **مشمسًا** غدًا بدرجة 23.',
    history: history({ question: 'كيف الطقس في زيورخ؟', reasoning: 'سأسأل خدمة الطقس.', answer: 'الحرارة **21** درجة والسماء صافية.', partial: 'الرحلات إلى أوسلو' }),
  },
  play: async ({ canvasElement, args }) => {
    const canvas = await askAndSettle(canvasElement, 'الرسالة', args.prompt)
    const input = canvas.getByRole('textbox', { name: 'الرسالة' })
    const send = canvas.getByRole('button', { name: 'إرسال' })
    // Mirrored: the send button sits at the inline end, which is the left in RTL.
    expect(send.getBoundingClientRect().right).toBeLessThanOrEqual(input.getBoundingClientRect().left + 1)
    // Reasoning's rule is on the inline start: the right edge.
    const reasoning = canvasElement.querySelector<HTMLElement>('[data-rivulet="reasoning"]')!
    expect(getComputedStyle(reasoning).borderRightWidth).toBe('2px')
    expect(getComputedStyle(reasoning).borderLeftWidth).toBe('0px')
    // The user's messages hug the inline end (left), the assistant's the start (right).
    const user = canvasElement.querySelector<HTMLElement>('[data-rivulet="message"][data-role="user"]')!
    const list = canvasElement.querySelector<HTMLElement>('[data-rivulet="message-list-content"]')!
    expect(user.getBoundingClientRect().left - list.getBoundingClientRect().left).toBeLessThan(2)
    expect(canvas.getByRole('log', { name: 'المحادثة' })).toHaveTextContent('مشمسًا')
  },
}
