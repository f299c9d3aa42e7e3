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
} from './core/state.ts'
export type { ChatMetrics } from './core/metrics.ts'
export { messageText } from './core/message-text.ts'
export { createMemoryTransport } from './core/transports/memory-transport.ts'
export { createHttpTransport } from './core/transports/http-transport.ts'
export type { ChatTransport } from './core/transports/transport.ts'
export type { ChatClient, ChatClientOptions } from './core/chat-client.ts'
export type { ChatEvent } from './protocol/events.ts'
