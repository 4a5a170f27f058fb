import { labelKey } from './normalize.ts';

/**
 * How a printed label is recognised. `label` and `aliases` are complete printed
 * wordings; `contains` are distinctive fragments that survive truncated or
 * re-worded labels; `equals` are short labels that must match exactly.
 */
export interface LabelDef {
  readonly key: string;
  readonly label: string;
  readonly aliases?: readonly string[];
  readonly contains?: readonly string[];
  readonly equals?: readonly string[];
  /** Labels that merely start with one of these (a merged header "行政复议 行政诉讼"). */
  readonly prefixes?: readonly string[];
}

const compiled = new WeakMap<LabelDef, { exact: Set<string>; contains: string[]; prefixes: string[] }>();

function compile(def: LabelDef) {
  let c = compiled.get(def);
  if (!c) {
    const exact = new Set([def.label, ...(def.aliases ?? []), ...(def.equals ?? [])].map(labelKey));
    c = { exact, contains: (def.contains ?? []).map(labelKey), prefixes: (def.prefixes ?? []).map(labelKey) };
    compiled.set(def, c);
  }
  return c;
}

const memo = new WeakMap<LabelDef, Map<string, boolean>>();

/** True when the printed text (already passed through `labelKey`) names this row or column. */
export function labelMatches(def: LabelDef, key: string): boolean {
  if (key === '') return false;
  let m = memo.get(def);
  if (!m) memo.set(def, (m = new Map()));
  let hit = m.get(key);
  if (hit === undefined) {
    hit = matchesUncached(def, key);
    if (m.size < 10000) m.set(key, hit);
  }
  return hit;
}

function matchesUncached(def: LabelDef, key: string): boolean {
  const c = compile(def);
  if (c.exact.has(key)) return true;
  for (const fragment of c.contains) if (key.includes(fragment)) return true;
  for (const prefix of c.prefixes) if (key.startsWith(prefix)) return true;
  return false;
}

const indexMemo = new WeakMap<readonly LabelDef[], Map<string, number[]>>();
const NONE: number[] = [];

/** Indexes of the definitions in `defs` that this label names (memoised per list). */
export function matchingIndexes(defs: readonly LabelDef[], key: string): number[] {
  if (key === '') return NONE;
  let m = indexMemo.get(defs);
  if (!m) indexMemo.set(defs, (m = new Map()));
  let hit = m.get(key);
  if (hit === undefined) {
    hit = [];
    for (let i = 0; i < defs.length; i++) if (matchesUncached(defs[i]!, key)) hit.push(i);
    if (hit.length === 0) hit = NONE;
    if (m.size < 10000) m.set(key, hit);
  }
  return hit;
}
