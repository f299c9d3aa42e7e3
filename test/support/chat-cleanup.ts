import type { ChatClient } from '../../src/core/chat-client.ts'

type ChatClientModule = typeof import('../../src/core/chat-client.ts')

/*
 * Every chat client a test makes is destroyed after it, and the storage is cleared only once
 * their last saves have landed. A client with a thread (`id` and `persistence`) keeps a thread
 * saver whose timer, left running, fires after the test file's jsdom window is torn down: an
 * uncaught TypeError in thread-sync.ts that failed a CI run with every test passed. Destroying
 * flushes the thread; a storage cleared before that save lands gets the thread back, and the
 * next test reads it.
 *
 * @example
 * const chat = trackChat(createChatClient({ id: 't1', persistence }))
 * afterEach(async () => {
 *   await destroyTrackedChats()
 *   localStorage.clear()
 * })
 */

const made = new Set<ChatClient>()
// Taken at import, before a test can fake the timers: the bound below must run on real time.
const setTimer = globalThis.setTimeout
const clearTimer = globalThis.clearTimeout

/** Tracks `client` (returned as is) until {@link destroyTrackedChats} destroys it. */
export function trackChat<T extends ChatClient>(client: T): T {
  made.add(client)
  return client
}

/**
 * Destroys every client tracked since the last call and resolves once their last saves have
 * landed. Call it first in `afterEach`, before the storage is cleared. Fails after 5 s of real
 * time rather than waiting out the hook timeout (e.g. a held chunk the test never released).
 */
export async function destroyTrackedChats(): Promise<void> {
  const clients = Array.from(made)
  made.clear()
  // `destroy` flushes the thread without returning the save; flushing again returns it.
  const landed = Promise.all(clients.map((client) => (client.destroy(), client['~flushThread']())))
  let timer: ReturnType<typeof setTimeout> | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimer(() => reject(new Error(`the last saves of ${clients.length} destroyed chat client(s) did not land within 5 s`)), 5_000)
  })
  try {
    await Promise.race([landed, late])
  } finally {
    clearTimer(timer)
  }
}

/**
 * The chat-client module with a `createChatClient` that tracks every client it makes, for
 * clients a test cannot reach: `useChat` makes its own (and StrictMode makes one more that is
 * never mounted, so no unmount ever flushes it).
 *
 * @example
 * vi.mock('../core/chat-client.ts', async (original) => (await import('../../test/support/chat-cleanup.ts')).trackingChatClientModule(await original()))
 */
export function trackingChatClientModule(module: ChatClientModule): ChatClientModule {
  return { ...module, createChatClient: (options) => trackChat(module.createChatClient(options)) }
}
