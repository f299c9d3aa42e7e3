// Screenshots stories from a built Storybook (npm run build-storybook) in Debian's Chromium, so
// you can look at what you built. Usage:
//   node scripts/screenshot-stories.mjs <out-dir> <story-id>[@<wait-ms>] ...
// Serves storybook-static on a loopback port for the duration of the run.
import { createServer } from 'node:http'
import { readFile, mkdir } from 'node:fs/promises'
import { extname, join, normalize } from 'node:path'
import { chromium } from 'playwright'

const [outDir = 'screenshots', ...stories] = process.argv.slice(2)
const root = 'storybook-static'
const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.woff2': 'font/woff2' }

const server = createServer(async (req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '')
  try {
    const body = await readFile(join(root, path.endsWith('/') ? `${path}index.html` : path))
    res.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' })
    res.end(body)
  } catch {
    res.writeHead(404).end()
  }
})
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
const port = server.address().port

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
})
await mkdir(outDir, { recursive: true })
try {
  for (const spec of stories) {
    const [id, wait = '4000'] = spec.split('@')
    const page = await browser.newPage({ viewport: { width: 1000, height: 720 } })
    page.on('pageerror', (error) => console.error(`${id}: page error: ${error.message}`))
    await page.goto(`http://127.0.0.1:${port}/iframe.html?id=${id}&viewMode=story`)
    await page.waitForTimeout(Number(wait))
    const file = join(outDir, `${id}.png`)
    await page.screenshot({ path: file, fullPage: true })
    console.log(file)
    await page.close()
  }
} finally {
  await browser.close()
  server.close()
}
