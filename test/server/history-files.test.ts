/**
 * User files, sent the way the client sends them (`send({ text, files })` through the real
 * HTTP transport, the body read back as JSON), convert into each provider's image and file
 * content formats — type-checked against the `openai` and `@anthropic-ai/sdk` request types.
 */
import type { MessageParam } from '@anthropic-ai/sdk/resources/messages'
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions'
import type { ResponseInputItem } from 'openai/resources/responses/responses'
import { describe, expect, it } from 'vitest'
import { createChatClient } from '../../src/core/chat-client.ts'
import { syncScheduler } from '../../src/core/frame-scheduler.ts'
import { createHttpTransport } from '../../src/core/transports/http-transport.ts'
import { encodeEvent } from '../../src/protocol/encode.ts'
import type { RivuletMessage } from '../../src/protocol/message-format.ts'
import { toAnthropicMessages } from '../../src/server/history/to-anthropic.ts'
import { toOpenAIChatMessages } from '../../src/server/history/to-openai-chat.ts'
import { toOpenAIResponsesInput } from '../../src/server/history/to-openai-responses.ts'
import { userFile } from '../../src/server/history/user-files.ts'

const PNG_BYTES = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
const PNG_BASE64 = Buffer.from(PNG_BYTES).toString('base64')
const PDF_BASE64 = Buffer.from('%PDF-1.4 tiny').toString('base64')

/** Sends one prompt with files through the real client and HTTP transport; returns the body's messages. */
async function sentHistory(text: string, files: NonNullable<Parameters<ReturnType<typeof createChatClient>['send']>[0]> extends infer I ? (I extends { files?: infer F } ? F : never) : never) {
  let body: { messages: RivuletMessage[] } | undefined
  const transport = createHttpTransport({
    api: '/api/chat',
    fetch: async (_url, init) => {
      body = JSON.parse(String(init?.body))
      return new Response([encodeEvent({ type: 'start', seq: 0, streamId: 's' }), encodeEvent({ type: 'done', seq: 1 })].join(''), {
        headers: { 'content-type': 'text/event-stream' },
      })
    },
  })
  const chat = createChatClient({ transport, scheduler: syncScheduler })
  await chat.send({ text, files })
  chat.destroy()
  return body!.messages
}

function files() {
  return [
    new File([PNG_BYTES], 'chart.png', { type: 'image/png' }),
    new File(['%PDF-1.4 tiny'], 'report.pdf', { type: 'application/pdf' }),
    new File(['a,b\n1,2\n'], 'data.csv', { type: 'text/csv' }),
    new File([new Uint8Array([1, 2, 3])], 'archive.zip', { type: 'application/zip' }),
    { mediaType: 'image/jpeg', url: 'https://files.example.com/u/photo.jpg', name: 'photo.jpg' },
    { mediaType: 'application/pdf', url: 'https://files.example.com/u/spec.pdf', name: 'spec.pdf' },
  ]
}

describe('user files in the request body', () => {
  it('travel as data URLs with name and size; ready parts as they are; the text comes first', async () => {
    const [user] = await sentHistory('What is in these?', files())
    expect(user!.content).toBe('What is in these?')
    expect(user!.parts[0]).toEqual({ type: 'text', text: 'What is in these?' })
    expect(user!.parts[1]).toEqual({ type: 'file', mediaType: 'image/png', url: `data:image/png;base64,${PNG_BASE64}`, name: 'chart.png', size: 8 })
    expect(user!.parts[5]).toEqual({ type: 'file', mediaType: 'image/jpeg', url: 'https://files.example.com/u/photo.jpg', name: 'photo.jpg' })
    expect(user!.parts).toHaveLength(7)
  })

  it('a message of files only has no empty text part', async () => {
    const [user] = await sentHistory('', [new File([PNG_BYTES], 'a.png', { type: 'image/png' })])
    expect(user!.parts.map((p) => p.type)).toEqual(['file'])
    expect(user!.content).toBe('')
  })
})

