import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'

// The browser test (test/browser/styles-isolation) proves the page is untouched; this names
// the offending selector. Every style rule's subject is a Rivulet element or inside one.
const css = readFileSync(resolve(dirname(fileURLToPath(import.meta.url)), '../src/styles.css'), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '')

/** Selectors of the style rules (not @property, not keyframe steps), split at top-level commas. */
function selectors(text: string): string[] {
  const out: string[] = []
  let depth = 0
  let prelude = ''
  const stack: string[] = []
  for (const char of text) {
    if (char === '{') {
      const head = prelude.trim()
      stack.push(head)
      const inKeyframes = stack.some((entry) => entry.startsWith('@keyframes'))
      if (!head.startsWith('@') && !inKeyframes) out.push(...splitTopLevel(head))
      depth++
      prelude = ''
    } else if (char === '}') {
      stack.pop()
      depth--
      prelude = ''
    } else if (char === ';') prelude = ''
    else prelude += char
  }
  expect(depth).toBe(0)
  return out
}

function splitTopLevel(list: string): string[] {
  const parts: string[] = []
  let depth = 0
  let current = ''
  for (const char of list) {
    if (char === '(' || char === '[') depth++
    if (char === ')' || char === ']') depth--
    if (char === ',' && depth === 0) {
      parts.push(current.trim())
      current = ''
    } else current += char
  }
  return [...parts, current.trim()]
}

/** The compound the rule styles: the last one outside any parentheses, `:where(…)` unwrapped. */
function subjectAndAncestors(selector: string): { subject: string; ancestors: string } {
  const inner = /^:where\((.*)\)$/.exec(selector)?.[1] ?? selector
  let depth = 0
  let cut = 0
  for (let i = 0; i < inner.length; i++) {
    const char = inner[i]!
    if (char === '(' || char === '[') depth++
    if (char === ')' || char === ']') depth--
    if (depth === 0 && /[\s>+~]/.test(char)) cut = i + 1
  }
  return { subject: inner.slice(cut), ancestors: inner.slice(0, cut) }
}

it('styles nothing on :root, html or body', () => {
  const global = selectors(css).filter((selector) => /(^|[\s>+~(,])(:root|html|body)\b/.test(selector))
  expect(global).toEqual([])
})

it('ends every rule in a Rivulet element or something inside one', () => {
  const unscoped = selectors(css).filter((selector) => {
    const { subject, ancestors } = subjectAndAncestors(selector)
    return !subject.includes('[data-rivulet') && !ancestors.includes('[data-rivulet')
  })
  expect(selectors(css).length).toBeGreaterThan(100)
  expect(unscoped).toEqual([])
})
