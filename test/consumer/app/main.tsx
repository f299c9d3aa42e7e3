// A consumer's app as the README's quick start writes it (imports point at the sources that
// the package's dist/ is built from): the theme, <Chat>, nothing else styled.
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import '../../../src/styles.css'
import { Chat, type ChatMessage } from '../../../src/index.ts'
import { createMemoryTransport } from '../../../src/core/index.ts'

const messages: ChatMessage[] = [
  { id: 'u1', role: 'user', parts: [{ type: 'text', text: 'Show me a TypeScript example' }] },
  { id: 'a1', role: 'assistant', parts: [{ type: 'text', text: 'Here, in **TypeScript**:\n\n```ts\nconst answer: number = 42\n```\n' }] },
]
const transport = createMemoryTransport({ respond: () => [] })

function App() {
  return (
    <div style={{ display: 'grid', gridTemplateColumns: 'repeat(3, 1fr)', gap: 8, height: 400 }}>
      <Chat id="light" transport={transport} options={{ initialMessages: messages }} />
      <Chat id="dark" theme="dark" transport={transport} options={{ initialMessages: messages }} />
      <Chat id="system" theme="system" transport={transport} options={{ initialMessages: messages }} />
    </div>
  )
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
