import { Component, type ErrorInfo, type ReactNode } from 'react'
import { useLabels } from '../labels/labels-context.tsx'

/** Props of {@link PartBoundary}. */
export interface PartBoundaryProps {
  /** The part being shown: when it changes (more arguments, a result), a failed part tries again. */
  resetKey: unknown
  /** Names the part in the failure notice (the tool's or the data's name). */
  name: string
  /** Told about each failure (your error reporting); the notice shows either way. */
  onError?: ((error: unknown, info: ErrorInfo) => void) | undefined
  children?: ReactNode
}

interface PartBoundaryState {
  failed: boolean
  resetKey: unknown
}

/** The notice in place of a part whose component threw; a note, not an alert (the log announces it). */
function PartFailed({ name }: { name: string }) {
  const labels = useLabels()
  return (
    <div data-rivulet="part-error" data-name={name || undefined}>
      {labels.parts.failed(name || labels.toolCall.unnamed)}
    </div>
  )
}

/**
 * Keeps one message part's failure inside that part: a component that throws (an app's tool
 * renderer choking on half-streamed arguments, a data card given data it did not expect)
 * shows "… could not be shown" in its place while the rest of the message keeps rendering.
 * The next version of the part (`resetKey` changes) is tried again, so a renderer that fails
 * only on partial input recovers by itself once the input is complete.
 *
 * @example
 * <PartBoundary resetKey={part} name={part.name}><WeatherCard {...props} /></PartBoundary>
 */
export class PartBoundary extends Component<PartBoundaryProps, PartBoundaryState> {
  override state: PartBoundaryState = { failed: false, resetKey: this.props.resetKey }

  static getDerivedStateFromError(): Partial<PartBoundaryState> {
    return { failed: true }
  }

  // Reset during render, not in an effect: the new part is tried in the same commit.
  static getDerivedStateFromProps(props: PartBoundaryProps, state: PartBoundaryState): Partial<PartBoundaryState> | null {
    return props.resetKey === state.resetKey ? null : { failed: false, resetKey: props.resetKey }
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    try {
      this.props.onError?.(error, info)
    } catch {
      // A failing error reporter must not take the message down with it.
    }
  }

  override render(): ReactNode {
    return this.state.failed ? <PartFailed name={this.props.name} /> : this.props.children
  }
}
