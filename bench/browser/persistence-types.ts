/** How the chat of a persistence run keeps its thread. */
export type PersistenceMode =
  /** No persistence: the same thread as `initialMessages` (the control). */
  | 'off'
  /** Restored from storage format 2 (one key per message): a save writes the new turn only. */
  | 'on'
  /** Restored from format 1 (the whole record under one key): the first save rewrites every message. */
  | 'migrate'

export interface PersistenceStreamRun {
  count: number
  mode: PersistenceMode
  /** Tokens of the answer, one per animation frame. */
  tokens: number
}

export interface PersistenceStreamResult {
  /** From the send to the stored copy holding the finished answer (or to `ready` when off), ms. */
  totalMs: number
  /** Adapter calls while the answer streamed (first token to last): `save` and `prepare`. */
  savesWhileStreaming: number
  preparesWhileStreaming: number
  /** Adapter calls in the whole run. */
  saves: number
  prepares: number
  /** The longest single adapter call (wall), ms. */
  longestSaveMs: number
  longestPrepareMs: number
  /** Characters stored under the prefix, all keys. */
  storedChars: number
  /** The stored thread loads back with every message and the answer (always true when off). */
  roundTripOk: boolean
}

export interface PersistenceTokenRun {
  count: number
  mode: Exclude<PersistenceMode, 'migrate'>
  tokens: number
}

export interface PersistenceTokenResult {
  /** Wall time per token, from the send to `ready`, µs (store published per token). */
  perTokenUs: number
  /** Adapter calls while the tokens were applied. */
  adapterCalls: number
}

export interface PersistenceWholeResult {
  /** One format-1 save as it was: `JSON.stringify` of the whole record plus one `setItem`, ms. */
  ms: number
  chars: number
}
