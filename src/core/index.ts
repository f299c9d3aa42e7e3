/**
 * `rivulet-ui/core` — framework-agnostic chat logic: the chat client, the pure reducer, the
 * frame scheduler, the external store, transports, branches and persistence. Engine parts
 * (turn steps, the metrics tracker, the body reader, the agent loop's and branch turns' state
 * helpers) stay internal so they can change: the client's methods are their public face.
 */
export { createChatClient } from './chat-client.ts'
export type { ChatCallbacks, ChatClient, ChatClientOptions, SendMessageInput, StepFinishInfo } from './chat-client.ts'
export { filePartOf, readAsDataUrl, toFileParts } from './files/file-parts.ts'
export type { StreamPolicyOptions } from './client/stream-policy-options.ts'
export type { ChatTool, ChatTools, ToolExecuteContext } from './agent/chat-tools.ts'
export type { ToolActionOutcome } from './client/agent-loop.ts'
export type { ToolApprovalResponse, ToolOutcome } from './tool-actions.ts'
export type { StreamLogEntry, StreamLogListener } from './stream-log.ts'
export { chatReducer } from './chat-reducer.ts'
export { createChatStore } from './chat-store.ts'
export type { ChatStore, ChatStoreOptions } from './chat-store.ts'
export { createFrameScheduler, syncScheduler } from './frame-scheduler.ts'
export type { FrameScheduler, FrameSchedulerOptions } from './frame-scheduler.ts'
export type { ReadableValue } from './value-store.ts'
export { emptyMetrics } from './metrics.ts'
export type { ChatMetrics } from './metrics.ts'
export { backoffDelay, parseRetryAfter } from './backoff.ts'
export type { BackoffOptions } from './backoff.ts'
export { createHttpTransport } from './transports/http-transport.ts'
export { messageText } from './message-text.ts'
export { createTextLog, textVersionOf } from './text-log.ts'
export type { AppendableTextLog, AppendedVersion, TextLog, TextVersion } from './text-log.ts'
export { toRequestMessage } from './request-messages.ts'
export type { HttpTransportOptions } from './transports/http-transport.ts'
export { createMemoryTransport } from './transports/memory-transport.ts'
export type { MemoryReply, MemoryTransportOptions } from './transports/memory-transport.ts'
export type { ChatTransport, ResumeRequest, SendRequest, StopRequest } from './transports/transport.ts'
export { initialChatState, isTurnActive } from './state.ts'
export type * from './state.ts'
export {
  activePath,
  activePathIds,
  addSibling,
  appendMessage,
  branchTreeFromMessages,
  emptyBranchTree,
  getBranches,
  pathTo,
  removeMessage,
  switchBranch,
  syncPath,
} from './branches/branch-tree.ts'
export type { BranchInfo, BranchNode, BranchTree } from './branches/branch-tree.ts'
export { BranchError } from './branches/branch-error.ts'
export type { BranchErrorCode } from './branches/branch-error.ts'
export { PersistenceError, toPersistenceError } from './persistence/persistence-error.ts'
export type { PersistenceErrorCode } from './persistence/persistence-error.ts'
export { THREAD_RECORD_VERSION, summarizeThread } from './persistence/thread-record.ts'
export type { ThreadPersistence, ThreadRecord, ThreadSummary } from './persistence/thread-record.ts'
export { validateThreadRecord } from './persistence/validate-thread-record.ts'
export { createLocalStoragePersistence } from './persistence/local-storage-persistence.ts'
export type { LocalStoragePersistenceOptions } from './persistence/local-storage-persistence.ts'
export { createThreadSaver } from './persistence/thread-saver.ts'
export type { ThreadSaver, ThreadSaverOptions } from './persistence/thread-saver.ts'
export { validateStoredMessage } from './persistence/validate-thread-record.ts'
export { createSessionCursorStore } from './persistence/stream-cursor-store.ts'
export type { ActiveStreamCursor, SessionCursorStoreOptions, StreamCursorStore } from './persistence/stream-cursor-store.ts'
export { createThreadDirectory } from './persistence/thread-directory.ts'
export type { ThreadDirectory, ThreadDirectoryOptions, ThreadDirectoryState } from './persistence/thread-directory.ts'
export { reconcilePath } from './branches/branch-tree.ts'
export { branchesOf, currentTree } from './branches/branch-turns.ts'
// Structured output (useObject's core): the partial-JSON parser, the object client, Standard Schema.
export * from './object/index.ts'
export { attachThreadSync } from './persistence/thread-sync.ts'
export type { ThreadStatus, ThreadSync, ThreadSyncHost, ThreadSyncOptions } from './persistence/thread-sync.ts'
