/** Structured output: the incremental partial-JSON parser, the object client and Standard Schema support. */
export { createPartialJsonParser } from './partial-json-parser.ts'
export type { PartialJsonParser, PartialJsonParserOptions } from './partial-json-parser.ts'
export { PartialJsonError } from './partial-json-error.ts'
export type { PartialJsonErrorKind } from './partial-json-error.ts'
export { completeCount, completeElements } from './complete-elements.ts'
export { createObjectClient } from './object-client.ts'
export type { ObjectCallbacks, ObjectClient, ObjectClientOptions } from './object-client.ts'
export { initialObjectState } from './object-state.ts'
export type { DeepPartial, ObjectError, ObjectState, ObjectStatus } from './object-state.ts'
export { createObjectHttpTransport } from './object-transport.ts'
export type { ObjectHttpTransportOptions, ObjectRequest, ObjectTransport } from './object-transport.ts'
export type { ObjectStreamFormat } from './read-object-body.ts'
export { checkWithSchema, formatIssuePath } from './standard-schema.ts'
export type {
  InferSchemaOutput,
  SchemaCheck,
  StandardSchemaIssue,
  StandardSchemaProps,
  StandardSchemaResult,
  StandardSchemaV1,
} from './standard-schema.ts'
