import { forwardRef, useMemo } from 'react'
import type { ComponentPropsWithoutRef } from 'react'
import { formatJson } from './format-json.ts'
import { useToolCallContext } from './tool-call-context.ts'

/** Props of {@link ToolCallArgs}; the rest are spread on the `<pre>`. */
export type ToolCallArgsProps = Omit<ComponentPropsWithoutRef<'pre'>, 'children'>

/**
 * The tool call's arguments as pretty-printed JSON, growing while they stream: it shows
 * `part.args` (the partial parse, refreshed once per frame by the store) and falls back to
 * the raw `argsText` while nothing could be parsed yet. Renders nothing before the first
 * fragment. `data-streaming` is present while the arguments are still arriving.
 *
 * @example
 * <ToolCall.Args className="args" />
 */
export const ToolCallArgs = forwardRef<HTMLPreElement, ToolCallArgsProps>(function ToolCallArgs(props, ref) {
  const { part } = useToolCallContext('ToolCall.Args')
  const { args, argsText } = part
  // args keeps its identity between flushes, so this runs once per parse, not per render.
  const text = useMemo(() => (args === undefined ? argsText : formatJson(args)), [args, argsText])
  if (text === '') return null

  return (
    <pre data-rivulet="tool-call-args" data-streaming={part.state === 'input-streaming' ? '' : undefined} {...props} ref={ref}>
      <code>{text}</code>
    </pre>
  )
})
