import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

// Frames and intersections happen when the test says so.
let frames: Array<() => void> = []
const runFrame = () => {
  const due = frames
  frames = []
  for (const callback of due) callback()
}
let clock = 1_000

beforeEach(() => {
  vi.resetModules()
  frames = []
  clock = 1_000
  vi.stubGlobal('requestAnimationFrame', (callback: () => void) => frames.push(callback))
  vi.spyOn(performance, 'now').mockImplementation(() => clock)
})
afterEach(() => {
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
})

/** A block with `total` tokenized lines, recording what it was granted. */
function block(total: number, element?: Element) {
  let shown = 0
  const grants: number[] = []
  return {
    grants,
    ticket: {
      element,
      wanted: () => total - shown,
      grant(count: number) {
        shown += count
        grants.push(count)
      },
    },
  }
}

describe('the shared colouring budget', () => {
  it('shows at most a frame’s lines across all blocks, newest request first, every line once', async () => {
    const { requestColourLines, SETTLED_LINES_PER_FRAME: perFrame } = await import('./colour-budget.ts')
    const a = block(perFrame)
    const b = block(perFrame)
    requestColourLines(a.ticket)
    requestColourLines(b.ticket)
    // Never synchronously.
    expect(a.grants.concat(b.grants)).toEqual([])
    runFrame()
    expect(b.grants).toEqual([perFrame])
    expect(a.grants).toEqual([])
    runFrame()
    expect(a.grants).toEqual([perFrame])
    runFrame()
    expect(a.grants.concat(b.grants).reduce((sum, n) => sum + n, 0)).toBe(2 * perFrame)
    expect(frames).toHaveLength(0)
  })

  it('waits while a scroll container scrolls, and goes on once it has been still for a while', async () => {
    const { requestColourLines, SCROLL_QUIET_MS } = await import('./colour-budget.ts')
    const a = block(3)
    requestColourLines(a.ticket)
    document.body.dispatchEvent(new Event('scroll'))
    runFrame()
    expect(a.grants).toEqual([])
    clock += SCROLL_QUIET_MS / 2
    runFrame()
    expect(a.grants).toEqual([])
    clock += SCROLL_QUIET_MS
    runFrame()
    expect(a.grants).toEqual([3])
  })

  it('does not wait for the list’s own scrolls (sticking to the bottom while an answer streams)', async () => {
    const { requestColourLines } = await import('./colour-budget.ts')
    const { markOwnScroll } = await import('../scroll/own-scroll.ts')
    const list = document.createElement('div')
    document.body.append(list)
    const a = block(3)
    requestColourLines(a.ticket)
    markOwnScroll(list)
    list.dispatchEvent(new Event('scroll'))
    runFrame()
    expect(a.grants).toEqual([3])
    list.remove()
  })

  it('serves a block with an element only while it is near the viewport, and a withdrawn one never', async () => {
    const { requestColourLines, SCROLL_QUIET_MS, SHOW_MARGIN_PX } = await import('./colour-budget.ts')
    const element = document.createElement('pre')
    document.body.append(element)
    let top = window.innerHeight + SHOW_MARGIN_PX + 500
    element.getBoundingClientRect = () => ({ top, bottom: top + 100 }) as DOMRect
    const far = block(2, element)
    requestColourLines(far.ticket)
    runFrame()
    expect(far.grants).toEqual([])
    // Nothing waits for a frame while no block can be served.
    expect(frames).toHaveLength(0)
    // The reader scrolls towards it: once the scrolling pauses, it shows.
    top = window.innerHeight + SHOW_MARGIN_PX - 50
    document.dispatchEvent(new Event('scroll'))
    clock += SCROLL_QUIET_MS + 1
    runFrame()
    expect(far.grants).toEqual([2])

    const gone = block(2)
    const withdraw = requestColourLines(gone.ticket)
    withdraw()
    runFrame()
    expect(gone.grants).toEqual([])
    element.remove()
  })
})
