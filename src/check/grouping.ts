/**
 * Up to this many findings (or extraction notes) of one kind on one table are shown one by one, each
 * with its own detail; more are one finding for the table, so that a reviewer reading every line is not
 * buried under one problem repeated row by row.
 */
export const ONE_BY_ONE = 3;
