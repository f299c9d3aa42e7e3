/**
 * A new stream id: 128 random bits from `crypto.getRandomValues`, base64url (22 characters).
 * Unguessable, so knowing the resume URL convention does not let anyone read another user's
 * stream; ownership (`authorize`) is checked on top of it.
 *
 * @example
 * newStreamId() // 'q3Zr0mX9c5Qy1lV7t2Jk8w'
 */
export function newStreamId(): string {
  return randomToken(16)
}

/** `bytes` random bytes from `crypto.getRandomValues`, base64url without padding. */
export function randomToken(bytes: number): string {
  const buffer = new Uint8Array(bytes)
  globalThis.crypto.getRandomValues(buffer)
  let binary = ''
  for (const byte of buffer) binary += String.fromCharCode(byte)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/** Stream ids this server accepts in a URL: what `newStreamId` makes, or any caller-chosen id of safe characters. */
export function isValidStreamId(id: string): boolean {
  return /^[A-Za-z0-9_-]{1,128}$/.test(id)
}
