/**
 * `rivulet-ui/mocks` — scripted chat streams for Storybook and tests: a script builder and
 * ready scenarios, MSW handlers that serve any wire format at a chosen pace with faults and
 * resume, and the timer-free pacing plan they use; recordings replayed at any pace, through MSW or
 * an in-memory transport, with composable faults. Needs `msw` (an optional peer) only for
 * `mockChatStream` and `replayRecording`.
 */
export { createScript, splitText } from './script.ts'
export type { ChunkMode, ScriptBuilder, ScriptOptions, ScriptToolCall } from './script.ts'
export { scenarios } from './scenarios.ts'
export { DEFAULT_CHAT_URL, DEFAULT_MOCK_PACE, INSTANT_PACE, MALFORMED_FRAME, mockChatStream, resumeUrl } from './mock-chat-stream.ts'
export type { MockChatStream, MockChatStreamOptions, MockRequest } from './mock-chat-stream.ts'
export { KEEP_ALIVE_FRAME, paceFrames } from './pace-frames.ts'
export type { Chunking, PacedChunk, PaceOptions } from './pace-frames.ts'
export { createPacedBody } from './paced-body.ts'
export type { BodyEnding, PacedBodyOptions } from './paced-body.ts'
export { createPrng } from './prng.ts'
export type { Prng } from './prng.ts'
export { glitchSeq, injectError } from './stream-faults.ts'
export type { ErrorInjection, SeqGlitches } from './stream-faults.ts'
export { createReplayBuffer } from './replay-buffer.ts'
export type { ReplayBuffer, ReplayBufferOptions } from './replay-buffer.ts'
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
export type { Fault } from './faults.ts'
export { createReplayTransport, replayRecording } from './replay.ts'
export type { ReplayOptions, ReplayTransport } from './replay.ts'
export { replayPlan } from './replay-plan.ts'
export type { ReplayPace } from './replay-plan.ts'
export { cutChunks } from './cut-chunks.ts'
export type { CutOptions, TimedBytes } from './cut-chunks.ts'
export { errorEvent } from './stream-faults.ts'
// Recordings themselves live in `rivulet-ui/protocol`; re-exported so a test imports one module.
export { parseRecording, recordingFromSse, recordResponse, RecordingError, serializeRecording } from '../protocol/recording/index.ts'
export type { RecordedChunk, Recording, RecordingHeader } from '../protocol/recording/index.ts'
