import { createChatClient } from '../../src/core/chat-client.ts'
import { syncScheduler } from '../../src/core/frame-scheduler.ts'
import { messageText } from '../../src/core/message-text.ts'
import type { ThreadPersistence } from '../../src/core/persistence/thread-record.ts'
import { createMemoryTransport } from '../../src/core/transports/memory-transport.ts'
import { encodeEvent } from '../../src/protocol/encode.ts'

/**
 * What a reload finds: thread `threadId` saved in `persistence`, and in the session cursor
 * store its last answer cut after `partial` (stream `streamId`, `lastSeq` 1), as a page that
 * was closed mid-answer leaves them. The answer's stream never ends on the first page.
 */
export async function leaveUnfinishedThread(options: { threadId: string; persistence: ThreadPersistence; streamId: string; partial: string }) {
  const { threadId, persistence, streamId, partial } = options
  const frames = [encodeEvent({ type: 'start', seq: 0, streamId }), encodeEvent({ type: 'token', seq: 1, content: partial })]
  const transport = createMemoryTransport({
    // Two frames, then an open stream: the answer is still streaming when the page goes.
    respond: () =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          for (const frame of frames) controller.enqueue(new TextEncoder().encode(frame))
        },
      }),
  })
  const page = createChatClient({ id: threadId, persistence, transport, scheduler: syncScheduler, saveDelayMs: 0 })
  void page.send('Longest river?')
  const shown = () => messageText(page.getSnapshot().messages.at(-1)!)
  for (let i = 0; i < 1000 && shown() !== partial; i++) await new Promise((resolve) => setTimeout(resolve, 1))
  if (shown() !== partial) throw new Error('the first page never showed the partial answer')
  // What a reload does: pagehide writes the cursor and flushes the thread.
  window.dispatchEvent(new Event('pagehide'))
  await page['~flushThread']()
  page.destroy()
}
