// A headless app: `useChat` and its client, rendered by the app's own components, nothing else
// of Rivulet (the bundler drops the components, the markdown renderer, …).
export { useChat } from '../../src/index.ts'
