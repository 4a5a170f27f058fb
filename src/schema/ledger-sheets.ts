import { TEMPLATE_DEFS } from './templates.ts';
import { REQUEST_ROWS } from './requests.ts';
import { REVIEW_COLUMNS, REVIEW_GROUPS } from './review.ts';
import { APPLICANT_COLUMNS, CONSULTATION_KINDS, FEE_METHODS, LEDGER_REGISTERS, RECEIPT_CHANNELS, type Ledger, type LedgerRegister } from './ledger.ts';
import { ActiveFigureSchema, ApplicationSchema, DocumentSchema, ReviewCaseSchema } from './ledger-records.ts';

/**
 * The Excel template of the ledger (台账): one sheet per register, one row per record, Chinese
 * headers, the statutory vocabulary as printed. Cells are plain values here (dates as ISO text);
 * src/render/ledger-xlsx.ts writes them (dates as Excel dates), src/ingest/ledger-xlsx.ts reads them.
 */

export type SheetValue = string | number | null;
type Rec = Record<string, unknown>;

interface Column {
  header: string;
  /** The record field the column fills (how a schema problem is traced back to its column). */
  path: string;
  /** Date columns are written as Excel dates and read from Excel dates or text. */
  kind: 'text' | 'date' | 'number' | 'flag';
  get(r: Rec): SheetValue;
  /** Puts a non-empty cell into the record; returns a problem (Chinese, without the cell's text) or null. */
  set(r: Rec, v: string | number): string | null;
}

const at = (r: Rec, path: string): unknown => path.split('.').reduce<unknown>((o, k) => (o as Rec | undefined)?.[k], r);
function put(r: Rec, path: string, v: unknown): void {
  const keys = path.split('.');
  let o = r;
  for (const k of keys.slice(0, -1)) o = (o[k] ??= {}) as Rec;
  o[keys.at(-1)!] = v;
}
const str = (v: unknown): SheetValue => (v === undefined || v === null || v === '' ? null : (v as string | number));

const text = (header: string, path: string): Column => ({ header, path, kind: 'text', get: (r) => str(at(r, path)), set: (r, v) => (put(r, path, String(v)), null) });
const date = (header: string, path: string): Column => ({ header, path, kind: 'date', get: (r) => str(at(r, path)), set: (r, v) => (put(r, path, String(v)), null) });
const number = (header: string, path: string): Column => ({
  header, path, kind: 'number', get: (r) => str(at(r, path)),
  set: (r, v) => {
    const n = typeof v === 'number' ? v : Number(String(v).replace(/,/g, ''));
    if (!Number.isFinite(n)) return '应为数字';
    put(r, path, n);
    return null;
  },
});
/** A choice printed by its label (a key is accepted too). */
function choice(header: string, path: string, options: readonly { key: string; label: string }[]): Column {
  return {
    header, path, kind: 'text',
    get: (r) => options.find((o) => o.key === at(r, path))?.label ?? str(at(r, path)),
    set: (r, v) => {
      const o = options.find((x) => x.label === String(v).trim() || x.key === String(v).trim());
      if (!o) return `应为${options.map((x) => `“${x.label}”`).join('、')}之一`;
      put(r, path, o.key);
      return null;
    },
  };
}
const flag = (header: string, path: string, get: (r: Rec) => boolean, set: (r: Rec) => void): Column => ({
  header, path, kind: 'flag', get: (r) => (get(r) ? '是' : null),
  set: (r, v) => {
    if (String(v).trim() === '是') set(r);
    else if (String(v).trim() !== '否') return '应为“是”或“否”（或留空）';
    return null;
  },
});

const rowLabel = (r: (typeof REQUEST_ROWS)[number]) => ('short' in r && r.short ? r.short : r.label);
const RESULTS = REQUEST_ROWS.filter((r) => r.result).map((r) => ({ key: r.key as string, label: rowLabel(r) }));
const SEP = '；';

