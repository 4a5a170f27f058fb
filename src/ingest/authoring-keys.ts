import { labelKey } from '../schema/normalize.ts';
import type { AuthoringTree, Entry } from './authoring-tree.ts';
import { resemblance, simplify } from '../schema/variants.ts';

/** A key an authoring file may use: the contract key, the printed label, or one of its aliases. */
export interface KeyDef {
  readonly key: string;
  readonly label: string;
  readonly aliases?: readonly string[];
}

const wordings = (d: KeyDef) => [d.label, ...(d.aliases ?? [])];

/** The definition a key names, compared as printed labels are (widths, brackets, numbering folded). */
export function matchKey<D extends KeyDef>(defs: readonly D[], given: string): D | undefined {
  const k = labelKey(given);
  return defs.find((d) => d.key === given || (k !== '' && wordings(d).some((w) => labelKey(w) === k)));
}

const SUGGEST_FROM = 0.6;

// `resemblance` ignores keys under three characters; a short field name is close when it shares half its characters.
function shortResemblance(key: string, wording: string): number {
  const a = simplify(key);
  const b = labelKey(wording);
  return [...a].filter((ch) => b.includes(ch)).length / Math.max(a.length, b.length);
}

/**
 * The known key a mistyped one most resembles (traditional characters, a dropped or changed
 * character), if one is close and no other is as close.
 */
export function closestKey<D extends KeyDef>(defs: readonly D[], given: string): D | undefined {
  const k = labelKey(given);
  const short = simplify(k).length < 3;
  let best: D | undefined;
  let score = 0;
  let tied = false;
  for (const d of defs) {
    const s = Math.max(...wordings(d).map((w) => (simplify(k) === labelKey(w) ? 1 : short ? shortResemblance(k, w) : resemblance(k, w))));
    if (s > score) [best, score, tied] = [d, s, false];
    else if (s === score && s > 0) tied = true;
  }
  return score >= (short ? 0.5 : SUGGEST_FROM) && !tied ? best : undefined;
}

/**
 * “<where>没有“<given>”这一<unit>。是否应为“<closest>”？<list head>：<labels>”; `where` names the
 * table, item or row the key was written under.
 */
export function unknownKeyMessage(where: string, unit: string, given: string, defs: readonly KeyDef[], listHead: string): string {
  const close = closestKey(defs, given);
  const hint = close ? `是否应为“${close.label}”？` : '';
  return `${where}没有“${given}”这一${unit}。${hint}${listHead}：${defs.map((d) => `“${d.label}”`).join('')}`;
}

/** The entries of a mapping keyed by the definitions they name; unknown and repeated keys are problems. */
export function keyed<D extends KeyDef>(tree: AuthoringTree, entries: readonly Entry[], defs: readonly D[], where: string, unit: string, listHead: string): Map<D, Entry> {
  const out = new Map<D, Entry>();
  for (const e of entries) {
    const def = matchKey(defs, e.name);
    if (!def) {
      tree.at(e.keyNode, unknownKeyMessage(where, unit, e.name, defs, listHead));
      continue;
    }
    const first = out.get(def);
    if (first) tree.at(e.keyNode, `${where}的“${e.name}”与第${tree.lineOf(first.keyNode)}行的“${first.name}”是同一${unit}，只能写一次`);
    else out.set(def, e);
  }
  return out;
}
