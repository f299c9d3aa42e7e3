import { forwardRef } from 'react'
import type { ComponentPropsWithoutRef } from 'react'
import type { BranchInfo } from '../../core/branches/branch-tree.ts'
import { formatNumber } from '../labels/format.ts'
import { useLabels } from '../labels/labels-context.tsx'

/** Props of {@link BranchPicker}; the rest are spread on the root `<div>`. */
export interface BranchPickerProps extends Omit<ComponentPropsWithoutRef<'div'>, 'children'> {
  /** Where the message sits among its alternatives (`getBranches(message.id)`). */
  branches: BranchInfo | undefined
  /** Shows the alternative at `index` (0-based): `switchBranch(message.id, index)`. */
  onSwitch: (index: number) => void
  /** The arrows do nothing (e.g. while a turn streams, when switching is refused). */
  disabled?: boolean
}

/**
 * "‹ 2 / 3 ›" on a message that has alternatives (regenerated answers, edited prompts);
 * renders nothing for a message without. Native buttons named "Previous/Next alternative"
 * (from the labels), disabled at the ends; the position is a polite live region so screen
 * readers hear where they landed. The arrows are bidi-mirrored characters, so they point the
 * right way in a right-to-left chat.
 *
 * Attributes: `data-rivulet="branch-picker"`, `data-disabled`.
 *
 * @example
 * <BranchPicker branches={chat.getBranches(m.id)} onSwitch={(i) => chat.switchBranch(m.id, i)} />
 */
export const BranchPicker = forwardRef<HTMLDivElement, BranchPickerProps>(function BranchPicker({ branches, onSwitch, disabled = false, ...rest }, ref) {
  const labels = useLabels()
  if (branches === undefined || branches.count < 2) return null
  const { index, count } = branches
  const position = labels.branches.position(formatNumber(index + 1, labels.locale), formatNumber(count, labels.locale))
  return (
    <div role="group" aria-label={labels.branches.label} data-rivulet="branch-picker" data-disabled={disabled ? '' : undefined} {...rest} ref={ref}>
      <button
        type="button"
        data-rivulet="branch-previous"
        aria-label={labels.branches.previous}
        disabled={disabled || index <= 0}
        onClick={() => onSwitch(index - 1)}
      >
        <span aria-hidden="true">‹</span>
      </button>
      <span data-rivulet="branch-position" aria-live="polite">
        {position}
      </span>
      <button
        type="button"
        data-rivulet="branch-next"
        aria-label={labels.branches.next}
        disabled={disabled || index >= count - 1}
        onClick={() => onSwitch(index + 1)}
      >
        <span aria-hidden="true">›</span>
      </button>
    </div>
  )
})
