/*
 * Everything that turns an answer's markdown into blocks, in one chunk the page loads as soon
 * as the library is evaluated (`markdown-pipeline-chunk.ts`), beside the parser's own chunk:
 * block splitting, repair of unfinished syntax, nesting limits, tables, fences and the code
 * block with its highlighting front end, citations. Nothing of it is needed to paint an
 * empty chat, and until it lands an answer shows as plain paragraphs.
 */
export { StreamingMarkdown } from '../markdown/streaming-markdown.tsx'
export { CitedMarkdown } from '../parts/cited-markdown.tsx'
