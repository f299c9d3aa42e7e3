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
export { resolveLanguage, supportedLanguages, registerLanguages, type LanguageLoader } from './languages.ts'
export { setCodeThemes, DEFAULT_CODE_THEMES, type CodeThemes, type CodeThemeSource } from './code-themes.ts'
export {
  useHighlightedLines,
  type CodeBlockState,
  type UseHighlightedLinesOptions,
  type UseHighlightedLinesResult,
} from './use-highlighted-lines.ts'
