// @vitest-environment node
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { extname, join, normalize, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { chromium, type Browser } from 'playwright'
import { build, createLogger, type Logger } from 'vite'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { chromiumArgs, chromiumExecutable } from '../chromium.ts'

/*
 * The theme as a consumer gets it: a small app (test/consumer/app) importing styles.css and
 * <Chat>, built by `vite build` with Vite's default settings (default build target and CSS
 * target, default minifier), then opened in Chromium. A theme that a bundler can rewrite
 * (light-dark() became lightningcss variables and the chat lost every colour) fails here on
 * the computed colours; a grammar or dependency that bloats a chunk fails on its size.
 */

const appDir = fileURLToPath(new URL('./app/', import.meta.url))
const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' }

let outDir = ''
let server: Server | undefined
let browser: Browser | undefined
let origin = ''
const logged: string[] = []

/** Vite's own logger, also recording every warning and error (the chunk-size warning is one). */
function recordingLogger(): Logger {
  const logger = createLogger('warn')
  const record = (level: string, message: string) => logged.push(`${level}: ${message}`)
  return {
    ...logger,
    warn: (message, options) => (record('warn', message), logger.warn(message, options)),
    warnOnce: (message, options) => (record('warn', message), logger.warnOnce(message, options)),
    error: (message, options) => (record('error', message), logger.error(message, options)),
  }
}

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'rivulet-consumer-'))
  // As `npx vite build` runs it: Vitest sets NODE_ENV=test, which would build React's development copy.
  const nodeEnv = process.env.NODE_ENV
  process.env.NODE_ENV = 'production'
  try {
    await build({
      configFile: false,
      root: appDir,
      logLevel: 'warn',
      customLogger: recordingLogger(),
      plugins: [react()],
      build: { outDir, emptyOutDir: true },
    })
  } finally {
    process.env.NODE_ENV = nodeEnv
  }
  server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)
    const file = normalize(join(outDir, path === '/' ? 'index.html' : path))
    if (!file.startsWith(outDir + sep)) return void response.writeHead(403).end()
    readFile(file).then(
      (body) => response.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(body),
      () => response.writeHead(404).end(),
    )
  })
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('no port')
  origin = `http://127.0.0.1:${address.port}`
  browser = await chromium.launch({ executablePath: chromiumExecutable, args: chromiumArgs })
}, 180_000)

afterAll(async () => {
  await browser?.close()
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)))
  if (outDir) await rm(outDir, { recursive: true, force: true })
})

/** Vite's chunk-size warning, printed when any chunk is over `build.chunkSizeWarningLimit` (500 kB). */
const CHUNK_WARNING = /larger than \d+ kB after minification/

it('builds with no warning at all: every chunk, the main one and the lazy markdown parser, is under the limit', async () => {
  const assets = await readdir(join(outDir, 'assets'))
  const scripts = await Promise.all(
    assets.filter((name) => name.endsWith('.js')).map(async (name) => ({ name, bytes: (await readFile(join(outDir, 'assets', name))).byteLength })),
  )
  // The markdown parser is a chunk of its own (markdown-loader.ts imports it lazily).
  expect(scripts.filter((script) => /^markdown-source-/.test(script.name))).toHaveLength(1)
  // Vite measures kB as 1,000 bytes: no chunk over 500 kB, so no "Some chunks are larger" warning.
  expect(scripts.filter((script) => script.bytes > 500_000)).toEqual([])
  expect(logged.filter((line) => CHUNK_WARNING.test(line))).toEqual([])
  // Nothing else warned either, but for Rolldown's plugin timings: a report of how long
  // plugins ran, which a loaded machine triggers (a test must not depend on machine speed).
  expect(logged.filter((line) => !line.includes('[PLUGIN_TIMINGS]'))).toEqual([])
  // The built theme kept plain colour values: nothing for a bundler to rewrite.
  const css = await Promise.all(assets.filter((name) => name.endsWith('.css')).map((name) => readFile(join(outDir, 'assets', name), 'utf8')))
  const theme = css.join('')
  expect(theme.includes('--rivulet-dark-bg'), 'the theme is in the build').toBe(true)
  expect(theme.includes('light-dark('), 'light-dark() in the built CSS').toBe(false)
})

