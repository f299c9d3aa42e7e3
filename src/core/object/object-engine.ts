/*
 * What an object client needs only once something is submitted — the incremental partial-JSON
 * parser, the stream session (retries, timeouts, resume) with its body readers, the event
 * picker and the schema check — in a chunk of its own (see `object-client.ts`), so pages that
 * import `useObject` without using it, and every page using only the chat, do not download it.
 */
export { createPartialJsonParser } from './partial-json-parser.ts'
export { createStreamSession } from './stream-session.ts'
export { createJsonTextPicker } from '../../protocol/pick-json-text.ts'
export { checkWithSchema } from './standard-schema.ts'
