import { forwardRef, useLayoutEffect, useRef } from 'react'
import type { ChangeEvent, ComponentPropsWithoutRef, FormEvent, KeyboardEvent } from 'react'
import { isTurnActive, type ChatStatus, type FilePart } from '../../core/state.ts'
import { useLabels } from '../labels/labels-context.tsx'
import { loadedAttachmentKit } from '../files/load-attachment-kit.ts'
import { useAttachments, type AttachmentOptions } from '../files/use-attachments.ts'
import { AttachIcon, SendIcon, StopIcon } from './composer-icons.tsx'
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
  /**
   * Called when the user sends: the trimmed text (non-empty unless files are attached) and,
   * when there are any, the attached files as parts, once every one is read or uploaded.
   */
  onSend: (text: string, files?: FilePart[]) => void
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
  /**
   * Lets the user attach files: an Attach button, paste and drag-and-drop, previews with
   * remove, limits (`accept`, `maxFiles`, `maxFileSize`) and an optional `uploadFile` (files
   * travel as `data:` URLs without it). `true` uses the defaults. @default false
   */
  attachments?: boolean | AttachmentOptions
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
  attachments: attachmentOption = false,
  ...rest
}, ref) {
  const allWords = useLabels()
  const words = allWords.composer
  const labels: ComposerLabels = { message: words.input, send: words.send, stop: words.stop, ...labelOverrides }
  const [value = defaultValue, setValue] = useControllableState({ value: valueProp, defaultValue, onChange: onValueChange })
  const textareaRef = useRef<HTMLTextAreaElement | null>(null)
  // isComposing, the composition events and keyCode 229 each miss the confirming Enter
  // of an input method in some engine (Safari reports it after compositionend); together
  // they catch it everywhere.
  const composingRef = useRef(false)
  const running = isTurnRunning(status)
  const attaching = attachmentOption !== false
  const files = useAttachments(attachmentOption === true || attachmentOption === false ? undefined : attachmentOption, attaching)
  // The previews come with the attachment store's chunk: there are files to show only once it is in.
  const AttachmentTray = loadedAttachmentKit()?.AttachmentTray
  // A file still uploading, or failed, holds the whole message back: nothing partial is sent.
  const filesReady = files.attachments.every((item) => item.status === 'ready')
  const canSend = !disabled && !running && filesReady && (value.trim() !== '' || files.attachments.length > 0)
  const fileInputRef = useRef<HTMLInputElement | null>(null)
  // The remove button goes away with its file: focus returns to the text box, not the page.
  const removeFile = (id: string) => {
    files.remove(id)
    textareaRef.current?.focus()
  }

  useLayoutEffect(() => {
    if (textareaRef.current) autosizeTextarea(textareaRef.current, maxRows)
  }, [value, maxRows])

  const send = () => {
    if (!canSend) return
    const parts = files.takeParts()
    if (parts === undefined) return
    if (parts.length === 0) onSend(value.trim())
    else onSend(value.trim(), parts)
    setValue('')
    files.clear()
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
      data-dragging={attaching && files.dragging ? '' : undefined}
      {...(attaching && !disabled ? files.dropHandlers : undefined)}
      {...rest}
      ref={ref}
      onSubmit={onSubmit}
    >
      {attaching ? (
        <>
          {AttachmentTray ? <AttachmentTray attachments={files.attachments} onRemove={removeFile} onRetry={files.retry} /> : null}
          {files.notice ? (
            <p data-rivulet="composer-notice" role="alert">
              {files.notice}
            </p>
          ) : null}
          {files.dragging ? <p data-rivulet="composer-drop-hint">{allWords.attachments.dropHere}</p> : null}
          <input
            ref={fileInputRef}
            data-rivulet="composer-file-input"
            type="file"
            multiple
            hidden
            tabIndex={-1}
            accept={typeof attachmentOption === 'object' ? attachmentOption.accept : undefined}
            onChange={(event: ChangeEvent<HTMLInputElement>) => {
              files.addFiles(Array.from(event.target.files ?? []))
              // The same file picked again must fire change again.
              event.target.value = ''
            }}
          />
          <button type="button" data-rivulet="composer-attach" disabled={disabled} onClick={() => fileInputRef.current?.click()}>
            <AttachIcon />
            <span data-rivulet="composer-button-label">{allWords.attachments.add}</span>
          </button>
        </>
      ) : null}
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
        onPaste={attaching && !disabled ? files.onPaste : undefined}
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
        <button type="submit" data-rivulet="composer-send" disabled={!canSend} title={filesReady ? undefined : allWords.attachments.waiting}>
          <SendIcon />
          <span data-rivulet="composer-button-label">{labels.send}</span>
        </button>
      )}
    </form>
  )
})
