'use client'
/**
 * `rivulet-ui` — React hooks and components for streaming chat. The framework-free layers are
 * at `rivulet-ui/core` and `rivulet-ui/protocol`.
 */
export * from './react/index.ts'
