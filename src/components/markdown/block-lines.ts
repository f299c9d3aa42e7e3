/*
 * Block-starting lines shared by the stand-in (in the first download) and the streaming
 * repair (in the lazy markdown pipeline); tiny and import-free for the same reason as
 * `table-cells.ts`. Not here on purpose: list items (the stand-in, the repair and
 * `list-fences.ts` each read a different part of them: the bullet, the item's end, the content
 * column) and fences (the stand-in's lenient fence reading costs fewer first-paint bytes than
 * sharing `fence.ts`, whose exact closer rules the stand-in does not need for a moment's view).
 */

/** An ATX heading line: its `#` run (the level) and the spaces after it. */
export const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+|$)/

/** A thematic break (rule): three or more `-`, `*` or `_`, spaces between allowed. */
export const THEMATIC_BREAK = /^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$/
