import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { act, cleanup, render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { createRef, StrictMode } from 'react'
import { afterEach, describe, expect, it } from 'vitest'
import { CodeBlock } from './code-block.tsx'
import { highlightLines } from './highlighter.ts'

const root = (container: HTMLElement) => container.querySelector('[data-rivulet="code-block"]') as HTMLElement
const lines = (container: HTMLElement) =>
  // Each line but the last carries its own newline.
  [...container.querySelectorAll('[data-rivulet="code-line"]')].map((line) => line.textContent?.replace(/\n$/, ''))

afterEach(cleanup)

describe('CodeBlock', () => {
  it('shows plain lines in the final shape while the fence is open', () => {
    const { container } = render(<CodeBlock code={'const a = 1\n\nconst b'} language="ts" complete={false} />)
    const block = root(container)
    expect(block).toHaveAttribute('data-state', 'streaming')
    expect(block).toHaveAttribute('data-streaming', '')
    expect(block).toHaveAttribute('data-language', 'ts')
    expect(lines(container)).toEqual(['const a = 1', '', 'const b'])
    expect(container.querySelector('pre > code')?.textContent).toBe('const a = 1\n\nconst b')
    expect(container.querySelectorAll('[data-rivulet="code-line"] span')).toHaveLength(0)
    expect(screen.getByText('ts')).toHaveAttribute('data-rivulet', 'code-language')
  })

  it('colours the block once complete, keeping the text and the line shape', async () => {
    const code = 'const colour = "red"\nexport default colour'
    const { container, rerender } = render(<CodeBlock code={code} language="ts" complete={false} />)
    rerender(<CodeBlock code={code} language="ts" />)
    await waitFor(() => expect(root(container)).toHaveAttribute('data-state', 'highlighted'), { timeout: 10_000 })
    expect(root(container)).not.toHaveAttribute('data-streaming')
    expect(lines(container)).toEqual(code.split('\n'))
    expect(container.querySelector('pre > code')?.textContent).toBe(code)
    const keyword = [...container.querySelectorAll<HTMLElement>('[data-rivulet="code-line"] > span')].find(
      (span) => span.textContent === 'const',
    )
    expect(keyword?.style.color).not.toBe('')
    expect(keyword?.style.getPropertyValue('--rivulet-code-dark')).toMatch(/^#/)
  })

  it('still highlights under StrictMode, whose double effects abort the first run', async () => {
    const code = 'package main\n\nfunc main() {}'
    const { container } = render(
      <StrictMode>
        <CodeBlock code={code} language="go" />
      </StrictMode>,
    )
    await waitFor(() => expect(root(container)).toHaveAttribute('data-state', 'highlighted'), { timeout: 10_000 })
    expect(lines(container)).toEqual(code.split('\n'))
  })

  it('keeps a language without a grammar plain, without throwing', async () => {
    const { container } = render(<CodeBlock code={'x := 1'} language="klingon" />)
    expect(root(container)).toHaveAttribute('data-state', 'plain')
    // Give a (wrongly) started highlight every chance to land.
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)))
    expect(root(container)).toHaveAttribute('data-state', 'plain')
    expect(lines(container)).toEqual(['x := 1'])
    expect(screen.getByText('klingon')).toBeInTheDocument()
  })

  it('renders an already highlighted block coloured on its first render after a remount', async () => {
    const code = 'SELECT id FROM users WHERE id = 1'
    await highlightLines(code, 'sql')
    const { container } = render(<CodeBlock code={code} language="sql" />)
    // No waiting: the cache answers synchronously.
    expect(root(container)).toHaveAttribute('data-state', 'highlighted')
    expect(container.querySelectorAll('[data-rivulet="code-line"] > span').length).toBeGreaterThan(1)
  })

  it('omits the label when there is no language and still highlights nothing', () => {
    const { container } = render(<CodeBlock code="plain text" />)
    expect(root(container)).not.toHaveAttribute('data-language')
    expect(container.querySelector('[data-rivulet="code-language"]')).toBeNull()
    expect(root(container)).toHaveAttribute('data-state', 'plain')
  })

  it('spreads extra props and forwards the ref to the root', () => {
    const ref = createRef<HTMLDivElement>()
    const { container } = render(<CodeBlock ref={ref} code="a" className="mine" aria-label="Example" />)
    expect(ref.current).toBe(root(container))
    expect(ref.current).toHaveClass('mine')
    expect(ref.current).toHaveAttribute('aria-label', 'Example')
  })

  it('copies the code on click and says so', async () => {
    const user = userEvent.setup()
    render(<CodeBlock code={'echo hi\necho there'} language="bash" complete={false} />)
    const button = screen.getByRole('button', { name: 'Copy code' })
    expect(button).toHaveTextContent('Copy')
    await user.click(button)
    await expect(navigator.clipboard.readText()).resolves.toBe('echo hi\necho there')
    expect(button).toHaveTextContent(/^Copy$/)
    expect(document.querySelector('[data-rivulet="copy-feedback"]')).toHaveTextContent('Copied')
    expect(button).toHaveAttribute('data-state', 'copied')
    expect(screen.getByRole('status')).toHaveTextContent('Copied')
  })

  it('copies from the keyboard', async () => {
    const user = userEvent.setup()
    render(<CodeBlock code="print(1)" language="py" complete={false} />)
    await user.tab()
    expect(screen.getByRole('button', { name: 'Copy code' })).toHaveFocus()
    await user.keyboard('{Enter}')
    await expect(navigator.clipboard.readText()).resolves.toBe('print(1)')
    await user.keyboard(' ')
    expect(screen.getByRole('button', { name: 'Copy code' })).toHaveAttribute('data-state', 'copied')
  })

  it('reports a failed copy instead of throwing', async () => {
    const user = userEvent.setup()
    render(<CodeBlock code="x" complete={false} />)
    navigator.clipboard.writeText = () => Promise.reject(new Error('denied'))
    await user.click(screen.getByRole('button', { name: 'Copy code' }))
    expect(document.querySelector('[data-rivulet="copy-feedback"]')).toHaveTextContent('Copy failed')
    expect(screen.getByRole('status')).toHaveTextContent('Copy failed')
  })
})

describe('code-block module graph', () => {
  it('never imports shiki statically, so pages without code do not load it', () => {
    const dir = join(process.cwd(), 'src/components/code-block')
    const sources = readdirSync(dir).filter((name) => /\.tsx?$/.test(name) && !name.includes('.test.'))
    expect(sources.length).toBeGreaterThan(3)
    for (const name of sources) {
      const source = readFileSync(join(dir, name), 'utf8')
      const staticImports = [...source.matchAll(/^\s*import\s+(?!type\b)[^'"]*?from\s+['"]([^'"]+)['"]/gm)]
      for (const [, specifier] of staticImports) expect(specifier, name).not.toMatch(/^(shiki|@shikijs)/)
      expect(source, name).not.toMatch(/^\s*import\s+['"](shiki|@shikijs)/m)
    }
  })
})
