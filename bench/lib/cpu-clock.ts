/**
 * Process CPU time (user + system, all threads) in milliseconds: the default clock of the Node
 * suites, which the neighbours on a shared machine do not move.
 *
 * @example
 * const start = cpuClock(); work(); const ms = cpuClock() - start
 */
export function cpuClock(): number {
  const { user, system } = process.cpuUsage()
  return (user + system) / 1000
}
