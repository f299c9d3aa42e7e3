import { describe, expect, it } from 'vitest'
import { decodeText } from '../protocol/decoders/decode-stream.ts'
import type { ChatEvent, UnsequencedChatEvent } from '../protocol/events.ts'
import { chatReducer } from './chat-reducer.ts'
import { toRequestMessage } from './request-messages.ts'
import { initialChatState, type ChatMessage, type ChatState, type MessagePart } from './state.ts'
import { beginTurn, stopTurn } from './turn.ts'

const userMessage: ChatMessage = { id: 'u1', role: 'user', parts: [{ type: 'text', text: 'Hi' }] }
const start: UnsequencedChatEvent = { type: 'start', streamId: 's1' }

function apply(events: UnsequencedChatEvent[], state: ChatState = beginTurn(initialChatState, { userMessage, assistantId: 'a1' })): ChatState {
  let seq = (state.stream?.lastSeq ?? -1) + 1
  for (const event of events) {
    state = chatReducer(state, { ...event, seq } as ChatEvent, seq * 10)
    seq++
  }
  return state
}

const message = (state: ChatState) => state.messages.at(-1)!
const partsOf = (state: ChatState): MessagePart[] => message(state).parts

describe('data parts', () => {
  it('replaces a part with the same name and id where it stands, so a progress card updates in place', () => {
    const state = apply([
      start,
      { type: 'token', content: 'Working… ' },
      { type: 'data', name: 'progress', id: 'job', data: { done: 1, of: 3 } },
      { type: 'token', content: 'still working' },
      { type: 'data', name: 'progress', id: 'job', data: { done: 3, of: 3 } },
    ])
    expect(partsOf(state)).toEqual([
      { type: 'text', text: 'Working… ' },
      { type: 'data', name: 'progress', id: 'job', data: { done: 3, of: 3 } },
      { type: 'text', text: 'still working' },
    ])
  })

  it('keeps the other parts identical when a card updates', () => {
    const before = apply([start, { type: 'token', content: 'A' }, { type: 'data', name: 'progress', id: 'job', data: 1 }, { type: 'token', content: 'B' }])
    const after = apply([{ type: 'data', name: 'progress', id: 'job', data: 2 }], before)
    expect(partsOf(after)[0]).toBe(partsOf(before)[0])
    expect(partsOf(after)[2]).toBe(partsOf(before)[2])
    expect(partsOf(after)[1]).toEqual({ type: 'data', name: 'progress', id: 'job', data: 2 })
  })

  it('appends data without an id, and data with the same id under another name, as new parts', () => {
    const state = apply([
      start,
      { type: 'data', name: 'weather', data: { c: 1 } },
      { type: 'data', name: 'weather', data: { c: 2 } },
      { type: 'data', name: 'chart', id: 'x', data: [1] },
      { type: 'data', name: 'table', id: 'x', data: [2] },
    ])
    expect(partsOf(state).map((p) => (p.type === 'data' ? `${p.name}:${JSON.stringify(p.data)}` : p.type))).toEqual(['weather:{"c":1}', 'weather:{"c":2}', 'chart:[1]', 'table:[2]'])
  })

  it('never stores transient data, but the event still counts as delivered', () => {
    const state = apply([start, { type: 'token', content: 'Hi' }, { type: 'data', name: 'toast', data: 'saved', transient: true }])
    expect(partsOf(state)).toEqual([{ type: 'text', text: 'Hi' }])
    expect(state.stream?.lastSeq).toBe(2)
  })

  it('stores unknown data names like any other (rendering decides what to show)', () => {
    const state = apply([start, { type: 'data', name: 'never-registered-🦄', data: null }])
    expect(partsOf(state)).toEqual([{ type: 'data', name: 'never-registered-🦄', data: null }])
  })

  it('keeps a huge payload by reference, without copying it, and sends it back in the next request', () => {
    const huge = { rows: Array.from({ length: 200_000 }, (_, i) => ({ i, label: `row ${i}` })) }
    const state = apply([start, { type: 'data', name: 'table', id: 't', data: huge }, { type: 'done' }])
    const part = partsOf(state)[0]
    expect(part?.type === 'data' && part.data).toBe(huge)
    const wire = JSON.parse(JSON.stringify(toRequestMessage(message(state)))) as { parts: Array<{ data: typeof huge }> }
    expect(wire.parts[0]!.data.rows).toHaveLength(200_000)
  })

  it('closes open reasoning like any other part', () => {
    const state = apply([start, { type: 'reasoning', content: 'hm' }, { type: 'data', name: 'card', data: 1 }])
    expect(partsOf(state)[0]).toEqual({ type: 'reasoning', text: 'hm', done: true, startedAt: 10, endedAt: 20 })
  })
})

