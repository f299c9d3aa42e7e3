import type { ComponentPropsWithoutRef } from 'react'
import type { ExtraProps } from 'react-markdown'
import { useLabels } from '../labels/labels-context.tsx'

/**
 * GFM task-list checkboxes come without a label; screen readers would only say "checkbox".
 * The item's text follows it, so the label says just the state.
 */
export function TaskCheckbox({ node: _node, ...props }: ComponentPropsWithoutRef<'input'> & ExtraProps) {
  const words = useLabels().markdown
  if (props.type !== 'checkbox') return <input {...props} />
  return <input {...props} aria-label={props.checked ? words.taskDone : words.taskNotDone} />
}
