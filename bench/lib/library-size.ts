/**
 * Gzipped sizes of bundles, built as a consumer's bundler builds them: Vite (Rolldown),
 * production mode, minified as an app build minifies (whitespace and comments too: Vite's library
 * mode keeps both in `es` output, which a consumer's app build then removes), nothing written to
 * disk. A chunk counts as eager when the entry
 * chunk imports it statically (directly or through another eager chunk): it loads with the
 * page. Chunks reached only through `import()` are lazy: they load when a feature needs them.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import react from '@vitejs/plugin-react'
import { build } from 'vite'

const repoRoot = fileURLToPath(new URL('../../', import.meta.url))
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  dependencies: Record<string, string>
  peerDependencies: Record<string, string>
}

const packagePattern = (name: string) => new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}($|/)`)

/** What an app already has (React) and Shiki, which loads on the first code block and is measured by the markdown suite. */
export const APP_PROVIDED: RegExp[] = ['react', 'react-dom', 'shiki', '@shikijs'].map((name) => new RegExp(`^${name.replace('/', '\\/')}($|/)`))

/**
 * Everything that is not the library's own code: its peers, Shiki and every package in
 * `dependencies` (react-markdown, the GFM parser extensions, partial-json…), read from
 * package.json so a new dependency can never be counted as ours.
 */
export const NOT_OWN: RegExp[] = [...APP_PROVIDED, ...Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies }).map(packagePattern)]

/** One output chunk. */
export interface ChunkSize {
  fileName: string
  gzip: number
  minified: number
  /** Loads with the entry (statically imported), as opposed to on demand. */
  eager: boolean
}

/** One source module's share of the eager chunks, before gzip (gzip does not split by module). */
export interface ModuleShare {
  /** Path relative to the repository (or `node_modules/<package>/…`). */
  id: string
  /** Its rendered code in the chunk, before the chunk is minified. */
  minified: number
  /** That code gzipped alone: an upper bound of its share (gzip across modules shares strings). */
  gzip: number
}

/** Sizes of one bundle. */
export interface BundleSize {
  /** Gzipped bytes of the entry chunk and every chunk it imports statically. */
  eagerGzip: number
  /** Gzipped bytes of the chunks only reached through `import()`. */
  lazyGzip: number
  eagerMinified: number
  lazyMinified: number
  chunks: ChunkSize[]
  /** Modules in the eager chunks, largest first. */
  eagerModules: ModuleShare[]
}

type OutputChunk = {
  type: 'chunk'
  fileName: string
  code: string
  isEntry: boolean
  imports: string[]
  modules: Record<string, { renderedLength: number; code?: string | null }>
}
type OutputItem = OutputChunk | { type: 'asset'; fileName: string }

/**
 * Bundles `entry` (a path relative to the repository) with `external` left out and sizes the
 * result. Gzip level 9, as a server precompressing static files would.
 *
 * @example
 * const own = await measureBundle('src/index.ts', NOT_OWN)
 * own.eagerGzip // bytes loaded with the page
 */
export async function measureBundle(entry: string, external: RegExp[]): Promise<BundleSize> {
  const output = await build({
    configFile: false,
    root: repoRoot,
    mode: 'production',
    logLevel: 'silent',
    plugins: [react()],
    build: {
      write: false,
      minify: true,
      sourcemap: false,
      copyPublicDir: false,
      lib: { entry, formats: ['es'] },
      rolldownOptions: {
        external,
        // What an app build does (Vite's library mode turns codegen minification and comment
        // removal off for `es`), so the figure is what a consumer ships, not a library file.
        output: { minify: true, comments: { annotation: false, jsdoc: false, legal: false } },
      },
    },
  })
  const results = (Array.isArray(output) ? output : [output]) as unknown as { output: OutputItem[] }[]
  const all = results.flatMap((r) => r.output).filter((item): item is OutputChunk => item.type === 'chunk')
  if (all.length === 0) throw new Error(`bundling ${entry} produced no JavaScript`)

  const byName = new Map(all.map((chunk) => [chunk.fileName, chunk]))
  const eager = new Set<string>()
  const visit = (chunk: OutputChunk) => {
    if (eager.has(chunk.fileName)) return
    eager.add(chunk.fileName)
    for (const name of chunk.imports) {
      const imported = byName.get(name)
      if (imported) visit(imported)
    }
  }
  for (const chunk of all) if (chunk.isEntry) visit(chunk)

  const chunks = all.map((chunk) => ({
    fileName: chunk.fileName,
    gzip: gzipSync(chunk.code, { level: 9 }).length,
    minified: Buffer.byteLength(chunk.code),
    eager: eager.has(chunk.fileName),
  }))
  const sum = (list: ChunkSize[], key: 'gzip' | 'minified') => list.reduce((n, c) => n + c[key], 0)
  const eagerChunks = chunks.filter((c) => c.eager)
  const lazyChunks = chunks.filter((c) => !c.eager)
  const eagerModules = all
    .filter((chunk) => eager.has(chunk.fileName))
    .flatMap((chunk) => Object.entries(chunk.modules))
    .map(([id, module]) => ({ id: relativeId(id), minified: module.renderedLength, gzip: module.code ? gzipSync(module.code, { level: 9 }).length : 0 }))
    .filter((module) => module.minified > 0)
    .sort((a, b) => b.minified - a.minified)
  return {
    eagerGzip: sum(eagerChunks, 'gzip'),
    lazyGzip: sum(lazyChunks, 'gzip'),
    eagerMinified: sum(eagerChunks, 'minified'),
    lazyMinified: sum(lazyChunks, 'minified'),
    chunks,
    eagerModules,
  }
}

function relativeId(id: string): string {
  const clean = id.replace(/\?.*$/, '').replace(/^\0/, '')
  const inModules = clean.lastIndexOf('/node_modules/')
  if (inModules >= 0) return clean.slice(inModules + 1)
  return clean.startsWith(repoRoot) ? clean.slice(repoRoot.length) : clean
}
