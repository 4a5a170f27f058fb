import type { Report } from '../schema/types.ts';

/** JSON with two-space indentation, but arrays of plain values on one line (table rows stay readable). */
export function toJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/\[\n\s+((?:-?[\d.e+]+|null|true|false|"[^"\n]*")(?:,\n\s+(?:-?[\d.e+]+|null|true|false|"[^"\n]*"))*)\n\s+\]/g, (_m, body: string) =>
    `[${body.split(/,\n\s+/).join(', ')}]`,
  );
}

/**
 * The JSON form of one report (an object) or several (an array): the data contract with
 * provenance, notes and `structure`, exactly as `ogi parse --json` prints it. The one JSON
 * writer of the CLI and the API.
 */
export function renderJson(reports: readonly Report[]): string {
  return `${toJson(reports.length === 1 ? reports[0] : reports)}\n`;
}
