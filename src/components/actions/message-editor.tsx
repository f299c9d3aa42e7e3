import { forwardRef, useEffect, useRef, useState, type ComponentPropsWithoutRef, type FormEvent, type KeyboardEvent } from 'react'
import { useLabels } from '../labels/labels-context.tsx'

/** Props of {@link MessageEditor}; the rest are spread on the root `<form>`. */
export interface MessageEditorProps extends Omit<ComponentPropsWithoutRef<'form'>, 'onSubmit' | 'children' | 'defaultValue'> {
  /** The text being edited. */
  defaultValue: string
  /** Called with the trimmed, non-empty new text (Save or Enter). */
  onSave: (text: string) => void
  /** Called on Cancel or Escape. */
  onCancel: () => void
}

/**
 * The inline editor of a user message: a textarea that takes focus with the caret at the end,
 * Enter saves and Shift+Enter breaks the line (never while an input method composes), Escape
 * cancels; Save and Cancel buttons do the same for pointer users.
 *
 * @example
 * <MessageEditor defaultValue={messageText(m)} onSave={(t) => chat.edit(m.id, t)} onCancel={() => setEditing(null)} />
 */
export const MessageEditor = forwardRef<HTMLFormElement, MessageEditorProps>(function MessageEditor({ defaultValue, onSave, onCancel, ...rest }, ref) {
  const labels = useLabels()
  const [value, setValue] = useState(defaultValue)
  const inputRef = useRef<HTMLTextAreaElement | null>(null)
  const composing = useRef(false)
  const canSave = value.trim() !== ''

  useEffect(() => {
    const textarea = inputRef.current
    if (!textarea) return
    textarea.focus()
    textarea.setSelectionRange(textarea.value.length, textarea.value.length)
  }, [])

  const save = () => {
    if (canSave) onSave(value.trim())
  }
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault()
      onCancel()
      return
    }
    if (event.key !== 'Enter' || event.shiftKey) return
    if (event.nativeEvent.isComposing || composing.current || event.keyCode === 229) return
    event.preventDefault()
    save()
  }

  return (
    <form
      data-rivulet="message-editor"
      {...rest}
      ref={ref}
      onSubmit={(event: FormEvent<HTMLFormElement>) => {
        event.preventDefault()
        save()
      }}
    >
      <textarea
        ref={inputRef}
        data-rivulet="message-editor-input"
        aria-label={labels.actions.editInput}
        value={value}
        rows={Math.min(8, Math.max(2, value.split('\n').length))}
        onChange={(event) => setValue(event.target.value)}
        onKeyDown={onKeyDown}
        onCompositionStart={() => {
          composing.current = true
        }}
        onCompositionEnd={() => {
          composing.current = false
        }}
      />
      <div data-rivulet="message-editor-actions">
        <button type="button" data-rivulet="message-editor-cancel" onClick={onCancel}>
          {labels.actions.cancel}
        </button>
        <button type="submit" data-rivulet="message-editor-save" disabled={!canSave}>
          {labels.actions.save}
        </button>
      </div>
    </form>
  )
})
