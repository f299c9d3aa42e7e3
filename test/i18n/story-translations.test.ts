import { describe, expect, it } from 'vitest'
import { defaultLabels } from '../../src/components/labels/labels.ts'
import { arabicLabels } from '../../stories/support/labels-ar.ts'
import { germanLabels } from '../../stories/support/labels-de.ts'

/** Every key path of a labels object (a function or a string is a leaf). */
function paths(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix]
  return Object.entries(value).flatMap(([key, inner]) => paths(inner, prefix === '' ? key : `${prefix}.${key}`))
}

/*
 * The German and Arabic stories are left out of the pseudo-locale check over every story
 * (.storybook/pseudo-locale.tsx): they show a translation of their own. What keeps English out
 * of them instead: their label sets name every key Rivulet has. The development inspector's
 * words are the one group they leave out: those stories do not show the inspector.
 */
describe('the translations the language stories show', () => {
  const expected = paths(defaultLabels).filter((path) => !path.startsWith('inspector.'))
  it.each([
    ['German', germanLabels],
    ['Arabic', arabicLabels],
  ])('%s covers every label', (_name, labels) => {
    const given = new Set(paths(labels))
    expect(expected.filter((path) => !given.has(path))).toEqual([])
  })
})
