import { forwardRef } from 'react'
import type { ComponentPropsWithoutRef } from 'react'
import { useToolCallContext } from './tool-call-context.ts'

/** Props of {@link ToolCallContent}; the rest are spread on the `<div>`. */
export type ToolCallContentProps = ComponentPropsWithoutRef<'div'>

/**
 * The collapsible details of a tool call card, controlled by `ToolCall.Header`. It stays
 * in the DOM when closed (with `hidden`), so the header's `aria-controls` always points at
 * a real element and reopening does not remount the arguments.
 *
 * @example
 * <ToolCall.Content>
 *   <ToolCall.Args />
 *   <ToolCall.Result />
 * </ToolCall.Content>
 */
export const ToolCallContent = forwardRef<HTMLDivElement, ToolCallContentProps>(function ToolCallContent({ children, ...rest }, ref) {
  const { open, contentId } = useToolCallContext('ToolCall.Content')
  return (
    <div id={contentId} hidden={!open} data-rivulet="tool-call-content" data-open={open ? '' : undefined} {...rest} ref={ref}>
      {children}
    </div>
  )
})
