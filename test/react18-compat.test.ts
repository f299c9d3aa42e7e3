import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'

// The unit-react18 and browser-react18 projects catch these at run time; this names the
// line of a React-19-only API before any test renders it (peer range: ^18.3 || ^19).
const src = resolve(dirname(fileURLToPath(import.meta.url)), '../src')

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sources(path)
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : []
  })
}

function findings(file: string): string[] {
  const text = readFileSync(file, 'utf8')
  const where = relative(src, file)
  const found: string[] = []
  const reactImports = [...text.matchAll(/import\s*\{([^}]*)\}\s*from\s*'react'/g)].flatMap((m) => m[1]!.split(','))
  if (reactImports.some((name) => /^\s*use\s*$/.test(name))) found.push(`${where}: imports use() (React 19 only)`)
  for (const name of ['useActionState', 'useOptimistic', 'useFormStatus'])
    if (reactImports.some((n) => n.trim() === name)) found.push(`${where}: imports ${name} (React 19 only)`)
  for (const [, context] of text.matchAll(/const\s+(\w+)\s*=\s*createContext\b/g)) {
    if (new RegExp(`<${context}[\\s>]`).test(text)) found.push(`${where}: <${context} value> — use <${context}.Provider value> (React 18.3)`)
  }
  if (/ComponentPropsWithRef</.test(text)) found.push(`${where}: ComponentPropsWithRef — React 18 passes no ref prop; use forwardRef + ComponentPropsWithoutRef`)
  return found
}

it('uses no React-19-only API in src/ (context as provider, use(), ref as a plain prop)', () => {
  expect(sources(src).flatMap(findings)).toEqual([])
})
