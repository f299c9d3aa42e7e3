import { expect, it } from 'vitest'

it('runs in a real Chromium with layout', () => {
  const el = document.createElement('div')
  el.style.height = '123px'
  document.body.append(el)
  expect(el.getBoundingClientRect().height).toBe(123)
  expect(navigator.userAgent).toContain('Chrome')
  el.remove()
})
