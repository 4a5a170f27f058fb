import type { Report } from '../schema/types.ts';

/**
 * What JSON.stringify leaves raw of report text that a terminal acts on or that changes what is shown:
 * DEL and the C1 controls (U+009B starts an escape sequence), the line and paragraph separators
 * (line ends to JavaScript's `^`, so the array writer would indent inside a string), and the
 * bidirectional overrides. C0 controls it already escapes.
 */
const RAW_IN_JSON = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * JSON text with those characters written as `\uXXXX`: it parses to the same values. They can stand
 * only inside strings, never after a backslash that escapes them, so the text is replaced as a whole.
 * Every JSON output of the CLI goes through here.
 */
export function escapeJsonText(json: string): string {
  return json.replace(RAW_IN_JSON, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** One value as one line (NDJSON, the manifest). */
export const jsonLine = (value: unknown): string => `${escapeJsonText(JSON.stringify(value))}\n`;

const RAW_IN_TEXT = new RegExp(RAW_IN_JSON.source);

/** Whether a text holds a character that escapeJsonText writes as `\uXXXX`. */
export const holdsRawInJson = (text: string): boolean => RAW_IN_TEXT.test(text);

/**
 * `jsonLine` of a value none of whose strings holds such a character (each is cut from texts that
 * `holdsRawInJson` cleared, or is ogi's own wording): the JSON needs no scan. A report's JSON is
 * about eight times as long as its text; the scan of the JSON took about 4 % of `parse --ndjson`'s time.
 */
export const plainJsonLine = (value: unknown): string => `${JSON.stringify(value)}\n`;

/** JSON with two-space indentation, but arrays of plain values on one line (table rows stay readable). */
export function toJson(value: unknown): string {
  return escapeJsonText(JSON.stringify(value, null, 2)).replace(/\[\n\s+((?:-?[\d.e+]+|null|true|false|"[^"\n]*")(?:,\n\s+(?:-?[\d.e+]+|null|true|false|"[^"\n]*"))*)\n\s+\]/g, (_m, body: string) =>
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
