import { forwardRef, useEffect, useId, useRef, useState, type ComponentPropsWithoutRef, type KeyboardEvent } from 'react'
import type { ThreadDirectory } from '../../core/persistence/thread-directory.ts'
import type { ThreadSummary } from '../../core/persistence/thread-record.ts'
import { useThreadList } from '../../react/use-thread-list.ts'
import { useLabels } from '../labels/labels-context.tsx'

/** Props of {@link ThreadList}; the rest are spread on the root `<nav>`. */
export interface ThreadListProps extends Omit<ComponentPropsWithoutRef<'nav'>, 'onSelect'> {
  directory: ThreadDirectory
  /** The thread showing in the chat. */
  activeId: string | undefined
  /** Show this thread (give it to `useChat({ id })`; the old thread's request is aborted). */
  onSelect: (id: string) => void
  /** A thread was deleted; when it was the active one, pick another. */
  onDelete?: (id: string) => void
}

function RenameForm({ thread, onDone }: { thread: ThreadSummary; onDone: (title: string | undefined) => void }) {
  const labels = useLabels()
  const [title, setTitle] = useState(thread.title ?? '')
  const ref = useRef<HTMLInputElement | null>(null)
  useEffect(() => {
    ref.current?.focus()
    ref.current?.select()
  }, [])
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault()
      onDone(undefined)
    }
  }
  return (
    <form
      data-rivulet="thread-list-rename"
      onSubmit={(event) => {
        event.preventDefault()
        onDone(title.trim() === '' ? undefined : title.trim())
      }}
    >
      <input ref={ref} aria-label={labels.threads.titleInput} value={title} onChange={(e) => setTitle(e.target.value)} onKeyDown={onKeyDown} />
      <button type="submit">{labels.threads.save}</button>
      <button type="button" onClick={() => onDone(undefined)}>
        {labels.threads.cancel}
      </button>
    </form>
  )
}

/**
 * The user's threads, newest first: New thread, then per thread a button that shows it
 * (`aria-current` on the active one), Rename (inline: Enter saves, Escape cancels) and
 * Delete. Storage failures show as an alert above the list; nothing is thrown.
 *
 * @example
 * const directory = useMemo(() => createThreadDirectory(createLocalStoragePersistence()), [])
 * const [id, setId] = useState(() => directory.create())
 * <ThreadList directory={directory} activeId={id} onSelect={setId} />
 * <Chat options={{ id, persistence: directory.persistence }} />
 */
export const ThreadList = forwardRef<HTMLElement, ThreadListProps>(function ThreadList({ directory, activeId, onSelect, onDelete, ...rest }, ref) {
  const labels = useLabels()
  const { threads, error, create, rename, remove } = useThreadList(directory)
  const [renaming, setRenaming] = useState<string | undefined>(undefined)
  const baseId = useId()

  return (
    <nav aria-label={labels.threads.label} data-rivulet="thread-list" {...rest} ref={ref}>
      <button type="button" data-rivulet="thread-list-new" onClick={() => onSelect(create())}>
        {labels.threads.new}
      </button>
      {error ? (
        <p role="alert" data-rivulet="thread-list-error" data-code={error.code}>
          {error.code === 'quota' ? labels.persistence.storageFull : error.code === 'unavailable' ? labels.persistence.storageUnavailable : labels.persistence.loadFailed}
        </p>
      ) : null}
      <ul data-rivulet="thread-list-items">
        {threads.map((thread, index) => {
          // Rename and Delete are described by the thread's title ("Rename", "Trip to Oslo").
          const titleId = `${baseId}t${index}`
          const title = thread.title ?? labels.threads.untitled
          const active = thread.id === activeId
          return (
            <li key={thread.id} data-rivulet="thread-list-item" data-active={active ? '' : undefined}>
              {renaming === thread.id ? (
                <RenameForm
                  thread={thread}
                  onDone={(next) => {
                    setRenaming(undefined)
                    if (next !== undefined) void rename(thread.id, next)
                  }}
                />
              ) : (
                <>
                  <button type="button" id={titleId} data-rivulet="thread-list-select" aria-current={active ? 'page' : undefined} onClick={() => onSelect(thread.id)}>
                    {title}
                  </button>
                  <button type="button" data-rivulet="thread-list-rename-button" aria-describedby={titleId} onClick={() => setRenaming(thread.id)}>
                    {labels.threads.rename}
                  </button>
                  <button
                    type="button"
                    data-rivulet="thread-list-delete"
                    aria-describedby={titleId}
                    onClick={() => {
                      void remove(thread.id).then(() => onDelete?.(thread.id))
                    }}
                  >
                    {labels.threads.delete}
                  </button>
                </>
              )}
            </li>
          )
        })}
      </ul>
    </nav>
  )
})
