import { describe, expect, it } from 'vitest'
import { parseRecordArgs, UsageError } from './record-args.ts'

describe('parseRecordArgs', () => {
  it('reads a curl-style command line', () => {
    expect(parseRecordArgs(['http://h.test/api/chat', '-X', 'put', '-d', '{"a":1}', '-H', 'Authorization: Bearer x:y', '-H', 'x-a: 1', '-o', 'out.jsonl', '--format', 'anthropic'])).toEqual({
      url: 'http://h.test/api/chat',
      method: 'PUT',
      body: '{"a":1}',
      headers: [
        ['Authorization', 'Bearer x:y'],
        ['x-a', '1'],
      ],
      output: 'out.jsonl',
      format: 'anthropic',
    })
  })

  it('POSTs when a body is given without a method, GETs otherwise, and takes --flag=value', () => {
    expect(parseRecordArgs(['-d', '{}', 'http://h.test/', '--output=a.jsonl'])).toMatchObject({ method: 'POST', output: 'a.jsonl', format: 'auto' })
    expect(parseRecordArgs(['http://h.test/', '-o', 'a.jsonl'])).toMatchObject({ method: 'GET' })
  })

  it('asks for help with -h or --help, whatever else is there', () => {
    expect(parseRecordArgs(['--help'])).toBe('help')
    expect(parseRecordArgs(['http://h.test/', '-h'])).toBe('help')
  })

  it.each([
    [[], 'missing the URL'],
    [['http://h.test/'], 'missing -o'],
    [['/relative', '-o', 'a'], 'not an absolute URL'],
    [['http://h.test/', 'http://other.test/', '-o', 'a'], 'one URL only'],
    [['http://h.test/', '-o'], '-o needs a value'],
    [['http://h.test/', '-o', 'a', '--verbose'], 'unknown option --verbose'],
    [['http://h.test/', '-o', 'a', '-H', 'no-colon'], "-H wants 'name: value'"],
    [['http://h.test/', '-o', 'a', '--format', 'gemini'], '--format must be auto or one of'],
  ])('rejects %j: %s', (argv, message) => {
    expect(() => parseRecordArgs(argv)).toThrow(UsageError)
    expect(() => parseRecordArgs(argv)).toThrow(message)
  })
})
