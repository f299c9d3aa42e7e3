import type { LanguageRegistration } from 'shiki/core'

/** A lazily imported TextMate grammar (with the grammars it embeds). */
export type LanguageLoader = () => Promise<{ default: LanguageRegistration[] }>

/**
 * The curated default grammars, keyed by Shiki's language id: what chat answers mostly
 * contain, each chunk small. Every entry is a dynamic `import()` with a literal specifier
 * so bundlers split each grammar into its own chunk and a page only downloads the
 * languages it actually shows. C++ is left out: its grammar (with the ones it embeds) is
 * an 800 kB chunk that trips Vite's chunk-size warning in every consumer build; add it,
 * or any other Shiki grammar, with {@link registerLanguages}.
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
  css: () => import('shiki/langs/css.mjs'),
  html: () => import('shiki/langs/html.mjs'),
  sql: () => import('shiki/langs/sql.mjs'),
  yaml: () => import('shiki/langs/yaml.mjs'),
  markdown: () => import('shiki/langs/markdown.mjs'),
  diff: () => import('shiki/langs/diff.mjs'),
}

/** What models and people actually write after the fence, mapped to a grammar id (used once that grammar is registered). */
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

/**
 * Adds grammars (or replaces default ones) that code blocks can highlight, loaded on
 * demand the first time a block in that language is shown, plus extra names for them.
 * Pass lazy `import()`s so bundlers keep each grammar in its own chunk; Shiki's whole
 * catalogue works too (`import { bundledLanguages } from 'shiki/langs'`), at the cost of
 * a chunk per language in your build.
 *
 * @example
 * registerLanguages({ cpp: () => import('shiki/langs/cpp.mjs'), kotlin: () => import('shiki/langs/kotlin.mjs') }, { kt: 'kotlin' })
 */
export function registerLanguages(languages: Readonly<Record<string, LanguageLoader>>, extraAliases: Readonly<Record<string, string>> = {}): void {
  // defineProperty: a key like `__proto__` becomes an ordinary entry, never the prototype.
  const set = (record: object, key: string, value: unknown) =>
    Object.defineProperty(record, key.toLowerCase(), { value, enumerable: true, writable: true, configurable: true })
  for (const [id, loader] of Object.entries(languages)) set(loaders, id, loader)
  for (const [alias, id] of Object.entries(extraAliases)) set(aliases, alias, id.toLowerCase())
}
