import { afterAll, beforeAll, expect, it } from 'vitest'
import themeCss from '../../src/styles.css?raw'

/*
 * Which side of the palette each Rivulet element gets, for every way data-theme can be set:
 * on ancestors (nearest wins, two levels deep), on the chat itself, on a part inside a chat,
 * and with colour overrides for both schemes. Plain DOM with data-rivulet attributes: the
 * theme only reads those.
 */

const LIGHT_BG = 'rgb(255, 255, 255)'
const DARK_BG = 'rgb(13, 17, 23)'
const TEAL = 'rgb(15, 118, 110)'
const ORANGE = 'rgb(234, 88, 12)'

const style = document.createElement('style')
const host = document.createElement('div')
beforeAll(() => {
  style.textContent = `${themeCss}
    .teal { --rivulet-accent: ${TEAL}; }
    .orange-dark { --rivulet-dark-accent: ${ORANGE}; }
    .brand { --rivulet-bg: ${TEAL}; }`
  document.head.append(style)
  document.body.append(host)
})
afterAll(() => {
  style.remove()
  host.remove()
})

/** Renders `html`, returns the computed background and accent of the element marked `id="t"`. */
function probe(html: string): { bg: string; accent: string; scheme: string } {
  host.innerHTML = html
  const target = host.querySelector('#t')!
  const computed = getComputedStyle(target)
  return { bg: computed.backgroundColor, accent: computed.getPropertyValue('--rivulet-accent').trim(), scheme: computed.colorScheme }
}

const chat = (attrs = '') => `<div data-rivulet="chat" id="t" ${attrs}></div>`

it.each([
  ['no data-theme anywhere', chat(), LIGHT_BG, 'light'],
  ['dark on an ancestor', `<div data-theme="dark"><section>${chat()}</section></div>`, DARK_BG, 'dark'],
  ['light on an ancestor', `<div data-theme="light">${chat()}</div>`, LIGHT_BG, 'light'],
  ['light inside dark', `<div data-theme="dark"><div data-theme="light">${chat()}</div></div>`, LIGHT_BG, 'light'],
  ['dark inside light', `<div data-theme="light"><div data-theme="dark">${chat()}</div></div>`, DARK_BG, 'dark'],
  ['system inside dark, OS light', `<div data-theme="dark"><div data-theme="system">${chat()}</div></div>`, LIGHT_BG, 'light'],
  ['dark on the chat itself', chat('data-theme="dark"'), DARK_BG, 'dark'],
  ['light on the chat itself inside dark', `<div data-theme="dark">${chat('data-theme="light"')}</div>`, LIGHT_BG, 'light'],
  ['system on the chat itself, OS light', `<div data-theme="dark">${chat('data-theme="system"')}</div>`, LIGHT_BG, 'light'],
])('%s', (_name, html, bg, scheme) => {
  const result = probe(html)
  expect(result.bg).toBe(bg)
  expect(result.scheme).toBe(scheme)
})

it('a light part inside a dark chat starts again from the light palette', () => {
  host.innerHTML = `<div data-rivulet="chat" data-theme="dark"><div data-rivulet="tool-call" data-theme="light" id="t"></div><div data-rivulet="tool-call" id="d"></div></div>`
  expect(getComputedStyle(host.querySelector('#t')!).backgroundColor).toBe(LIGHT_BG)
  expect(getComputedStyle(host.querySelector('#d')!).backgroundColor).toBe(DARK_BG)
})

it('a page-wide override applies in light; its dark twin in dark', () => {
  expect(probe(`<div class="teal orange-dark">${chat()}</div>`).accent).toBe(TEAL)
  expect(probe(`<div class="teal orange-dark" data-theme="dark">${chat()}</div>`).accent).toBe(ORANGE)
  // Without a dark twin, dark keeps the theme's own dark accent rather than a light-only colour.
  expect(probe(`<div class="teal" data-theme="dark">${chat()}</div>`).accent).toBe('#818cf8')
})

it('an override on the chat itself wins in both schemes', () => {
  expect(probe(chat('class="brand"')).bg).toBe(TEAL)
  expect(probe(`<div data-theme="dark">${chat('class="brand"')}</div>`).bg).toBe(TEAL)
  expect(probe(chat('class="brand" data-theme="dark"')).bg).toBe(TEAL)
})

it('switches highlighted code tokens to their dark colour in a dark context only', () => {
  const token = (wrapper: string) => {
    host.innerHTML = wrapper.replace(
      '$',
      `<div data-rivulet="code-block"><pre data-rivulet="code-pre"><code><span data-rivulet="code-line"><span id="t" style="color: rgb(207, 34, 46); --rivulet-code-light: rgb(207, 34, 46); --rivulet-code-dark: rgb(255, 123, 114)">const</span></span></code></pre></div>`,
    )
    return getComputedStyle(host.querySelector('#t')!).color
  }
  expect(token('<div data-rivulet="chat">$</div>')).toBe('rgb(207, 34, 46)')
  expect(token('<div data-theme="dark"><div data-rivulet="chat">$</div></div>')).toBe('rgb(255, 123, 114)')
  expect(token('<div data-theme="dark"><div data-theme="light"><div data-rivulet="chat">$</div></div></div>')).toBe('rgb(207, 34, 46)')
  expect(token('<div data-rivulet="chat" data-theme="dark"><div data-rivulet="message" data-theme="light">$</div></div>')).toBe('rgb(207, 34, 46)')
})
