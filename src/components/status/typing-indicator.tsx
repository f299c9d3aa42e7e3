import { forwardRef, useId } from 'react'
import type { ComponentPropsWithoutRef } from 'react'
import { useLabels } from '../labels/labels-context.tsx'
import { visuallyHidden } from './visually-hidden.ts'

/** Props of {@link TypingIndicator}; the rest are spread on the root `<div>`. */
export interface TypingIndicatorProps extends Omit<ComponentPropsWithoutRef<'div'>, 'children'> {
  /** What screen readers hear; translate it here. */
  label?: string
}

/**
 * Three dots shown between sending a prompt and the first token. A `role="status"` named
 * by its (visually hidden) label; the dots are decorative `<span data-rivulet="typing-dot"
 * data-animate>` elements that the stylesheet animates, and stops animating under
 * `prefers-reduced-motion`.
 *
 * @example
 * {status === 'submitted' ? <TypingIndicator /> : null}
 */
export const TypingIndicator = forwardRef<HTMLDivElement, TypingIndicatorProps>(function TypingIndicator({ label: labelProp, ...rest }, ref) {
  const labels = useLabels()
  const label = labelProp ?? labels.typing
  const labelId = `${useId()}label`
  return (
    <div role="status" aria-labelledby={labelId} data-rivulet="typing-indicator" {...rest} ref={ref}>
      <span id={labelId} style={visuallyHidden}>
        {label}
      </span>
      {[0, 1, 2].map((index) => (
        <span key={index} aria-hidden="true" data-rivulet="typing-dot" data-index={index} data-animate="" />
      ))}
    </div>
  )
})
