// Intl formatters are costly to build and used on every countdown tick: one per locale and kind.
const cache = new Map<string, Intl.NumberFormat | Intl.ListFormat>()

function cached<T extends Intl.NumberFormat | Intl.ListFormat>(key: string, make: () => T): T {
  let formatter = cache.get(key) as T | undefined
  if (formatter === undefined) {
    formatter = make()
    cache.set(key, formatter)
  }
  return formatter
}

/**
 * A number in the reader's locale (their digits and separators).
 *
 * @example
 * formatNumber(1234, 'de') // '1.234'
 */
export function formatNumber(value: number, locale: string): string {
  return cached(`n:${locale}`, () => new Intl.NumberFormat(locale)).format(value)
}

function unit(value: number, name: 'second' | 'minute', locale: string): string {
  return cached(`u:${name}:${locale}`, () => new Intl.NumberFormat(locale, { style: 'unit', unit: name, unitDisplay: 'long' })).format(value)
}

/**
 * A duration in whole seconds (never below one), as minutes and seconds past a minute,
 * spelled out in the reader's language with its plural rules.
 *
 * @example
 * formatDuration(61_000, 'en') // '1 minute 1 second'
 * formatDuration(4_200, 'de')  // '4 Sekunden'
 */
export function formatDuration(ms: number, locale: string): string {
  const seconds = Math.max(1, Math.round(ms / 1000))
  if (seconds < 60) return unit(seconds, 'second', locale)
  const minutes = Math.floor(seconds / 60)
  const rest = seconds % 60
  if (rest === 0) return unit(minutes, 'minute', locale)
  const list = cached(`l:${locale}`, () => new Intl.ListFormat(locale, { type: 'unit', style: 'narrow' }))
  return list.format([unit(minutes, 'minute', locale), unit(rest, 'second', locale)])
}

const BYTE_UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const

/**
 * A file size in the reader's locale with a short unit (binary steps of 1024, the way file
 * managers count): `1.5 MB`, `820 kB`, `12 bytes`. Whole bytes take the long unit: the short
 * one is not plural-aware ("614 byte" in English).
 *
 * @example
 * formatBytes(10 * 1024 * 1024, 'en') // '10 MB'
 */
export function formatBytes(bytes: number, locale: string): string {
  let value = Math.max(0, bytes)
  let step = 0
  while (value >= 1024 && step < BYTE_UNITS.length - 1) {
    value /= 1024
    step++
  }
  const name = BYTE_UNITS[step]!
  const digits = value < 10 && step > 0 ? 1 : 0
  const display = step === 0 ? 'long' : 'short'
  return cached(`b:${name}:${digits}:${locale}`, () => new Intl.NumberFormat(locale, { style: 'unit', unit: name, unitDisplay: display, maximumFractionDigits: digits })).format(value)
}

/**
 * A plain figure with exactly `digits` decimals and no grouping separators, in the reader's
 * digits and decimal sign: for readouts where "3000 ms" must not read "3,000 ms".
 *
 * @example
 * formatFigure(1.534, 'de', 2) // '1,53'
 */
export function formatFigure(value: number, locale: string, digits = 0): string {
  return cached(`f:${digits}:${locale}`, () => new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false })).format(value)
}
