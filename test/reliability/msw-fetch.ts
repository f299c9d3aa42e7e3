import { getResponse, type RequestHandler } from 'msw'

/**
 * A `fetch` that answers from MSW handlers inside the page, and the ledger the reliability
 * tests read: every request sent (method and URL) and how many bodies are still open.
 *
 * Why not the service worker: Vitest runs every browser test file in its own iframe of one
 * page origin, and a worker registered at `/` by one file would sit in front of the others.
 * `getResponse` runs the same handlers on the same `Request`, so the client still goes through
 * its real HTTP transport, real `Response` bodies and real abort signals.
 *
 * @example
 * const wire = createMswFetch(mock.handlers)
 * render(<Chat api="/api/chat" options={{ fetch: wire.fetch }} />)
 * expect(wire.count('POST')).toBe(1)
 */
export interface MswFetch {
  fetch: typeof fetch
  /** Every request, in order. */
  readonly sent: readonly { method: string; url: string }[]
  /** Requests whose response body has not ended, failed, been cancelled or been aborted. */
  readonly open: number
  count(method: string): number
}

/**
 * @example
 * const wire = createMswFetch(mockChatStream({ script }).handlers)
 */
export function createMswFetch(handlers: RequestHandler[]): MswFetch {
  const sent: { method: string; url: string }[] = []
  let open = 0

  const mswFetch: typeof fetch = async (input, init) => {
    const request = new Request(new URL(input instanceof Request ? input.url : String(input), location.href), init)
    sent.push({ method: request.method, url: request.url })
    open++
    let settled = false
    const settle = () => {
      if (settled) return
      settled = true
      open--
      request.signal.removeEventListener('abort', onAbort)
    }
    let fail: ((reason: unknown) => void) | undefined
    const onAbort = () => {
      fail?.(request.signal.reason)
      settle()
    }
    if (request.signal.aborted) {
      settle()
      throw request.signal.reason
    }
    request.signal.addEventListener('abort', onAbort)
    let response: Response | undefined
    try {
      response = await getResponse(handlers, request)
    } catch (error) {
      settle()
      throw error
    }
    if (!response) {
      settle()
      throw new TypeError(`no mock handler for ${request.method} ${request.url}`)
    }
    // `HttpResponse.error()` is a network error: a real fetch rejects.
    if (response.type === 'error') {
      settle()
      throw new TypeError('Failed to fetch')
    }
    if (request.signal.aborted) {
      settle()
      throw request.signal.reason
    }
    const body = response.body
    if (!body) {
      settle()
      return response
    }
    const reader = body.getReader()
    // Like a real fetch: an abort rejects the pending read with the abort reason.
    const wrapped = new ReadableStream<Uint8Array>({
      start(controller) {
        fail = (reason) => {
          try {
            controller.error(reason)
          } catch {
            // Already closed.
          }
          void reader.cancel(reason).catch(() => {})
        }
      },
      async pull(controller) {
        try {
          const { done, value } = await reader.read()
          if (settled) return
          if (done) {
            settle()
            controller.close()
          } else controller.enqueue(value)
        } catch (error) {
          if (settled) return
          settle()
          controller.error(error)
        }
      },
      cancel(reason) {
        settle()
        return reader.cancel(reason)
      },
    })
    return new Response(wrapped, { status: response.status, statusText: response.statusText, headers: response.headers })
  }

  return {
    fetch: mswFetch,
    sent,
    get open() {
      return open
    },
    count: (method) => sent.filter((request) => request.method === method).length,
  }
}
