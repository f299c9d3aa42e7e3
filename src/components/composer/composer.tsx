import { forwardRef, useLayoutEffect, useRef } from 'react'
import type { ChangeEvent, ComponentPropsWithoutRef, FormEvent, KeyboardEvent } from 'react'
import { isTurnActive, type ChatStatus } from '../../core/state.ts'
import { useLabels } from '../labels/labels-context.tsx'
import { SendIcon, StopIcon } from './composer-icons.tsx'
import { autosizeTextarea } from './textarea-height.ts'
import { useControllableState } from '../shared/use-controllable-state.ts'

/** Accessible names (and button texts) of the composer's controls. */
export interface ComposerLabels {
  message: string
  send: string
  stop: string
}

/** Props of {@link Composer}; the rest are spread on the root `<form>`. */
export interface ComposerProps
  extends Omit<ComponentPropsWithoutRef<'form'>, 'onSubmit' | 'children' | 'defaultValue'> {
  /** Called with the trimmed, non-empty text when the user sends it. */
  onSend: (text: string) => void
  /** Called when the user presses Stop during a turn. */
  onStop: () => void
  /** The chat's status: `submitted`, `streaming` and `reconnecting` turn Send into Stop. */
  status?: ChatStatus
  /** Nothing can be typed or sent (Stop still works, stopping is always safe). */
  disabled?: boolean
  placeholder?: string
  /** The box grows with its text up to this many lines, then scrolls. Defaults to 8. */
  maxRows?: number
  /** The text, when the caller owns it (with `onValueChange`). */
  value?: string
  /** The initial text when uncontrolled. */
  defaultValue?: string
  /** Every change of the text, including the clear after sending. */
  onValueChange?: (value: string) => void
  /** Overrides for "Message", "Send" and "Stop". */
  labels?: Partial<ComposerLabels>
}

/**
 * Whether a chat status means a turn is running (so the composer offers Stop).
 *
 * @example
 * isTurnRunning('streaming') // true
 */
export function isTurnRunning(status: ChatStatus | undefined): boolean {
  return isTurnActive(status)
}

/**
 * The message box: a textarea that grows with its text up to `maxRows`, Enter to send,
 * Shift+Enter for a new line, and a Send button that turns into Stop while a turn runs.
 * Enter never sends while an input method is composing (Japanese, Chinese, Korean
 * users confirm their candidate with Enter) nor while a turn runs.
 *
 * @example
 * <Composer status={status} onSend={(text) => sendMessage(text)} onStop={stop} placeholder="Ask anything" />
 */
export const Composer = forwardRef<HTMLFormElement, ComposerProps>(function Composer({
  onSend,
  onStop,
  status = 'idle',
  disabled = false,
  placeholder,
  maxRows = 8,
  value: valueProp,
  defaultValue = '',
  onValueChange,
  labels: labelOverrides,
  ...rest
}, ref) {
  const words = useLabels().composer
  const labels: ComposerLabels = { message: words.input, send: words.send, stop: words.stop, ...labelOverrides }
  const [value = defaultValue, setValue] = useControllableState({ value: valueProp, defaultValue, onChange: onValueChange })
  const textareaRef = useRef<HTMLTextAreaElement | null>(null)
  // isComposing, the composition events and keyCode 229 each miss the confirming Enter
  // of an input method in some engine (Safari reports it after compositionend); together
  // they catch it everywhere.
  const composingRef = useRef(false)
  const running = isTurnRunning(status)
  const canSend = !disabled && !running && value.trim() !== ''

  useLayoutEffect(() => {
    if (textareaRef.current) autosizeTextarea(textareaRef.current, maxRows)
  }, [value, maxRows])

  const send = () => {
    if (!canSend) return
    onSend(value.trim())
    setValue('')
    textareaRef.current?.focus()
  }

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    send()
  }

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key !== 'Enter' || event.shiftKey) return
    // keyCode 229 is what engines report for keys an input method is handling.
    if (event.nativeEvent.isComposing || composingRef.current || event.keyCode === 229) return
    event.preventDefault()
    send()
  }

  return (
    <form
      data-rivulet="composer"
      data-state={running ? 'streaming' : 'idle'}
      data-disabled={disabled ? '' : undefined}
      {...rest}
      ref={ref}
      onSubmit={onSubmit}
    >
      <textarea
        ref={textareaRef}
        data-rivulet="composer-input"
        aria-label={labels.message}
        placeholder={placeholder ?? words.placeholder}
        rows={1}
        enterKeyHint="send"
        disabled={disabled}
        value={value}
        onChange={(event: ChangeEvent<HTMLTextAreaElement>) => setValue(event.target.value)}
        onKeyDown={onKeyDown}
        onCompositionStart={() => {
          composingRef.current = true
        }}
        onCompositionEnd={() => {
          composingRef.current = false
        }}
      />
      {running ? (
        <button type="button" data-rivulet="composer-stop" onClick={() => onStop()}>
          <StopIcon />
          {/* The text stays: it names the button, and shows where no theme hides it behind the icon. */}
          <span data-rivulet="composer-button-label">{labels.stop}</span>
        </button>
      ) : (
        <button type="submit" data-rivulet="composer-send" disabled={!canSend}>
          <SendIcon />
          <span data-rivulet="composer-button-label">{labels.send}</span>
        </button>
      )}
    </form>
  )
})
