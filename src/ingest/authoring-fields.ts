import type { KeyDef } from './authoring-keys.ts';

/** The top-level fields of an authoring file: the contract key and the Chinese name a clerk writes. */
export const F = {
  agency: '机关',
  year: '年度',
  template: '格式',
  issuerType: '机关类型',
  signedOn: '落款日期',
  publishedOn: '发布日期',
  preamble: '前言',
  sections: '正文',
  active: '表二',
  requests: '表三',
  review: '表四',
} as const;

export type FieldKey = keyof typeof F;

export const FIELD_DEFS: readonly (KeyDef & { key: FieldKey })[] = (Object.keys(F) as FieldKey[]).map((key) => ({
  key,
  label: F[key],
  aliases: key === 'active' ? [`${F.active}（主动公开）`] : [],
}));

/** A JSON file is an authoring file (rather than contract JSON) when it uses the Chinese field names. */
export function isAuthoringJson(data: unknown): boolean {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return false;
  const names = new Set<string>(Object.values(F));
  return Object.keys(data).some((k) => names.has(k));
}