describe('sources', () => {
  it('keeps one part per id; a repeat only fills fields that were missing', () => {
    const state = apply([
      start,
      { type: 'source', id: 's1', url: 'https://example.com/a', title: 'A' },
      { type: 'source', id: 's1', url: 'https://evil.example/', title: 'Other title', snippet: 'quoted passage' },
      { type: 'source', id: 's2', url: 'https://example.com/b' },
    ])
    expect(partsOf(state)).toEqual([
      { type: 'source', id: 's1', url: 'https://example.com/a', title: 'A', snippet: 'quoted passage' },
      { type: 'source', id: 's2', url: 'https://example.com/b' },
    ])
  })

  it('returns the same parts for a repeat that adds nothing', () => {
    const before = apply([start, { type: 'source', id: 's1', url: 'https://example.com/a', title: 'A' }])
    const after = apply([{ type: 'source', id: 's1', title: 'A' }], before)
    expect(partsOf(after)).toBe(partsOf(before))
  })

  it.each([
    ['javascript:alert(document.cookie)'],
    ['JaVa\tScRiPt:alert(1)'],
    ['data:text/html,<script>alert(1)</script>'],
    ['vbscript:msgbox(1)'],
    ['/relative/path'],
    ['file:///etc/passwd'],
    ['mailto:someone@example.com'],
    ['not a url at all'],
  ])('keeps a source whose URL is %j, without the URL', (url) => {
    const state = apply([start, { type: 'source', id: 's1', url, title: 'Suspicious' }])
    expect(partsOf(state)).toEqual([{ type: 'source', id: 's1', title: 'Suspicious' }])
  })

  it('keeps a source without any URL (a document)', () => {
    const state = apply([start, { type: 'source', id: 'doc-1', title: 'Handbook.pdf', mediaType: 'application/pdf' }])
    expect(partsOf(state)).toEqual([{ type: 'source', id: 'doc-1', title: 'Handbook.pdf', mediaType: 'application/pdf' }])
  })

  it('does not interrupt the text: text after a source continues the text part before it', () => {
    const state = apply([
      start,
      { type: 'token', content: 'The Nile is ' },
      { type: 'source', id: 's1', url: 'https://example.com/nile' },
      { type: 'token', content: '6,650 km long.' },
    ])
    expect(partsOf(state)).toEqual([
      { type: 'text', text: 'The Nile is 6,650 km long.' },
      { type: 'source', id: 's1', url: 'https://example.com/nile' },
    ])
  })
})

describe('citations', () => {
  it('marks the end of the text so far, with the cited passage before it', () => {
    const state = apply([
      start,
      { type: 'token', content: 'Intro. ' },
      { type: 'token', content: 'Water boils at 100 °C.' },
      { type: 'source', id: 's1', url: 'https://example.com/water' },
      { type: 'citation', sourceId: 's1', length: 'Water boils at 100 °C.'.length },
      { type: 'token', content: ' More.' },
    ])
    const text = partsOf(state)[0]
    expect(text).toEqual({ type: 'text', text: 'Intro. Water boils at 100 °C. More.', citations: [{ sourceId: 's1', start: 7, end: 29 }] })
    if (text?.type === 'text') expect(text.text.slice(7, 29)).toBe('Water boils at 100 °C.')
  })

  it('counts end back from the end of the text, and clamps positions to the text', () => {
    const state = apply([
      start,
      { type: 'token', content: 'abcdef' },
      { type: 'citation', sourceId: 'a', end: 2, length: 3 },
      { type: 'citation', sourceId: 'b', end: 50, length: 3 },
      { type: 'citation', sourceId: 'c', length: 1_000 },
    ])
    expect(partsOf(state)).toEqual([
      {
        type: 'text',
        text: 'abcdef',
        citations: [
          { sourceId: 'a', start: 1, end: 4 },
          { sourceId: 'b', start: 0, end: 0 },
          { sourceId: 'c', start: 0, end: 6 },
        ],
      },
    ])
  })

  it('drops a citation with no text run to mark, and an exact repeat', () => {
    const state = apply([
      start,
      { type: 'citation', sourceId: 's1' },
      { type: 'token', content: 'Claim.' },
      { type: 'citation', sourceId: 's1', length: 6 },
      { type: 'citation', sourceId: 's1', length: 6 },
      { type: 'tool_call_start', id: 't1', name: 'search' },
      { type: 'citation', sourceId: 's2' },
    ])
    expect(partsOf(state)[0]).toEqual({ type: 'text', text: 'Claim.', citations: [{ sourceId: 's1', start: 0, end: 6 }] })
    expect(partsOf(state)).toHaveLength(2)
  })
})

