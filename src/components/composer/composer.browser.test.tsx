import { flushSync } from 'react-dom'
import { createRoot } from 'react-dom/client'
import type { Root } from 'react-dom/client'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { userEvent } from 'vitest/browser'
import { Composer } from './composer.tsx'

let host: HTMLDivElement
let root: Root
let style: HTMLStyleElement

beforeEach(() => {
  style = document.createElement('style')
  style.textContent = boxStyle
  document.head.append(style)
  host = document.createElement('div')
  host.style.width = '320px'
  document.body.append(host)
  root = createRoot(host)
})

afterEach(() => {
  root.unmount()
  host.remove()
  style.remove()
})

const LINE = 20
// Fixed metrics so the expected heights are exact: 20px lines, 8px+8px padding, 1px borders.
const boxStyle = `textarea { font: 14px/${LINE}px monospace; padding: 8px; border: 1px solid; box-sizing: border-box; width: 100%; }`

function mount(maxRows: number) {
  flushSync(() => root.render(<Composer maxRows={maxRows} onSend={() => {}} onStop={() => {}} />))
  return host.querySelector('textarea')!
}

const height = (element: HTMLElement) => element.getBoundingClientRect().height

describe('Composer in Chromium', () => {
  it('grows a line at a time with its text, then stops at maxRows and scrolls', async () => {
    const box = mount(4)
    const oneLine = LINE + 16 + 2
    expect(height(box)).toBe(oneLine)

    await userEvent.type(box, 'one{Shift>}{Enter}{/Shift}two')
    expect(height(box)).toBe(oneLine + LINE)
    expect(box.style.overflowY).toBe('hidden')

    await userEvent.type(box, '{Shift>}{Enter}{/Shift}three{Shift>}{Enter}{/Shift}four')
    expect(height(box)).toBe(oneLine + 3 * LINE)

    await userEvent.type(box, '{Shift>}{Enter}{/Shift}five{Shift>}{Enter}{/Shift}six')
    expect(height(box)).toBe(oneLine + 3 * LINE)
    expect(box.style.overflowY).toBe('auto')
    expect(box.scrollHeight).toBeGreaterThan(box.clientHeight)
    // The caret is on the last line, so that is what shows.
    expect(box.scrollTop + box.clientHeight).toBeGreaterThanOrEqual(box.scrollHeight - 1)
  })

  it('wraps long lines into extra rows and shrinks back to one line after sending', async () => {
    const box = mount(6)
    const oneLine = height(box)
    await userEvent.type(box, 'a fairly long sentence that cannot fit on one line of a narrow box')
    expect(height(box)).toBeGreaterThan(oneLine)
    await userEvent.keyboard('{Enter}')
    expect(box.value).toBe('')
    expect(height(box)).toBe(oneLine)
  })
})
