import { FIELD_NAMES, parsePath, placeName, sectionName, type Location } from '../schema/index.ts';

/** Names of places for the pages: the schema's `placeName`, with the pages' fallbacks. */

export const FIELD_LABEL = FIELD_NAMES;

/** A cell or metadata path in words — or the path itself when it names nothing. */
export function cellLabel(template: string, path: string): string {
  if (path === 'meta.preamble') return sectionName('preamble');
  if (path.startsWith('sections.')) return sectionName(path.slice(9));
  if (path.startsWith('meta.')) return FIELD_NAMES[path.slice(5)] ?? path;
  return placeName(parsePath(path), template) || path;
}

/** Where a finding is, in words; a finding about no particular place is about the whole text. */
export function locationLabel(template: string, loc: Location): string {
  return placeName(loc, template) || '全文';
}
