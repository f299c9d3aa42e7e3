/**
 * Runs a benchmark page in real Chromium: builds `bench/browser/<entry>.html` with Vite in
 * production mode, serves the output on loopback and opens it with playwright. Timing happens
 * inside the page (`window.__bench`); Node only drives it and reads the results back.
 */
import { readFile, mkdtemp, rm } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { extname, join, normalize, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import react from '@vitejs/plugin-react'
import { chromium, type Browser, type Page } from 'playwright'
import { build } from 'vite'
import { chromiumArgs, chromiumExecutable } from '../../test/chromium.ts'

const browserDir = fileURLToPath(new URL('../browser/', import.meta.url))

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
}

/** Options of {@link openBenchPage}. */
export interface BenchPageOptions {
  /** `bench/browser/<entry>.html`. */
  entry: string
  /**
   * Resolve `react-dom/client` to React's profiling build, whose `<Profiler onRender>` works
   * in production. It times every component, so pages that time rendering must not use it.
   */
  profiling?: boolean
  log: (message: string) => void
}

/** A built, served bench page in a running Chromium. */
export interface BenchPage {
  browser: Browser
  /** Origin the build is served from, e.g. `http://127.0.0.1:41234`. */
  origin: string
  /** Opens the entry's page in a fresh browser context (cold HTTP and module caches). */
  newPage(): Promise<Page>
  /** Gzipped size (level 9) of a served file, by URL path; `undefined` if not in the build. */
  gzipSize(path: string): Promise<number | undefined>
  close(): Promise<void>
}

function serve(root: string): Promise<Server> {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)
    const file = normalize(join(root, path))
    if (!file.startsWith(root + sep)) {
      response.writeHead(403).end()
      return
    }
    readFile(file).then(
      (body) => {
        // Cross-origin isolation gives the page 5 µs timers instead of 100 µs. No caching
        // headers: every context starts cold anyway, and sizes are taken from disk.
        response.writeHead(200, {
          'content-type': contentTypes[extname(file)] ?? 'application/octet-stream',
          'cross-origin-opener-policy': 'same-origin',
          'cross-origin-embedder-policy': 'require-corp',
        })
        response.end(body)
      },
      () => response.writeHead(404).end(),
    )
  })
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve(server))
  })
}

/**
 * Builds and serves one bench page and launches Chromium for it.
 *
 * @example
 * const bench = await openBenchPage({ entry: 'markdown', log: ctx.log })
 * try {
 *   const page = await bench.newPage()
 *   const result = await page.evaluate(() => window.__bench.run())
 * } finally {
 *   await bench.close()
 * }
 */
export async function openBenchPage(options: BenchPageOptions): Promise<BenchPage> {
  const outDir = await mkdtemp(join(tmpdir(), `rivulet-bench-${options.entry}-`))
  options.log(`building bench/browser/${options.entry}.html (vite, production${options.profiling ? ', React profiling build' : ''})`)
  await build({
    configFile: false,
    root: browserDir,
    base: '/',
    mode: 'production',
    logLevel: 'warn',
    plugins: [react()],
    resolve: {
      alias: options.profiling ? [{ find: /^react-dom\/client$/, replacement: 'react-dom/profiling' }] : [],
    },
    build: {
      outDir,
      emptyOutDir: true,
      copyPublicDir: false,
      sourcemap: false,
      reportCompressedSize: false,
      // BENCH_MINIFY=0 keeps function names, so a trace or profile says what ran (for diagnosis; figures are from minified builds).
      minify: process.env['BENCH_MINIFY'] !== '0',
      rolldownOptions: { input: join(browserDir, `${options.entry}.html`) },
    },
  })

  const server = await serve(outDir)
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('bench server has no port')
  const origin = `http://127.0.0.1:${address.port}`
  const browser = await chromium.launch({
    executablePath: chromiumExecutable,
    args: chromiumArgs,
  })

  return {
    browser,
    origin,
    async newPage() {
      const context = await browser.newContext({ viewport: { width: 1000, height: 800 } })
      const page = await context.newPage()
      page.on('pageerror', (error) => options.log(`page error: ${error.message}`))
      // Loopback only: anything else is a bug in the page, and must not reach the network.
      await context.route(/^(?!http:\/\/127\.0\.0\.1:)/, (route) => route.abort())
      await page.goto(`${origin}/${options.entry}.html`)
      await page.waitForFunction(() => (window as { __bench?: unknown }).__bench !== undefined)
      return page
    },
    async gzipSize(path) {
      const file = normalize(join(outDir, path))
      if (!file.startsWith(outDir + sep)) return undefined
      try {
        return gzipSync(await readFile(file), { level: 9 }).length
      } catch {
        return undefined
      }
    },
    async close() {
      await browser.close()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await rm(outDir, { recursive: true, force: true })
    },
  }
}
