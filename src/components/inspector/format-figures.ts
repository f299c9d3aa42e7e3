import { defaultLabels, type RivuletLabels } from '../labels/labels.ts'
import { formatFigure } from '../labels/format.ts'
import { inspectorLabelsInEffect } from '../labels/inspector-labels.ts'

/** What the figures need from the labels: the locale for digits, the inspector's units (English where not given). */
export type FigureLabels = Pick<RivuletLabels, 'locale' | 'inspector'>

/**
 * A duration for people: unknown when missing, milliseconds under a second, else seconds.
 *
 * @example
 * formatMs(412) // '412 ms'
 * formatMs(1534) // '1.53 s'
 */
export function formatMs(ms: number | undefined, labels: FigureLabels = defaultLabels): string {
  const { locale, inspector } = inspectorLabelsInEffect(labels)
  if (ms === undefined || !Number.isFinite(ms)) return inspector.unknown
  if (Math.abs(ms) < 1000) return inspector.units.ms(formatFigure(Math.round(ms), locale))
  return inspector.units.seconds(formatFigure(ms / 1000, locale, ms < 10_000 ? 2 : 1))
}

/**
 * A byte count in B, KB or MB (powers of 1,000, as network tools show them).
 *
 * @example
 * formatBytes(97_854) // '97.9 KB'
 */
export function formatBytes(bytes: number, labels: FigureLabels = defaultLabels): string {
  const { locale, inspector } = inspectorLabelsInEffect(labels)
  if (bytes < 1000) return inspector.units.bytes(formatFigure(bytes, locale))
  if (bytes < 1_000_000) return inspector.units.kilobytes(formatFigure(bytes / 1000, locale, 1))
  return inspector.units.megabytes(formatFigure(bytes / 1_000_000, locale, 2))
}

/**
 * A rate with one decimal below 100, whole numbers above; unknown when missing.
 *
 * @example
 * formatRate(58.27) // '58.3'
 */
export function formatRate(rate: number | undefined, labels: FigureLabels = defaultLabels): string {
  if (rate === undefined || !Number.isFinite(rate)) return inspectorLabelsInEffect(labels).inspector.unknown
  return formatFigure(rate < 100 ? rate : Math.round(rate), labels.locale, rate < 100 ? 1 : 0)
}

/**
 * A count in the reader's digits, without grouping (raw figures line up in the panel).
 *
 * @example
 * formatCount(282) // '282'
 */
export function formatCount(count: number, labels: FigureLabels = defaultLabels): string {
  return formatFigure(count, labels.locale)
}
