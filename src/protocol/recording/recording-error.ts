/**
 * A recording file that cannot be read, with the 1-based line at fault (`line: 1` is the
 * header), so the message points at the line to fix.
 *
 * @example
 * try {
 *   parseRecording(text)
 * } catch (error) {
 *   if (error instanceof RecordingError) console.error(`${file}:${error.line}: ${error.message}`)
 * }
 */
export class RecordingError extends Error {
  override readonly name = 'RecordingError'
  readonly type = 'invalid-recording'
  constructor(
    readonly line: number,
    reason: string,
  ) {
    super(`line ${line}: ${reason}`)
  }
}
