/**
 * The object client's stop() tells the server, as the chat client's does: one POST to
 * `${api}/${streamId}/stop` for a Rivulet stream that had started, none for a stream that
 * never named itself.
 */
import { http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { syncScheduler } from '../../src/core/frame-scheduler.ts'
import { createObjectClient } from '../../src/core/object/object-client.ts'

const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

const api = 'http://localhost/api/object-stop'
const encoder = new TextEncoder()

/** A Rivulet stream that starts, sends a fragment, then hangs until the request is aborted. */
function hangingStream(request: Request, frames: string[]) {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const frame of frames) controller.enqueue(encoder.encode(frame))
      request.signal.addEventListener('abort', () => controller.error(new Error('aborted')))
    },
  })
  return new HttpResponse(body, { headers: { 'content-type': 'text/event-stream' } })
}

async function until(check: () => boolean) {
  for (let i = 0; i < 1000 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 2))
  expect(check()).toBe(true)
}

describe('object client stop() over MSW', () => {
  it('POSTs the stop route for the started stream, once; the partial object stays', async () => {
    const stops: string[] = []
    server.use(
      http.post(api, ({ request }) =>
        hangingStream(request, [
          `id: 0\ndata: ${JSON.stringify({ type: 'start', seq: 0, streamId: 'obj-7' })}\n\n`,
          `id: 1\ndata: ${JSON.stringify({ type: 'object_delta', seq: 1, delta: '{"name":"so' })}\n\n`,
        ]),
      ),
      http.post(`${api}/:streamId/stop`, ({ params }) => {
        stops.push(String(params.streamId))
        return new HttpResponse(null, { status: 204 })
      }),
    )
    const client = createObjectClient({ api, scheduler: syncScheduler, firstTokenTimeoutMs: 0, idleTimeoutMs: 0 })
    const submitted = client.submit({ q: 'soup' })
    await until(() => client.getSnapshot().status === 'streaming' && client.getSnapshot().object !== undefined)
    client.stop()
    client.stop()
    await submitted
    await until(() => stops.length === 1)
    expect(stops).toEqual(['obj-7'])
    expect(client.getSnapshot()).toMatchObject({ status: 'ready', object: { name: 'so' } })
    client.destroy()
  })
})
