const FENCE = /^\s{0,3}(`{3,}|~{3,})/

function inline(text: string): string {
  // Code spans and escaped characters are set aside first, so no rule below touches them.
  const kept: string[] = []
  const keep = (value: string) => `\u0000${kept.push(value) - 1}\u0001`
  return text
    .replace(/\\([\\`*_{}[\]()#+\-.!|~>])/g, (_, char: string) => keep(char))
    .replace(/(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)/g, (_, __, code: string) => keep(code.trim()))
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g, (_, label: string, url: string) => (label === url ? url : `${label} (${url})`))
    .replace(/<((?:https?|mailto):[^>\s]+)>/g, '$1')
    .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, '$2')
    .replace(/(^|[^\w*])([*_])(?=\S)([\s\S]*?\S)\2(?![\w*])/g, '$1$3')
    .replace(/~~(?=\S)([\s\S]*?\S)~~/g, '$1')
    .replace(/\u0000(\d+)\u0001/g, (_, index: string) => kept[Number(index)]!)
}

/**
 * Markdown as the plain text a reader sees: no `#`, `**`, backticks, fences or table
 * pipes; links become "text (url)", images their alt text; list markers and line breaks
 * stay. For "Copy as plain text". Code inside fences is kept exactly.
 *
 * @example
 * markdownToPlainText('# Hi\n\n**Bold** and [docs](https://x.dev)') // 'Hi\n\nBold and docs (https://x.dev)'
 */
export function markdownToPlainText(markdown: string): string {
  const out: string[] = []
  let fence: string | undefined
  for (const line of markdown.split('\n')) {
    const marker = FENCE.exec(line)?.[1]
    if (fence !== undefined) {
      if (marker !== undefined && marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker) fence = undefined
      else out.push(line)
      continue
    }
    if (marker !== undefined) {
      fence = marker
      continue
    }
    if (/^\s{0,3}([-*_])(\s*\1){2,}\s*$/.test(line)) continue // thematic break
    if (/^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)+\|?\s*$/.test(line)) continue // table alignment row
    let text = line
      .replace(/^\s{0,3}#{1,6}\s+/, '')
      .replace(/\s+#+\s*$/, (m) => (/^\s{0,3}#/.test(line) ? '' : m))
      .replace(/^(\s*>\s?)+/, '')
      .replace(/^(\s*(?:[-*+]|\d+[.)])\s+)\[[ xX]\]\s+/, '$1')
    if (/^\s*\|.*\|\s*$/.test(text)) {
      text = text.trim().slice(1, -1).split('|').map((cell) => cell.trim()).join('\t')
    }
    out.push(inline(text))
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trim()
}