describe('files', () => {
  it('replaces a generated image in place by its id: partial previews are generating, the final image is not', () => {
    const preview = (n: number) => ({ type: 'file' as const, mediaType: 'image/png', url: `data:image/png;base64,UA${n}=`, id: 'ig_1', partial: true })
    const mid = apply([start, { type: 'token', content: 'Drawing:' }, preview(0), { type: 'token', content: ' nearly' }, preview(1)])
    expect(partsOf(mid)).toEqual([
      { type: 'text', text: 'Drawing:' },
      { type: 'file', mediaType: 'image/png', url: 'data:image/png;base64,UA1=', id: 'ig_1', state: 'generating' },
      { type: 'text', text: ' nearly' },
    ])
    const done = apply([{ type: 'file', mediaType: 'image/png', url: 'data:image/png;base64,RklOQUw=', id: 'ig_1' }], mid)
    expect(partsOf(done)).toEqual([
      { type: 'text', text: 'Drawing:' },
      { type: 'file', mediaType: 'image/png', url: 'data:image/png;base64,RklOQUw=', id: 'ig_1' },
      { type: 'text', text: ' nearly' },
    ])
    // The text parts around it are the same objects: only the image part changed.
    expect(partsOf(done)[0]).toBe(partsOf(mid)[0])
    expect(partsOf(done)[2]).toBe(partsOf(mid)[2])
  })

  it('keeps the last preview, no longer generating, when the turn ends without a final image', () => {
    const state = apply([start, { type: 'file', mediaType: 'image/png', url: 'data:image/png;base64,UA0=', id: 'ig_1', partial: true }, { type: 'done', finishReason: 'stop' }])
    expect(partsOf(state)).toEqual([{ type: 'file', mediaType: 'image/png', url: 'data:image/png;base64,UA0=', id: 'ig_1' }])
  })

  it('keeps the last preview, no longer generating, when the user stops or the stream fails for good', () => {
    const preview: UnsequencedChatEvent = { type: 'file', mediaType: 'image/png', url: 'data:image/png;base64,UA0=', id: 'ig_1', partial: true }
    const shown = { type: 'file', mediaType: 'image/png', url: 'data:image/png;base64,UA0=', id: 'ig_1' }
    expect(partsOf(stopTurn(apply([start, preview])))).toEqual([shown])
    const failed = apply([start, preview, { type: 'error', code: 'upstream_error', message: 'gone', resumable: false }])
    expect(partsOf(failed)[0]).toEqual(shown)
    // A stream that can still resume may yet deliver the final image.
    const broken = apply([start, preview, { type: 'error', code: 'network', message: 'dropped', resumable: true }])
    expect(partsOf(broken)[0]).toMatchObject({ state: 'generating' })
  })

  it('shows an OpenAI Responses image generation from its SSE: previews replace each other, the final image takes their place', () => {
    const ev = (type: string, fields: Record<string, unknown>) => `event: ${type}\ndata: ${JSON.stringify({ type, ...fields })}\n\n`
    const partialImage = (index: number, b64: string) =>
      ev('response.image_generation_call.partial_image', { item_id: 'ig_9', output_index: 0, partial_image_index: index, partial_image_b64: b64 })
    const body =
      ev('response.created', { response: { id: 'resp_9' } }) +
      ev('response.output_item.added', { output_index: 0, item: { type: 'image_generation_call', id: 'ig_9', status: 'in_progress' } }) +
      partialImage(0, 'UEEw') +
      partialImage(1, 'UEEx') +
      ev('response.output_item.done', { output_index: 0, item: { type: 'image_generation_call', id: 'ig_9', status: 'completed', result: 'RklO' } }) +
      ev('response.completed', { response: { id: 'resp_9', status: 'completed' } })
    const events = decodeText(body, 'openai-responses', { generateId: () => 'g' })
    const states: MessagePart[][] = []
    let state = beginTurn(initialChatState, { userMessage, assistantId: 'a1' })
    for (const event of events) {
      state = chatReducer(state, event, 0)
      states.push(partsOf(state))
    }
    expect(states.map((parts) => parts.map((p) => (p.type === 'file' ? `${p.url.slice(-4)}:${p.state ?? 'final'}` : p.type)))).toEqual([
      [],
      ['UEEw:generating'],
      ['UEEx:generating'],
      ['RklO:final'],
      ['RklO:final'],
    ])
  })

  it('keeps two generated images apart by their ids', () => {
    const state = apply([
      start,
      { type: 'file', mediaType: 'image/png', url: 'data:image/png;base64,QQ==', id: 'ig_a', partial: true },
      { type: 'file', mediaType: 'image/png', url: 'data:image/png;base64,Qg==', id: 'ig_b', partial: true },
      { type: 'file', mediaType: 'image/png', url: 'data:image/png;base64,QUE=', id: 'ig_a' },
    ])
    expect(partsOf(state)).toEqual([
      { type: 'file', mediaType: 'image/png', url: 'data:image/png;base64,QUE=', id: 'ig_a' },
      { type: 'file', mediaType: 'image/png', url: 'data:image/png;base64,Qg==', id: 'ig_b', state: 'generating' },
    ])
  })

  it('appends assistant files in arrival order', () => {
    const png = 'data:image/png;base64,iVBORw0KGgo='
    const state = apply([
      start,
      { type: 'token', content: 'Here:' },
      { type: 'file', mediaType: 'image/png', url: png, name: 'cat.png', size: 8 },
      { type: 'file', mediaType: 'application/pdf', url: 'https://files.example.com/r.pdf' },
    ])
    expect(partsOf(state)).toEqual([
      { type: 'text', text: 'Here:' },
      { type: 'file', mediaType: 'image/png', url: png, name: 'cat.png', size: 8 },
      { type: 'file', mediaType: 'application/pdf', url: 'https://files.example.com/r.pdf' },
    ])
  })

  it('keeps a file with an unsafe media type as it is (rendering shows a placeholder), and empties a javascript: URL', () => {
    const svg = 'data:image/svg+xml,<svg onload="alert(1)"/>'
    const state = apply([
      start,
      { type: 'file', mediaType: 'image/svg+xml', url: svg },
      { type: 'file', mediaType: 'text/html', url: 'javascript:alert(1)', name: 'page.html' },
    ])
    expect(partsOf(state)).toEqual([
      { type: 'file', mediaType: 'image/svg+xml', url: svg },
      { type: 'file', mediaType: 'text/html', url: '', name: 'page.html' },
    ])
  })
})

