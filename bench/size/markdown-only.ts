// The part of Rivulet that streamdown is the peer of: the streaming markdown renderer alone.
export { StreamingMarkdown } from '../../src/index.ts'
