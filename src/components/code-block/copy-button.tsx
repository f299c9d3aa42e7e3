import { forwardRef, useEffect, useState } from 'react'
import type { ComponentPropsWithoutRef, CSSProperties } from 'react'
import { useLabels } from '../labels/labels-context.tsx'

/** Props of {@link CopyButton}. */
export interface CopyButtonProps extends Omit<ComponentPropsWithoutRef<'button'>, 'onClick' | 'children'> {
  /** What lands on the clipboard. */
  text: string
  /** How long "Copied" stays before the button resets. */
  resetAfterMs?: number
}

/** Whether the last copy worked, while its feedback is showing. */
export type CopyState = 'idle' | 'copied' | 'failed'

// Hidden from sight, not from screen readers: they hear the result, sighted users see
// the button's own text change.
const visuallyHidden: CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  clipPath: 'inset(50%)',
  whiteSpace: 'nowrap',
}

/**
 * A native button (so Enter and Space work) that writes `text` to the clipboard and shows
 * "Copied" beside it for a moment. The button always reads "Copy" (its accessible name,
 * "Copy code", contains its visible text, as WCAG 2.5.3 asks); the outcome is announced once
 * through a polite live region, and the visual feedback is hidden from screen readers.
 *
 * @example
 * <CopyButton text={code} />
 */
export const CopyButton = forwardRef<HTMLButtonElement, CopyButtonProps>(function CopyButton({ text, resetAfterMs = 2000, ...props }, ref) {
  const [state, setState] = useState<CopyState>('idle')
  const words = useLabels().copy
  const LABELS: Record<CopyState, string> = { idle: words.button, copied: words.copied, failed: words.failed }

  useEffect(() => {
    if (state === 'idle') return
    const timer = setTimeout(() => setState('idle'), resetAfterMs)
    return () => clearTimeout(timer)
  }, [state, resetAfterMs])

  const copy = async () => {
    try {
      // Missing outside secure contexts (http://, some iframes): report, do not throw.
      if (!navigator.clipboard) throw new Error('Clipboard unavailable')
      await navigator.clipboard.writeText(text)
      setState('copied')
    } catch {
      setState('failed')
    }
  }

  return (
    <>
      <button
        type="button"
        aria-label={words.code}
        data-rivulet="copy-button"
        data-state={state}
        {...props}
        ref={ref}
        onClick={() => void copy()}
      >
        {LABELS.idle}
      </button>
      {state === 'idle' ? null : (
        <span data-rivulet="copy-feedback" data-state={state} aria-hidden="true">
          {LABELS[state]}
        </span>
      )}
      <span role="status" data-rivulet="copy-status" style={visuallyHidden}>
        {state === 'idle' ? '' : LABELS[state]}
      </span>
    </>
  )
})
