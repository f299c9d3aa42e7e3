import { STREAM_FORMATS, type StreamFormat } from '../protocol/decoders/stream-format.ts'

/**
 * What `rivulet-record` was asked to do.
 *
 * @example
 * const args: RecordArgs = { url: 'http://localhost:3000/api/chat', method: 'POST', body: '{}', headers: [], output: 'turn.jsonl', format: 'auto' }
 */
export interface RecordArgs {
  url: string
  method: string
  body?: string
  /** In the order given; a name may repeat. */
  headers: Array<[name: string, value: string]>
  output: string
  format: StreamFormat | 'auto'
}

/**
 * A command line that cannot run; the message says what to fix.
 *
 * @example
 * if (error instanceof UsageError) stderr(`${error.message}\n${USAGE}`)
 */
export class UsageError extends Error {
  override readonly name = 'UsageError'
  readonly type = 'usage'
}

/**
 * The `--help` text.
 *
 * @example
 * console.log(USAGE)
 */
export const USAGE = `Usage: rivulet-record <url> [-X METHOD] [-d BODY] [-H 'name: value']... -o FILE.jsonl [--format FORMAT]

Captures a live streamed response into a Rivulet recording (JSON Lines: a header line,
then one {"t": ms, "chunk": text} line per network read), to replay in tests and Storybook.

  -X, --request METHOD   HTTP method (default: GET, or POST when a body is given)
  -d, --data BODY        request body; a JSON body gets content-type: application/json
  -H, --header 'k: v'    request header, repeatable
  -o, --output FILE      where to write the recording (required)
      --format FORMAT    ${STREAM_FORMATS.join(' | ')} | auto (default: auto, detected)
  -h, --help             this text

Ctrl-C stops the capture and still writes what arrived (marked truncated).`

const VALUE_FLAGS: Record<string, 'method' | 'body' | 'header' | 'output' | 'format'> = {
  '-X': 'method',
  '--request': 'method',
  '-d': 'body',
  '--data': 'body',
  '-H': 'header',
  '--header': 'header',
  '-o': 'output',
  '--output': 'output',
  '--format': 'format',
}

/**
 * Reads the command line (curl-style flags, `--flag=value` also accepted). Returns
 * `'help'` for `-h`/`--help`; throws {@link UsageError} for anything it cannot run.
 *
 * @example
 * parseRecordArgs(['http://localhost:3000/api/chat', '-d', '{"messages":[]}', '-o', 'turn.jsonl'])
 * // { url: 'http://localhost:3000/api/chat', method: 'POST', body: '{"messages":[]}', headers: [], output: 'turn.jsonl', format: 'auto' }
 */
export function parseRecordArgs(argv: readonly string[]): RecordArgs | 'help' {
  let url: string | undefined
  let method: string | undefined
  let body: string | undefined
  let output: string | undefined
  let format: StreamFormat | 'auto' = 'auto'
  const headers: Array<[string, string]> = []
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i]!
    if (arg === '-h' || arg === '--help') return 'help'
    let inline: string | undefined
    const eq = arg.indexOf('=')
    if (arg.startsWith('--') && eq > 0) {
      inline = arg.slice(eq + 1)
      arg = arg.slice(0, eq)
    }
    const flag = VALUE_FLAGS[arg]
    if (!flag) {
      if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${arg}`)
      if (url !== undefined) throw new UsageError(`one URL only: got ${url} and ${arg}`)
      url = arg
      continue
    }
    const value = inline ?? argv[++i]
    if (value === undefined) throw new UsageError(`${arg} needs a value`)
    if (flag === 'method') method = value.toUpperCase()
    else if (flag === 'body') body = value
    else if (flag === 'output') output = value
    else if (flag === 'format') {
      if (value !== 'auto' && !STREAM_FORMATS.includes(value as StreamFormat)) throw new UsageError(`--format must be auto or one of ${STREAM_FORMATS.join(', ')}; got ${value}`)
      format = value as StreamFormat | 'auto'
    } else {
      const colon = value.indexOf(':')
      if (colon <= 0) throw new UsageError(`-H wants 'name: value'; got '${value}'`)
      headers.push([value.slice(0, colon).trim(), value.slice(colon + 1).trim()])
    }
  }
  if (url === undefined) throw new UsageError('missing the URL to record')
  try {
    new URL(url)
  } catch {
    throw new UsageError(`not an absolute URL: ${url}`)
  }
  if (output === undefined) throw new UsageError('missing -o FILE.jsonl (where to write the recording)')
  const args: RecordArgs = { url, method: method ?? (body === undefined ? 'GET' : 'POST'), headers, output, format }
  if (body !== undefined) args.body = body
  return args
}
