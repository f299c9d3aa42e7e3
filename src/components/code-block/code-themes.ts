import type { ThemeRegistrationAny } from 'shiki/core'

/** A Shiki theme: the theme object itself, or a lazy `import()` of one (`() => import('shiki/themes/nord.mjs')`). */
export type CodeThemeSource = ThemeRegistrationAny | (() => Promise<{ default: ThemeRegistrationAny }>)

/** The two themes every block is tokenized with in one pass (Shiki dual themes). */
export interface CodeThemes {
  /** Colours written inline (the default). */
  light: CodeThemeSource
  /** Colours written to `--rivulet-code-dark*` variables, which styles.css switches to in dark mode. */
  dark: CodeThemeSource
}

/** GitHub's light and dark default themes, the ones used unless {@link setCodeThemes} says otherwise. */
export const DEFAULT_CODE_THEMES: CodeThemes = Object.freeze({
  light: () => import('shiki/themes/github-light-default.mjs'),
  dark: () => import('shiki/themes/github-dark-default.mjs'),
})

let themes: CodeThemes = DEFAULT_CODE_THEMES
let version = 0

/**
 * Chooses the Shiki themes code blocks are coloured with (default: GitHub light and dark
 * default). Call it once at startup, before the first block highlights: highlights already
 * cached are forgotten, blocks already coloured keep their colours until they remount.
 *
 * @example
 * setCodeThemes({ light: () => import('shiki/themes/min-light.mjs'), dark: () => import('shiki/themes/nord.mjs') })
 */
export function setCodeThemes(next: CodeThemes): void {
  themes = next
  version++
}

/** The themes in use, and a number that changes whenever they do (part of every cache key). */
export function currentCodeThemes(): { themes: CodeThemes; version: number } {
  return { themes, version }
}

/**
 * Loads a theme source to its registration (the object Shiki's `loadTheme` takes).
 *
 * @example
 * const theme = await resolveTheme(() => import('shiki/themes/nord.mjs')) // theme.name === 'nord'
 */
export async function resolveTheme(source: CodeThemeSource): Promise<ThemeRegistrationAny> {
  if (typeof source !== 'function') return source
  return (await source()).default
}
