import { describe, expect, it } from 'vitest'
import type { TextCitation } from '../../core/state.ts'
import { createTextLog, type TextVersion } from '../../core/text-log.ts'
import { citationNumber, collectSources, createCitationMarker, insertCitationMarkers, insertCitationPlaceholders } from './citations.ts'

const numbers = new Map([
  ['a', 1],
  ['b', 2],
])
const cite = (sourceId: string, end: number, start = end): TextCitation => ({ sourceId, start, end })

describe('insertCitationMarkers', () => {
  const cases: { name: string; text: string; citations: TextCitation[]; expected: string }[] = [
    { name: 'marks the end of the cited passage', text: 'Rivers flow. Seas do not.', citations: [cite('a', 12, 0)], expected: 'Rivers flow.[1](#rivulet-cite-1) Seas do not.' },
    { name: 'keeps the marker before trailing whitespace, in its paragraph', text: 'One.\n\nTwo.', citations: [cite('b', 6)], expected: 'One.[2](#rivulet-cite-2)\n\nTwo.' },
    { name: 'puts several sources at one place in order of arrival, each once', text: 'Fact.', citations: [cite('b', 5), cite('a', 5), cite('b', 5, 0)], expected: 'Fact.[2](#rivulet-cite-2)[1](#rivulet-cite-1)' },
    { name: 'clamps offsets to the text', text: 'Short', citations: [cite('a', 99)], expected: 'Short[1](#rivulet-cite-1)' },
    { name: 'skips sources the message does not have (yet)', text: 'Hi.', citations: [cite('zzz', 3)], expected: 'Hi.' },
    { name: 'never writes into a code fence', text: '```js\nlet a = 1\n```\nAfter.', citations: [cite('a', 15), cite('b', 26)], expected: '```js\nlet a = 1\n```\nAfter.[2](#rivulet-cite-2)' },
    { name: 'nor onto a fence line', text: 'Intro\n```\ncode', citations: [cite('a', 9)], expected: 'Intro\n```\ncode' },
    { name: 'marks after a closed tilde fence', text: '~~~\nx\n~~~\nDone', citations: [cite('a', 14)], expected: '~~~\nx\n~~~\nDone[1](#rivulet-cite-1)' },
  ]
  for (const { name, text, citations, expected } of cases) {
    it(name, () => expect(insertCitationMarkers(text, citations, numbers)).toBe(expected))
  }

  it('writes placeholders at the same places as the links', () => {
    for (const { text, citations, expected } of cases) {
      expect(insertCitationPlaceholders(text, citations, numbers)).toBe(expected.replace(/\[(\d+)\]\(#rivulet-cite-\d+\)/g, '⁽$1⁾'))
    }
  })

  it('returns the very same string when there is nothing to mark', () => {
    const text = 'plain'
    expect(insertCitationMarkers(text, undefined, numbers)).toBe(text)
    expect(insertCitationMarkers(text, [], numbers)).toBe(text)
  })
})

describe('citation helpers', () => {
  it('read back only well-formed marker links', () => {
    expect(citationNumber('#rivulet-cite-12')).toBe(12)
    expect(citationNumber('#rivulet-cite-0')).toBeUndefined()
    expect(citationNumber('#rivulet-cite-x')).toBeUndefined()
    expect(citationNumber('https://example.com/#rivulet-cite-1')).toBeUndefined()
    expect(citationNumber(undefined)).toBeUndefined()
  })

  it('collect sources in the order they appear', () => {
    expect(collectSources([{ type: 'source', id: 'b' }, { type: 'text', text: 'x' }, { type: 'source', id: 'a' }]).map((s) => s.id)).toEqual(['b', 'a'])
  })
})

describe('createCitationMarker', () => {
  /**
   * Streams `text` one character at a time with the citations known at each length, once as bare
   * strings and once with the text's logged versions (as a streamed part has); every result must
   * equal a full insert, and the marker's version must be that result, continuing one log while
   * the marks stay put.
   */
  function streamAndCompare(text: string, citationsAt: (length: number) => TextCitation[] | undefined) {
    for (const logged of [false, true]) {
      const marker = createCitationMarker()
      const log = createTextLog()
      let previous: TextCitation[] | undefined
      let previousMarked = ''
      let previousVersion: TextVersion | undefined
      for (let length = 0; length <= text.length; length++) {
        const next = citationsAt(length)
        // The reducer hands the same array until a citation arrives.
        const citations = previous !== undefined && next !== undefined && next.length === previous.length ? previous : next
        const sameCitations = citations === previous
        previous = citations
        const prefix = text.slice(0, length)
        const version = logged && length > 0 ? log.append(text[length - 1]!) : undefined
        const marked = marker.mark(prefix, citations, numbers, version)
        expect(marked, JSON.stringify(prefix)).toBe(insertCitationPlaceholders(prefix, citations, numbers))
        const markedVersion = marker.version!
        expect(markedVersion.end).toBe(marked.length)
        expect(markedVersion.log.read(0, markedVersion.end)).toBe(marked)
        // Grown by the token alone: the markdown reads the token from the same log.
        if (sameCitations && previousVersion !== undefined && marked.startsWith(previousMarked)) {
          if (markedVersion.log === previousVersion.log) expect(markedVersion.log.read(previousVersion.end, markedVersion.end)).toBe(marked.slice(previousMarked.length))
        }
        previousMarked = marked
        previousVersion = markedVersion
      }
    }
  }

  it('reads only the token from a streamed text\'s log, never the text before it', () => {
    const marker = createCitationMarker()
    const log = createTextLog()
    const citations = [cite('a', 5)]
    expect(marker.mark('Fact.', citations, numbers, log.append('Fact.'))).toBe('Fact.⁽1⁾')
    // The string passed along is not read: its version says it is the logged text plus ' More'.
    const version = log.append(' More')
    expect(marker.mark('##########', citations, numbers, version)).toBe('Fact.⁽1⁾ More')
    expect(marker.version!.log.read(marker.version!.end - 5)).toBe(' More')
  })
  const upTo = (all: TextCitation[]) => (length: number) => {
    const known = all.filter((c) => c.end <= length)
    return known.length === 0 ? undefined : known
  }

  it('matches a full insert at every length of a streamed answer', () => {
    const text = 'Rivers flow. Seas do not.\n\nDeltas form where rivers meet the sea, slowly.\n'
    streamAndCompare(text, upTo([cite('a', 12, 0), cite('b', 25), cite('a', 50)]))
  })

  it('marks again when the line holding the last marker turns into a fence line', () => {
    // The marker after "``" must vanish once a third backtick makes the line a fence.
    streamAndCompare('Intro\n```js\ncode\n```\nAfter.', upTo([cite('a', 8), cite('b', 27)]))
    streamAndCompare('~~~\nx\n~~~\nDone', upTo([cite('a', 2)]))
    // Lines that can no longer become fences keep their markers.
    streamAndCompare('Intro\n``x\n~~ y\n', upTo([cite('a', 8), cite('b', 13)]))
  })

  it('marks again when citations, sources or the text itself change', () => {
    const marker = createCitationMarker()
    const citations = [cite('a', 5)]
    expect(marker.mark('Fact. More', citations, numbers)).toBe('Fact.⁽1⁾ More')
    expect(marker.mark('Fact. More', [...citations, cite('b', 10)], numbers)).toBe('Fact.⁽1⁾ More⁽2⁾')
    expect(marker.mark('Fact. More', citations, new Map([['a', 3]]))).toBe('Fact.⁽3⁾ More')
    expect(marker.mark('Fiction. More', citations, numbers)).toBe('Ficti⁽1⁾on. More')
    expect(marker.mark('Fic', citations, numbers)).toBe('Fic⁽1⁾')
    // A citation past the end is clamped; once the text reaches it, the marker moves there.
    const far = [cite('b', 8)]
    expect(marker.mark('Fic', far, numbers)).toBe('Fic⁽2⁾')
    expect(marker.mark('Fiction. More', far, numbers)).toBe('Fiction.⁽2⁾ More')
  })
})
