import { render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { Composer } from '../composer/composer.tsx'
import { reasoningLabel } from '../reasoning/reasoning-label.ts'
import { errorTitle } from '../status/error-messages.ts'
import { formatBytes, formatDuration, formatNumber } from './format.ts'
import { defaultInspectorLabels, inspectorLabelsInEffect } from './inspector-labels.ts'
import { LabelsProvider, useLabels } from './labels-context.tsx'
import { defaultLabels, mergeLabels } from './labels.ts'

describe('labels', () => {
  it('merge one level deep and keep the base when there is nothing to change', () => {
    const merged = mergeLabels(defaultLabels, { retry: 'Nochmal', composer: { send: 'Senden' }, toolCall: { states: { ...defaultLabels.toolCall.states, 'output-error': 'Kaputt' } } })
    expect(merged.retry).toBe('Nochmal')
    expect(merged.composer).toEqual({ ...defaultLabels.composer, send: 'Senden' })
    expect(merged.toolCall.states['output-error']).toBe('Kaputt')
    expect(merged.toolCall.unnamed).toBe('Tool')
    expect(mergeLabels(defaultLabels, undefined)).toBe(defaultLabels)
  })

  it('merge at any depth: one word of a nested group keeps its siblings', () => {
    const merged = mergeLabels(defaultLabels, { errors: { rateLimitedWait: (s) => `Warten: ${s}` }, toolCall: { states: { 'output-error': 'Kaputt' } } })
    expect(merged.toolCall.states['output-error']).toBe('Kaputt')
    expect(merged.toolCall.states['input-streaming']).toBe(defaultLabels.toolCall.states['input-streaming'])
    expect(merged.toolCall.unnamed).toBe('Tool')
    expect(merged.errors.rateLimitedWait('5')).toBe('Warten: 5')
    expect(merged.errors.network).toBe('Connection lost')
    expect(merged.composer).toBe(defaultLabels.composer)
  })

  it('the inspector’s words: English from its own module, changed at any depth through the same labels (providers nested too)', () => {
    expect(defaultLabels.inspector).toBeUndefined()
    const outer = mergeLabels(defaultLabels, { inspector: { kinds: { token: 'Tok' } } })
    const merged = mergeLabels(outer, { locale: 'ru', inspector: { units: { ms: (v) => `${v} мс` } } })
    const words = inspectorLabelsInEffect(merged)
    expect(words.locale).toBe('ru')
    expect(words.inspector.kinds.token).toBe('Tok')
    expect(words.inspector.kinds.stall).toBe('Stall')
    expect(words.inspector.units.ms('5')).toBe('5 мс')
    expect(words.inspector.units.seconds('5')).toBe('5 s')
    expect(words.inspector.metric).toBe(defaultInspectorLabels.metric)
    // One result per labels object, and a result resolves to itself: memoised panels keep still.
    expect(inspectorLabelsInEffect(merged)).toBe(words)
    expect(inspectorLabelsInEffect(words)).toBe(words)
    expect(inspectorLabelsInEffect(defaultLabels).inspector).toBe(defaultInspectorLabels)
  })

  it('spell durations and numbers with Intl in the reader’s locale', () => {
    expect(formatDuration(4_200, 'de')).toBe('4 Sekunden')
    expect(formatDuration(1_000, 'de')).toBe('1 Sekunde')
    expect(formatDuration(120_000, 'en')).toBe('2 minutes')
    expect(formatNumber(1234.5, 'de')).toBe('1.234,5')
    // Whole bytes are plural-aware ("614 byte" was Intl's short unit); larger units stay short.
    expect([formatBytes(614, 'en'), formatBytes(1, 'en'), formatBytes(614, 'de')]).toEqual(['614 bytes', '1 byte', '614 Byte'])
    expect(formatBytes(1536, 'en')).toBe('1.5 kB')
    const german = mergeLabels(defaultLabels, { locale: 'de', reasoning: { thoughtFor: (d) => `${d} nachgedacht` } })
    expect(reasoningLabel({ done: true, startedAt: 0, endedAt: 3_000 }, german)).toBe('3 Sekunden nachgedacht')
    const countdown = mergeLabels(defaultLabels, { locale: 'de', errors: { rateLimitedWait: (s) => `Warten: ${s} s` } })
    expect(errorTitle({ code: 'rate_limited', retryAfter: 2000 }, 1500, countdown)).toBe('Warten: 1.500 s')
    expect(errorTitle({ code: 'http', status: 1234 }, 0, countdown)).toBe('Request failed (HTTP 1234)')
  })

  it('nest providers: the inner one changes only what it names; props still win', () => {
    function Probe() {
      const labels = useLabels()
      return <output>{`${labels.retry}|${labels.continue}`}</output>
    }
    render(
      <LabelsProvider labels={{ retry: 'Nochmal', continue: 'Weiter' }}>
        <LabelsProvider labels={{ continue: 'Fortsetzen', composer: { send: 'Senden' } }}>
          <Probe />
          <Composer onSend={() => {}} onStop={() => {}} labels={{ message: 'Eingabe' }} />
        </LabelsProvider>
      </LabelsProvider>,
    )
    expect(screen.getByRole('status')).toHaveTextContent('Nochmal|Fortsetzen')
    expect(screen.getByRole('button', { name: 'Senden' })).toBeInTheDocument()
    expect(screen.getByRole('textbox', { name: 'Eingabe' })).toHaveAttribute('placeholder', 'Send a message')
  })
})
