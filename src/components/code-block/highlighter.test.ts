import { describe, expect, it } from 'vitest'
import { clearHighlightCache, highlightLines, peekHighlight, splitCodeLines } from './highlighter.ts'
import type { HighlightedLine } from './highlighter.ts'
import { DEFAULT_CODE_THEMES, setCodeThemes } from './code-themes.ts'

const text = (line: HighlightedLine | undefined) => (line ?? []).map((token) => token.content).join('')
const tokenOf = (line: HighlightedLine | undefined, content: string) => line?.find((token) => token.content === content)

describe('highlightLines', () => {
  it('resolves null for a language without a grammar', async () => {
    await expect(highlightLines('x := 1', 'klingon')).resolves.toBeNull()
    await expect(highlightLines('x := 1', undefined)).resolves.toBeNull()
    expect(peekHighlight('x := 1', 'klingon')).toBeUndefined()
  })

  it('gives every line its tokens, with light colours inline and dark ones as variables', async () => {
    const code = 'const answer = 42\n\n// done\r\nreturn answer'
    const result = await highlightLines(code, 'ts')
    expect(result?.language).toBe('typescript')
    expect(result?.lines.map(text)).toEqual(splitCodeLines(code))
    const keyword = tokenOf(result?.lines[0], 'const')
    const comment = tokenOf(result?.lines[2], '// done')
    expect(keyword?.style.color).toMatch(/^#[0-9a-f]{6}$/i)
    expect(keyword?.style['--rivulet-code-dark']).toMatch(/^#[0-9a-f]{6}$/i)
    expect(keyword?.style['--rivulet-code-dark']).not.toBe(keyword?.style.color)
    expect(comment?.style.color).not.toBe(keyword?.style.color)
  })

  it('carries grammar state across slices, so a long comment stays a comment to its end', async () => {
    const body = Array.from({ length: 300 }, (_, i) => ` * line ${i} const`)
    const code = ['/*', ...body, ' */', 'const after = 1'].join('\n')
    const progress: number[] = []
    const result = await highlightLines(code, 'typescript', { onProgress: (lines) => progress.push(lines.length) })
    // Several slices ran, each reporting a longer prefix.
    expect(progress.length).toBeGreaterThan(1)
    expect(progress).toEqual([...progress].sort((a, b) => a - b))
    const commentColour = result?.lines[0]?.[0]?.style.color
    const lastBodyLine = result?.lines[300]
    expect(text(lastBodyLine)).toBe(' * line 299 const')
    expect(lastBodyLine?.every((token) => token.style.color === commentColour)).toBe(true)
    expect(tokenOf(result?.lines[302], 'const')?.style.color).not.toBe(commentColour)
  })

  it('returns the cached result for the same code and language, aliases included', async () => {
    clearHighlightCache()
    const code = 'let cached = true'
    const first = await highlightLines(code, 'ts')
    expect(peekHighlight(code, 'typescript')).toBe(first)
    await expect(highlightLines(code, 'TypeScript')).resolves.toBe(first)
    expect(peekHighlight(`${code} `, 'ts')).toBeUndefined()
  })

  it('shares one run between concurrent calls for the same block', async () => {
    const code = 'def shared():\n    return 1'
    const [a, b] = await Promise.all([highlightLines(code, 'py'), highlightLines(code, 'python')])
    expect(a).not.toBeNull()
    expect(a).toBe(b)
  })

  it('rejects an aborted call with its reason, and a later call still succeeds', async () => {
    const code = 'fn main() {}\n'.repeat(200)
    const controller = new AbortController()
    const aborted = highlightLines(code, 'rust', { signal: controller.signal })
    controller.abort(new Error('unmounted'))
    await expect(aborted).rejects.toThrow('unmounted')
    const again = await highlightLines(code, 'rust')
    expect(again?.lines).toHaveLength(201)
    expect(text(again?.lines[199])).toBe('fn main() {}')
  })

  it('rejects at once when the signal is already aborted', async () => {
    await expect(highlightLines('a', 'ts', { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' })
  })

  it('colours with the themes chosen by setCodeThemes, and not from the cache of the old ones', async () => {
    const code = 'const themed = 1'
    const github = await highlightLines(code, 'ts')
    try {
      setCodeThemes({ light: () => import('shiki/themes/min-light.mjs'), dark: () => import('shiki/themes/nord.mjs') })
      expect(peekHighlight(code, 'ts')).toBeUndefined()
      const other = await highlightLines(code, 'ts')
      const keyword = (result: typeof other) => tokenOf(result?.lines[0], 'const')?.style
      expect(keyword(other)?.color).toMatch(/^#[0-9a-f]{3,8}$/i)
      expect(keyword(other)?.['--rivulet-code-dark']).not.toBe(keyword(github)?.['--rivulet-code-dark'])
    } finally {
      setCodeThemes(DEFAULT_CODE_THEMES)
    }
    const again = await highlightLines(code, 'ts')
    expect(tokenOf(again?.lines[0], 'const')?.style.color).toBe(tokenOf(github?.lines[0], 'const')?.style.color)
  })
})
