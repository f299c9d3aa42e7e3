import { describe, expect, it } from 'vitest'
import { parseRecording, serializeRecording } from './parse-recording.ts'
import type { Recording } from './recording.ts'
import { RecordingError } from './recording-error.ts'

const header = '{"rivulet":"recording","version":1,"format":"rivulet","status":200,"headers":{"content-type":"text/event-stream"}}'

describe('parseRecording', () => {
  it('reads the header and every chunk in order', () => {
    const recording = parseRecording(`${header}\n{"t":0,"chunk":"data: a\\n"}\n{"t":12.5,"chunk":"\\n"}\n`)
    expect(recording.header).toMatchObject({ format: 'rivulet', status: 200, headers: { 'content-type': 'text/event-stream' } })
    expect(recording.chunks).toEqual([
      { t: 0, chunk: 'data: a\n' },
      { t: 12.5, chunk: '\n' },
    ])
  })

  it('accepts CRLF line ends, blank lines and fields it does not know', () => {
    const recording = parseRecording(`${header}\r\n\r\n{"t":1,"chunk":"x","note":"later writers"}\r\n`)
    expect(recording.chunks).toEqual([{ t: 1, chunk: 'x' }])
  })

  it.each([
    ['an empty file', '', 1, 'empty file'],
    ['a file of blank lines', '\n\n', 1, 'empty file'],
    ['chunks without a header', '{"t":0,"chunk":"a"}', 1, 'header line is missing'],
    ['a header that is not JSON', '{"rivulet":', 1, 'invalid JSON'],
    ['a header that is an array', '[1,2]', 1, 'expected a JSON object, got [1,2]'],
    ['an unknown version', header.replace('"version":1', '"version":2'), 1, 'unsupported version 2'],
    ['an unknown format', header.replace('"rivulet","status"', '"gemini","status"'), 1, '"format" must be one of'],
    ['a status that is not HTTP', header.replace('200', '99'), 1, '"status" must be an HTTP status'],
    ['headers that are not strings', header.replace('"text/event-stream"', '5'), 1, 'header "content-type" must be a string'],
    ['a non-string url', header.replace('}}', '},"url":3}'), 1, '"url" must be a string'],
    ['a bad ending', header.replace('}}', '},"ending":"explode"}'), 1, '"ending" must be one of'],
    ['a chunk that is not JSON', `${header}\n{"t":0,"chunk":"a"}\n{"t":1,chunk}`, 3, 'invalid JSON'],
    ['a chunk without text', `${header}\n{"t":0}`, 2, '"chunk" must be a string; got nothing'],
    ['a chunk with a negative time', `${header}\n{"t":-1,"chunk":"a"}`, 2, '"t" must be a number of milliseconds'],
    ['a chunk with a string time', `${header}\n{"t":"5","chunk":"a"}`, 2, '"t" must be a number of milliseconds ≥ 0; got "5"'],
    ['time going backwards', `${header}\n{"t":30,"chunk":"a"}\n\n{"t":12,"chunk":"b"}`, 4, '"t" goes back in time (12 after 30)'],
    ['a second header', `${header}\n${header}`, 2, 'a second header'],
  ])('rejects %s, naming line %i', (_name, text, line, message) => {
    let error: unknown
    try {
      parseRecording(text)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(RecordingError)
    expect((error as RecordingError).line).toBe(line)
    expect((error as RecordingError).type).toBe('invalid-recording')
    expect((error as RecordingError).message).toContain(`line ${line}: `)
    expect((error as RecordingError).message).toContain(message)
  })
})

describe('serializeRecording', () => {
  const recording: Recording = {
    header: { rivulet: 'recording', version: 1, format: 'anthropic', status: 200, headers: { 'content-type': 'text/event-stream' }, url: 'https://x.test/v1/messages', truncated: true, ending: 'network-error' },
    chunks: [
      { t: 0, chunk: 'event: ping\ndata: {"type":"ping"}\n\n' },
      { t: 3.25, chunk: 'data: "line\\nbreak" é 🌊\r\n' },
    ],
  }

  it('writes one JSON line per chunk after the header, and reads back equal', () => {
    const text = serializeRecording(recording)
    expect(text.split('\n')).toHaveLength(4) // header, two chunks, final newline
    expect(text.startsWith('{"rivulet":"recording","version":1,')).toBe(true)
    expect(parseRecording(text)).toEqual(recording)
  })
})
