import { version as reactVersion } from 'react'
import { version as domVersion } from 'react-dom'
import { flushSync } from 'react-dom'
import { expect, it } from 'vitest'
import { StreamingMarkdown } from '../../src/index.ts'
import { mountPerTest } from '../support/browser-root.ts'
import { expectedReactMajor } from '../support/react-major.ts'

const page = mountPerTest('width: 480px')

it('runs the React this project is configured for (the 18.3 projects really load 18.3)', () => {
  expect(reactVersion.split('.')[0]).toBe(expectedReactMajor())
  expect(domVersion).toBe(reactVersion)
})

it('renders streaming markdown with a code fence in Chromium with that React', () => {
  flushSync(() => page.root.render(<StreamingMarkdown streaming>{'Hello **world**\n\n```ts\nconst a = 1\n'}</StreamingMarkdown>))
  expect(page.host.querySelector('strong')?.textContent).toBe('world')
  expect(page.host.querySelector('[data-rivulet="code-block"]')).not.toBeNull()
})