const APPLICATION_COLUMNS: Column[] = [
  text('登记号', 'number'),
  choice('提交方式', 'channel', RECEIPT_CHANNELS),
  date('提交日期', 'submittedOn'),
  date('收到申请之日', 'receivedOn'),
  choice('申请人类别', 'applicant.category', APPLICANT_COLUMNS),
  text('申请人姓名或名称', 'applicant.name'),
  text('联系方式', 'applicant.contact'),
  text('证件号码', 'applicant.idNumber'),
  text('申请内容', 'request'),
  date('补正通知发出日期', 'correction.sentOn'),
  date('补正期限', 'correction.dueOn'),
  date('收到补正日期', 'correction.receivedOn'),
  flag('逾期补正有正当理由', 'correction.justified', (r) => at(r, 'correction.justified') === true, (r) => put(r, 'correction.justified', true)),
  {
    header: '征求意见（类别 发出日期 不计入的工作日数，多次以“；”分隔）', path: 'consultations', kind: 'text',
    get: (r) => {
      const list = (r.consultations as { kind: string; sentOn: string; days: number }[] | undefined) ?? [];
      return list.length ? list.map((c) => `${CONSULTATION_KINDS.find((k) => k.key === c.kind)!.label} ${c.sentOn} ${c.days}`).join(SEP) : null;
    },
    set: (r, v) => {
      const list = [];
      for (const part of String(v).split(/[；;]/).map((s) => s.trim()).filter(Boolean)) {
        const [label, sentOn, days] = part.split(/\s+/);
        const kind = CONSULTATION_KINDS.find((k) => k.label === label || k.key === label);
        if (!kind || !sentOn || !/^\d+$/.test(days ?? '')) return `每项应为“${CONSULTATION_KINDS[0].label} 2024-03-05 10”的形式`;
        list.push({ kind: kind.key, sentOn, days: Number(days) });
      }
      r.consultations = list;
      return null;
    },
  },
  flag('延长答复期限', 'extension', (r) => r.extension !== undefined && r.extension !== null, (r) => { r.extension ??= {}; }),
  { ...text('延长批准人', 'extension.approvedBy'), set: (r, v) => (put(r, 'extension.approvedBy', String(v)), null) },
  date('延长批准日期', 'extension.approvedOn'),
  choice('办理结果', 'result', RESULTS),
  {
    header: '区分处理各部分结果（以“；”分隔）', path: 'parts', kind: 'text',
    get: (r) => ((r.parts as string[] | undefined)?.length ? (r.parts as string[]).map((k) => RESULTS.find((x) => x.key === k)?.label ?? k).join(SEP) : null),
    set: (r, v) => {
      const parts = [];
      for (const p of String(v).split(/[；;]/).map((s) => s.trim()).filter(Boolean)) {
        const found = RESULTS.find((x) => x.label === p || x.key === p);
        if (!found) return '每项应为表三的一个办理结果';
        parts.push(found.key);
      }
      r.parts = parts;
      return null;
    },
  },
  date('答复日期', 'decidedOn'),
  choice('收费方式', 'fee.method', FEE_METHODS),
  number('页数', 'fee.pages'),
  number('收费金额（元）', 'fee.amount'),
  date('收费通知日期', 'fee.noticeOn'),
  date('缴费日期', 'fee.paidOn'),
];

const CASE_COLUMNS: Column[] = [
  text('案号', 'number'),
  choice('类别', 'kind', REVIEW_GROUPS),
  date('立案日期', 'filedOn'),
  choice('结果', 'result', REVIEW_COLUMNS.filter((c) => c.key !== 'total' && c.key !== 'pending')),
  date('审结日期', 'decidedOn'),
];

const DOCUMENT_KINDS = TEMPLATE_DEFS['2021'].active.find((i) => i.key === 'art20_1')!.rows;
const DOCUMENT_COLUMNS: Column[] = [
  text('编号', 'number'),
  choice('类别', 'kind', DOCUMENT_KINDS),
  text('标题', 'title'),
  date('制发日期', 'issuedOn'),
  date('公开日期', 'publishedOn'),
  date('废止日期', 'repealedOn'),
];

const FIGURE_COLUMNS: Column[] = [
  number('年度', 'year'),
  text('项目', 'item'),
  text('行', 'row'),
  text('列', 'column'),
  number('数值', 'value'),
];

export const LEDGER_SHEETS: Record<LedgerRegister, { name: string; columns: Column[]; schema: typeof ApplicationSchema | typeof ReviewCaseSchema | typeof DocumentSchema | typeof ActiveFigureSchema }> = {
  applications: { name: LEDGER_REGISTERS[0].label, columns: APPLICATION_COLUMNS, schema: ApplicationSchema },
  cases: { name: LEDGER_REGISTERS[1].label, columns: CASE_COLUMNS, schema: ReviewCaseSchema },
  documents: { name: LEDGER_REGISTERS[2].label, columns: DOCUMENT_COLUMNS, schema: DocumentSchema },
  figures: { name: LEDGER_REGISTERS[3].label, columns: FIGURE_COLUMNS, schema: ActiveFigureSchema },
};

/** The ledger as sheets of plain values (dates as ISO text), in the template's column order. */
export function ledgerRows(ledger: Ledger): { register: LedgerRegister; name: string; headers: string[]; kinds: Column['kind'][]; rows: SheetValue[][] }[] {
  return (Object.keys(LEDGER_SHEETS) as LedgerRegister[]).map((register) => {
    const { name, columns } = LEDGER_SHEETS[register];
    return {
      register, name, headers: columns.map((c) => c.header), kinds: columns.map((c) => c.kind),
      rows: (ledger[register] as Rec[]).map((rec) => columns.map((c) => c.get(rec))),
    };
  });
}

/** One row of a sheet as a record, or the problems of its cells (each naming the column, never the cell's text). */
export function recordFromRow(register: LedgerRegister, cells: ReadonlyMap<string, string | number>): { record: Rec; problems: string[] } {
  const record: Rec = {};
  const problems: string[] = [];
  for (const column of LEDGER_SHEETS[register].columns) {
    const v = cells.get(column.header);
    if (v === undefined || v === '') continue;
    const problem = column.set(record, v);
    if (problem) problems.push(`“${column.header}”${problem}`);
  }
  return { record, problems };
}

/** The header of the column a schema problem's path (e.g. applicant.category, consultations.0.days) belongs to. */
export function columnOf(register: LedgerRegister, path: string): string | null {
  const columns = LEDGER_SHEETS[register].columns;
  let best: Column | null = null;
  for (const c of columns) if ((path === c.path || path.startsWith(`${c.path}.`)) && (!best || c.path.length > best.path.length)) best = c;
  return best?.header ?? null;
}
