'use client'
import { forwardRef, memo, useLayoutEffect, useRef, type ComponentPropsWithoutRef } from 'react'
import type { InspectorFrame } from './create-inspector-store.ts'
import { inspectorLabelsInEffect } from '../labels/inspector-labels.ts'
import { useLabels } from '../labels/labels-context.tsx'
import { formatBytes, formatCount, formatMs } from './format-figures.ts'

/** Longer reads (a whole body in one chunk) are cut for display; the byte count stays exact. */
const maxFrameChars = 2000
/** Within this many pixels of the bottom the list follows new frames. */
const pinSlack = 24

/**
 * @example
 * <InspectorFrames frames={frames} hiddenFrames={0} />
 */
export interface InspectorFramesProps extends ComponentPropsWithoutRef<'section'> {
  frames: readonly InspectorFrame[]
  /** How many earlier frames were dropped to keep the list short. */
  hiddenFrames: number
}

// Contained, not `content-visibility: auto`: outside its full accessibility mode Chromium leaves
// the text of a row whose rendering it skips out of its accessibility tree
// (long-answer-a11y.browser.test.tsx), and the list is kept short anyway (`hiddenFrames`).
const frameRowStyle = { contain: 'layout style paint' } as const

const FrameRow = memo(function FrameRow({ frame }: { frame: InspectorFrame }) {
  const labels = inspectorLabelsInEffect(useLabels())
  const cut = frame.text.length > maxFrameChars
  return (
    <li data-rivulet="inspector-frame" style={frameRowStyle}>
      <span data-rivulet="inspector-frame-meta">
        +{formatMs(frame.at, labels)} · {formatBytes(frame.bytes, labels)}
      </span>
      {/* The frame is wire data; the note on a cut one is the panel's own words, in a part of its own. */}
      <pre data-rivulet="inspector-frame-text" style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
        {cut ? `${frame.text.slice(0, maxFrameChars)}…` : frame.text}
        {cut ? <span data-rivulet="inspector-frame-cut"> {labels.inspector.moreCharacters(formatCount(frame.text.length - maxFrameChars, labels))}</span> : null}
      </pre>
    </li>
  )
})

/**
 * The raw reads of the stream, newest last, in a scroller that follows new frames unless
 * the reader scrolled up. Rows are memoised by frame, so a new frame renders one row.
 *
 * @example
 * const { frames, hiddenFrames } = useStreamInspector({ chat })
 * <InspectorFrames frames={frames} hiddenFrames={hiddenFrames} />
 */
export const InspectorFrames = memo(forwardRef<HTMLElement, InspectorFramesProps>(function InspectorFrames({ frames, hiddenFrames, ...rest }, ref) {
  const labels = inspectorLabelsInEffect(useLabels())
  const scroller = useRef<HTMLOListElement>(null)
  const pinned = useRef(true)

  useLayoutEffect(() => {
    const list = scroller.current
    if (list && pinned.current) list.scrollTop = list.scrollHeight
  }, [frames])

  return (
    <section data-rivulet="inspector-frames" aria-label={labels.inspector.rawFrames} {...rest} ref={ref}>
      {hiddenFrames > 0 ? <p data-rivulet="inspector-hidden-frames">{labels.inspector.hiddenFrames(formatCount(hiddenFrames, labels))}</p> : null}
      <ol
        ref={scroller}
        tabIndex={0}
        aria-label={labels.inspector.frames}
        onScroll={(event) => {
          const list = event.currentTarget
          pinned.current = list.scrollHeight - list.scrollTop - list.clientHeight <= pinSlack
        }}
        // Contained, and rows off-screen skip rendering: the lab at 10× spent most of its paint
        // and layout here, re-laying out ~120 rows of raw JSON on every commit.
        style={{ listStyle: 'none', padding: 0, margin: 0, overflow: 'auto', maxHeight: 'var(--rivulet-inspector-frames-height, 16rem)', contain: 'strict', height: 'var(--rivulet-inspector-frames-height, 16rem)' }}
      >
        {frames.map((frame) => (
          <FrameRow key={frame.id} frame={frame} />
        ))}
      </ol>
    </section>
  )
}))
