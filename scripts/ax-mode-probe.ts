/**
 * How much of a page whose sections are `content-visibility: auto` Chromium puts in its
 * accessibility tree, depending on how accessibility was turned on: by the DevTools protocol
 * alone (what a vitest browser test can do) or for the whole renderer, as Chromium does when it
 * detects a screen reader (`--force-renderer-accessibility` stands in for one here).
 *
 * 40 headings in 10 sections of a 400 px scroller, counted at the top, scrolled to the end and
 * after 20 more headings were appended far below. Evidence for the content-visibility decision
 * (src/styles.css, markdown groups): run `npx tsx scripts/ax-mode-probe.ts`.
 */
import { chromium } from 'playwright'
import { chromiumArgs, chromiumExecutable } from '../test/chromium.ts'

const section = (style: string, headings: string[]) => `<div style="${style}">${headings.map((h) => `<h2>${h}</h2><p>${'text '.repeat(200)}</p>`).join('')}</div>`
const SKIPPING = 'content-visibility: auto; contain-intrinsic-block-size: auto 1500px'
const CONTAINED = 'contain: layout style paint'

function page(style: string): string {
  const sections = Array.from({ length: 10 }, (_, s) => section(style, Array.from({ length: 4 }, (_, i) => `H${s}-${i}`)))
  return `<!doctype html><body style="margin: 0"><div id="scroller" style="height: 400px; overflow: auto; width: 600px">${sections.join('')}</div></body>`
}

interface AxNode {
  ignored?: boolean
  role?: { value?: string }
}

for (const renderer of [false, true]) {
  const browser = await chromium.launch({ executablePath: chromiumExecutable, args: [...chromiumArgs, ...(renderer ? ['--force-renderer-accessibility'] : [])] })
  try {
    for (const [name, style] of [['content-visibility: auto', SKIPPING], ['contain: layout style paint', CONTAINED]] as const) {
      const tab = await browser.newPage()
      const session = await tab.context().newCDPSession(tab)
      await session.send('Accessibility.enable')
      await tab.setContent(page(style))
      await tab.waitForTimeout(300)
      const headings = async () => ((await session.send('Accessibility.getFullAXTree')) as { nodes: AxNode[] }).nodes.filter((n) => !n.ignored && n.role?.value === 'heading').length
      const top = await headings()
      await tab.evaluate(() => {
        const scroller = document.getElementById('scroller')!
        scroller.scrollTop = scroller.scrollHeight
      })
      await tab.waitForTimeout(500)
      const end = await headings()
      await tab.evaluate((html) => {
        const scroller = document.getElementById('scroller')!
        scroller.scrollTop = 0
        scroller.insertAdjacentHTML('beforeend', html)
      }, Array.from({ length: 5 }, () => section(style, ['late', 'late', 'late', 'late'])).join(''))
      await tab.waitForTimeout(500)
      const appended = await headings()
      console.log(`${renderer ? 'renderer accessibility (as with a screen reader)' : 'DevTools protocol only'}, ${name}: at the top ${top}/40, at the end ${end}/40, after 20 appended below ${appended}/60`)
      await tab.close()
    }
  } finally {
    await browser.close()
  }
}
