'use client'
import { forwardRef, memo, type ComponentPropsWithoutRef } from 'react'
import { inspectorLabelsInEffect } from '../labels/inspector-labels.ts'
import { useLabels } from '../labels/labels-context.tsx'
import { formatCount, formatMs } from './format-figures.ts'
import type { TimelineLayout, TimelineMark } from './layout-timeline.ts'
import { markKinds, timelineLanes, type TimelineLane, type TimelineMarkKind } from './mark-kinds.ts'

/** SVG user units across the axis; the drawing stretches to any width. */
const axisUnits = 1000
const laneHeight = 20

/**
 * @example
 * <InspectorTimeline layout={layoutTimeline(entries)} />
 */
export interface InspectorTimelineProps extends ComponentPropsWithoutRef<'section'> {
  layout: TimelineLayout
}

/** Incidents listed in words; beyond this a broken stream would flood the panel. */
const maxIncidents = 50

const kindColor = (kind: TimelineMarkKind) => `var(--rivulet-inspector-${kind}, ${markKinds[kind].color})`

/** Thousands of ticks as one path per kind: one DOM node however long the stream. */
function ticksPath(marks: readonly TimelineMark[]): string {
  let d = ''
  for (const mark of marks) d += `M${(mark.x * axisUnits).toFixed(1)} 3V${laneHeight - 3}`
  return d
}

function Lane({ lane, label, marks }: { lane: TimelineLane; label: string; marks: readonly TimelineMark[] }) {
  const bulk = new Map<TimelineMarkKind, TimelineMark[]>()
  const discrete: TimelineMark[] = []
  for (const mark of marks) {
    if (markKinds[mark.kind].discrete) discrete.push(mark)
    else {
      const list = bulk.get(mark.kind)
      if (list) list.push(mark)
      else bulk.set(mark.kind, [mark])
    }
  }
  return (
    <div data-rivulet="inspector-lane" data-lane={lane} style={{ display: 'grid', gridTemplateColumns: '5.5em 1fr', alignItems: 'center' }}>
      <span data-rivulet="inspector-lane-label">{label}</span>
      <svg
        viewBox={`0 0 ${axisUnits} ${laneHeight}`}
        preserveAspectRatio="none"
        width="100%"
        height={laneHeight}
        style={{ display: 'block', overflow: 'visible' }}
        aria-hidden="true"
      >
        {[...bulk].map(([kind, list]) => (
          <path key={kind} data-kind={kind} d={ticksPath(list)} stroke={kindColor(kind)} strokeWidth={1} vectorEffect="non-scaling-stroke" fill="none" />
        ))}
        {discrete.map((mark, i) =>
          mark.width > 0 ? (
            <rect
              key={`${mark.kind}-${i}`}
              data-kind={mark.kind}
              x={mark.x * axisUnits}
              y={2}
              width={mark.width * axisUnits}
              height={laneHeight - 4}
              fill={kindColor(mark.kind)}
              fillOpacity={0.35}
            >
              <title>{mark.label}</title>
            </rect>
          ) : (
            <line
              key={`${mark.kind}-${i}`}
              data-kind={mark.kind}
              x1={mark.x * axisUnits}
              x2={mark.x * axisUnits}
              y1={0}
              y2={laneHeight}
              stroke={kindColor(mark.kind)}
              strokeWidth={3}
              vectorEffect="non-scaling-stroke"
            >
              <title>{mark.label}</title>
            </line>
          ),
        )}
      </svg>
    </div>
  )
}

/**
 * The timeline of one turn: a lane each for the wire, content, tools and faults, a time axis
 * from the request to the last entry, and a legend counting what is drawn.
 *
 * @example
 * <InspectorTimeline layout={useStreamInspector({ chat }).layout} />
 */
export const InspectorTimeline = memo(forwardRef<HTMLElement, InspectorTimelineProps>(function InspectorTimeline({ layout, ...rest }, ref) {
  const byLane = new Map<TimelineLane, TimelineMark[]>(timelineLanes.map(({ lane }) => [lane, []]))
  for (const mark of layout.marks) byLane.get(mark.lane)!.push(mark)
  const shown = (Object.keys(markKinds) as TimelineMarkKind[]).filter((kind) => layout.counts[kind] > 0)
  const incidents = layout.marks.filter((mark) => markKinds[mark.kind].discrete)
  const labels = inspectorLabelsInEffect(useLabels())
  const words = labels.inspector

  return (
    <section data-rivulet="inspector-timeline" aria-label={words.timeline} {...rest} ref={ref}>
      {timelineLanes.map(({ lane }) => (
        <Lane key={lane} lane={lane} label={words.lanes[lane]} marks={byLane.get(lane)!} />
      ))}
      <div data-rivulet="inspector-axis" style={{ display: 'flex', justifyContent: 'space-between', marginLeft: '5.5em' }}>
        <span>{formatCount(0, labels)}</span>
        <span>{formatMs(layout.durationMs / 2, labels)}</span>
        <span>{formatMs(layout.durationMs, labels)}</span>
      </div>
      <ul data-rivulet="inspector-legend" aria-label={words.legend} style={{ display: 'flex', flexWrap: 'wrap', listStyle: 'none', padding: 0, margin: 0 }}>
        {shown.map((kind) => (
          <li key={kind} data-kind={kind} style={{ display: 'inline-flex', alignItems: 'center', gap: '0.35em', marginRight: '1em' }}>
            <span aria-hidden="true" style={{ display: 'inline-block', width: '0.75em', height: '0.75em', borderRadius: 2, background: kindColor(kind) }} />
            {words.kinds[kind]} <span data-rivulet="inspector-count">{formatCount(layout.counts[kind], labels)}</span>
          </li>
        ))}
      </ul>
      {incidents.length > 0 ? (
        <ol data-rivulet="inspector-incidents" aria-label={words.incidents}>
          {incidents.slice(0, maxIncidents).map((mark, i) => (
            <li key={i} data-kind={mark.kind}>
              <span data-rivulet="inspector-time">{formatMs(mark.at, labels)}</span> {mark.label}
            </li>
          ))}
          {incidents.length > maxIncidents ? <li>{words.moreIncidents(formatCount(incidents.length - maxIncidents, labels))}</li> : null}
        </ol>
      ) : null}
    </section>
  )
}))
