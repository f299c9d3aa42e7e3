/**
 * Debian's Chromium and the flags every headless run here uses (the test projects, the
 * browser benchmarks): no GPU, no QUIC, no background traffic — these machines have no
 * network but loopback, and test tools cannot download a browser of their own.
 */
export const chromiumExecutable = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
]
