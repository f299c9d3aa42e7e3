import { recordResponse } from '../../protocol/recording/record-response.ts'
import type { Recording } from '../../protocol/recording/recording.ts'
import type { ClientProbe, RequestKind } from './probe.ts'

/** Receives each response's recording once its body ended (see `ChatClientOptions.onRecording`). */
export type RecordingListener = (recording: Recording, turn: { kind: RequestKind }) => void

/**
 * Records every response of every turn: it tees the body (`recordResponse`), so the client
 * reads the same bytes at the same moments, and hands the recording over when the body ends.
 */
export function createRecordingProbe(onRecording: RecordingListener): ClientProbe {
  return {
    response(response, { kind, format }) {
      // A resume only exists for the Rivulet format.
      const recorded = recordResponse(response, { format: kind === 'resume' ? 'rivulet' : format })
      void recorded.recording.then((recording) => onRecording(recording, { kind }))
      return recorded.response
    },
  }
}
