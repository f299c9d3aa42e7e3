import { memo, type ComponentType, type ErrorInfo } from 'react'
import type { DataPart, MessagePart } from '../../core/state.ts'
import { PartBoundary } from './part-boundary.tsx'

/** What a data renderer is given: one `data` part as it is now. */
export interface DataRenderProps<Data = unknown, Metadata = unknown> {
  /** The registry key it was picked by. */
  name: string
  /** Set when the server updates this part in place (same `name` and `id`). */
  id: string | undefined
  /** The payload as the server sent it (any JSON value: check it before trusting its shape). */
  data: Data
  part: DataPart
  /** The message's metadata (model, token counts… as your server sends them). */
  metadata: Metadata | undefined
}

/**
 * Components for `data` parts by `name`: `{ weather: WeatherCard }`. Data without a renderer
 * is not shown. Define them outside your component (a new function each render remounts it).
 */
export type DataRenderers = Record<string, ComponentType<DataRenderProps<any, any>>>

/** Props of {@link DataPartView}: keep every one stable, the part is memoised on them. */
export interface DataPartViewProps {
  part: DataPart
  render: ComponentType<DataRenderProps<any, any>>
  metadata?: unknown
  onRenderError?: ((error: unknown, part: MessagePart, info: ErrorInfo) => void) | undefined
}

/**
 * One `data` part through the app's renderer, inside its own error boundary. Memoised: a part
 * updated in place (same `id`) renders its card again; tokens and other parts do not.
 *
 * @example
 * <DataPartView part={part} render={WeatherCard} />
 */
export const DataPartView = memo(function DataPartView({ part, render: Render, metadata, onRenderError }: DataPartViewProps) {
  return (
    <PartBoundary resetKey={part} name={part.name} onError={onRenderError && ((error, info) => onRenderError(error, part, info))}>
      <div data-rivulet="data-part" data-name={part.name}>
        <Render name={part.name} id={part.id} data={part.data} part={part} metadata={metadata} />
      </div>
    </PartBoundary>
  )
})
