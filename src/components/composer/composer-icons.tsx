/** Arrow up: the Send button's icon. Decorative (the button keeps its text label); currentColor. */
export function SendIcon() {
  return (
    <svg data-rivulet="composer-icon" aria-hidden="true" viewBox="0 0 16 16" width="16" height="16" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round">
      <path d="M8 13V3M3.5 7.5 8 3l4.5 4.5" />
    </svg>
  )
}

/** A filled square: the Stop button's icon, drawn in the same 16-unit box as Send. */
export function StopIcon() {
  return (
    <svg data-rivulet="composer-icon" aria-hidden="true" viewBox="0 0 16 16" width="16" height="16" fill="currentColor">
      <rect x="4" y="4" width="8" height="8" rx="1.5" />
    </svg>
  )
}
