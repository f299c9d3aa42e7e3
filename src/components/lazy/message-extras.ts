/*
 * The message parts only some messages show, in one chunk the page loads right after its
 * first paint (`message-extras-chunk.ts`): a tool call card's body (Approve/Deny, arguments,
 * result), files, inline errors, the Sources list, the action bar, the inline editor, the
 * branch picker (only a message with alternatives, made by a regenerate or an edit, shows it)
 * and the pieces a reasoning part writes its text in.
 */
export { ToolCallBody } from '../tool-call/tool-call-body.tsx'
export { FilePartView } from '../files/file-part-view.tsx'
export { ErrorNotice } from '../status/error-notice.tsx'
export { SourceList } from '../parts/source-list.tsx'
export { MessageActions } from '../actions/message-actions.tsx'
export { MessageEditor } from '../actions/message-editor.tsx'
export { BranchPicker } from '../branches/branch-picker.tsx'
export { TextPieces } from '../markdown/text-pieces.tsx'
