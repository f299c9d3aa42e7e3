export { CodeBlock, type CodeBlockProps } from './code-block.tsx'
export { CodeLines, type CodeLinesProps } from './code-lines.tsx'
export { CopyButton, type CopyButtonProps, type CopyState } from './copy-button.tsx'
export {
  clearHighlightCache,
  highlightLines,
  loadHighlighter,
  peekHighlight,
  splitCodeLines,
  type HighlightedLine,
  type HighlightedToken,
  type HighlightOptions,
  type HighlightResult,
  type TokenStyle,
} from './highlighter.ts'
export { resolveLanguage, supportedLanguages } from './languages.ts'
export {
  useHighlightedLines,
  type CodeBlockState,
  type UseHighlightedLinesOptions,
  type UseHighlightedLinesResult,
} from './use-highlighted-lines.ts'
