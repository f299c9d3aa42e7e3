import { describe, expect, test } from 'vitest'
import { repairMarkdown, repairMarkdownDetailed } from './repair-markdown.ts'

/** [why, streaming input, what is displayed] */
const table: Array<[string, string, string]> = [
  // Code fences
  ['closes an open backtick fence', '```ts\nconst a = 1', '```ts\nconst a = 1\n```'],
  ['closes an open fence that ends with a newline', '```\ncode\n', '```\ncode\n```'],
  ['closes a tilde fence with the same marker', '~~~python\nx = 1', '~~~python\nx = 1\n~~~'],
  ['closes a long fence with a fence as long', '````md\n```js\ninner', '````md\n```js\ninner\n````'],
  ['closes a fence whose opening line is still being typed', 'Look:\n```py', 'Look:\n```py\n```'],
  ['completes a closing fence being typed instead of showing it as code', '```\ncode\n``', '```\ncode\n```'],
  ['does not add emphasis closers inside an open fence', '```\nlet x = **y', '```\nlet x = **y\n```'],
  ['leaves a closed fence alone', '```\na ** b\n```', '```\na ** b\n```'],
  ['does not close stray emphasis inside a closed fence', '```\n**a\n```\nafter', '```\n**a\n```\nafter'],
  ['keeps text after a closed fence untouched', '```\nx\n```\n\nSee `y`', '```\nx\n```\n\nSee `y`'],
  ['reads three backticks with a backtick after them as an inline code span, not a fence', '```a`b', '```a`b```'],
  // Emphasis
  ['closes bold', 'Some **bold', 'Some **bold**'],
  ['closes italics with a star', 'Some *it', 'Some *it*'],
  ['closes italics with an underscore', 'Some _it', 'Some _it_'],
  ['closes strong with underscores', 'Some __strong', 'Some __strong__'],
  ['closes strikethrough', 'Some ~~gone', 'Some ~~gone~~'],
  ['completes a half-typed strikethrough closer', '~~strike~', '~~strike~~'],
  ['completes a half-typed strikethrough closer after text', 'Text with ~~strike~', 'Text with ~~strike~~'],
  ['closes italics when the text ends in a single newline', 'Text with _italic\n', 'Text with _italic_\n'],
  ['closes bold when the text ends in a single newline', 'Some **bold\n', 'Some **bold**\n'],
  ['does not close emphasis in a heading finished by its newline', '# Title *x\n', '# Title *x\n'],
  ['leaves a star between punctuation (math) literal', 'Text with *italic* and math $$x^{*}$$', 'Text with *italic* and math $$x^{*}$$'],
  ['leaves a star in parentheses literal', 'where f(*) is the dual', 'where f(*) is the dual'],
  ['still closes emphasis after a star between punctuation', 'x^{*} then *it', 'x^{*} then *it*'],
  ['leaves an underscore inside an HTML attribute alone', '<a target="_blank">link</a>', '<a target="_blank">link</a>'],
  ['leaves an underscore inside an HTML tag being typed alone', 'see <a href="_x', 'see <a href="_x'],
  ['leaves single tildes (ranges) alone', '20~25°C。20~25°C', '20~25°C。20~25°C'],
  ['closes nested emphasis in reverse order', '**bold and *both', '**bold and *both***'],
  ['closes bold before trailing whitespace so the closer is right-flanking', '**bold ', '**bold** '],
  ['closes bold across lines of one paragraph', '**bold\nstill', '**bold\nstill**'],
  ['drops an opener with nothing after it yet', 'Hello **', 'Hello '],
  ['drops a lone trailing star at the start of a line', 'Intro\n*', 'Intro\n'],
  ['leaves balanced emphasis alone', '**bold** and *it* and _u_', '**bold** and *it* and _u_'],
  ['leaves bold followed by a word alone', '**bold**text', '**bold**text'],
  ['leaves multiplication alone', '2 * 3 = 6', '2 * 3 = 6'],
  ['leaves intraword stars (math) alone', 'a*b*c', 'a*b*c'],
  ['does not open emphasis on an intraword star', '2*3 = 6', '2*3 = 6'],
  ['leaves snake_case alone', 'call snake_case_name now', 'call snake_case_name now'],
  ['leaves list bullets alone', '* item\n* other', '* item\n* other'],
  ['leaves a list bullet being typed alone', 'List:\n\n* ', 'List:\n\n* '],
  ['leaves escaped stars alone', '\\*not italic', '\\*not italic'],
  ['leaves a single tilde (approximately) alone', 'about ~5 minutes', 'about ~5 minutes'],
  ['leaves a thematic break alone', 'Text\n\n***', 'Text\n\n***'],
  ['does not close emphasis left open in a finished paragraph', '*a\n\nnew para', '*a\n\nnew para'],
  ['does not close emphasis left open in a heading', '# Title *x\nbody', '# Title *x\nbody'],
  ['closes emphasis in a heading being typed', '## A **bold', '## A **bold**'],
  ['closes emphasis only in the last list item', '- *a\n- **b', '- *a\n- **b**'],
  // Inline code
  ['closes an inline code span', 'Run `npm i', 'Run `npm i`'],
  ['closes a double backtick code span', 'Use ``a ` b', 'Use ``a ` b``'],
  ['drops an empty code span opener', 'Run `', 'Run '],
  ['leaves stars inside inline code alone', 'Use `**kwargs` here', 'Use `**kwargs` here'],
  ['does not close stars that are inside an unclosed code span', 'Use `**kw', 'Use `**kw`'],
  ['closes code before the emphasis around it', '**see `x', '**see `x`**'],
  ['completes a backtick closer of the wrong length', '```python print("Hi")``', '```python print("Hi")```'],
  ['closes a code span before a trailing newline', 'Run `npm i\n', 'Run `npm i`\n'],
  // Links and images
  ['shows only the text of a half-written link', 'see [docs](https://exa', 'see docs'],
  ['shows only the text of a link whose URL has not started', 'see [docs](', 'see docs'],
  ['shows the link text of a link with a half-written title', '[a](https://x.io "ti', 'a'],
  ['keeps finished links before a half-written one', '[a](https://a.io) and [b](https://b', '[a](https://a.io) and b'],
  ['closes emphasis inside a half-written link text', 'see [**docs](https://exa', 'see **docs**'],
  ['leaves a bracket that may not be a link alone', 'array[0', 'array[0'],
  ['leaves link text waiting for its URL alone', 'see [docs]', 'see [docs]'],
  ['drops a half-written image so its URL is never requested', 'Look ![chart](https://evil.example/?q=sec', 'Look '],
  ['drops an image whose alt text is still being typed', 'Look ![cha', 'Look '],
  ['drops a half-written image nested in link text', 'x [![a](https://x', 'x ['],
  ['leaves underscores inside a finished link URL alone', '[a](https://x.io/a_b) _c', '[a](https://x.io/a_b) _c_'],
  ['leaves underscores inside a bare URL alone', 'see https://x.io/_private', 'see https://x.io/_private'],
  ['leaves underscores inside an angle autolink alone', 'see <https://x.io/_p>', 'see <https://x.io/_p>'],
  ['leaves a parenthesised URL alone', '[w](https://en.wikipedia.org/wiki/A_(b)) ok', '[w](https://en.wikipedia.org/wiki/A_(b)) ok'],
  // Tables
  ['leaves a header row without its delimiter row as text', '| a | b |', '| a | b |'],
  ['completes a delimiter row being typed to the header width', '| a | b |\n| --', '| a | b |\n| --- | --- |'],
  ['completes a delimiter row with too few cells', '| a | b | c |\n|---|---|', '| a | b | c |\n| --- | --- | --- |'],
  ['leaves a finished delimiter row alone', '| a | b |\n|:--|--:|', '| a | b |\n|:--|--:|'],
  ['closes emphasis in the cell being typed only', '| *x | **y', '| *x | **y**'],
  ['leaves a body row being typed alone', '| a |\n|---|\n| 1', '| a |\n|---|\n| 1'],
  // Setext
  ['drops a dash being typed under a paragraph instead of making it a heading', 'Items:\n-', 'Items:\n'],
  ['drops a list item being typed (dash and space) under a paragraph', 'Some text\n- ', 'Some text\n'],
  ['keeps a finished setext heading', 'Title\n---\n', 'Title\n---\n'],
]

describe('repairMarkdown', () => {
  test('the table has at least 40 rows', () => {
    expect(table.length).toBeGreaterThanOrEqual(40)
  })

  test.each(table)('%s', (_why, input, expected) => {
    expect(repairMarkdown(input)).toBe(expected)
  })

  test('is idempotent on every row of the table', () => {
    for (const [, input] of table) {
      const once = repairMarkdown(input)
      expect(repairMarkdown(once)).toBe(once)
    }
  })

  test('reports the open fence it closed, with its offset', () => {
    const result = repairMarkdownDetailed('Intro\n\n~~~~js\nlet a')
    expect(result.openFence).toEqual({ marker: '~~~~', start: 7 })
    expect(repairMarkdownDetailed('```\na\n```').openFence).toBeUndefined()
  })
})
