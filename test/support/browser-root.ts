import { createRoot, type Root } from 'react-dom/client'
import { afterEach, beforeEach } from 'vitest'

/**
 * A fresh host element (styled with `css`) and React root for each test of a browser-mode
 * file, unmounted and removed after it.
 *
 * @example
 * const page = mountPerTest('width: 640px')
 * it('renders', () => { flushSync(() => page.root.render(<App />)); page.host.querySelector('…') })
 */
export function mountPerTest(css: string): { readonly host: HTMLDivElement; readonly root: Root } {
  let host: HTMLDivElement | undefined
  let root: Root | undefined
  beforeEach(() => {
    host = document.createElement('div')
    host.style.cssText = css
    document.body.append(host)
    root = createRoot(host)
  })
  afterEach(() => {
    root?.unmount()
    host?.remove()
  })
  return {
    get host() {
      return host!
    },
    get root() {
      return root!
    },
  }
}
