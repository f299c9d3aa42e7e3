import type { ComponentPropsWithRef } from 'react'
import type { StatusPart } from '../../core/state.ts'

/** Props of {@link StatusLine}; the rest are spread on the root `<div>`. */
export interface StatusLineProps extends Omit<ComponentPropsWithRef<'div'>, 'part' | 'children'> {
  /** The status part, e.g. "Searching the web…". */
  part: StatusPart
  /** True while this is the latest thing the stream said (`data-active`, for a shimmer). */
  active?: boolean
}

/**
 * A progress line the server sends during tool work ("Searching the web…"), as a polite
 * `role="status"`.
 *
 * @example
 * {part.type === 'status' ? <StatusLine part={part} active={isLast && streaming} /> : null}
 */
export function StatusLine({ part, active = false, ...rest }: StatusLineProps) {
  return (
    <div role="status" data-rivulet="status" data-active={active ? '' : undefined} data-animate={active ? '' : undefined} {...rest}>
      {part.message}
    </div>
  )
}
