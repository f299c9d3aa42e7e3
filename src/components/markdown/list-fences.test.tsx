import { render } from '@testing-library/react'
import { describe, expect, test } from 'vitest'
import { repairMarkdown, repairMarkdownDetailed } from './repair-markdown.ts'
import { StreamingMarkdown } from './streaming-markdown.tsx'

/** [why, message, the code of each code block of the settled render, the list items' own text] */
const messages: Array<[string, string, string[], string[]]> = [
  [
    'a fence in a bullet item closed at column 0',
    'Steps:\n\n- Install it:\n  ```sh\n  npm i x\n```\n- Run it\n\nDone.\n',
    ['npm i x'],
    ['Install it:', 'Run it'],
  ],
  [
    'a fence in a numbered item closed at column 0',
    '1. Run:\n   ```bash\n   npm test\n   npm run build\n```\n2. Then ship **it**.\n',
    ['npm test\nnpm run build'],
    ['Run:', 'Then ship it.'],
  ],
  [
    'a fence in a nested item closed at the outer item\'s column',
    '- a\n  - b\n    ```py\n    x = 1\n  ```\n- c\n',
    ['x = 1'],
    ['a', 'b', 'c'],
  ],
  [
    'a fence in an item closed where it was opened (already right)',
    '- a\n  ```js\n  let x = 1\n  ```\n- b\n',
    ['let x = 1'],
    ['a', 'b'],
  ],
  [
    'a tilde fence in an item closed at column 0, then a paragraph',
    '- a\n  ~~~\n  raw\n~~~\n\nAfter `x`.\n',
    ['raw'],
    ['a'],
  ],
]

const codeOf = (root: Element) => [...root.querySelectorAll('[data-rivulet="code-content"]')].map((code) => code.textContent?.replace(/\n$/, ''))
/** A list item's text without the text of its code blocks and nested lists. */
function itemsOf(root: Element): string[] {
  return [...root.querySelectorAll('li')].map((li) => {
    const copy = li.cloneNode(true) as Element
    for (const block of copy.querySelectorAll('[data-rivulet="code-block"]')) block.remove()
    for (const list of copy.querySelectorAll('li li')) list.remove()
    return (copy.textContent ?? '').trim().replace(/\s*\n\s*/g, '\n')
  })
}
/** The markup with the root's streaming attributes dropped: a finished stream must be its settled render. */
const markup = (root: Element) => root.innerHTML.replace(' data-streaming="" data-caret=""', '')

describe('a code fence inside a list item, closed less indented than it was opened', () => {
  test.each(messages)('%s: the settled render keeps the fence in its item', (_why, message, code, items) => {
    const { container } = render(<StreamingMarkdown>{message}</StreamingMarkdown>)
    expect(codeOf(container)).toEqual(code)
    expect(itemsOf(container)).toEqual(items)
  })

  test.each(messages)('%s: no streaming prefix shows a code block the settled render does not have', (_why, message, code) => {
    const settled = render(<StreamingMarkdown>{message}</StreamingMarkdown>)
    const settledMarkup = markup(settled.container)
    settled.unmount()
    let blocks = 0
    for (let end = 1; end <= message.length; end++) {
      const prefix = message.slice(0, end)
      const { container, unmount } = render(<StreamingMarkdown streaming>{prefix}</StreamingMarkdown>)
      const shown = container.querySelectorAll('[data-rivulet="code-block"]').length
      // Never more code blocks than the answer has, and never one that the next token takes away.
      expect(shown, JSON.stringify(prefix)).toBeLessThanOrEqual(code.length)
      expect(shown, JSON.stringify(prefix)).toBeGreaterThanOrEqual(blocks)
      blocks = shown
      if (end === message.length) expect(markup(container)).toBe(settledMarkup)
      unmount()
    }
    expect(blocks).toBe(code.length)
  })
})

describe('repairMarkdownDetailed(text, true).aligned', () => {
  test.each([
    ['indents a column-0 closer to its opener in a list item', '- a\n  ```sh\n  ls\n```\n- b', '- a\n  ```sh\n  ls\n  ```\n- b'],
    ['indents a closer to a nested item\'s opener', '- a\n  - b\n    ```\n    x\n  ```', '- a\n  - b\n    ```\n    x\n    ```'],
    ['leaves a top-level fence alone', '```\nx\n```', '```\nx\n```'],
    ['leaves a fence after a list (not in it) alone', '- a\n\n```\nx\n```', '- a\n\n```\nx\n```'],
    ['leaves a closer with an info string alone (it opens a fence)', '- a\n  ```\n  x\n```js', '- a\n  ```\n  x\n```js'],
    ['leaves a fence ended by a less indented line to CommonMark', '- a\n  ```\nx\n```', '- a\n  ```\nx\n```'],
    ['leaves a closer of the other character alone', '- a\n  ```\n  x\n~~~', '- a\n  ```\n  x\n~~~'],
    ['leaves text without fences alone', '- a\n  b', '- a\n  b'],
    // Found by the repair's scan, which knows a top-level fence: what looks like a list in it is code.
    ['leaves the code of a top-level fence alone, list-like as it may be', '~~~\n- a\n  ```sh\n  x\n```\n~~~', '~~~\n- a\n  ```sh\n  x\n```\n~~~'],
  ])('%s', (_why, input, output) => {
    expect(repairMarkdownDetailed(input, true).aligned).toBe(output)
    // Without alignFences the input is left as it is.
    expect(repairMarkdownDetailed(input).aligned).toBe(input)
  })
})

describe('repairMarkdown of a fence open in a list item', () => {
  test.each([
    ['closes it at the opener\'s indentation, inside the item', '- a\n  ```sh\n  ls', '- a\n  ```sh\n  ls\n  ```'],
    ['closes a nested item\'s fence indented past 3 spaces', '- a\n  - b\n    ```py\n    x = **y', '- a\n  - b\n    ```py\n    x = **y\n    ```'],
    ['completes a closer being typed at the opener\'s indentation', '1. a\n   ```\n   x\n``', '1. a\n   ```\n   x\n   ```'],
    ['does not close a fence its item has already ended', '- a\n  ```\nx **y', '- a\n  ```\nx **y**'],
  ])('%s', (_why, input, output) => {
    expect(repairMarkdown(input)).toBe(output)
  })
})
