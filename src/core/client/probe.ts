import type { ChatEvent } from '../../protocol/events.ts'
import type { StreamFormat } from '../../protocol/decoders/stream-format.ts'
import type { ChatError } from '../state.ts'

/** Which request of a turn: the first POST (and its retries) or a resume GET. */
export type RequestKind = 'send' | 'resume'

/** How a turn ended, as instrumentation sees it. */
export type TurnEnding =
  /** A terminal event arrived (`done`, or the server's own `error`). */
  | { type: 'finished'; event: ChatEvent }
  /** The client gave up: HTTP error, network, timeout, malformed stream. */
  | { type: 'failed'; error: ChatError }
  /** `stop()` (or unmount) ended it. */
  | { type: 'stopped' }

/**
 * One instrumentation interface for everything that watches a turn: metrics, the wire log
 * (`observe`) and recording (`onRecording`) each implement the hooks they need, and the turn
 * runner calls one fan-out instead of threading each of them through its code. Hooks run
 * synchronously on the hot path: per-chunk and per-event hooks must be O(1).
 *
 * @internal The runner's extension seam, not public API.
 */
export interface ClientProbe {
  /** A new turn starts (send or retry; not a Continue, which carries on the broken turn). */
  begin?(): void
  /** A request goes out; `attempt` counts retries of the same request from 0. */
  request?(kind: RequestKind, attempt: number): void
  /**
   * A response arrived (any status). May return a replacement with the same status, headers
   * and bytes (recording tees the body this way), or a promise of one (a recorder whose chunk
   * is still loading: the body waits unread meanwhile).
   */
  response?(response: Response, info: { kind: RequestKind; format: StreamFormat | 'auto' }): Response | Promise<Response> | void
  /** A failed request will be retried after `delayMs`. */
  retry?(delayMs: number): void
  /** A broken stream is being resumed from `lastEventId`. */
  reconnect?(lastEventId: string): void
  /** One network read of the body, with its text. */
  chunk?(bytes: number, text: string): void
  /** A `:` comment line (keep-alive). */
  comment?(text: string): void
  /** An event was applied to the state (duplicates never get here); `gap` when `seq` jumped. */
  event?(event: ChatEvent, gap: boolean): void
  /** The turn ended. */
  end?(ending: TurnEnding): void
}

type Hook = Exclude<keyof ClientProbe, 'response'>

/**
 * Every hook of every probe behind one object; `response` hands back the (possibly wrapped)
 * response, synchronously unless a probe answered with a promise.
 */
export interface ProbeFanOut extends Required<ClientProbe> {
  response(response: Response, info: { kind: RequestKind; format: StreamFormat | 'auto' }): Response | Promise<Response>
}

/**
 * Calls every probe's hooks in order. Probes without a hook cost nothing for it: the fan-out
 * keeps one list per hook.
 */
export function fanOut(probes: readonly ClientProbe[]): ProbeFanOut {
  const each = <K extends Hook>(hook: K) => {
    const fns = probes.flatMap((p) => (p[hook] ? [p[hook].bind(p)] : [])) as Array<(...args: unknown[]) => void>
    return ((...args: unknown[]) => {
      for (const fn of fns) fn(...args)
    }) as ProbeFanOut[K]
  }
  const wrappers = probes.flatMap((p) => (p.response ? [p.response.bind(p)] : []))
  return {
    begin: each('begin'),
    request: each('request'),
    response(response, info) {
      let current: Response | Promise<Response> = response
      for (const wrap of wrappers) {
        current = current instanceof Promise ? current.then((ready) => wrap(ready, info) ?? ready) : (wrap(current, info) ?? current)
      }
      return current
    },
    retry: each('retry'),
    reconnect: each('reconnect'),
    chunk: each('chunk'),
    comment: each('comment'),
    event: each('event'),
    end: each('end'),
  }
}
