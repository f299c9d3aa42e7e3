import { flushSync } from 'react-dom'
import { afterEach, expect, it } from 'vitest'
import themeCss from '../../src/styles.css?raw'
import { Chat, ToolCallCard } from '../../src/index.ts'
import { createChatClient } from '../../src/core/chat-client.ts'
import type { ChatMessage } from '../../src/core/state.ts'
import { createMemoryTransport } from '../../src/core/transports/memory-transport.ts'
import { createScript } from '../../src/mocks/script.ts'
import { mountPerTest } from '../support/browser-root.ts'

/*
 * Importing the theme must change nothing outside Rivulet's elements: a host page with its
 * own styles, headings, form controls, a <pre>, even data-theme on <html> and around the
 * chat, computes the same styles for every property before and after the stylesheet loads.
 */

const page = mountPerTest('')
const added: Element[] = []
afterEach(() => {
  for (const element of added.splice(0)) element.remove()
  document.documentElement.removeAttribute('data-theme')
})

function addToHead(element: Element) {
  document.head.append(element)
  added.push(element)
}

const hostCss = `
  .host-app { font: 16px/1.4 Georgia, serif; color: rgb(20, 30, 40); background: rgb(250, 240, 230); padding: 10px; }
  .host-app h2 { margin: 0 0 8px; }
  .host-app button { border-radius: 2px; }
`

// The chat's own size is the theme's business; its ancestors grow with it, nothing else may change.
const SIZES = new Set(['height', 'block-size', 'width', 'inline-size', 'perspective-origin', 'transform-origin'])

/** Every standard property (custom properties aside) of each element, and of its ::before/::after. */
function snapshot(elements: readonly Element[]): string[] {
  const out: string[] = []
  for (const [index, element] of elements.entries()) {
    for (const pseudo of [null, '::before', '::after']) {
      const style = getComputedStyle(element, pseudo)
      for (let i = 0; i < style.length; i++) {
        const name = style.item(i)
        if (name.startsWith('--')) continue
        if (SIZES.has(name) && element.contains(page.host.querySelector('[data-rivulet="chat"]'))) continue
        out.push(`${index} ${element.tagName.toLowerCase()}${pseudo ?? ''} ${name}: ${style.getPropertyValue(name)}`)
      }
    }
  }
  return out
}

it('changes no computed style outside the chat, with data-theme on <html> and on the wrapper', async () => {
  const style = document.createElement('style')
  style.textContent = hostCss
  addToHead(style)
  document.documentElement.setAttribute('data-theme', 'dark')

  const app = document.createElement('div')
  app.className = 'host-app'
  app.setAttribute('data-theme', 'dark')
  app.innerHTML = `
    <h2>Host heading</h2><p>Host <a href="#x">link</a> and <code>code</code></p>
    <button type="button">Host button</button> <input value="host input"> <textarea>host text</textarea>
    <pre>host pre</pre><ul><li>item</li></ul><blockquote>quote</blockquote><table><tr><th>h</th><td>d</td></tr></table>
    <form><label>Field <select><option>one</option></select></label></form><div hidden>hidden</div>`
  page.host.append(app)
  const transport = createMemoryTransport({ respond: () => createScript({ streamId: 's' }).text('Hello **there**').done() })
  flushSync(() =>
    page.root.render(
      <>
        <Chat transport={transport} />
        <ToolCallCard part={{ type: 'tool-call', id: 't', name: 'lookup', state: 'output-available', argsText: '{}', args: {}, result: 1 }} />
      </>,
    ),
  )

  const outside = [document.documentElement, document.body, page.host, app, ...app.querySelectorAll('*')]
  const before = snapshot(outside)

  const theme = document.createElement('style')
  theme.textContent = themeCss
  addToHead(theme)

  // The theme did load and styles the chat (dark, from the data-theme ancestors)…
  const chat = page.host.querySelector('[data-rivulet="chat"]')!
  expect(getComputedStyle(chat).colorScheme).toBe('dark')
  expect(getComputedStyle(chat).backgroundColor).toBe('rgb(13, 17, 23)')
  // …and nothing else moved.
  expect(snapshot(outside)).toEqual(before)
})

it('follows the nearest data-theme and a per-chat override, light inside a dark page', () => {
  const theme = document.createElement('style')
  theme.textContent = themeCss + '\n.teal { --rivulet-accent: rgb(15, 118, 110); }'
  addToHead(theme)
  document.documentElement.setAttribute('data-theme', 'dark')
  const transport = createMemoryTransport({ respond: () => [] })
  flushSync(() =>
    page.root.render(
      <div data-theme="light" className="teal">
        <Chat transport={transport} />
      </div>,
    ),
  )
  const chat = page.host.querySelector('[data-rivulet="chat"]')!
  expect(getComputedStyle(chat).backgroundColor).toBe('rgb(255, 255, 255)')
  expect(getComputedStyle(chat).getPropertyValue('--rivulet-accent').trim()).toBe('rgb(15, 118, 110)')
})

it("keeps the page's own element rules out of the chat: centred text, a styled code element (as Vite's template has)", async () => {
  const host = document.createElement('style')
  host.textContent = `
    .centred { text-align: center; }
    code { display: inline-flex; padding: 4px 8px; border-radius: 4px; background: rgb(244, 243, 236); color: rgb(8, 6, 13); font-size: 15px; }`
  addToHead(host)
  const theme = document.createElement('style')
  theme.textContent = themeCss
  addToHead(theme)
  const messages: ChatMessage[] = [
    { id: 'u1', role: 'user', parts: [{ type: 'text', text: 'Tell me' }] },
    { id: 'a1', role: 'assistant', parts: [{ type: 'text', text: 'Rivers `flow`.\n\n```ts\nconst river = 1\n```\n' }], finishReason: 'stop' },
  ]
  const client = createChatClient({ initialMessages: messages, transport: createMemoryTransport({ respond: () => [] }) })
  flushSync(() =>
    page.root.render(
      <div className="centred">
        <Chat chat={client} />
      </div>,
    ),
  )
  await expect.poll(() => page.host.querySelector('[data-rivulet="markdown"] p code'), { timeout: 20_000 }).not.toBeNull()

  const chat = page.host.querySelector('[data-rivulet="chat"]')!
  expect(getComputedStyle(chat).textAlign).toBe('start')
  const paragraph = page.host.querySelector('[data-rivulet="markdown"] p')!
  expect(getComputedStyle(paragraph).textAlign).toBe('start')
  const block = getComputedStyle(page.host.querySelector('[data-rivulet="code-content"]')!)
  expect([block.display, block.paddingTop, block.backgroundColor, block.fontSize]).toEqual(['block', '0px', 'rgba(0, 0, 0, 0)', '13px'])
  const inline = getComputedStyle(page.host.querySelector('[data-rivulet="markdown"] p code')!)
  expect(inline.display).toBe('inline')
  expect(inline.color).toBe(getComputedStyle(paragraph).color)
})
