// What the README's quick start imports: `<Chat>` (which brings useChat, the client, the
// composer and the markdown renderer) and nothing else, so the bundler drops the rest.
export { Chat } from '../../src/index.ts'