describe('metadata', () => {
  it('merges start, mid-stream and done metadata into the message, later keys winning', () => {
    const state = apply([
      { type: 'start', streamId: 's1', metadata: { model: 'gpt-x', createdAt: 1 } },
      { type: 'token', content: 'Hi' },
      { type: 'metadata', metadata: { model: 'gpt-x-2025', firstTokenMs: 120 } },
      { type: 'done', metadata: { totalTokens: 42 } },
    ])
    expect(message(state).metadata).toEqual({ model: 'gpt-x-2025', createdAt: 1, firstTokenMs: 120, totalTokens: 42 })
    expect(toRequestMessage(message(state)).metadata).toEqual(message(state).metadata)
  })

  it('leaves a message without metadata untouched (no empty object)', () => {
    const state = apply([start, { type: 'metadata', metadata: {} }, { type: 'done' }])
    expect(message(state)).not.toHaveProperty('metadata')
  })

  it('types metadata through the message generic', () => {
    const typed: ChatMessage<{ model: string }> = { id: 'a', role: 'assistant', parts: [], metadata: { model: 'm' } }
    const model: string | undefined = typed.metadata?.model
    expect(model).toBe('m')
  })
})

describe('identity', () => {
  it('does not touch earlier messages', () => {
    const first = apply([start, { type: 'token', content: 'one' }, { type: 'done' }])
    const second = apply([start, { type: 'source', id: 's', url: 'https://example.com' }, { type: 'data', name: 'd', id: 'x', data: 1 }], beginTurn(first, { userMessage: { ...userMessage, id: 'u2' }, assistantId: 'a2' }))
    expect(second.messages[1]).toBe(first.messages[1])
  })
})