/** Computed colours of each chat in the built app, with the OS in `scheme`. */
async function colours(scheme: 'light' | 'dark') {
  const context = await browser!.newContext({ colorScheme: scheme, viewport: { width: 1200, height: 600 } })
  try {
    const page = await context.newPage()
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    await page.goto(origin)
    await page.waitForSelector('#system [data-rivulet="message"][data-role="user"]')
    const result = await page.evaluate(() =>
      Object.fromEntries(
        ['light', 'dark', 'system'].map((id) => {
          const chat = document.getElementById(id)!
          const bubble = chat.querySelector('[data-rivulet="message"][data-role="user"]')!
          return [id, { chat: getComputedStyle(chat).backgroundColor, bubble: getComputedStyle(bubble).backgroundColor, text: getComputedStyle(bubble).color, height: chat.getBoundingClientRect().height }]
        }),
      ),
    )
    expect(errors).toEqual([])
    return result
  } finally {
    await context.close()
  }
}

const light = { chat: 'rgb(255, 255, 255)', bubble: 'rgb(238, 242, 255)', text: 'rgb(30, 27, 75)' }
const dark = { chat: 'rgb(13, 17, 23)', bubble: 'rgb(30, 42, 74)', text: 'rgb(224, 231, 255)' }

it('shows the theme colours in a light OS: light and system chats light, the dark chat dark', async () => {
  const result = await colours('light')
  expect(result.light).toMatchObject(light)
  expect(result.dark).toMatchObject(dark)
  expect(result.system).toMatchObject(light)
  // Sized by its parent (400 px), not by its content or the viewport.
  expect(result.light!.height).toBe(400)
})

it('shows the theme colours in a dark OS: the system chat follows it, the default stays light', async () => {
  const result = await colours('dark')
  expect(result.light).toMatchObject(light)
  expect(result.dark).toMatchObject(dark)
  expect(result.system).toMatchObject(dark)
})

/** The first chat's assistant message, as the reader sees it, after the page has settled. */
async function assistantMessage(blockParser: boolean) {
  const context = await browser!.newContext({ viewport: { width: 1200, height: 600 } })
  try {
    const page = await context.newPage()
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    const chunk = /\/assets\/markdown-source-[^/]*\.js$/
    // A deployment that lost the chunk, or a network that dropped it: the request fails.
    if (!blockParser) await page.route(chunk, (route) => route.abort())
    const failed = blockParser ? undefined : page.waitForEvent('requestfailed', { predicate: (request) => chunk.test(request.url()), timeout: 60_000 })
    await page.goto(origin)
    const message = page.locator('#light [data-rivulet="message"][data-role="assistant"]')
    // The code block needs no parser: it shows either way.
    await message.locator('pre').waitFor()
    if (blockParser) await message.locator('strong').waitFor()
    else {
      await failed
      // Let the failed import settle (its rejection handlers run in the tasks after the failure).
      for (let i = 0; i < 3; i++) await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)))
    }
    const shown = await message.evaluate((element) => ({
      strong: element.querySelector('strong')?.textContent ?? null,
      pending: element.querySelector('[data-rivulet="markdown-pending"]')?.textContent ?? null,
      code: element.querySelector('pre')?.textContent ?? null,
    }))
    return { shown, errors }
  } finally {
    await context.close()
  }
}

it('renders the markdown once its lazy chunk has loaded', async () => {
  const { shown, errors } = await assistantMessage(true)
  expect(shown).toEqual({ strong: 'TypeScript', pending: null, code: expect.stringContaining('const answer: number = 42') })
  expect(errors).toEqual([])
})

it('shows the text, and nothing broken, when the markdown chunk fails to load', async () => {
  const { shown, errors } = await assistantMessage(false)
  expect(shown).toEqual({ strong: null, pending: 'Here, in **TypeScript**:', code: expect.stringContaining('const answer: number = 42') })
  expect(errors).toEqual([])
})
