/**
 * The gzipped size of the library's own JavaScript: `src/index.ts` (hooks and every component,
 * with the core and protocol code they use) bundled and minified by Vite, the peers external.
 */
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import react from '@vitejs/plugin-react'
import { build } from 'vite'

const repoRoot = fileURLToPath(new URL('../../', import.meta.url))

/** Packages a consumer already has or that are dependencies, never counted as ours. */
const external = [/^react($|\/)/, /^react-dom($|\/)/, /^shiki($|\/)/, /^@shikijs\//, 'react-markdown', 'remark-gfm', 'partial-json']

/** Sizes of one bundle. */
export interface LibrarySize {
  /** Gzipped bytes of every chunk, lazy ones included. */
  totalGzip: number
  /** Gzipped bytes of the entry chunk alone. */
  entryGzip: number
  /** Minified bytes before gzip, every chunk. */
  totalMinified: number
  chunks: { fileName: string; gzip: number; isEntry: boolean }[]
}

type OutputItem = { type: 'chunk'; fileName: string; code: string; isEntry: boolean } | { type: 'asset'; fileName: string }

/**
 * Bundles `entry` (relative to the repository) as a consumer's bundler would: minified,
 * peers external; nothing is written to disk.
 *
 * @example
 * const size = await measureLibrarySize('src/index.ts')
 * size.totalGzip // bytes
 */
export async function measureLibrarySize(entry = 'src/index.ts'): Promise<LibrarySize> {
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
      rolldownOptions: { external },
    },
  })
  const results = (Array.isArray(output) ? output : [output]) as unknown as { output: OutputItem[] }[]
  const chunks = results
    .flatMap((r) => r.output)
    .filter((item): item is Extract<OutputItem, { type: 'chunk' }> => item.type === 'chunk')
    .map((chunk) => ({ fileName: chunk.fileName, minified: Buffer.byteLength(chunk.code), gzip: gzipSync(chunk.code, { level: 9 }).length, isEntry: chunk.isEntry }))
  if (chunks.length === 0) throw new Error(`bundling ${entry} produced no JavaScript`)
  return {
    totalGzip: chunks.reduce((n, c) => n + c.gzip, 0),
    entryGzip: chunks.filter((c) => c.isEntry).reduce((n, c) => n + c.gzip, 0),
    totalMinified: chunks.reduce((n, c) => n + c.minified, 0),
    chunks: chunks.map(({ fileName, gzip, isEntry }) => ({ fileName, gzip, isEntry })),
  }
}
