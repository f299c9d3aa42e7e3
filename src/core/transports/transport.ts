import type { ChatTransport as AnyChatTransport, SendRequest as AnySendRequest } from '../../protocol/transport.ts'
import type { ChatMessage } from '../state.ts'

export type { ResumeRequest, StopRequest } from '../../protocol/transport.ts'

/**
 * What the client asks a transport to send: the conversation as `ChatMessage`s (the protocol
 * layer's `SendRequest` with core's message type).
 *
 * @example
 * const request: SendRequest = { messages: state.messages, signal: controller.signal }
 */
export type SendRequest = AnySendRequest<ChatMessage>

/**
 * How the chat client reaches a backend; defined in `rivulet-ui/protocol` and re-exported
 * here with `ChatMessage` as the message type.
 *
 * @example
 * const transport: ChatTransport = createHttpTransport({ api: '/api/chat' })
 */
export type ChatTransport = AnyChatTransport<ChatMessage>
