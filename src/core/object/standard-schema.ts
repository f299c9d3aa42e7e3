/**
 * The Standard Schema v1 interface (https://standardschema.dev), the few types of the published
 * spec that a consumer needs, written here as the spec intends: zod 4, valibot, arktype and
 * others implement it, so `useObject` accepts any of them without depending on one.
 */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  readonly '~standard': StandardSchemaProps<Input, Output>
}

/** The `~standard` property of a Standard Schema. */
export interface StandardSchemaProps<Input = unknown, Output = Input> {
  readonly version: 1
  readonly vendor: string
  readonly validate: (value: unknown) => StandardSchemaResult<Output> | Promise<StandardSchemaResult<Output>>
  readonly types?: { readonly input: Input; readonly output: Output } | undefined
}

/** A validation outcome: the (possibly transformed) value, or the issues found. */
export type StandardSchemaResult<Output> =
  | { readonly value: Output; readonly issues?: undefined }
  | { readonly issues: ReadonlyArray<StandardSchemaIssue> }

/** One problem, with where it is in the value. */
export interface StandardSchemaIssue {
  readonly message: string
  readonly path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined
}

/** The type a schema validates into. */
export type InferSchemaOutput<S> = S extends StandardSchemaV1<unknown, infer Output> ? Output : unknown

/**
 * Writes an issue path the way it reads in code: `items[2].price`, `["odd key"]`, `(root)`.
 *
 * @example
 * formatIssuePath(['items', 2, { key: 'price' }]) // 'items[2].price'
 */
export function formatIssuePath(path: StandardSchemaIssue['path']): string {
  if (!path || path.length === 0) return '(root)'
  let out = ''
  for (const segment of path) {
    const key = typeof segment === 'object' && segment !== null ? segment.key : segment
    if (typeof key === 'number') out += `[${key}]`
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) out += out === '' ? key : `.${key}`
    else out += `[${JSON.stringify(String(key))}]`
  }
  return out
}

/** What checking the final object gave: the schema's output, or a readable reason. */
export type SchemaCheck<Output> = { ok: true; value: Output } | { ok: false; message: string; issues: readonly StandardSchemaIssue[] }

/**
 * Validates a finished value. Never throws: a schema that throws (a bug, or a value too deep
 * for a recursive validator) becomes a failed check with its message. The message names the
 * first issues with their paths: `Schema mismatch at items[2].price: Expected number, received string`.
 *
 * @example
 * const check = await checkWithSchema(z.object({ name: z.string() }), { name: 1 })
 * if (!check.ok) console.log(check.message)
 */
export function checkWithSchema<Output>(
  schema: StandardSchemaV1<unknown, Output>,
  value: unknown,
): SchemaCheck<Output> | Promise<SchemaCheck<Output>> {
  let result: StandardSchemaResult<Output> | Promise<StandardSchemaResult<Output>>
  try {
    result = schema['~standard'].validate(value)
  } catch (error) {
    return schemaThrew(error)
  }
  // Synchronous schemas (most) answer in the same task, so the end of a stream is one update.
  return result instanceof Promise ? result.then(toCheck, schemaThrew) : toCheck(result)
}

function schemaThrew(error: unknown): SchemaCheck<never> {
  const message = error instanceof Error ? error.message : String(error)
  return { ok: false, message: `The schema could not check the object (${message})`, issues: [] }
}

function toCheck<Output>(result: StandardSchemaResult<Output>): SchemaCheck<Output> {
  if (result.issues === undefined) return { ok: true, value: result.value }
  const issues = result.issues
  const shown = issues.slice(0, 3).map((issue) => `at ${formatIssuePath(issue.path)}: ${issue.message}`)
  const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : ''
  return { ok: false, message: `Schema mismatch ${shown.join('; ')}${more}`, issues }
}
