import { Icon } from '../icon/icon.tsx'

/** A wrench: marks the header as a tool call. Decorative; sized and coloured by the theme (currentColor). */
export function ToolIcon() {
  return (
    <Icon part="tool-call-icon">
      <path d="M10.2 2.3a3.4 3.4 0 0 0-4.1 4.4L2.4 10.4a1.3 1.3 0 0 0 0 1.9l1.3 1.3a1.3 1.3 0 0 0 1.9 0l3.7-3.7a3.4 3.4 0 0 0 4.4-4.1l-2 2-1.9-.5-.5-1.9z" />
    </Icon>
  )
}

/** The disclosure chevron; the theme turns it while the header is open (`data-open`). */
export function ChevronIcon() {
  return (
    <Icon part="tool-call-chevron">
      <path d="M6 4l4 4-4 4" />
    </Icon>
  )
}
