import { Icon } from '../icon/icon.tsx'

/** Arrow up: the Send button's icon. Decorative (the button keeps its text label); currentColor. */
export function SendIcon() {
  return (
    <Icon part="composer-icon" strokeWidth={1.8}>
      <path d="M8 13V3M3.5 7.5 8 3l4.5 4.5" />
    </Icon>
  )
}

/** A filled square: the Stop button's icon, drawn in the same 16-unit box as Send. */
export function StopIcon() {
  return (
    <Icon part="composer-icon" filled>
      <rect x="4" y="4" width="8" height="8" rx="1.5" />
    </Icon>
  )
}

/** A paperclip: the Attach button's icon, in the same 16-unit box as Send. */
export function AttachIcon() {
  return (
    <Icon part="composer-icon" strokeWidth={1.6}>
      <path d="M13.5 7.5 8.2 12.8a3.2 3.2 0 0 1-4.5-4.5l5.6-5.6a2.1 2.1 0 0 1 3 3L6.7 11.3a1 1 0 0 1-1.5-1.5L10.2 4.8" />
    </Icon>
  )
}
