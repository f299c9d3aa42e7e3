import type { ComponentPropsWithoutRef } from 'react'
import type { ExtraProps } from 'react-markdown'

/**
 * GFM task-list checkboxes come without a label; screen readers would only say "checkbox".
 * The item's text follows it, so the label says just the state.
 */
export function TaskCheckbox({ node: _node, ...props }: ComponentPropsWithoutRef<'input'> & ExtraProps) {
  if (props.type !== 'checkbox') return <input {...props} />
  return <input {...props} aria-label={props.checked ? 'Done' : 'Not done'} />
}
