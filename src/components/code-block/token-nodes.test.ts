import { describe, expect, test } from 'vitest'
import type { HighlightedLine } from './highlight-types.ts'
import { clearTokens, cssText, writeTokens } from './token-nodes.ts'

const red = Object.freeze({ color: '#CF222E', '--rivulet-code-dark': '#FF7B72', fontStyle: 'italic' })
const plain = Object.freeze({ color: '#1F2328' })

function lineWith(tokens: HighlightedLine): HTMLElement {
  const line = document.createElement('span')
  line.append('\n')
  writeTokens(line, tokens)
  return line
}

describe('writeTokens', () => {
  test('writes one styled span per run before the newline, the text exactly as given', () => {
    const line = lineWith([
      { content: 'const', style: red },
      { content: ' ', style: plain },
      { content: 'a', style: plain },
    ])
    const spans = [...line.children] as HTMLElement[]
    // Neighbours with the same style are one span.
    expect(spans.map((span) => span.textContent)).toEqual(['const', ' a'])
    expect(spans[0]!.style.color).toBe('rgb(207, 34, 46)')
    expect(spans[0]!.style.fontStyle).toBe('italic')
    expect(spans[0]!.style.getPropertyValue('--rivulet-code-dark')).toBe('#FF7B72')
    expect(line.textContent).toBe('const a\n')
  })

  test('markup in the code (the model writes it) stays text: no element, no attribute escapes', () => {
    const hostile = '<img src=x onerror="alert(1)"> &amp; </span><b>"quoted"</b> \u0000'
    const line = lineWith([{ content: hostile, style: plain }, { content: '"><i>', style: red }])
    expect(line.textContent).toBe(`${hostile}"><i>\n`)
    expect(line.querySelectorAll('img, b, i')).toHaveLength(0)
    expect(line.children).toHaveLength(2)
  })

  test('a style value with quotes cannot leave its attribute', () => {
    const odd = Object.freeze({ color: 'red" onclick="x' })
    const line = lineWith([{ content: 'x', style: odd }])
    expect(line.children[0]!.getAttribute('onclick')).toBeNull()
    expect(line.children[0]!.getAttribute('style')).toBe(cssText(odd))
  })

  test('clearTokens removes the spans and keeps the text children', () => {
    const line = lineWith([{ content: 'a', style: red }])
    clearTokens(line)
    expect(line.children).toHaveLength(0)
    expect(line.textContent).toBe('\n')
  })
})
