import { forwardRef, useEffect, useMemo, useState, type ComponentPropsWithoutRef } from 'react'
import { messageText } from '../../core/message-text.ts'
import type { ChatMessage } from '../../core/state.ts'
import { useLabels } from '../labels/labels-context.tsx'
import { visuallyHidden } from '../status/visually-hidden.ts'
import { ActionBarContext, useActionBarContext, type ActionBarContextValue, type Feedback } from './action-bar-context.ts'
import { markdownToPlainText } from './plain-text.ts'

/** Props of {@link ActionBarRoot}; the rest are spread on the root `<div>`. */
export interface ActionBarRootProps extends ComponentPropsWithoutRef<'div'> {
  message: ChatMessage
  /** Asks for another answer in place of this one (a new branch). */
  onRegenerate?: (messageId: string) => void
  /** Opens the inline editor for this (user) message. */
  onEdit?: (messageId: string) => void
  /** The reader rated the message. */
  onFeedback?: (messageId: string, value: Feedback) => void
  /** The rating shown as pressed; left out, the bar remembers the last click itself. */
  feedback?: Feedback
  /** Regenerate and Edit do nothing (copying always works). */
  disabled?: boolean
}

/**
 * The actions of one message, as a labelled group of native buttons: every one is in the tab
 * order and named for screen readers. The theme shows the bar when the message is hovered
 * *or* anything in it has keyboard focus (and always on touch screens), never on hover only.
 *
 * @example
 * <ActionBar.Root message={m} onRegenerate={chat.regenerate} onFeedback={rate}>
 *   <ActionBar.Copy format="markdown" />
 *   <ActionBar.Copy format="text" />
 *   <ActionBar.Regenerate />
 *   <ActionBar.Feedback value="up" />
 *   <ActionBar.Feedback value="down" />
 * </ActionBar.Root>
 */
export const ActionBarRoot = forwardRef<HTMLDivElement, ActionBarRootProps>(function ActionBarRoot({ message, onRegenerate, onEdit, onFeedback, feedback, disabled = false, children, ...rest }, ref) {
  const labels = useLabels()
  const [own, setOwn] = useState<Feedback | undefined>(undefined)
  const current = feedback ?? own
  const context = useMemo<ActionBarContextValue>(
    () => ({
      message,
      disabled,
      onRegenerate,
      onEdit,
      feedback: current,
      hasFeedback: onFeedback !== undefined,
      giveFeedback: (value) => {
        setOwn(value)
        onFeedback?.(message.id, value)
      },
    }),
    [message, disabled, onRegenerate, onEdit, current, onFeedback],
  )
  return (
    <div role="group" aria-label={labels.actions.label} data-rivulet="action-bar" data-disabled={disabled ? '' : undefined} {...rest} ref={ref}>
      <ActionBarContext.Provider value={context}>{children}</ActionBarContext.Provider>
    </div>
  )
})

type ButtonProps = Omit<ComponentPropsWithoutRef<'button'>, 'onClick'>

/** Props of {@link ActionBarCopy}. */
export interface ActionBarCopyProps extends ButtonProps {
  /** `markdown`: the source as the model wrote it; `text`: what the reader sees, without syntax. */
  format?: 'markdown' | 'text'
}

/**
 * Copies the message's text. Failure (no clipboard outside secure contexts) is reported,
 * never thrown. The result is announced once through a polite live region.
 *
 * @example
 * <ActionBar.Copy format="text" />
 */
export const ActionBarCopy = forwardRef<HTMLButtonElement, ActionBarCopyProps>(function ActionBarCopy({ format = 'markdown', ...rest }, ref) {
  const { message } = useActionBarContext('ActionBar.Copy')
  const labels = useLabels()
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle')
  useEffect(() => {
    if (state === 'idle') return
    const timer = setTimeout(() => setState('idle'), 2000)
    return () => clearTimeout(timer)
  }, [state])
  const copy = async () => {
    const markdown = messageText(message)
    try {
      if (!navigator.clipboard) throw new Error('no clipboard')
      await navigator.clipboard.writeText(format === 'text' ? markdownToPlainText(markdown) : markdown)
      setState('copied')
    } catch {
      setState('failed')
    }
  }
  return (
    <>
      <button type="button" data-rivulet="action-copy" data-format={format} data-state={state} {...rest} ref={ref} onClick={() => void copy()}>
        {format === 'text' ? labels.actions.copyText : labels.actions.copyMarkdown}
      </button>
      <span role="status" data-rivulet="action-copy-status" style={visuallyHidden}>
        {state === 'copied' ? labels.copy.copied : state === 'failed' ? labels.copy.failed : ''}
      </span>
    </>
  )
})

/**
 * Asks for a new answer in place of this one; renders nothing without `onRegenerate`.
 *
 * @example
 * <ActionBar.Regenerate />
 */
export const ActionBarRegenerate = forwardRef<HTMLButtonElement, ButtonProps>(function ActionBarRegenerate(props, ref) {
  const { message, disabled, onRegenerate } = useActionBarContext('ActionBar.Regenerate')
  const labels = useLabels()
  if (onRegenerate === undefined) return null
  return (
    <button type="button" data-rivulet="action-regenerate" disabled={disabled} {...props} ref={ref} onClick={() => onRegenerate(message.id)}>
      {labels.actions.regenerate}
    </button>
  )
})

/**
 * Opens the inline editor; renders nothing without `onEdit`.
 *
 * @example
 * <ActionBar.Edit />
 */
export const ActionBarEdit = forwardRef<HTMLButtonElement, ButtonProps>(function ActionBarEdit(props, ref) {
  const { message, disabled, onEdit } = useActionBarContext('ActionBar.Edit')
  const labels = useLabels()
  if (onEdit === undefined) return null
  return (
    <button type="button" data-rivulet="action-edit" disabled={disabled} {...props} ref={ref} onClick={() => onEdit(message.id)}>
      {labels.actions.edit}
    </button>
  )
})

/** Props of {@link ActionBarFeedback}. */
export interface ActionBarFeedbackProps extends ButtonProps {
  value: Feedback
}

/**
 * A toggle (`aria-pressed`) rating the message up or down; renders nothing without `onFeedback`.
 *
 * @example
 * <ActionBar.Feedback value="up" />
 */
export const ActionBarFeedback = forwardRef<HTMLButtonElement, ActionBarFeedbackProps>(function ActionBarFeedback({ value, ...rest }, ref) {
  const { feedback, giveFeedback, hasFeedback } = useActionBarContext('ActionBar.Feedback')
  const labels = useLabels()
  if (!hasFeedback) return null
  return (
    <button type="button" data-rivulet="action-feedback" data-value={value} aria-pressed={feedback === value} {...rest} ref={ref} onClick={() => giveFeedback(value)}>
      {value === 'up' ? labels.actions.feedbackUp : labels.actions.feedbackDown}
    </button>
  )
})

/**
 * The action bar's parts: `Root`, `Copy`, `Regenerate`, `Edit`, `Feedback` (each also exported
 * under its own name, e.g. `ActionBarCopy`).
 *
 * @example
 * <ActionBar.Root message={m} onEdit={startEditing}><ActionBar.Edit /></ActionBar.Root>
 */
export const ActionBar = {
  Root: ActionBarRoot,
  Copy: ActionBarCopy,
  Regenerate: ActionBarRegenerate,
  Edit: ActionBarEdit,
  Feedback: ActionBarFeedback,
}
