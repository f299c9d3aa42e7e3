import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, spyOn, userEvent, waitFor, within } from 'storybook/test'
import { CodeBlock } from '../src/components/code-block/code-block.tsx'
import { highlightLines } from '../src/components/code-block/highlighter.ts'

const TS = `import { createSseParser } from 'rivulet-ui/protocol'

/** Counts the events of a stream, ignoring keep-alives. */
export async function countEvents(response: Response): Promise<number> {
  let count = 0
  const parser = createSseParser({ onEvent: () => count++ })
  for await (const chunk of response.body!.pipeThrough(new TextDecoderStream())) {
    parser.feed(chunk)
  }
  return count
}`

const HALF_WRITTEN = `export function retryDelay(attempt: number): number {
  const base = 250 * 2 ** attempt
  return Math.min(base, 8_000) + Math.random() *`

const KLINGON = `tlhIngan Hol Dajatlh'a'?
  Qapla'! // not a grammar we ship
batlh Daqawlu'taH`

/** A long generated TypeScript file: 300 lines exactly, one of them far wider than the block. */
const THREE_HUNDRED = Array.from({ length: 300 }, (_, i) =>
  i === 150
    ? `export const stations = [${Array.from({ length: 40 }, (_, n) => `'station-${n}'`).join(', ')}] as const`
    : i % 10 === 0
      ? `// Section ${i / 10 + 1}`
      : `export const gauge${i} = { id: ${i}, level: ${(i * 0.37).toFixed(2)}, label: 'station-${i}' } as const`,
).join('\n')

const meta: Meta<typeof CodeBlock> = {
  title: 'Components/Code block',
  component: CodeBlock,
  args: { code: TS, language: 'ts', complete: true },
  decorators: [(Story) => <div style={{ maxWidth: 760 }}>{Story()}</div>],
}
export default meta

type Story = StoryObj<typeof CodeBlock>

const blockOf = (canvasElement: HTMLElement) => canvasElement.querySelector<HTMLElement>('[data-rivulet="code-block"]')!
const tokenSpans = (canvasElement: HTMLElement) => canvasElement.querySelectorAll<HTMLElement>('[data-rivulet="code-line"] span')
/** Shiki is imported on first use: the first highlight of a run includes that download. */
const HIGHLIGHT_TIMEOUT = { timeout: 10_000 }

export const PlainWhileOpen: Story = {
  args: { code: HALF_WRITTEN, complete: false },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const block = blockOf(canvasElement)
    await expect(block).toHaveAttribute('data-state', 'streaming')
    await expect(block).toHaveAttribute('data-streaming', '')
    await expect(canvas.getByText('ts')).toHaveAttribute('data-rivulet', 'code-language')
    await expect(canvas.getByRole('button', { name: 'Copy code' })).toBeEnabled()
    // Plain lines in the final shape: one line element per source line, no colour spans.
    await expect(block.querySelectorAll('[data-rivulet="code-line"]')).toHaveLength(3)
    await expect(tokenSpans(canvasElement)).toHaveLength(0)
    await expect(block.querySelector('code')?.textContent).toBe(HALF_WRITTEN)
  },
}

export const HighlightedTypeScript: Story = {
  play: async ({ canvasElement }) => {
    const block = blockOf(canvasElement)
    await waitFor(() => expect(block).toHaveAttribute('data-state', 'highlighted'), HIGHLIGHT_TIMEOUT)
    await expect(block).not.toHaveAttribute('data-streaming')
    await expect(block.querySelector('code')?.textContent).toBe(TS)
    const keyword = [...tokenSpans(canvasElement)].find((span) => span.textContent === 'export')
    await expect(keyword?.style.color).toBeTruthy()
    await expect(keyword?.style.getPropertyValue('--rivulet-code-dark')).toBeTruthy()
  },
}

export const CopyToClipboard: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const writeText = spyOn(navigator.clipboard, 'writeText').mockResolvedValue(undefined)
    const button = canvas.getByRole('button', { name: 'Copy code' })
    await userEvent.click(button)
    await expect(writeText).toHaveBeenCalledOnce()
    await expect(writeText).toHaveBeenCalledWith(TS)
    // The button keeps reading "Copy" (its name contains its text); "Copied" shows beside it.
    await expect(button).toHaveTextContent(/^Copy$/)
    await expect(canvasElement.querySelector('[data-rivulet="copy-feedback"]')).toHaveTextContent('Copied')
    await expect(button).toHaveAttribute('data-state', 'copied')
    // Screen readers hear the outcome; the button keeps its name.
    await expect(canvas.getByRole('status')).toHaveTextContent('Copied')
    await expect(button).toHaveAccessibleName('Copy code')
  },
}

export const UnknownLanguage: Story = {
  args: { code: KLINGON, language: 'klingon' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const block = blockOf(canvasElement)
    await expect(canvas.getByText('klingon')).toHaveAttribute('data-rivulet', 'code-language')
    // The block asked the same question on mount; once it is answered, nothing changes.
    await expect(await highlightLines(KLINGON, 'klingon')).toBeNull()
    await expect(block).toHaveAttribute('data-state', 'plain')
    await expect(tokenSpans(canvasElement)).toHaveLength(0)
    await expect(block.querySelector('code')?.textContent).toBe(KLINGON)
  },
}

export const ThreeHundredLines: Story = {
  args: { code: THREE_HUNDRED },
  play: async ({ canvasElement }) => {
    const block = blockOf(canvasElement)
    await expect(block.querySelectorAll('[data-rivulet="code-line"]')).toHaveLength(300)
    await waitFor(() => expect(block).toHaveAttribute('data-state', 'highlighted'), HIGHLIGHT_TIMEOUT)
    await expect(block.querySelector('code')?.textContent).toBe(THREE_HUNDRED)
    // Every line is coloured, the last one included.
    const lastLine = [...block.querySelectorAll('[data-rivulet="code-line"]')].at(-1)
    await expect(lastLine?.querySelectorAll('span').length).toBeGreaterThan(1)
    // It scrolls sideways inside its own box instead of widening the page.
    // (Line chunks far off screen skip layout, so bring the long line 151 near the view first.)
    const pre = block.querySelector('pre') as HTMLElement
    block.querySelectorAll('[data-rivulet="code-line"]')[150]!.scrollIntoView({ block: 'center' })
    await waitFor(() => expect(pre.scrollWidth).toBeGreaterThan(pre.clientWidth))
    await expect(block.getBoundingClientRect().width).toBeLessThanOrEqual(760)
  },
}

export const Dark: Story = {
  parameters: { theme: 'dark' },
  play: async ({ canvasElement }) => {
    const block = blockOf(canvasElement)
    await expect(block.closest('[data-theme]')).toHaveAttribute('data-theme', 'dark')
    await waitFor(() => expect(block).toHaveAttribute('data-state', 'highlighted'), HIGHLIGHT_TIMEOUT)
    // The dark theme's code background, not the light one.
    await expect(getComputedStyle(block).backgroundColor).toBe('rgb(22, 27, 34)')
  },
}
