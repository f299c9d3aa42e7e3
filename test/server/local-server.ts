import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { sendWebResponse, toWebRequest } from '../../src/server/node-http.ts'

export interface LocalServer {
  /** `http://127.0.0.1:<port>` */
  url: string
  /** The most bytes Node's response buffer held after any write: what the server process itself buffered. */
  readonly maxBufferedBytes: number
  close(): Promise<void>
}

/**
 * A real HTTP server on a loopback port chosen by the OS, answering with a Web handler through
 * the Node adapter, as a user's backend would.
 */
export async function startLocalServer(handler: (request: Request) => Response | Promise<Response>): Promise<LocalServer> {
  let maxBufferedBytes = 0
  const server: Server = createServer((req, res) => {
    const write = res.write.bind(res) as (chunk: Uint8Array) => boolean
    res.write = ((chunk: Uint8Array) => {
      const ok = write(chunk)
      maxBufferedBytes = Math.max(maxBufferedBytes, res.writableLength)
      return ok
    }) as typeof res.write
    void (async () => {
      const request = toWebRequest(req, res)
      await sendWebResponse(res, await handler(request))
    })().catch(() => res.destroy())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    get maxBufferedBytes() {
      return maxBufferedBytes
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** Resolves after `ms`; the sources under test are paced, the assertions never measure time. */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** Reads SSE text off a response body, one chunk at a time, and splits out frames. */
export function frameReader(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader()
  const decoder = new TextDecoder()
  let buffer = ''
  const frames: string[] = []
  return {
    frames,
    /** Waits until at least `count` frames (events and comments) have arrived, or the body ends. */
    async until(count: number): Promise<boolean> {
      while (frames.length < count) {
        const { done, value } = await reader.read()
        if (done) return false
        buffer += decoder.decode(value, { stream: true })
        let end: number
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          frames.push(buffer.slice(0, end))
          buffer = buffer.slice(end + 2)
        }
      }
      return true
    },
    async rest(): Promise<string[]> {
      while (await this.until(frames.length + 1));
      return frames
    },
    cancel: () => reader.cancel().catch(() => {}),
  }
}

/** The JSON events among SSE frames (comments skipped). */
export function eventsOf(frames: string[]): Array<Record<string, unknown> & { type: string; seq: number }> {
  return frames.flatMap((frame) => {
    const data = frame.split('\n').find((line) => line.startsWith('data: '))
    return data ? [JSON.parse(data.slice(6))] : []
  })
}
