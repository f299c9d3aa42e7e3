import { forwardRef } from 'react'
import type { ComponentPropsWithoutRef } from 'react'
import type { StatusPart } from '../../core/state.ts'

/** Props of {@link StatusLine}; the rest are spread on the root `<div>`. */
export interface StatusLineProps extends Omit<ComponentPropsWithoutRef<'div'>, 'part' | 'children'> {
  /** The status part, e.g. "Searching the web…". */
  part: StatusPart
  /** True while this is the latest thing the stream said (`data-active`, for a shimmer). */
  active?: boolean
}

/**
 * A progress line the server sends during tool work ("Searching the web…"), as a polite
 * `role="status"`. `data-state` is `active` while it is the latest thing the stream said and
 * `done` once the answer moved past it, so the theme never shows a finished step as current.
 *
 * @example
 * {part.type === 'status' ? <StatusLine part={part} active={isLast && streaming} /> : null}
 */
export const StatusLine = forwardRef<HTMLDivElement, StatusLineProps>(function StatusLine({ part, active = false, ...rest }, ref) {
  return (
    <div role="status" data-rivulet="status" data-state={active ? 'active' : 'done'} data-active={active ? '' : undefined} data-animate={active ? '' : undefined} {...rest} ref={ref}>
      {part.message}
    </div>
  )
})
