import type { ChatMessage } from '../../src/core/state.ts'
import { toolCallPart } from '../../stories/support/tool-call-parts.ts'

/**
 * A settled conversation that shows every family at once (user bubble, markdown, code,
 * a finished tool call, a status the answer moved past, an error notice) for the visual
 * regression screenshots and the Design docs page.
 */
export const conversation: ChatMessage[] = [
  { id: 'u1', role: 'user', parts: [{ type: 'text', text: 'What is the weather in Zürich, and how do I fetch it in TypeScript?' }] },
  {
    id: 'a1',
    role: 'assistant',
    parts: [
      { type: 'status', message: 'Looking things up…' },
      toolCallPart('output-available'),
      {
        type: 'text',
        text: [
          'It is **21 °C and clear** in Zürich, with a light wind of 9 km/h.',
          '',
          'To fetch it yourself:',
          '',
          '```ts',
          "const res = await fetch('/api/weather?city=Zürich')",
          'const { tempC } = await res.json()',
          '```',
          '',
          '- The API answers in Celsius by default.',
          '- Pass `unit=fahrenheit` for Fahrenheit.',
        ].join('\n'),
      },
    ],
  },
  { id: 'u2', role: 'user', parts: [{ type: 'text', text: 'And tomorrow?' }] },
  {
    id: 'a2',
    role: 'assistant',
    parts: [
      { type: 'text', text: 'Tomorrow looks similar, ' },
      { type: 'error', code: 'rate_limited', message: 'HTTP 429: Too Many Requests', resumable: false },
    ],
  },
]
