import { forwardRef, type ComponentPropsWithoutRef } from 'react'

/** Props of {@link StepSeparator}; spread on its `<hr>`. */
export type StepSeparatorProps = ComponentPropsWithoutRef<'hr'>

/**
 * The quiet rule between two steps of an agent turn (a `step-start` part that follows
 * content): the steps stay one message, but a reader sees where the model picked up again
 * after its tools. An `<hr>`, so assistive technology hears a separator and no words.
 *
 * @example
 * {part.type === 'step-start' && index > 0 && <StepSeparator />}
 */
export const StepSeparator = forwardRef<HTMLHRElement, StepSeparatorProps>(function StepSeparator(props, ref) {
  return <hr data-rivulet="step-separator" {...props} ref={ref} />
})
