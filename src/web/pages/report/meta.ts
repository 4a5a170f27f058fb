import { ISSUER_LABEL, valueText } from '../../format.ts';

/** Metadata fields a correction may change (src/store/corrections.ts META_FIELDS), with how they are edited. */
export const META: readonly [field: string, kind: 'text' | 'year' | 'issuer' | 'date'][] = [
  ['agency', 'text'], ['year', 'year'], ['issuerType', 'issuer'], ['signedOn', 'date'], ['publishedOn', 'date'],
];

/** A metadata field's value as shown: the issuer type by its Chinese name. */
export function metaValue(field: string, value: unknown): string {
  if (field === 'issuerType' && typeof value === 'string') return ISSUER_LABEL[value] ?? value;
  return valueText(value);
}

/** The value of a metadata field of a report (the report object read as a record). */
export const fieldOf = (report: object, field: string): unknown => (report as Record<string, unknown>)[field];
