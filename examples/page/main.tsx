// The example backend's page: the stock <Chat> against /api/chat, nothing else.
import { createRoot } from 'react-dom/client'
import { Chat } from '../../src/index.ts'
import '../../src/styles.css'

createRoot(document.getElementById('root')!).render(
  <Chat api="/api/chat" theme="system" emptyState="Ask something — try “show me a tool call” or “write some code”." />,
)
