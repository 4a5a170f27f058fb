/** JSON with two-space indentation, but arrays of plain values on one line (table rows stay readable). */
export function toJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/\[\n\s+((?:-?[\d.e+]+|null|true|false|"[^"\n]*")(?:,\n\s+(?:-?[\d.e+]+|null|true|false|"[^"\n]*"))*)\n\s+\]/g, (_m, body: string) =>
    `[${body.split(/,\n\s+/).join(', ')}]`,
  );
}
