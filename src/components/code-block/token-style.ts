import type { TokenStyle } from './highlight-types.ts'

/** Prefix of the CSS variables Shiki writes the non-default (dark) theme's styles to. */
export const CSS_VARIABLE_PREFIX = '--rivulet-code-'
const LIGHT_PREFIX = `${CSS_VARIABLE_PREFIX}light-`
const EMPTY_STYLE: TokenStyle = Object.freeze({})
const styles = new Map<string, TokenStyle>()

/**
 * A Shiki token's `htmlStyle` as a React style object. Shiki's keys are CSS names; React
 * wants camelCase for standard properties and the literal name for custom ones. Identical
 * styles share one frozen object, so memoised lines compare by reference.
 *
 * @example
 * toTokenStyle({ color: '#CF222E', '--rivulet-code-dark': '#FF7B72' })
 * // { color: '#CF222E', '--rivulet-code-dark': '#FF7B72', '--rivulet-code-light': '#CF222E' }
 */
export function toTokenStyle(htmlStyle: Record<string, string> | undefined): TokenStyle {
  if (!htmlStyle) return EMPTY_STYLE
  const entries = Object.entries(htmlStyle)
  const key = entries.map(([name, value]) => `${name}:${value}`).join(';')
  let style = styles.get(key)
  if (!style) {
    const out: Record<string, string> = {}
    for (const [name, value] of entries) {
      if (name.startsWith(LIGHT_PREFIX)) {
        // The default (light) theme's font style inline, so italics show without CSS.
        out[camelCase(name.slice(LIGHT_PREFIX.length))] = value
      }
      out[name.startsWith('--') ? name : camelCase(name)] = value
      // The light colour again as a variable: styles.css restores it in a light island inside a dark chat.
      if (name === 'color') out[`${CSS_VARIABLE_PREFIX}light`] = value
    }
    style = Object.freeze(out)
    styles.set(key, style)
  }
  return style
}

function camelCase(name: string): string {
  return name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase())
}
