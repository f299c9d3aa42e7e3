import { preloadMarkdown } from '../../src/components/lazy/markdown-pipeline-chunk.ts'
import { preloadObjectEngine } from '../../src/core/object/object-engine-chunk.ts'
import { preloadBodyReader } from '../../src/core/client/body-reader-chunk.ts'
import { preloadChatEngine } from '../../src/core/client/chat-engine-chunk.ts'
import { preloadRecorder } from '../../src/core/client/recording-probe.ts'
import { preloadMessageParts } from '../../src/components/lazy/message-extras-chunk.ts'
import { preloadThreadSync } from '../../src/core/persistence/lazy-thread-sync.ts'
import { preloadFileParts } from '../../src/core/files/file-parts-chunk.ts'
import { preloadBranches } from '../../src/core/branches/branch-chunk.ts'

/**
 * Loads every part the library keeps out of the page's first download and loads on first use
 * (the markdown renderer and its pipeline, the message parts only some messages show, the object client's engine, the chat client's engine and its body reader, the thread sync, the branches, file reading, the recorder, …), so tests see what an app whose
 * chunks have landed sees; a test of a loading state or of a failed load uses its own loader.
 */
export async function preloadLazyParts(): Promise<void> {
  await Promise.all([preloadMarkdown(), preloadObjectEngine(), preloadChatEngine(), preloadBodyReader(), preloadRecorder(), preloadMessageParts(), preloadThreadSync(), preloadFileParts(), preloadBranches()])
}
