import type { ReadReport } from '../extract/report.ts';
import type { SectionKey } from '../schema/sections.ts';
import type { Template } from '../schema/templates.ts';
import type { Location, SourceSpan } from '../schema/places.ts';
import type { Cell, IssuerType } from '../schema/types.ts';
import type { Ledger } from '../schema/ledger.ts';
import type { TableTemplate } from '../schema/templates.ts';
import type { LedgerTables } from './ledger/tables.ts';

/** What the checks read: the contract, plus the printed layout when the report came from a document. */
export type CheckableReport = ReadReport;

export { SEVERITY_RANK, type Severity } from '../schema/message.ts';
import type { Message, Severity } from '../schema/message.ts';
import type { NoteCode } from '../schema/notes.ts';

export type { Location } from '../schema/places.ts';

export type { SourceSpan } from '../schema/places.ts';

/** One finding, the same object in the CLI, the API and the UI (vfile-message style). */
/** A rule's finding: a message of the `check` stage whose code is the rule id (kept as `rule`, the contract's key). */
export interface Finding extends Message {
  source: 'check';
  rule: string;
  /** When one finding stands for several rules' findings (one wrong cell breaking several identities): every rule, the first being `rule`. */
  rules?: string[];
  /** Key of the rule's message template (`meta.messages`) that produced this finding. */
  messageId: string;
  /** Legal basis of the rule. */
  basis: string;
  /** The extraction notes this finding reports (a matter of reading, not of the report). */
  notes?: NoteRef[];
}

export type RuleTemplate = Template;

export interface RuleMeta {
  /** Stable id, e.g. "SUM-01". */
  id: string;
  /** Short kebab-case name, e.g. "requests-balance". */
  name: string;
  /** Default severity (a rule may report some findings at another one, as its docs say). */
  severity: Severity;
  templates: readonly RuleTemplate[];
  /** `report`: one report decides; `series`: two consecutive years of the same agency; `ledger`: an agency's registers for a year. */
  scope: 'report' | 'series' | 'ledger';
  /** Legal or practical basis, as printed in findings. */
  basis: string;
  /** One line, Chinese. */
  description: string;
  /** One paragraph: what the rule checks and why, including decisions where no source settles the question. */
  docs: string;
  /** Message templates with {placeholders}. */
  messages: Record<string, string>;
}

export interface ReportInput<K extends string = string> {
  /** Key of the message template in the rule's `meta.messages`. */
  messageId: K;
  data?: Record<string, string | number | null>;
  location: Location;
  /** Source span; when omitted the engine takes the provenance of the located cell. */
  span?: SourceSpan | null;
  actual?: number | string | null;
  expected?: number | string | null;
  severity?: Severity;
  /** The extraction notes this finding reports, so that the one list of messages shows them once. */
  notes?: NoteRef[];
  /** Every cell (path) the finding is about, when it names several (the blanks of a table, of an identity). */
  cells?: string[];
  /**
   * The broken identity (Σ left = Σ right) this finding reports, with its blank operands: the
   * finding lists every operand as its cells (unless `cells` is given), and findings of identities
   * that one wrong cell breaks together become one (src/check/crossings.ts).
   */
  identity?: BrokenIdentity;
}

export interface BrokenIdentity {
  left: readonly string[];
  right: readonly string[];
  blanks: readonly string[];
}

/** An extraction note by its code, path and (where several share them) start offset. */
export interface NoteRef {
  code: NoteCode;
  path?: string;
  start?: number;
}

export interface DeadlineRule {
  /** Who it applies to: an issuer type, or several. */
  issuerType?: IssuerType | IssuerType[];
  /** A regular expression the agency name must match (e.g. "^怀化市"). */
  agencyPattern?: string;
  /** Deadline in the year after the report year. */
  month: number;
  day: number;
  /** Where the deadline comes from, printed in findings (e.g. "怀化市2021年通知"). */
  source?: string;
}

export interface CheckConfig {
  /** Local publication deadlines (DATE-06), first match wins. */
  deadlines?: DeadlineRule[];
}

export interface RuleContext<K extends string = string> {
  /** The report being checked. */
  readonly doc: CheckableReport;
  readonly config: CheckConfig;
  /** A table cell by path (`requests.newReceived.total`, `active.art20_1.rules.issued`, `review.review.total`); undefined when the table has no such cell. */
  cell(path: string): Cell | undefined;
  /** Where the cell (or a `meta.` / `sections.` path) was read, if known. */
  span(path: string): SourceSpan | undefined;
  /**
   * The document prints this cell but ogi could not read it (a digit run with several splits, a row
   * short of cells): the extraction note says so once; rules say nothing about the cell being blank.
   */
  unread(path: string): boolean;
  /** A stretch [start, end) of `doc.sections[section]` (or `doc.preamble`) as a span of the document, when the document is known. */
  sectionSpan(section: SectionKey | 'preamble', start: number, end: number): SourceSpan | undefined;
  report(input: ReportInput<K>): void;
}

export interface SeriesContext<K extends string = string> {
  readonly previous: CheckableReport;
  readonly current: CheckableReport;
  readonly config: CheckConfig;
  /** Cells of either report. */
  cell(which: 'previous' | 'current', path: string): Cell | undefined;
  span(which: 'previous' | 'current', path: string): SourceSpan | undefined;
  /** Findings are attached to the current (later) report. */
  report(input: ReportInput<K>): void;
}

export interface ReportRule {
  meta: RuleMeta & { scope: 'report' };
  check(ctx: RuleContext): void;
}

export interface SeriesRule {
  meta: RuleMeta & { scope: 'series' };
  check(ctx: SeriesContext): void;
}

/** What a ledger rule sees: an agency's registers, the year checked, and the report published for it, if any. */
export interface LedgerContext<K extends string = string> {
  readonly ledger: Ledger;
  readonly year: number;
  readonly template: TableTemplate;
  /** Dates are judged as on this day: the year's 31 December, or an earlier day for a year in progress. */
  readonly asOf: string;
  /** Tables 二, 三 and 四 computed from the ledger (LED-02). */
  readonly derived: LedgerTables;
  /** The report published for the year, compared with the ledger (LED-02). */
  readonly published?: CheckableReport;
  report(input: ReportInput<K>): void;
}

export interface LedgerRule {
  meta: RuleMeta & { scope: 'ledger' };
  check(ctx: LedgerContext): void;
}

export type Rule = ReportRule | SeriesRule | LedgerRule;
