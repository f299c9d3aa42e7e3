import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const src = resolve(dirname(fileURLToPath(import.meta.url)), '../src')

/** What each layer may import: itself and the layers below it. */
const allowed: Record<string, string[]> = {
  protocol: ['protocol'],
  core: ['core', 'protocol'],
  react: ['react', 'core', 'protocol'],
  components: ['components', 'react', 'core', 'protocol'],
  mocks: ['mocks', 'protocol'],
  server: ['server', 'protocol'],
  cli: ['cli', 'protocol'],
}

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return files(path)
    return /\.tsx?$/.test(entry.name) ? [path] : []
  })
}

const layerOf = (path: string) => relative(src, path).split(/[\\/]/)[0]!

describe('layers', () => {
  it('only import downwards: components → react → core → protocol (mocks and server use protocol)', () => {
    const violations: string[] = []
    for (const file of files(src)) {
      const layer = layerOf(file)
      if (!(layer in allowed)) continue // the package entry points (src/index.ts) may import anything
      // Tests may also use the testing kit, whatever layer they test.
      const mayImport = /\.test\.tsx?$/.test(file) ? [...allowed[layer]!, 'mocks'] : allowed[layer]!
      const text = readFileSync(file, 'utf8')
      for (const [, specifier] of text.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
        if (specifier!.endsWith('.css')) continue // the theme is not a layer
        const target = resolve(dirname(file), specifier!)
        if (!target.startsWith(src)) continue
        const targetLayer = layerOf(target)
        if (!mayImport.includes(targetLayer)) violations.push(`${relative(src, file)} imports ${specifier}`)
      }
    }
    expect(violations).toEqual([])
  })

  it('keep React and the DOM out of protocol and core', () => {
    const offenders = files(src)
      .filter((f) => ['protocol', 'core'].includes(layerOf(f)))
      .filter((f) => /from ['"](react|react-dom)['"]/.test(readFileSync(f, 'utf8')))
    expect(offenders).toEqual([])
  })
})
