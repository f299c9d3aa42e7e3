import { forwardRef, useId } from 'react'
import type { ComponentPropsWithoutRef } from 'react'
import type { ReasoningPart } from '../../core/state.ts'
import { useDisclosure } from '../shared/use-disclosure.ts'
import { useLabels } from '../labels/labels-context.tsx'
import { reasoningLabel } from './reasoning-label.ts'
import { lazyView } from '../lazy/lazy-view.tsx'
import { MessageExtrasContext } from '../lazy/message-extras-chunk.ts'

/** Props of {@link Reasoning}; the rest are spread on the root `<div>`. */
export interface ReasoningProps extends Omit<ComponentPropsWithoutRef<'div'>, 'part' | 'children'> {
  /** The reasoning part as the chat state holds it. */
  part: ReasoningPart
  /** Controlled open state. */
  open?: boolean
  /** Uncontrolled initial open state; collapsed when left out. */
  defaultOpen?: boolean
  onOpenChange?: (open: boolean) => void
  /** Replaces the header text. Defaults to {@link reasoningLabel} with the labels in effect. */
  formatLabel?: (part: ReasoningPart) => string
}

/** The text in pieces once the extras chunk has loaded (the first paint does without it), one string until then. */
const ReasoningText = lazyView(MessageExtrasContext, (m) => m.TextPieces, ({ text }: { text: string }) => text)

/**
 * The model's thinking, collapsed behind a header that says "Thinking…" while it streams
 * and "Thought for N seconds" once the answer starts. The header is a native `<button>`
 * with `aria-expanded`/`aria-controls`; the text stays in the DOM when closed (`hidden`).
 * The text is plain, not markdown: reasoning is a draft and its half-made syntax would
 * only flicker. `data-whitespace="pre-wrap"` lets the stylesheet keep its line breaks. It is
 * written in memoised pieces of about 16 KB (`TextPieces`, from the message extras chunk; the
 * whole text until it lands), so a token rewrites and re-lays out the last piece, not all of a
 * long chain of thought.
 *
 * Root attributes: `data-state` is `thinking` or `done`, `data-streaming` while thinking,
 * `data-open` while expanded.
 *
 * @example
 * {part.type === 'reasoning' ? <Reasoning part={part} /> : null}
 */
export const Reasoning = forwardRef<HTMLDivElement, ReasoningProps>(function Reasoning({ part, open, defaultOpen, onOpenChange, formatLabel, ...rest }, ref) {
  const disclosure = useDisclosure({ open, defaultOpen, onOpenChange })
  const contentId = `${useId()}reasoning`
  const labels = useLabels()
  const label = formatLabel ? formatLabel(part) : reasoningLabel(part, labels)

  return (
    <div
      data-rivulet="reasoning"
      data-state={part.done ? 'done' : 'thinking'}
      data-streaming={part.done ? undefined : ''}
      data-open={disclosure.open ? '' : undefined}
      {...rest}
      ref={ref}
    >
      <button
        type="button"
        aria-expanded={disclosure.open}
        aria-controls={contentId}
        data-rivulet="reasoning-header"
        data-open={disclosure.open ? '' : undefined}
        onClick={disclosure.toggle}
      >
        <span data-rivulet="reasoning-label" data-animate={part.done ? undefined : ''}>
          {label}
        </span>
      </button>
      <div id={contentId} hidden={!disclosure.open} data-rivulet="reasoning-text" data-whitespace="pre-wrap">
        <ReasoningText text={part.text} />
      </div>
    </div>
  )
})
