import { identities, parsePath, placeName, readCell, sameAmount } from '../schema/index.ts';
import type { TableTemplate } from '../schema/templates.ts';
import { readSpan } from './cells.ts';
import { SEVERITY_RANK, type BrokenIdentity, type CheckableReport, type Finding } from './types.ts';

/**
 * One wrong cell breaks every identity it is an operand of — its row's and its column's, and
 * the balance of its column when it is a total. Reported rule by rule that is two or three
 * errors for one slip of the pen, none of them naming the cell. When one change of one
 * printed cell mends every one of a set of broken identities, they are one problem: one
 * finding at that cell, quoting each identity, listing every cell involved (a blank total read
 * as the sum of its parts counts the cell through those parts). Where two cells
 * would each explain the same set, nothing is merged (the reviewer gets the identities as they are).
 */

interface Candidate {
  finding: Finding;
  identity: BrokenIdentity;
  /** Σ left − Σ right, blanks read as 0. */
  gap: number;
}

type Side = 'left' | 'right' | null;

/**
 * The side of the identity `path` counts on: as an operand, or as a part of a blank total
 * the identity read as derived from its parts (src/check/identity.ts derivedReader).
 */
function sideOf(c: Candidate, path: string, report: CheckableReport): Side {
  const within = (operands: readonly string[]) =>
    operands.includes(path) || operands.some((d) => !c.identity.blanks.includes(d) && derivedFrom(d, path, report, new Set()));
  return within(c.identity.left) ? 'left' : within(c.identity.right) ? 'right' : null;
}

/** Whether blank printed total `total` was derived (among others) from `path`. */
function derivedFrom(total: string, path: string, report: CheckableReport, seen: Set<string>): boolean {
  if (seen.has(total) || readCell(report.tables, total) !== null) return false;
  seen.add(total);
  const template = report.template as TableTemplate;
  if (template !== '2019' && template !== '2021') return false;
  const def = identities(template).find((x) => x.def.derivesTotal && x.right[0] === total);
  return !!def && (def.left.includes(path) || def.left.some((p) => derivedFrom(p, path, report, seen)));
}

/** How much `path` is off if it alone breaks the identity; null when it cannot say (blanks). */
function impliedError(c: Candidate, side: Side): number | null {
  if (c.identity.blanks.length || !side) return null;
  return side === 'left' ? c.gap : -c.gap;
}

/** Whether correcting `path` by `error` lets an identity with blanks (each ≥ 0) balance. */
function mendedWithBlanks(c: Candidate, side: Side, error: number): boolean {
  if (!c.identity.blanks.length || !side) return false;
  const onLeft = side === 'left';
  const gap = c.gap - (onLeft ? error : -error);
  const blankLeft = c.identity.blanks.some((p) => c.identity.left.includes(p));
  const blankRight = c.identity.blanks.some((p) => c.identity.right.includes(p));
  if (blankLeft && blankRight) return true;
  return blankLeft ? gap <= 1e-6 : gap >= -1e-6;
}

interface Explanation {
  path: string;
  error: number;
  members: Candidate[];
}

function explanations(candidates: readonly Candidate[], report: CheckableReport): Explanation[] {
  const out: Explanation[] = [];
  const seen = new Set<string>();
  for (const c of candidates) {
    for (const path of [...c.identity.left, ...c.identity.right]) {
      const error = impliedError(c, sideOf(c, path, report));
      if (error === null || sameAmount(error, 0)) continue;
      const key = `${path}|${error}`;
      if (seen.has(key) || typeof readCell(report.tables, path) !== 'number') continue;
      seen.add(key);
      const members = candidates.filter((m) => {
        const side = sideOf(m, path, report);
        const e = impliedError(m, side);
        return e === null ? mendedWithBlanks(m, side, error) : sameAmount(e, error);
      });
      if (members.length >= 2) out.push({ path, error, members });
    }
  }
  return out;
}

function merged(x: Explanation, report: CheckableReport): Finding {
  const members = x.members.map((m) => m.finding);
  const value = readCell(report.tables, x.path) as number;
  const first = members[0]!;
  const severity = members.reduce((s, f) => (SEVERITY_RANK[f.severity] > SEVERITY_RANK[s] ? f.severity : s), first.severity);
  const cells = [...new Set([x.path, ...members.flatMap((f) => f.cells ?? [])])];
  const location = parsePath(x.path);
  const span = readSpan(report, x.path);
  const corrected = Math.round((value - x.error) * 1e6) / 1e6;
  return {
    source: 'check',
    code: first.rule,
    rule: first.rule,
    rules: members.map((f) => f.rule),
    messageId: 'crossing',
    severity,
    message:
      `${placeName(location, report.template)}(${value})可能有误：若为${corrected}，以下${members.length}处勾稽关系都成立——` +
      members.map((f) => `${f.rule}：${f.message}`).join('；'),
    location,
    ...(span ? { span } : {}),
    actual: value,
    expected: corrected,
    basis: [...new Set(members.map((f) => f.basis))].join('；'),
    cells,
  };
}

/** The findings with every set of identity findings one cell explains merged into one (see above). */
export function mergeCrossings(findings: Finding[], broken: ReadonlyMap<Finding, BrokenIdentity>, report: CheckableReport): Finding[] {
  let candidates: Candidate[] = [];
  for (const finding of findings) {
    const identity = broken.get(finding);
    if (identity && typeof finding.actual === 'number' && typeof finding.expected === 'number') {
      candidates.push({ finding, identity, gap: finding.expected - finding.actual });
    }
  }
  if (candidates.length < 2) return findings;
  const out = new Set(findings);
  for (;;) {
    const all = explanations(candidates, report);
    const size = (x: Explanation) => x.members.length + x.members.filter((m) => !m.identity.blanks.length).length / 100;
    const best = all.reduce<Explanation | null>((b, x) => (!b || size(x) > size(b) ? x : b), null);
    if (!best) break;
    const rival = all.some((x) => x !== best && x.path !== best.path && size(x) === size(best));
    if (rival) break;
    for (const m of best.members) out.delete(m.finding);
    out.add(merged(best, report));
    candidates = candidates.filter((c) => !best.members.includes(c));
  }
  return [...out];
}
