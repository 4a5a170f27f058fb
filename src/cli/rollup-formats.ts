/** The output formats of `ogi rollup` (no renderer loaded: cheap to import). */
export const ROLLUP_FORMATS = ['docx', 'pdf', 'html', 'xlsx', 'json'] as const;
export type RollupFormat = (typeof ROLLUP_FORMATS)[number];

export interface RollupOptions {
  to: string;
  output?: string;
  name?: string;
  year?: string;
}
