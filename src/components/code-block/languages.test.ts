import { describe, expect, it } from 'vitest'
import { languageLoader, resolveLanguage, supportedLanguages } from './languages.ts'

describe('resolveLanguage', () => {
  it.each([
    ['ts', 'typescript'],
    ['TSX', 'tsx'],
    ['js', 'javascript'],
    ['jsx', 'jsx'],
    ['json', 'json'],
    ['bash', 'shellscript'],
    ['sh', 'shellscript'],
    ['shell', 'shellscript'],
    ['py', 'python'],
    ['go', 'go'],
    ['rs', 'rust'],
    ['java', 'java'],
    ['c', 'c'],
    ['c++', 'cpp'],
    ['css', 'css'],
    ['html', 'html'],
    ['sql', 'sql'],
    ['yml', 'yaml'],
    ['md', 'markdown'],
    ['diff', 'diff'],
    ['ts title="a.ts"', 'typescript'],
    ['  python  ', 'python'],
  ])('maps %j to %s', (input, id) => {
    expect(resolveLanguage(input)).toBe(id)
  })

  it.each([undefined, '', '   ', 'klingon', 'constructor', '__proto__', 'toString'])(
    'has no grammar for %j',
    (input) => {
      expect(resolveLanguage(input)).toBeUndefined()
    },
  )

  it('has a loader for every supported language', () => {
    for (const id of supportedLanguages()) expect(languageLoader(id)).toBeTypeOf('function')
  })
})
