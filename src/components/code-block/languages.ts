import type { LanguageRegistration } from 'shiki/core'

/** A lazily imported TextMate grammar (with the grammars it embeds). */
export type LanguageLoader = () => Promise<{ default: LanguageRegistration[] }>

/**
 * Grammars we ship, keyed by Shiki's language id. Every entry is a dynamic `import()` with
 * a literal specifier so bundlers split each grammar into its own chunk and a page only
 * downloads the languages it actually shows.
 */
const loaders: Record<string, LanguageLoader> = {
  typescript: () => import('shiki/langs/typescript.mjs'),
  tsx: () => import('shiki/langs/tsx.mjs'),
  javascript: () => import('shiki/langs/javascript.mjs'),
  jsx: () => import('shiki/langs/jsx.mjs'),
  json: () => import('shiki/langs/json.mjs'),
  shellscript: () => import('shiki/langs/shellscript.mjs'),
  python: () => import('shiki/langs/python.mjs'),
  go: () => import('shiki/langs/go.mjs'),
  rust: () => import('shiki/langs/rust.mjs'),
  java: () => import('shiki/langs/java.mjs'),
  c: () => import('shiki/langs/c.mjs'),
  cpp: () => import('shiki/langs/cpp.mjs'),
  css: () => import('shiki/langs/css.mjs'),
  html: () => import('shiki/langs/html.mjs'),
  sql: () => import('shiki/langs/sql.mjs'),
  yaml: () => import('shiki/langs/yaml.mjs'),
  markdown: () => import('shiki/langs/markdown.mjs'),
  diff: () => import('shiki/langs/diff.mjs'),
}

/** What models and people actually write after the fence, mapped to a grammar id. */
const aliases: Record<string, string> = {
  ts: 'typescript',
  mts: 'typescript',
  cts: 'typescript',
  js: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  node: 'javascript',
  jsonc: 'json',
  json5: 'json',
  bash: 'shellscript',
  sh: 'shellscript',
  shell: 'shellscript',
  zsh: 'shellscript',
  console: 'shellscript',
  py: 'python',
  python3: 'python',
  golang: 'go',
  rs: 'rust',
  h: 'c',
  'c++': 'cpp',
  cc: 'cpp',
  cxx: 'cpp',
  hpp: 'cpp',
  htm: 'html',
  xhtml: 'html',
  postgres: 'sql',
  postgresql: 'sql',
  mysql: 'sql',
  sqlite: 'sql',
  yml: 'yaml',
  md: 'markdown',
  patch: 'diff',
}

/**
 * The grammar id for a fence's info string, or `undefined` when we have no grammar for
 * it (such code stays plain; nothing is fetched). Case and extra info-string words
 * (`ts title="a.ts"`) are ignored.
 *
 * @example
 * resolveLanguage('TS') // 'typescript'
 * resolveLanguage('bash') // 'shellscript'
 * resolveLanguage('klingon') // undefined
 */
export function resolveLanguage(language: string | undefined): string | undefined {
  const word = language?.trim().split(/\s+/, 1)[0]?.toLowerCase()
  if (!word) return undefined
  const id = Object.hasOwn(aliases, word) ? aliases[word] : word
  return id !== undefined && Object.hasOwn(loaders, id) ? id : undefined
}

/**
 * The lazy loader of a grammar id returned by {@link resolveLanguage}.
 *
 * @example
 * const grammar = await languageLoader('typescript')?.()
 */
export function languageLoader(id: string): LanguageLoader | undefined {
  return Object.hasOwn(loaders, id) ? loaders[id] : undefined
}

/**
 * Every grammar id the code block can highlight.
 *
 * @example
 * supportedLanguages().includes('rust') // true
 */
export function supportedLanguages(): string[] {
  return Object.keys(loaders)
}
