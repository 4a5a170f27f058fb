import { ACTIVE_HEADER_LABEL } from '../schema/active.ts';
import type { LabelDef } from '../schema/labels.ts';
import { fold, stripNumbering } from '../schema/normalize.ts';
import {
  REQUEST_APPLICANT_LABEL, REQUEST_BALANCE_NOTE, REQUEST_COLUMNS, REQUEST_GROUP_LABELS, REQUEST_ORG_GROUP_LABEL,
  REQUEST_RESULTS_LABEL, REQUEST_ROWS,
} from '../schema/requests.ts';
import { REVIEW_COLUMNS, REVIEW_GROUPS, REVIEW_LITIGATION_LABEL } from '../schema/review.ts';
import { SECTIONS } from '../schema/sections.ts';
import { TEMPLATE_DEFS } from '../schema/templates.ts';

/**
 * The printed labels of the statutory model as anchors in a character stream, for
 * documents whose line breaks were lost (a crawler's page text): a heading stands
 * alone, a caption (item of table 二, the note over table 三) too, a row label starts a
 * row, column labels printed one after another form a header row.
 */
export type AnchorKind = 'heading' | 'caption' | 'row' | 'column';

export interface Anchor {
  /** The wording without its numbering, in compact form (folded, no white space or quotes). */
  body: string;
  /** The numbering printed before it ("一、", "(三)", "2."), compact; null when it has none. */
  numeral: string | null;
  kind: AnchorKind;
}

/** Characters a compact stream drops: white space, quotes and emphasis marks. */
export const STREAM_NOISE = /[\s*#_`“”"'‘’「」『』]/;

export const compact = (text: string) => fold(text).replace(new RegExp(STREAM_NOISE.source, 'g'), '');

function anchor(printed: string, kind: AnchorKind): Anchor {
  const c = compact(printed);
  const body = stripNumbering(c);
  return { body, numeral: body.length < c.length ? c.slice(0, c.length - body.length) : null, kind };
}

const wordings = (def: LabelDef) => [def.label, ...(def.aliases ?? [])];

function buildAnchors(): Anchor[] {
  const out: Anchor[] = [];
  for (const s of SECTIONS) for (const h of [s.heading, ...s.variants]) out.push(anchor(`${s.numeral}、${h}`, 'heading'));
  for (const template of ['2019', '2021'] as const) {
    for (const item of TEMPLATE_DEFS[template].active) {
      for (const w of wordings(item)) out.push(anchor(w, 'caption'));
      for (const row of item.rows) for (const w of wordings(row)) out.push(anchor(w, 'row'));
      for (const column of item.columns) for (const w of wordings(column)) out.push(anchor(w, 'column'));
    }
  }
  out.push(anchor(ACTIVE_HEADER_LABEL.label, 'column'));
  out.push(anchor(REQUEST_BALANCE_NOTE, 'caption'));
  for (const w of [REQUEST_APPLICANT_LABEL, REQUEST_ORG_GROUP_LABEL]) out.push(anchor(w, 'column'));
  for (const c of REQUEST_COLUMNS) out.push(anchor(c.label, 'column'));
  out.push(anchor(REQUEST_RESULTS_LABEL, 'row'));
  for (const g of Object.values(REQUEST_GROUP_LABELS)) if (g) out.push(anchor(g, 'row'));
  for (const r of REQUEST_ROWS) for (const w of wordings(r)) out.push(anchor(w, 'row'));
  for (const w of [REVIEW_LITIGATION_LABEL, ...REVIEW_GROUPS.flatMap(wordings), ...REVIEW_COLUMNS.flatMap(wordings)]) out.push(anchor(w, 'column'));
  const seen = new Set<string>();
  return out.filter((a) => {
    const id = `${a.numeral ?? ''}|${a.body}|${a.kind}`;
    if (a.body === '' || seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

export const ANCHORS: readonly Anchor[] = buildAnchors();
