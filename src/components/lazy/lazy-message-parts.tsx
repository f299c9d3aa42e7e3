import type { MessageActionsProps } from '../actions/message-actions.tsx'
import type { BranchPickerProps } from '../branches/branch-picker.tsx'
import type { MessageEditorProps } from '../actions/message-editor.tsx'
import type { FilePartViewProps } from '../files/file-part-view.tsx'
import { formatNumber } from '../labels/format.ts'
import { useLabels } from '../labels/labels-context.tsx'
import type { SourceListProps } from '../parts/source-list.tsx'
import { errorTitle } from '../status/error-messages.ts'
import type { ErrorNoticeProps } from '../status/error-notice.tsx'
import { ToolCallContent } from '../tool-call/tool-call-content.tsx'
import { ToolCallHeader } from '../tool-call/tool-call-header.tsx'
import { ToolCallRoot, type ToolCallRootProps } from '../tool-call/tool-call-root.tsx'
import { lazyView } from './lazy-view.tsx'
import { MessageExtrasContext } from './message-extras-chunk.ts'

/*
 * The parts `Message` and `Chat` show only in some states, loaded from the message extras chunk
 * after the first paint. Each fallback is laid out like the real part as far as its props
 * allow, so the swap does not move the page: a tool call card keeps its header and (empty)
 * region, an error its title, a file its name, the branch picker its position; the floating
 * action bar and an empty Sources list take no room.
 */

/** A tool call card's body; until it loads, the card's region is there, empty. */
export const LazyToolCallBody = lazyView(MessageExtrasContext, (m) => m.ToolCallBody, () => <ToolCallContent />)

/**
 * `ToolCallCard` with its body from the lazy chunk: the header (icon, name, state) shows at
 * once; Approve/Deny, arguments and result join it when the chunk lands.
 *
 * @example
 * <LazyToolCallCard part={part} waiting={false} />
 */
export function LazyToolCallCard(props: Omit<ToolCallRootProps, 'children'>) {
  return (
    <ToolCallRoot {...props}>
      <ToolCallHeader />
      <LazyToolCallBody />
    </ToolCallRoot>
  )
}

/** A file part; until it loads, its name where the chip or image will be. */
export const LazyFilePartView = lazyView(MessageExtrasContext, (m) => m.FilePartView, ({ part }: FilePartViewProps) => (
  <div data-rivulet="file" data-kind="loading" aria-busy="true">
    <span data-rivulet="file-name">{typeof part.name === 'string' ? part.name : ''}</span>
  </div>
))

function ErrorFallback({ error }: ErrorNoticeProps) {
  const labels = useLabels()
  return (
    <div data-rivulet="error-notice" data-code={error.code}>
      <p data-rivulet="error-title">{error.phase === 'resume' ? labels.errors.resumeFailed : errorTitle(error, 0, labels)}</p>
    </div>
  )
}

/** An inline error; until it loads, its title (Retry, Continue and the details join it). */
export const LazyErrorNotice = lazyView(MessageExtrasContext, (m) => m.ErrorNotice, ErrorFallback)

/** The numbered Sources list under an answer; nothing until it loads (it sits below everything). */
export const LazySourceList = lazyView(MessageExtrasContext, (m) => m.SourceList, (_: SourceListProps) => null)

/** A message's floating action bar; nothing until it loads (it takes no room in the layout). */
export const LazyMessageActions = lazyView(MessageExtrasContext, (m) => m.MessageActions, (_: MessageActionsProps) => null)

/** The inline editor of a user message; until it loads, the text being edited. */
export const LazyMessageEditor = lazyView(MessageExtrasContext, (m) => m.MessageEditor, ({ defaultValue }: MessageEditorProps) => (
  <div data-rivulet="user-text">{defaultValue}</div>
))

function BranchPickerFallback({ branches }: BranchPickerProps) {
  const labels = useLabels()
  if (branches === undefined || branches.count < 2) return null
  return (
    <div data-rivulet="branch-picker" aria-busy="true">
      <span data-rivulet="branch-position">{labels.branches.position(formatNumber(branches.index + 1, labels.locale), formatNumber(branches.count, labels.locale))}</span>
    </div>
  )
}

/** The ‹ 2 / 3 › picker of a message with alternatives; until it loads, its position without the arrows. */
export const LazyBranchPicker = lazyView(MessageExtrasContext, (m) => m.BranchPicker, BranchPickerFallback)
