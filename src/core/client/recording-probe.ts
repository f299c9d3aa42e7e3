import type { Recording } from '../../protocol/recording/recording.ts'
import { lazyChunk, type LazyChunk } from '../lazy-chunk.ts'
import type { ClientProbe, RequestKind } from './probe.ts'

/** Receives each response's recording once its body ended (see `ChatClientOptions.onRecording`). */
export type RecordingListener = (recording: Recording, turn: { kind: RequestKind }) => void

/** The recorder (`recordResponse`): a development tool, so a chunk of its own. */
export type Recorder = typeof import('../../protocol/recording/record-response.ts')

const recorder: LazyChunk<Recorder> = lazyChunk(() => import('../../protocol/recording/record-response.ts'))

/**
 * Resolves once the recorder's chunk is in, so a recorded response is passed on at once, as
 * tests expect. Rejects if the chunk cannot be loaded (calling it again retries).
 *
 * @example
 * await preloadRecorder() // in a test setup file
 */
export async function preloadRecorder(): Promise<void> {
  await recorder.load()
}

/**
 * Records every response of every turn: it tees the body (`recordResponse`), so the client
 * reads the same bytes at the same moments, and hands the recording over when the body ends.
 * The recorder loads when the probe is made (an app passing `onRecording`); a response that
 * arrives first waits for it, unread. If it cannot load, that response goes unrecorded (the
 * chat goes on; recording is a tool, not the conversation) and the next one tries again.
 */
export function createRecordingProbe(onRecording: RecordingListener, chunk: LazyChunk<Recorder> = recorder): ClientProbe {
  chunk.load().catch(() => {})
  const record = ({ recordResponse }: Recorder, response: Response, kind: RequestKind, format: Parameters<NonNullable<ClientProbe['response']>>[1]['format']) => {
    // A resume only exists for the Rivulet format.
    const recorded = recordResponse(response, { format: kind === 'resume' ? 'rivulet' : format })
    void recorded.recording.then((recording) => onRecording(recording, { kind }))
    return recorded.response
  }
  return {
    response(response, { kind, format }) {
      const loaded = chunk.current()
      if (loaded) return record(loaded, response, kind, format)
      return chunk.load().then(
        (module) => record(module, response, kind, format),
        (error: unknown) => {
          console.warn('rivulet-ui: could not load the recorder; this response is not recorded.', error)
          return response
        },
      )
    },
  }
}
