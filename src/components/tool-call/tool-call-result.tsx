import { forwardRef, useMemo } from 'react'
import type { ComponentPropsWithoutRef } from 'react'
import { formatJson } from './format-json.ts'
import { useToolCallContext } from './tool-call-context.ts'

/** Props of {@link ToolCallResult}; the rest are spread on the `<div>`. */
export type ToolCallResultProps = Omit<ComponentPropsWithoutRef<'div'>, 'children'>

/**
 * What the tool returned: the result pretty-printed once the call succeeded, or its error
 * text when it failed (`data-error`); nothing before that. The error is not an alert: the
 * message list's log is where failures are announced, so this part only shows it.
 *
 * @example
 * <ToolCall.Result />
 */
export const ToolCallResult = forwardRef<HTMLDivElement, ToolCallResultProps>(function ToolCallResult(props, ref) {
  const { part } = useToolCallContext('ToolCall.Result')
  const { state, result, errorText } = part
  const failed = state === 'output-error'
  const text = useMemo(() => (failed && errorText ? errorText : formatJson(result)), [failed, errorText, result])
  if (state !== 'output-available' && !failed) return null

  return (
    <div data-rivulet="tool-call-result" data-state={state} data-error={failed ? '' : undefined} {...props} ref={ref}>
      {failed ? <p data-rivulet="tool-call-error">{text || 'The tool failed without a message.'}</p> : <pre><code>{text}</code></pre>}
    </div>
  )
})
