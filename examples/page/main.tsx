// The example backend's page: the stock <Chat> against /api/chat, plus one browser tool. The
// thread is kept in localStorage and an unfinished answer resumes after a reload.
import { createRoot } from 'react-dom/client'
import { Chat, createLocalStoragePersistence } from '../../src/index.ts'
import '../../src/styles.css'

// `?thread=name` opens another thread; each is stored under its own id.
const threadId = new URLSearchParams(location.search).get('thread') || 'example'

const options = {
  id: threadId,
  persistence: createLocalStoragePersistence(),
  // A reload mid-answer picks the stream up where it was (GET …/resume), no second POST.
  resume: true,
  // The browser tool of the fake agent ("run the agent"): the page answers get_location itself.
  tools: {
    get_location: {
      execute: async () => ({ city: Intl.DateTimeFormat().resolvedOptions().timeZone.split('/').at(-1)?.replace(/_/g, ' ') ?? 'Oslo' }),
    },
  },
}

// Images, PDFs and text files up to 5 MB (Anthropic's image limit), sent as data: URLs; with a
// provider key the server's converters pass them to the model as image and file content.
const attachments = { accept: 'image/png,image/jpeg,image/gif,image/webp,application/pdf,text/*', maxFileSize: 5 * 1024 * 1024 }

createRoot(document.getElementById('root')!).render(
  <Chat api="/api/chat" theme="system" options={options} attachments={attachments} emptyState="Ask something — try “show me a tool call”, “write some code” or “run the agent”." />,
)
