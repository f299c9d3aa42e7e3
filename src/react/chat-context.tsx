'use client'
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react'
import { createChatClient, type ChatClient, type ChatClientOptions } from '../core/chat-client.ts'

const ChatContext = createContext<ChatClient | undefined>(undefined)

export interface ChatProviderProps {
  /** An existing client (e.g. from `useChat().client`); otherwise one is made from `options`. */
  chat?: ChatClient
  options?: ChatClientOptions
  children: ReactNode
}

/**
 * Shares one chat among components: a status badge, the message list and the composer can
 * each subscribe to just the slice they show.
 *
 * @example
 * <ChatProvider options={{ api: '/api/chat' }}>
 *   <MessageList />
 *   <Composer />
 * </ChatProvider>
 */
export function ChatProvider({ chat, options, children }: ChatProviderProps) {
  const [own] = useState(() => (chat ? undefined : createChatClient(options)))
  // Unmount aborts the stream in flight; the client stays usable (StrictMode mounts twice).
  useEffect(() => () => own?.stop(), [own])
  return <ChatContext.Provider value={chat ?? own}>{children}</ChatContext.Provider>
}

/** The chat of the nearest `ChatProvider`, or the one passed explicitly. */
export function useChatClient(chat?: ChatClient): ChatClient {
  const fromContext = useContext(ChatContext)
  const client = chat ?? fromContext
  if (!client) throw new Error('No chat: pass `chat` or render inside <ChatProvider>.')
  return client
}
