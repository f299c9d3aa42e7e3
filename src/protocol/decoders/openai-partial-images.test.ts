import { describe, expect, it } from 'vitest'
import type { ChatEvent } from '../events.ts'
import { decodeText } from './decode-stream.ts'

/*
 * OpenAI Responses image generation with `partial_images`: the stream sends
 * `response.image_generation_call.partial_image` events (item_id, output_index,
 * partial_image_index, partial_image_b64) before the finished `image_generation_call` item.
 */
const ev = (type: string, fields: Record<string, unknown> = {}) => `event: ${type}\ndata: ${JSON.stringify({ type, ...fields })}\n\n`
const withoutSeq = (events: ChatEvent[]) => events.map(({ seq: _seq, ...rest }) => rest)
const decode = (body: string) => withoutSeq(decodeText(body, 'openai-responses', { generateId: () => 'generated' }))

const partial = (index: number, b64: string, extra: Record<string, unknown> = {}) =>
  ev('response.image_generation_call.partial_image', {
    sequence_number: 3 + index,
    item_id: 'ig_67a',
    output_index: 0,
    partial_image_index: index,
    partial_image_b64: b64,
    ...extra,
  })

const sample =
  ev('response.created', { sequence_number: 0, response: { id: 'resp_img', status: 'in_progress' } }) +
  ev('response.output_item.added', { sequence_number: 1, output_index: 0, item: { type: 'image_generation_call', id: 'ig_67a', status: 'in_progress' } }) +
  ev('response.image_generation_call.in_progress', { sequence_number: 2, item_id: 'ig_67a', output_index: 0 }) +
  partial(0, 'UEFSVDA=') +
  partial(1, 'UEFSVDE=') +
  ev('response.image_generation_call.completed', { sequence_number: 5, item_id: 'ig_67a', output_index: 0 }) +
  ev('response.output_item.done', { sequence_number: 6, output_index: 0, item: { type: 'image_generation_call', id: 'ig_67a', status: 'completed', output_format: 'png', result: 'RklOQUw=' } }) +
  ev('response.completed', { sequence_number: 7, response: { id: 'resp_img', status: 'completed' } })

describe('openai-responses partial images', () => {
  it('decodes each partial image to a partial file keyed by the item id, then the final image under the same id', () => {
    expect(decode(sample)).toEqual([
      { type: 'start', streamId: 'resp_img' },
      { type: 'file', mediaType: 'image/png', url: 'data:image/png;base64,UEFSVDA=', id: 'ig_67a', partial: true },
      { type: 'file', mediaType: 'image/png', url: 'data:image/png;base64,UEFSVDE=', id: 'ig_67a', partial: true },
      { type: 'file', mediaType: 'image/png', url: 'data:image/png;base64,RklOQUw=', id: 'ig_67a' },
      { type: 'done', finishReason: 'stop' },
    ])
  })

  it('takes the partial image format from output_format when the event names one', () => {
    const file = decode(partial(0, 'UklGRg==', { output_format: 'webp' })).find((e) => e.type === 'file')
    expect(file).toEqual({ type: 'file', mediaType: 'image/webp', url: 'data:image/webp;base64,UklGRg==', id: 'ig_67a', partial: true })
  })

  it('ignores a partial image without an item id or image data', () => {
    const body =
      ev('response.image_generation_call.partial_image', { output_index: 0, partial_image_index: 0, partial_image_b64: 'UEFSVDA=' }) +
      ev('response.image_generation_call.partial_image', { item_id: 'ig_1', output_index: 0, partial_image_index: 0 })
    expect(decode(body).filter((e) => e.type === 'file')).toEqual([])
  })
})
