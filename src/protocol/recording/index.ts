/** Recordings: the JSON Lines format, raw `.sse` bodies as recordings, and the response recorder. */
export { RECORDING_VERSION, recordingBody } from './recording.ts'
export type { RecordedChunk, Recording, RecordingEnding, RecordingHeader } from './recording.ts'
export { RecordingError } from './recording-error.ts'
export { parseRecording, serializeRecording } from './parse-recording.ts'
export { recordingFromSse } from './recording-from-sse.ts'
export type { RecordingFromSseOptions } from './recording-from-sse.ts'
export { recordResponse } from './record-response.ts'
export type { RecordedResponse, RecordResponseOptions } from './record-response.ts'
