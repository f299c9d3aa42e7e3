// The example backend's page: the stock <Chat> against /api/chat, plus one browser tool.
import { createRoot } from 'react-dom/client'
import { Chat } from '../../src/index.ts'
import '../../src/styles.css'

// The browser tool of the fake agent ("run the agent"): the page answers get_location itself.
const options = {
  tools: {
    get_location: {
      execute: async () => ({ city: Intl.DateTimeFormat().resolvedOptions().timeZone.split('/').at(-1)?.replace(/_/g, ' ') ?? 'Oslo' }),
    },
  },
}

createRoot(document.getElementById('root')!).render(
  <Chat api="/api/chat" theme="system" options={options} emptyState="Ask something — try “show me a tool call”, “write some code” or “run the agent”." />,
)
