/**
 * `rivulet-ui/mocks` — scripted chat streams for Storybook and tests: a script builder and
 * ready scenarios; MSW handlers that serve any wire format; recordings replayed through MSW or
 * an in-memory transport. Every answer goes through one pipeline — a recording (recorded, or
 * made from a script) → the pace's timing → faults → the wire — so there is one `Pace` model and
 * one `Fault` vocabulary for stories, tests and the Stream Lab. Needs `msw` (an optional peer)
 * only for `mockChatStream` and `replayRecording`.
 */
export { createScript, splitText } from './script.ts'
export type { ChunkMode, ScriptBuilder, ScriptOptions, ScriptToolCall } from './script.ts'
export { scenarios } from './scenarios.ts'
export { DEFAULT_CHAT_URL, DEFAULT_MOCK_PACE, INSTANT_PACE, MALFORMED_FRAME, mockChatStream, resumeUrl } from './mock-chat-stream.ts'
export type { MockChatStream, MockChatStreamOptions, MockRequest } from './mock-chat-stream.ts'
export type { LegacyFaultOptions } from './legacy-fault-options.ts'
export type { ErrorInjection } from './stream-faults.ts'
export type { Chunking, Pace, PaceOptions, ReplayPace } from './pace.ts'
export type { ReplayBufferOptions } from './replay-buffer.ts'
export {
  applyFaults,
  corruptFrame,
  dropConnectionAt,
  duplicateSeq,
  httpError,
  injectErrorEvent,
  keepAlivesOnly,
  rechunk,
  skipSeq,
  stallAt,
  stripFinalEvent,
} from './faults.ts'
export type { Fault, HttpErrorOptions } from './faults.ts'
export { createReplayTransport, replayRecording } from './replay.ts'
export type { ReplayOptions, ReplayTransport } from './replay.ts'
// Recordings themselves live in `rivulet-ui/protocol`; re-exported so a test imports one module.
export { parseRecording, recordingFromSse, recordResponse, RecordingError, serializeRecording } from '../protocol/recording/index.ts'
export type { RecordedChunk, Recording, RecordingHeader } from '../protocol/recording/index.ts'
