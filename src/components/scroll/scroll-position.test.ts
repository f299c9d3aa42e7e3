import { describe, expect, it } from 'vitest'
import { decidePin, distanceFromBottom, isEditableTarget, isScrollUpKey } from './scroll-position.ts'
import type { PinDecision, ScrollMove } from './scroll-position.ts'

describe('distanceFromBottom', () => {
  it('measures the gap between the visible bottom and the end of the content', () => {
    expect(distanceFromBottom({ scrollTop: 600, scrollHeight: 1000, clientHeight: 300 })).toBe(100)
    expect(distanceFromBottom({ scrollTop: 700, scrollHeight: 1000, clientHeight: 300 })).toBe(0)
  })

  it('is never negative during elastic overscroll', () => {
    expect(distanceFromBottom({ scrollTop: 720, scrollHeight: 1000, clientHeight: 300 })).toBe(0)
  })
})

describe('decidePin', () => {
  const move = (top: number, previousTop: number, distance: number, userIntent = false): ScrollMove => ({
    top,
    previousTop,
    distance,
    threshold: 50,
    userIntent,
  })

  it.each<[string, ScrollMove, PinDecision]>([
    ['a scroll up that ends far from the bottom detaches', move(300, 700, 400), 'detach'],
    ['a small scroll up during a gesture on the container detaches', move(690, 700, 10, true), 'detach'],
    ['a small scroll up with no gesture behind it keeps the pin', move(690, 700, 10), 'keep'],
    ['content shrinking clamps the offset up but leaves the view at the end', move(500, 700, 0, true), 'keep'],
    ['coming back down to within the threshold re-attaches', move(660, 300, 40), 'attach'],
    ['reaching the very end re-attaches', move(700, 650, 0), 'attach'],
    ['scrolling down but still far away changes nothing', move(400, 300, 300), 'keep'],
    ['an event without movement changes nothing', move(700, 700, 0), 'keep'],
  ])('%s', (_name, input, decision) => {
    expect(decidePin(input)).toBe(decision)
  })
})

describe('isScrollUpKey', () => {
  it.each([
    [{ key: 'PageUp' }, true],
    [{ key: 'ArrowUp' }, true],
    [{ key: 'Home' }, true],
    [{ key: 'Home', ctrlKey: true }, true],
    [{ key: ' ', shiftKey: true }, true],
    [{ key: ' ' }, false],
    [{ key: 'PageDown' }, false],
    [{ key: 'End' }, false],
    [{ key: 'ArrowDown' }, false],
    [{ key: 'a' }, false],
  ])('%o → %s', (event, expected) => {
    expect(isScrollUpKey(event)).toBe(expected)
  })
})

describe('isEditableTarget', () => {
  it('recognises text fields and editable content, not plain elements', () => {
    document.body.innerHTML = `
      <textarea></textarea><input><div contenteditable="true"><span id="inside">x</span></div>
      <div id="plain" tabindex="0"></div>`
    expect(isEditableTarget(document.querySelector('textarea'))).toBe(true)
    expect(isEditableTarget(document.querySelector('input'))).toBe(true)
    expect(isEditableTarget(document.getElementById('inside'))).toBe(true)
    expect(isEditableTarget(document.getElementById('plain'))).toBe(false)
    expect(isEditableTarget(null)).toBe(false)
    expect(isEditableTarget(window)).toBe(false)
    document.body.innerHTML = ''
  })
})
