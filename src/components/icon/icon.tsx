import type { ReactNode } from 'react'

/**
 * @example
 * const props: IconProps = { part: 'composer-icon', strokeWidth: 1.8, children: <path d="M8 13V3" /> }
 */
export interface IconProps {
  /** The `data-rivulet` name the theme styles it by. */
  part?: string
  /** Rendered width and height in pixels. @default 16 */
  size?: number
  /** A filled shape in the text colour instead of a stroked outline. */
  filled?: boolean
  /** Outline width in the 16-unit box. @default 1.5 */
  strokeWidth?: number
  children: ReactNode
}

/**
 * The one shell of every built-in icon: a 16-unit box drawn in `currentColor` (so the theme
 * colours it), outlines with round ends and corners, and hidden from screen readers (the
 * button or element around it carries the name).
 *
 * @example
 * <Icon part="composer-icon" strokeWidth={1.8}><path d="M8 13V3M3.5 7.5 8 3l4.5 4.5" /></Icon>
 */
export function Icon({ part, size = 16, filled = false, strokeWidth = 1.5, children }: IconProps) {
  const paint = filled ? { fill: 'currentColor' } : { fill: 'none', stroke: 'currentColor', strokeWidth, strokeLinecap: 'round' as const, strokeLinejoin: 'round' as const }
  return (
    <svg data-rivulet={part} aria-hidden="true" viewBox="0 0 16 16" width={size} height={size} {...paint}>
      {children}
    </svg>
  )
}
