import { beforeAll, describe, expect, it } from 'vitest'
import { languageLoader, registerLanguages, resolveLanguage, supportedLanguages } from './languages.ts'

// C++ is not in the curated default set (its grammar is an 800 kB chunk): registered on demand.
beforeAll(() => registerLanguages({ cpp: () => import('shiki/langs/cpp.mjs') }))

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

describe('the curated default set', () => {
  it('leaves out grammars whose chunk trips a consumer build chunk-size warning', async () => {
    // A fresh module instance: the registry as a consumer gets it, before anyone registers anything.
    const { vi } = await import('vitest')
    vi.resetModules()
    const fresh = await import('./languages.ts')
    expect(fresh.supportedLanguages()).not.toContain('cpp')
    expect(fresh.resolveLanguage('c++')).toBeUndefined()
    expect(fresh.supportedLanguages()).toEqual(expect.arrayContaining(['typescript', 'python', 'shellscript', 'json', 'rust', 'go']))
  })

  it('adds languages and aliases on demand', () => {
    registerLanguages({ Kotlin: () => import('shiki/langs/kotlin.mjs') }, { kt: 'kotlin' })
    expect(resolveLanguage('kt')).toBe('kotlin')
    expect(resolveLanguage('kotlin')).toBe('kotlin')
  })
})
