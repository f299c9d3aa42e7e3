'use client'
/**
 * `rivulet-ui` — React hooks and components for streaming chat. The framework-free layers are
 * at `rivulet-ui/core` and `rivulet-ui/protocol`.
 */
export * from './react/index.ts'
export * from './components/index.ts'
export type {
  ChatError,
  ChatMessage,
  ChatState,
  ChatStatus,
  ErrorPart,
  MessagePart,
  ReasoningPart,
  StatusPart,
  TextPart,
  ToolCallPart,
  ToolCallState,
  ToolApproval,
  StepStartPart,
  FilePart,
  DataPart,
  SourcePart,
  TextCitation,
} from './core/state.ts'
export type { ChatTool, ChatTools, ToolExecuteContext } from './core/agent/chat-tools.ts'
export type { ToolActionOutcome } from './core/client/agent-loop.ts'
export type { ToolApprovalResponse, ToolOutcome } from './core/tool-actions.ts'
export type { ChatMetrics } from './core/metrics.ts'
export { messageText } from './core/message-text.ts'
export { createTextLog, textVersionOf } from './core/text-log.ts'
export type { AppendableTextLog, AppendedVersion, TextLog, TextVersion } from './core/text-log.ts'
export { createMemoryTransport } from './core/transports/memory-transport.ts'
export { createHttpTransport } from './core/transports/http-transport.ts'
export type { ChatTransport } from './core/transports/transport.ts'
export type { ChatClient, ChatClientOptions, SendMessageInput } from './core/chat-client.ts'
export type { ChatEvent, DataEvent, MessageMetadata } from './protocol/events.ts'
export { createLocalStoragePersistence } from './core/persistence/local-storage-persistence.ts'
export { createThreadDirectory } from './core/persistence/thread-directory.ts'
export { createSessionCursorStore } from './core/persistence/stream-cursor-store.ts'
export { PersistenceError } from './core/persistence/persistence-error.ts'
export { BranchError } from './core/branches/branch-error.ts'
export type { ThreadPersistence, ThreadRecord, ThreadSummary } from './core/persistence/thread-record.ts'
export type { ThreadDirectory } from './core/persistence/thread-directory.ts'
export type { StreamCursorStore, ActiveStreamCursor } from './core/persistence/stream-cursor-store.ts'
export type { BranchInfo } from './core/branches/branch-tree.ts'
export { completeElements, completeCount } from './core/object/complete-elements.ts'
export type { DeepPartial, ObjectError, ObjectState, ObjectStatus } from './core/object/object-state.ts'
export type { ObjectClient, ObjectClientOptions } from './core/object/object-client.ts'
export type { StandardSchemaV1 } from './core/object/standard-schema.ts'
