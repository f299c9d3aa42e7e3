/**
 * `rivulet-ui/mocks` — scripted chat streams for Storybook and tests: a script builder and
 * ready scenarios, MSW handlers that serve any wire format at a chosen pace with faults and
 * resume, and the timer-free pacing plan they use. Needs `msw` (an optional peer) only for
 * `mockChatStream`.
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
