import type { Grid, GridCell } from './grid.ts';

/** A grid cell at its column; `continues` marks the rows a vertically merged cell runs on into. */
export interface PlacedCell {
  cell: GridCell;
  /** First grid column the cell covers (0-based). */
  col: number;
  /** Grid row where the cell starts. */
  row: number;
  continues: boolean;
}

/**
 * Every row of the grid with the cells it holds, left to right, including one
 * entry per row that a rowspan cell continues into (what Word's vMerge and a
 * page-by-page drawing need).
 */
export function placeGrid(grid: Grid): PlacedCell[][] {
  const out: PlacedCell[][] = grid.rows.map(() => []);
  const taken: boolean[][] = grid.rows.map(() => []);
  grid.rows.forEach((row, r) => {
    let c = 0;
    for (const cell of row) {
      while (taken[r]![c]) c++;
      out[r]!.push({ cell, col: c, row: r, continues: false });
      for (let dr = 0; dr < cell.rowspan; dr++) {
        if (dr > 0 && out[r + dr]) out[r + dr]!.push({ cell, col: c, row: r, continues: true });
        for (let dc = 0; dc < cell.colspan; dc++) if (taken[r + dr]) taken[r + dr]![c + dc] = true;
      }
      c += cell.colspan;
    }
  });
  for (const row of out) row.sort((a, b) => a.col - b.col);
  return out;
}
