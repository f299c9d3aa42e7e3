import { describe, expect, test } from 'vitest'
import { createDefinitionCollector } from './reference-definitions.ts'
import { createBlockSplitter } from './split-blocks.ts'

describe('createDefinitionCollector', () => {
  test.each([
    ['a definition block', ['See [a][r].\n\n', '[r]: https://a.example\n\n', 'tail'], 2, '[r]: https://a.example'],
    ['consecutive definitions, indented up to 3 spaces', ['[r]: https://a.example\n   [s]: <https://b.example>\n\n', 'x'], 1, '[r]: https://a.example\n   [s]: <https://b.example>'],
    ['not a definition line inside a paragraph (it cannot interrupt one)', ['Text\n[r]: https://a.example\n\n', 'x'], 1, ''],
    ['not a footnote definition', ['[^1]: a note\n\n', 'x'], 1, ''],
    ['not a definition indented as code', ['    [r]: https://a.example\n\n', 'x'], 1, ''],
    ['not a definition without a destination yet', ['[r]:\n\n', 'x'], 1, ''],
    ['not the unsettled blocks', ['[r]: https://a.example\n\n', '[s]: https://b.exa'], 1, '[r]: https://a.example'],
  ])('collects %s', (_what, blocks, settled, expected) => {
    expect(createDefinitionCollector().collect(blocks, settled)).toBe(expected)
  })

  test('gives what a fresh scan gives after every token of a streamed message', () => {
    const message = 'Intro [a][r] and [b][s].\n\n[r]: https://a.example\n\nMiddle\n\n[s]: https://b.example\n[t]: https://c.example\n\nEnd.'
    const splitter = createBlockSplitter()
    const collector = createDefinitionCollector()
    for (let end = 0; end <= message.length; end++) {
      const blocks = splitter.split(message.slice(0, end))
      expect(collector.collect(blocks, blocks.length - 1)).toBe(createDefinitionCollector().collect(blocks, blocks.length - 1))
    }
  })

  test('forgets the definitions of blocks that changed or went away', () => {
    const collector = createDefinitionCollector()
    expect(collector.collect(['[r]: https://a.example\n\n', '[s]: https://b.example\n\n', 'x'], 2)).toBe('[r]: https://a.example\n[s]: https://b.example')
    expect(collector.collect(['[r]: https://a.example\n\n', 'Plain\n\n', 'x'], 2)).toBe('[r]: https://a.example')
    expect(collector.collect(['Other'], 1)).toBe('')
  })

  test('counts the block that stops streaming once it is settled', () => {
    const collector = createDefinitionCollector()
    const blocks = ['Text\n\n', '[r]: https://a.example']
    expect(collector.collect(blocks, 1)).toBe('')
    expect(collector.collect(blocks, 2)).toBe('[r]: https://a.example')
  })
})
