import { describe, expect, it } from 'vitest'
import { markdownToPlainText } from './plain-text.ts'

describe('markdownToPlainText', () => {
  it.each([
    ['headings', '# Title\n\n## Sub ##', 'Title\n\nSub'],
    ['emphasis', '**bold**, __strong__, *it*, _em_ and ~~gone~~', 'bold, strong, it, em and gone'],
    ['snake_case words stay', 'use my_var_name here', 'use my_var_name here'],
    ['inline code keeps its syntax', 'run `a **b** c` now', 'run a **b** c now'],
    ['links', '[docs](https://x.dev) and <https://y.dev> and [https://z.dev](https://z.dev)', 'docs (https://x.dev) and https://y.dev and https://z.dev'],
    ['images become their alt', '![a cat](https://c.dev/cat.png)', 'a cat'],
    ['quotes', '> wise\n> words', 'wise\nwords'],
    ['lists keep markers, tasks lose boxes', '- one\n- [x] done\n1. first', '- one\n- done\n1. first'],
    ['fenced code kept exactly', '```ts\nconst a = **1**\n```\nafter', 'const a = **1**\nafter'],
    ['tables as tab-separated rows', '| A | B |\n|---|:-:|\n| 1 | 2 |', 'A\tB\n1\t2'],
    ['escapes', '2 \\* 3 \\_x\\_', '2 * 3 _x_'],
    ['thematic breaks', 'a\n\n---\n\nb', 'a\n\nb'],
  ])('%s', (_, markdown, text) => {
    expect(markdownToPlainText(markdown)).toBe(text)
  })
})
