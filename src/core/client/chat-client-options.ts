import type { DecoderOptions, StreamFormat } from '../../protocol/decoders/stream-format.ts'
import type { ChatTools } from '../agent/chat-tools.ts'
import type { PersistenceError } from '../persistence/persistence-error.ts'
import type { StreamCursorStore } from '../persistence/stream-cursor-store.ts'
import type { ThreadPersistence } from '../persistence/thread-record.ts'
import type { ChatMessage } from '../state.ts'
import type { HttpTransportOptions } from '../transports/http-transport.ts'
import type { ChatTransport } from '../transports/transport.ts'
import type { RecordingListener } from './recording-probe.ts'
import type { StreamPolicyOptions } from './stream-policy-options.ts'
import type { ChatCallbacks } from './chat-callbacks.ts'

/** Everything `createChatClient` (and `useChat`) accepts. */
export interface ChatClientOptions extends ChatCallbacks, StreamPolicyOptions, Partial<Omit<HttpTransportOptions, 'api'>> {
  /** The chat endpoint (POST). Shorthand for `transport: createHttpTransport({ api, ... })`. */
  api?: string
  /** How to reach the backend; overrides `api`. */
  transport?: ChatTransport
  /** The wire format of the responses. @default 'auto' (from headers and the first frames) */
  format?: StreamFormat | 'auto'
  /** Choices of the format decoders, e.g. `{ thinkTags: false }` to keep `<think>` as text. */
  decoder?: DecoderOptions
  initialMessages?: ChatMessage[]
  generateId?: () => string
  /**
   * Records every response of every turn (the send, each retry and each resume) and hands
   * over the recording once its body ends — also when it broke or was stopped, marked
   * `truncated`. Save it with `serializeRecording` and replay it with `replayRecording`.
   */
  onRecording?: RecordingListener
  /**
   * Browser tools by name: `{ get_location: { execute: async (args, { signal, toolCallId }) => result, needsApproval? } }`.
   * A call to one runs once its input is complete; a tool without `execute` waits for
   * `addToolResult`. When the model's step asked for tools and every call has its outcome,
   * the turn continues by itself (see `maxSteps`).
   */
  tools?: ChatTools
  /** Requests per turn in the agent loop, counting the first; then the turn ends with a notice. @default 5 */
  maxSteps?: number
  /** Names the thread: with `persistence` it is loaded now and saved after each settled turn and branch switch. */
  id?: string
  /** Where threads are kept (`createLocalStoragePersistence()`, or your server's adapter). */
  persistence?: ThreadPersistence
  /** Quiet time before a save; saves never happen per token. @default 400 */
  saveDelayMs?: number
  /** Where the unfinished stream's cursor goes (with `id`). @default sessionStorage; `false` keeps none */
  cursorStore?: StreamCursorStore | false
  /**
   * On creation, pick up the thread's unfinished answer after a reload: same message, resumed
   * with `Last-Event-ID`, no second POST. Needs `id`, and `persistence` for the history.
   * @default false
   */
  resume?: boolean
  /** A thread could not be loaded or saved; it stays in memory (see `thread`). */
  onPersistenceError?: (error: PersistenceError) => void
}
