'use client'
/**
 * `rivulet-ui/inspector` — the development-time `StreamInspector` (event timeline, live
 * metrics, raw frames). Its own entry so production bundles of `rivulet-ui` never carry it.
 */
export * from './components/inspector/index.ts'
