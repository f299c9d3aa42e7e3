/**
 * The few members of Node's `IncomingMessage` this adapter uses. Typed structurally so this
 * layer imports nothing from Node and still loads on edge runtimes.
 */
export interface NodeRequestLike extends AsyncIterable<Uint8Array | string> {
  method?: string | undefined
  url?: string | undefined
  headers: Record<string, string | string[] | undefined>
  httpVersionMajor?: number
  /** TLS sockets have `encrypted: true`. */
  socket?: object | null
}

/** The few members of Node's `ServerResponse` (or an HTTP/2 compatible response) this adapter uses. */
export interface NodeResponseLike {
  statusCode: number
  setHeader(name: string, value: string | string[]): unknown
  flushHeaders?(): void
  write(chunk: Uint8Array): boolean
  end(): unknown
  destroy(error?: Error): unknown
  once(event: 'drain' | 'close', listener: () => void): unknown
  on(event: 'close', listener: () => void): unknown
  off(event: 'drain' | 'close', listener: () => void): unknown
  readonly writableEnded: boolean
  readonly destroyed: boolean
}

/** Headers that name the connection, which HTTP/2 forbids. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection'])

/**
 * Makes a Web `Request` from a Node request, with a `signal` that aborts when the client
 * disconnects before the response has finished: pass it to `createEventStreamResponse` so
 * a closed tab stops the provider call. The body streams; it is not read in advance.
 *
 * @example
 * createServer(async (req, res) => {
 *   const request = toWebRequest(req, res)
 *   await sendWebResponse(res, await handle(request))
 * })
 */
export function toWebRequest(req: NodeRequestLike, res: NodeResponseLike, origin?: string): Request {
  const controller = new AbortController()
  res.on('close', () => {
    if (!res.writableEnded) controller.abort(new DOMException('The client disconnected', 'AbortError'))
  })
  const host = firstHeader(req.headers['host']) ?? 'localhost'
  const secure = typeof req.socket === 'object' && req.socket !== null && (req.socket as { encrypted?: unknown }).encrypted === true
  const base = origin ?? `${secure ? 'https' : 'http'}://${host}`
  const method = (req.method ?? 'GET').toUpperCase()
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name.startsWith(':')) continue
    if (Array.isArray(value)) for (const v of value) headers.append(name, v)
    else headers.set(name, value)
  }
  const init: RequestInit & { duplex?: 'half' } = { method, headers, signal: controller.signal }
  if (method !== 'GET' && method !== 'HEAD') {
    init.body = iterableToStream(req)
    init.duplex = 'half' // required by fetch for a streaming request body
  }
  return new Request(new URL(req.url ?? '/', base), init)
}

/**
 * Writes a Web `Response` to a Node response: status, headers (minus HTTP/2-forbidden ones
 * when `http2` is set), then the body chunk by chunk, flushing headers first so the client
 * sees the stream open at once. It waits for `'drain'` whenever Node's buffer is full, so the
 * Response body (and the model behind it) is read only as fast as the client takes it, and it
 * cancels the body when the client disconnects.
 *
 * @example
 * await sendWebResponse(res, createEventStreamResponse(events, { signal: request.signal }))
 */
export async function sendWebResponse(res: NodeResponseLike, response: Response, options: { http2?: boolean } = {}): Promise<void> {
  res.statusCode = response.status
  const cookies = typeof response.headers.getSetCookie === 'function' ? response.headers.getSetCookie() : []
  response.headers.forEach((value, name) => {
    if (name === 'set-cookie') return
    if (options.http2 && HOP_BY_HOP.has(name)) return
    res.setHeader(name, value)
  })
  if (cookies.length > 0) res.setHeader('set-cookie', cookies)
  if (!response.body) {
    res.end()
    return
  }
  res.flushHeaders?.()
  const reader = response.body.getReader()
  let closed = res.destroyed
  const onClose = () => {
    closed = true
    reader.cancel().catch(() => {})
  }
  res.on('close', onClose)
  try {
    while (!closed) {
      const { done, value } = await reader.read()
      if (done) break
      if (closed) break
      if (!res.write(value)) await drainOrClose(res)
    }
    if (!closed) res.end()
  } catch {
    // The body errored (e.g. its source was aborted): cut the connection so the client sees
    // an interrupted stream rather than a clean end.
    if (!closed) res.destroy()
  } finally {
    res.off('close', onClose)
  }
}

function drainOrClose(res: NodeResponseLike): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done)
      res.off('close', done)
      resolve()
    }
    res.once('drain', done)
    res.once('close', done)
  })
}

function iterableToStream(source: AsyncIterable<Uint8Array | string>): ReadableStream<Uint8Array> {
  const iterator = source[Symbol.asyncIterator]()
  const encoder = new TextEncoder()
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await iterator.next()
      if (done) controller.close()
      else controller.enqueue(typeof value === 'string' ? encoder.encode(value) : value)
    },
    async cancel() {
      await iterator.return?.()
    },
  })
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value
}