describe('toOpenAIChatMessages with files', () => {
  it('images as image_url, inline PDFs as file, text files as text, the rest named', async () => {
    const messages: ChatCompletionMessageParam[] = toOpenAIChatMessages(await sentHistory('What is in these?', files()))
    expect(messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'What is in these?' },
          { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG_BASE64}` } },
          { type: 'file', file: { file_data: `data:application/pdf;base64,${PDF_BASE64}`, filename: 'report.pdf' } },
          { type: 'text', text: '<file name="data.csv">\na,b\n1,2\n\n</file>' },
          { type: 'text', text: '[Attached file: archive.zip (application/zip), not readable by the model]' },
          { type: 'image_url', image_url: { url: 'https://files.example.com/u/photo.jpg' } },
          { type: 'text', text: '[Attached file: spec.pdf (application/pdf): https://files.example.com/u/spec.pdf]' },
        ],
      },
    ])
  })

  it('keeps string content for prompts without files', () => {
    const prompt: RivuletMessage = { v: 1, id: 'u', role: 'user', content: 'Hi', parts: [{ type: 'text', text: 'Hi' }] }
    expect(toOpenAIChatMessages([prompt])).toEqual([{ role: 'user', content: 'Hi' }])
  })
})

describe('toOpenAIResponsesInput with files', () => {
  it('images as input_image, PDFs as input_file (inline or by URL)', async () => {
    const input: ResponseInputItem[] = toOpenAIResponsesInput(await sentHistory('Look', files()))
    expect(input).toEqual([
      {
        role: 'user',
        content: [
          { type: 'input_text', text: 'Look' },
          { type: 'input_image', image_url: `data:image/png;base64,${PNG_BASE64}`, detail: 'auto' },
          { type: 'input_file', filename: 'report.pdf', file_data: `data:application/pdf;base64,${PDF_BASE64}` },
          { type: 'input_text', text: '<file name="data.csv">\na,b\n1,2\n\n</file>' },
          { type: 'input_text', text: '[Attached file: archive.zip (application/zip), not readable by the model]' },
          { type: 'input_image', image_url: 'https://files.example.com/u/photo.jpg', detail: 'auto' },
          { type: 'input_file', filename: 'spec.pdf', file_url: 'https://files.example.com/u/spec.pdf' },
        ],
      },
    ])
  })
})

describe('toAnthropicMessages with files', () => {
  it('images as image blocks, PDFs and text files as documents', async () => {
    const { messages } = toAnthropicMessages(await sentHistory('Look', files()))
    const typed: MessageParam[] = messages
    expect(typed).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Look' },
          { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG_BASE64 } },
          { type: 'document', title: 'report.pdf', source: { type: 'base64', media_type: 'application/pdf', data: PDF_BASE64 } },
          { type: 'document', title: 'data.csv', source: { type: 'text', media_type: 'text/plain', data: 'a,b\n1,2\n' } },
          { type: 'text', text: '[Attached file: archive.zip (application/zip), not readable by the model]' },
          { type: 'image', source: { type: 'url', url: 'https://files.example.com/u/photo.jpg' } },
          { type: 'document', title: 'spec.pdf', source: { type: 'url', url: 'https://files.example.com/u/spec.pdf' } },
        ],
      },
    ])
  })
})

describe('hostile file parts', () => {
  it('a data URL whose declared type differs from the part is never passed off as an image or PDF', () => {
    expect(userFile({ type: 'file', mediaType: 'image/png', url: 'data:text/html;base64,PHNjcmlwdD4=', name: 'x.png' }).kind).toBe('note')
    expect(userFile({ type: 'file', mediaType: 'application/pdf', url: 'data:image/png;base64,AAAA', name: 'x.pdf' }).kind).toBe('note')
  })

  it('svg, html, javascript: and malformed URLs become notes, never content', () => {
    for (const part of [
      { mediaType: 'image/svg+xml', url: 'data:image/svg+xml,<svg onload=alert(1)>' },
      { mediaType: 'text/html', url: 'data:text/html,<script>alert(1)</script>' },
      { mediaType: 'image/png', url: 'javascript:alert(1)' },
      { mediaType: 'image/png', url: 'data:image/png;base64' },
      { mediaType: 'text/plain', url: 'data:text/plain,%E0%A4%A' },
    ]) {
      expect(userFile({ type: 'file', ...part }).kind, part.url).toBe('note')
    }
  })

  it('percent-encoded data URLs are read too', () => {
    expect(userFile({ type: 'file', mediaType: 'text/plain', url: 'data:,hello%20world', name: 'a.txt' })).toEqual({ kind: 'text', name: 'a.txt', text: 'hello world' })
  })
})
