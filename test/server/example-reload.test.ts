// @vitest-environment node
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser, type Page } from 'playwright'
import { build } from 'vite'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { chromiumArgs, chromiumExecutable } from '../chromium.ts'

/*
 * The whole resume-after-reload path, as a user meets it: the example page (`npm run example`'s
 * build of examples/page) served by the example backend's own entry (examples/server/index.ts,
 * PORT=0), in Chromium. The fake model holds every answer halfway until the test releases it
 * (RIVULET_FAKE_HOLD=1), so the reload lands mid-answer by construction, never by timing: the
 * test waits for conditions only (text shown, request seen), each with a generous bound.
 */

const root = fileURLToPath(new URL('../../', import.meta.url))
const PROMPT = 'How do rivers resume?'
/** The last words before the fake model's hold, and the answer's last words. */
const BEFORE_HOLD = 'to talk to a real model.'
const LAST_WORDS = 'Happy streaming!'
const WAIT = { timeout: 60_000 }

let outDir = ''
let server: ChildProcess | undefined
let browser: Browser | undefined
let origin = ''
/** Every request line the server logged (RIVULET_LOG_REQUESTS=1), e.g. `POST /api/chat`. */
const serverLog: string[] = []

/** Starts examples/server/index.ts and resolves its origin from the line it prints when listening. */
function startExampleServer(publicDir: string): Promise<string> {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', RIVULET_FAKE_HOLD: '1', RIVULET_FAKE_DELAY_MS: '1', RIVULET_LOG_REQUESTS: '1', RIVULET_PUBLIC_DIR: publicDir }
  // The offline fake model, whatever the machine has configured.
  for (const key of ['OPENAI_API_KEY', 'ANTHROPIC_API_KEY', 'REDIS_URL']) delete env[key]
  const child = spawn(process.execPath, ['--import', 'tsx', 'examples/server/index.ts'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] })
  server = child
  return new Promise((resolve, reject) => {
    let pending = ''
    let stderr = ''
    child.stderr!.on('data', (chunk: Buffer) => void (stderr += chunk.toString()))
    child.stdout!.on('data', (chunk: Buffer) => {
      pending += chunk.toString()
      const lines = pending.split('\n')
      pending = lines.pop()!
      for (const line of lines) {
        const listening = /example server on (http:\/\/127\.0\.0\.1:\d+)/.exec(line)
        if (listening) resolve(listening[1]!)
        const request = /^\[rivulet example\] (\w+ \S+)$/.exec(line)
        if (request) serverLog.push(request[1]!)
      }
    })
    child.once('exit', (code) => reject(new Error(`the example server exited (${code}): ${stderr}`)))
  })
}

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'rivulet-example-page-'))
  // As `npm run example` builds it; Vitest's NODE_ENV=test would build React's development copy.
  const nodeEnv = process.env.NODE_ENV
  process.env.NODE_ENV = 'production'
  try {
    await build({ configFile: join(root, 'examples/page/vite.config.ts'), logLevel: 'warn', build: { outDir, emptyOutDir: true } })
  } finally {
    process.env.NODE_ENV = nodeEnv
  }
  origin = await startExampleServer(outDir)
  browser = await chromium.launch({ executablePath: chromiumExecutable, args: chromiumArgs })
}, 180_000)

afterAll(async () => {
  await browser?.close()
  server?.kill()
  if (outDir) await rm(outDir, { recursive: true, force: true })
})

const assistant = (page: Page) => page.locator('[data-rivulet="message"][data-role="assistant"]')

/** Lets the held answers go on; returns how many were held. */
async function release(): Promise<number> {
  const response = await fetch(`${origin}/api/fake/release`, { method: 'POST' })
  return ((await response.json()) as { released: number }).released
}

/** Opens a thread, asks the prompt and waits until the answer shows its first half (then it is held). */
async function askAndWaitForHold(page: Page, thread: string) {
  await page.goto(`${origin}/?thread=${thread}`)
  const input = page.locator('[data-rivulet="composer-input"]')
  await input.fill(PROMPT, WAIT)
  await input.press('Enter')
  await assistant(page).filter({ hasText: BEFORE_HOLD }).waitFor(WAIT)
}

/** Waits for the finished answer and returns the assistant message's visible text. */
async function finishedAnswer(page: Page): Promise<string> {
  await assistant(page).filter({ hasText: LAST_WORDS }).waitFor(WAIT)
  await page.locator('[data-rivulet="chat"]:is([data-state="ready"], [data-state="idle"])').waitFor(WAIT)
  // The markdown pipeline and the Sources list are lazy chunks: a page that just (re)loaded can
  // finish the answer first and show its text as plain paragraphs until they land.
  await assistant(page).locator('[data-rivulet="sources"]').waitFor(WAIT)
  await page.waitForFunction(() => document.querySelector('[data-rivulet="markdown-pending"]') === null, undefined, WAIT)
  return assistant(page).innerText()
}

it('reloads mid-answer and ends with the same answer as an uninterrupted run, from one POST and one resume', async () => {
  const context = await browser!.newContext()
  try {
    // The uninterrupted run: its own thread, never reloaded.
    const plain = await context.newPage()
    await askAndWaitForHold(plain, 'plain')
    expect(await release()).toBe(1)
    const expected = await finishedAnswer(plain)
    expect(expected).toContain('About “How do rivers resume?”')
    await plain.close()

    const page = await context.newPage()
    const requests: string[] = []
    page.on('request', (request) => {
      const { pathname } = new URL(request.url())
      if (pathname.startsWith('/api/')) requests.push(`${request.method()} ${pathname}`)
    })
    const logged = serverLog.length
    await askAndWaitForHold(page, 'reloaded')

    // The answer is unfinished (the server holds it): reload, and the page asks to resume.
    const resumed = page.waitForResponse((response) => response.url().endsWith('/resume'), WAIT)
    await page.reload()
    expect((await resumed).status()).toBe(200)
    // The partial answer is back from storage before the rest streams in.
    await assistant(page).filter({ hasText: BEFORE_HOLD }).waitFor(WAIT)
    expect(await release()).toBe(1)
    const answer = await finishedAnswer(page)

    expect(answer).toBe(expected)
    expect(await assistant(page).count()).toBe(1)
    expect(await page.locator('[data-rivulet="message"][data-role="user"]').count()).toBe(1)
    const chatRequests = (list: string[]) => list.filter((line) => line.startsWith('POST /api/chat') || line.startsWith('GET /api/chat'))
    const posted = (list: string[]) => chatRequests(list).filter((line) => line === 'POST /api/chat')
    const resumes = (list: string[]) => chatRequests(list).filter((line) => /^GET \/api\/chat\/[^/]+\/resume$/.test(line))
    // Counted by the browser and by the server: one POST, one resume, nothing stopped.
    expect(posted(requests)).toHaveLength(1)
    expect(resumes(requests)).toHaveLength(1)
    expect(chatRequests(requests)).toHaveLength(2)
    const serverSide = serverLog.slice(logged)
    expect(posted(serverSide)).toHaveLength(1)
    expect(resumes(serverSide)).toHaveLength(1)
    expect(chatRequests(serverSide)).toHaveLength(2)

    // Reloaded once more after the end: the stored thread alone shows the same answer, no request.
    await page.reload()
    expect(await finishedAnswer(page)).toBe(expected)
    expect(chatRequests(requests)).toHaveLength(2)
  } finally {
    await context.close()
  }
}, 400_000)
