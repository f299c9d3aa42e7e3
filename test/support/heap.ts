/** Heap measured after a full collection, so a leak check compares live objects rather than garbage not yet collected. */
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'

setFlagsFromString('--expose-gc')
const collect = runInNewContext('gc') as () => void

/** Bytes of live heap after two full collections (the second catches what finalisers of the first released). */
export function liveHeapBytes(): number {
  collect()
  collect()
  return process.memoryUsage().heapUsed
}
