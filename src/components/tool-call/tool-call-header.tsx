import { forwardRef } from 'react'
import type { ComponentPropsWithoutRef, MouseEvent } from 'react'
import { visuallyHidden } from '../status/visually-hidden.ts'
import { useLabels } from '../labels/labels-context.tsx'
import { useToolCallContext } from './tool-call-context.ts'
import { ChevronIcon, ToolIcon } from './tool-call-icons.tsx'

/** Props of {@link ToolCallHeader}, spread on the `<button>`; `children` replace the default name and state label. */
export type ToolCallHeaderProps = ComponentPropsWithoutRef<'button'>

/**
 * The toggle of a tool call card: a native `<button>` (Enter and Space work) with
 * `aria-expanded` and `aria-controls` pointing at `ToolCall.Content`, and `data-open` while the
 * details show. It shows the tool's name and a state label ("Preparing arguments…",
 * "Running…", "Done", "Failed").
 *
 * Screen readers hear each state change once, through a visually hidden polite live
 * region next to the button that holds the label only — never the arguments, which
 * change on every frame. The visible label is hidden from them so it is not read twice;
 * the live region is the button's description, so focusing it still tells the state.
 *
 * @example
 * <ToolCall.Header onClick={() => track('tool-toggle')} />
 */
export const ToolCallHeader = forwardRef<HTMLButtonElement, ToolCallHeaderProps>(function ToolCallHeader({ children, onClick, ...rest }, ref) {
  const { part, labels, open, toggle, contentId, stateId, waiting } = useToolCallContext('ToolCall.Header')
  const words = useLabels().toolCall
  const label = waiting ? words.waiting : labels[part.state]
  const unnamed = words.unnamed

  const handleClick = (event: MouseEvent<HTMLButtonElement>) => {
    onClick?.(event)
    if (!event.defaultPrevented) toggle()
  }

  return (
    <>
      <button
        type="button"
        aria-expanded={open}
        aria-controls={contentId}
        aria-describedby={stateId}
        data-rivulet="tool-call-header"
        data-open={open ? '' : undefined}
        {...rest}
        ref={ref}
        onClick={handleClick}
      >
        {children ?? (
          <>
            <ToolIcon />
            {/* A call can reach us before its start event (name still empty). */}
            <span data-rivulet="tool-call-name">{part.name || unnamed}</span>
            <span data-rivulet="tool-call-state" data-state={part.state} aria-hidden="true">
              {label}
            </span>
            <ChevronIcon />
          </>
        )}
      </button>
      <span id={stateId} aria-live="polite" data-rivulet="tool-call-announcer" style={visuallyHidden}>
        {label}
      </span>
    </>
  )
})
