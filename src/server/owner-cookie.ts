import type { Awaitable, ResumeStore, StreamControl } from './resume-store.ts'

/** The cookie that proves a browser owns the streams it started. */
export const OWNER_COOKIE = 'rivulet_owner'

/**
 * Decides whether a resume or stop request may touch a stream. Return `false` to answer 404
 * (the same answer as for an unknown stream, so nothing leaks about which ids exist).
 *
 * @example
 * const authorize: Authorize = async (request, streamId) => (await session(request))?.userId === (await owners.get(streamId))
 */
export type Authorize = (request: Request, streamId: string) => Awaitable<boolean>

/** The owner secret the request carries, if it is well formed. */
export function readOwnerToken(request: Request): string | undefined {
  const header = request.headers.get('cookie')
  if (!header || header.length > 16_384) return undefined
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq < 0 || part.slice(0, eq).trim() !== OWNER_COOKIE) continue
    const value = part.slice(eq + 1).trim()
    if (/^[A-Za-z0-9_-]{32,128}$/.test(value)) return value
  }
  return undefined
}

/** SHA-256 of the owner secret, hex: what the store keeps, so a store dump reveals no cookie. */
export async function hashOwnerToken(token: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(token))
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('')
}

/**
 * The `Set-Cookie` value for the owner secret: `HttpOnly` (scripts cannot read it),
 * `SameSite=Lax` (other sites' requests do not carry it), scoped to the API path so it is sent
 * with the resume and stop requests only, `Secure` on https.
 *
 * @example
 * ownerCookie(token, { path: '/api/chat', secure: true })
 * // 'rivulet_owner=…; Path=/api/chat; HttpOnly; SameSite=Lax; Secure'
 */
export function ownerCookie(token: string, options: { path: string; secure: boolean }): string {
  return `${OWNER_COOKIE}=${token}; Path=${options.path}; HttpOnly; SameSite=Lax${options.secure ? '; Secure' : ''}`
}

function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i)
  return diff === 0
}

/**
 * The default `authorize`: a stream with a recorded owner (started by `startEventStream`) may
 * be resumed or stopped only by a request carrying that owner's cookie. A stream recorded
 * without an owner (`createEventStreamResponse` used directly) is protected by its unguessable
 * id alone.
 *
 * @example
 * resumeEventStream(request, store, { streamId, authorize: ownerCookieAuthorize(store) })
 */
export function ownerCookieAuthorize(store: StreamControl): Authorize {
  return async (request, streamId) => {
    const owner = await store.owner(streamId)
    if (owner === undefined) return true
    const token = readOwnerToken(request)
    return token !== undefined && sameText(await hashOwnerToken(token), owner)
  }
}

/** The `authorize` to use when none is given: the owner cookie when the store keeps owners. */
export function defaultAuthorize(store: ResumeStore): Authorize {
  const control = store as Partial<StreamControl>
  return typeof control.owner === 'function' ? ownerCookieAuthorize(control as StreamControl) : () => true
}
