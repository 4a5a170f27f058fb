import { z } from 'zod';
import { SEVERITIES } from './message.ts';
import { NOTE_CODES } from './notes.ts';
import { LEDGER_REGISTERS, type LedgerRegister } from './ledger.ts';
import { ISSUER_TYPES } from './types.ts';
import { REQUEST_COLUMNS, REQUEST_COLUMN_KEYS, REQUEST_ROWS, requestRows } from './requests.ts';
import { REVIEW_COLUMNS, REVIEW_COLUMN_KEYS, REVIEW_GROUPS, REVIEW_GROUP_KEYS } from './review.ts';
import { SECTIONS, type SectionKey } from './sections.ts';
import { TEMPLATE_DEFS, TEMPLATES, type TableTemplate, type Template } from './templates.ts';

/**
 * The data contract of one report (report-data.md), declared once: the TypeScript types
 * (`types.ts`), the JSON Schema printed by `ogi schema` and the validation of every JSON
 * input all come from the zod schemas below, which are built from the statutory schema
 * (sections, rows, columns, templates). Keys are public; add fields, never rename.
 */

export const SOURCE_FORMATS = ['txt', 'md', 'html', 'docx', 'pdf', 'image', 'json', 'yaml'] as const;

/** A strict z.object with one key per declaration (Object.fromEntries alone would lose the key type). */
function objectOf<D extends { readonly key: string }, S extends z.ZodType>(defs: readonly D[], value: (def: D) => S) {
  return z.strictObject(Object.fromEntries(defs.map((d) => [d.key, value(d)])) as Record<D['key'], S>);
}

// ── Cells and tables ───────────────────────────────────────────────────

const CELL_DESCRIPTION = '数值；空白、占位符（/ - — 无）或无法识别时为 null（a number as printed, or null when the cell is blank, a placeholder or unreadable）';

export const CellSchema = z.number().nullable().meta({ id: 'cell', description: CELL_DESCRIPTION });

/** One cell of a statutory table, titled with its column key and described with its printed label. */
const labelledCell = (key: string, label: string) => CellSchema.meta({ title: key, description: label });

export const ExtraRowSchema = z
  .object({
    /** The table 二 item the row was printed under. */
    item: z.string(),
    label: z.string().meta({ description: '印出的行名' }),
    cells: z.array(CellSchema),
  })
  .meta({ id: 'extraRow', description: '地方增加的行（TPL-07）：保留，不参与勾稽关系核对（a row a province added to table 二）' });

const REQUEST_ROW_KEYS = REQUEST_ROWS.map((r) => r.key);
const REQUEST_ROW_DESCRIPTION = `表三的一行：${REQUEST_COLUMNS.length} 个数值，依次为${REQUEST_COLUMNS.map((c) => c.label).join('、')}`;
const REVIEW_ROW_DESCRIPTION = `表四的一行：${REVIEW_COLUMNS.length} 个数值，依次为${REVIEW_COLUMNS.map((c) => c.label).join('、')}`;

/**
 * tables.active[item][row][column]; `extra` holds local rows (report-data.md §12.2).
 * The items, rows and columns a report may have depend on its template (checked below).
 */
const ActiveTableSchema = z
  .object({ extra: z.array(ExtraRowSchema).optional() })
  .catchall(z.record(z.string(), z.record(z.string(), CellSchema)));

/** tables.requests[row] = 7 cells: naturalPerson … total */
const RequestsTableSchema = z.partialRecord(z.enum(REQUEST_ROW_KEYS), z.array(CellSchema).length(REQUEST_COLUMN_KEYS.length));

/** tables.review[group] = 5 cells: upheld, corrected, other, pending, total */
const ReviewTableSchema = z.partialRecord(z.enum(REVIEW_GROUP_KEYS), z.array(CellSchema).length(REVIEW_COLUMN_KEYS.length));

export const TablesSchema = z.strictObject({
  active: ActiveTableSchema,
  requests: RequestsTableSchema,
  review: ReviewTableSchema,
});

// The tables of each template exactly: what the JSON Schema shows and what a report is checked against.

function activeTableOf(template: TableTemplate) {
  const money = (label: string) => (label.includes('万元') ? label : `${label}（万元）`);
  return objectOf(TEMPLATE_DEFS[template].active, (item) =>
    objectOf(item.rows, (row) =>
      objectOf(item.columns, (col) => labelledCell(col.key, col.kind === 'money' ? money(col.label) : col.label))
        .partial()
        .meta({ title: row.key, description: row.label }),
    )
      .partial()
      .meta({ title: item.key, description: item.label }),
  )
    .extend({ extra: z.array(ExtraRowSchema) })
    .partial()
    .meta({ description: `二、主动公开政府信息情况（${template} 格式）` });
}

/** A row of exactly the given columns, each titled with its key. */
function fixedRow(columns: readonly { key: string; label: string }[], description: string) {
  const [first, ...rest] = columns.map((c) => labelledCell(c.key, c.label));
  return z.tuple([first!, ...rest]).meta({ description });
}

const requestsTableOf = (template: TableTemplate) =>
  objectOf(requestRows(template), (row) => fixedRow(REQUEST_COLUMNS, row.label))
    .partial()
    .meta({ description: `三、收到和处理政府信息公开申请情况（${template} 格式）：${REQUEST_ROW_DESCRIPTION}` });

const ReviewTableExact = objectOf(REVIEW_GROUPS, (group) => fixedRow(REVIEW_COLUMNS, group.label))
  .partial()
  .meta({ id: 'review', description: `四、政府信息公开行政复议、行政诉讼情况：${REVIEW_ROW_DESCRIPTION}` });

const emptyTable = (what: string) => z.strictObject({}).meta({ description: `2019 年以前格式没有${what}` });

const TABLES_OF: Record<Template, z.ZodType> = {
  '2019': z.strictObject({ active: activeTableOf('2019'), requests: requestsTableOf('2019'), review: ReviewTableExact }),
  '2021': z.strictObject({ active: activeTableOf('2021'), requests: requestsTableOf('2021'), review: ReviewTableExact }),
  legacy: z.strictObject({ active: emptyTable('表二'), requests: emptyTable('表三'), review: emptyTable('表四') })
    .meta({ description: '2019 年以前格式（legacy）的报告没有统计表，三个表都是空对象' }),
};

// ── Where values were read, and what could not be read ────────────────

export const ProvenanceSchema = z
  .object({
    start: z.number().int().min(0),
    end: z.number().int().min(0),
    line: z.number().int().min(1),
    /** The printed text of the cell (empty for a blank cell). */
    text: z.string().meta({ description: '印出的文字（空白单元格为空字符串）' }),
    /** Printed unit of a money amount ("万元", "元"), when one was printed. */
    unit: z.string().optional().meta({ description: '金额印出的单位（万元、元）' }),
    /** Why the value is what it is when that is not obvious (placeholder, split digit run, …). */
    note: z.string().optional().meta({ description: '数值的来由不明显时的说明（占位符、拆分的连写数字…）' }),
    /** HTML: CSS selector of the cell; DOCX: XPath of the table cell or paragraph. */
    path: z.string().optional().meta({ description: 'HTML：单元格的 CSS 选择器；DOCX：表格单元格或段落的 XPath' }),
    /** PDF or image: page (1-based) and box [x, y, width, height] from the top-left, in PDF points (pixels for images). */
    page: z.number().int().min(1).optional().meta({ description: 'PDF 或图片：页码，从 1 起' }),
    box: z.tuple([z.number(), z.number(), z.number(), z.number()]).optional()
      .meta({ description: '[x, y, 宽, 高]，自页面左上角起（PDF 点或图像像素）' }),
    /** OCR confidence of the text, 0–100. */
    confidence: z.number().min(0).max(100).optional().meta({ description: 'OCR 置信度，0–100' }),
  })
  .meta({
    id: 'provenance',
    description: '数值的出处（where a value was read）。文本类原件的 start/end 是解码后全文中的 UTF-16 偏移，line 从 1 起',
  });

const TABLE_KEY_VALUES = ['active', 'requests', 'review'] as const;
type PartKey = SectionKey | 'preamble' | 'title' | 'signature';
const PART_KEYS: [PartKey, ...PartKey[]] = ['preamble', 'title', 'signature', ...SECTIONS.map((s) => s.key)];

/** Where a message is in the report (the same shape as a finding's `location`). */
export const LocationSchema = z
  .object({
    table: z.enum(TABLE_KEY_VALUES).optional(),
    item: z.string().optional(),
    row: z.string().optional(),
    column: z.string().optional(),
    section: z.enum(PART_KEYS).optional(),
    field: z.string().optional(),
    year: z.number().int().optional(),
    register: z.enum(LEDGER_REGISTERS.map((r) => r.key) as [LedgerRegister, ...LedgerRegister[]]).optional().meta({ description: '台账核查：所在的台账' }),
    record: z.string().optional().meta({ description: '台账核查：记录的登记号' }),
  })
  .meta({ description: '在报告中的位置：表（table、item、row、column）、部分（section）或字段（field）' });

/** A stretch of the source text: offsets, 1-based line and column, and the text printed there. */
export const SpanSchema = z
  .object({
    start: z.number().int().min(0),
    end: z.number().int().min(0),
    line: z.number().int().min(0),
    column: z.number().int().min(1).optional(),
    text: z.string(),
  })
  .meta({ description: '原文中的位置：偏移、行号与列号（从 1 起）、印出的文字' });

const valueSchema = z.union([z.number(), z.string(), z.null()]);

/** What a stage says about a report (src/schema/message.ts): a rule's finding or an extraction note. */
export const MessageSchema = z
  .object({
    source: z.enum(['extract', 'check']).meta({ description: '产生该条的阶段：extract（读取）或 check（核查）' }),
    code: z.string().meta({ description: '读取说明的代码或规则编号' }),
    severity: z.enum(SEVERITIES),
    message: z.string().meta({ description: '中文说明，含数字' }),
    location: LocationSchema,
    span: SpanSchema.optional(),
    actual: valueSchema.optional(),
    expected: valueSchema.optional(),
    basis: z.string().optional().meta({ description: '法律依据（核查结果）' }),
    cells: z.array(z.string()).optional().meta({ description: '该条所涉及的全部单元格路径（同 provenance 的键），一条说明多格时给出' }),
  })
  .meta({ description: '读取说明与核查结果共用的形状' });

/**
 * A note of the extractor, in the shape every stage's messages share (src/schema/message.ts):
 * `source` is always "extract" and the severity "info" — it says what ogi could not read
 * cleanly, not what is wrong with the report. `path`, `start` and `end` are kept for readers of
 * the first contract; `location` and `span` say the same in the shared shape.
 */
export const ExtractionNoteSchema = z
  .object({
    source: z.literal('extract').default('extract').meta({ description: '产生该说明的阶段：extract（读取）' }),
    /** Stable code (src/schema/notes.ts), e.g. "row-missing", "digit-run-ambiguous". */
    code: z.enum(NOTE_CODES).meta({ description: `稳定的代码：${NOTE_CODES.join('、')}` }),
    severity: z.enum(SEVERITIES).default('info').meta({ description: '严重程度；读取说明总是 info' }),
    /** Chinese message for users. */
    message: z.string().meta({ description: '给用户看的中文说明' }),
    location: LocationSchema.default(() => ({})),
    span: SpanSchema.optional(),
    actual: valueSchema.optional().meta({ description: '读到的值（如印出的单元格数）' }),
    expected: valueSchema.optional().meta({ description: '法定格式要求的值' }),
    /** Cell path (see `Report.provenance`) or section key the note is about. */
    path: z.string().optional().meta({ description: '所涉及的单元格路径（同 provenance 的键）或部分' }),
    start: z.number().int().min(0).optional(),
    end: z.number().int().min(0).optional(),
  })
  .meta({ id: 'note', description: '读取时未能清楚读出的地方（what the extractor could not read cleanly）' });

export const SourceSchema = z
  .object({
    name: z.string().meta({ description: '原件的文件名' }),
    format: z.enum(SOURCE_FORMATS).meta({ description: '原件的格式' }),
    encoding: z.string().optional().meta({ description: '文字编码（utf-8、gb18030…）' }),
    url: z.string().optional().meta({ description: '原文网址（网页或爬取文本给出的“原文链接”）' }),
  })
  .meta({ id: 'source', description: '数据读自哪个文件' });

// ── The report ──────────────────────────────────────────────────────────

const DateSchema = z.iso.date().nullable().meta({ id: 'date', description: '日期（YYYY-MM-DD），不知道时为 null' });
const date = (description: string) => DateSchema.meta({ description: `${description}（YYYY-MM-DD），不知道时为 null` });

const reportFields = {
  agency: z.string().nullable().meta({ description: '发布机关（issuing agency）' }),
  year: z.number().int().nullable().meta({ description: '报告（统计）年度（report year）' }),
  template: z.enum(TEMPLATES).meta({
    description: '表格实际采用的格式：2019（国办公开办函〔2019〕60号）、2021（〔2021〕30号）、legacy（2019 年以前，没有统计表）',
  }),
  signedOn: date('落款日期'),
  publishedOn: date('发布日期'),
  issuerType: z.enum(ISSUER_TYPES).meta({ description: '机关类型：government 人民政府、department 政府部门、township 乡镇街道、other 其他' }),
  sections: objectOf(SECTIONS, (s) => z.string().nullable().meta({ description: `${s.numeral}、${s.heading}` }))
    .meta({ id: 'sections', description: '六个部分的正文（没有找到的部分为 null）' }),
  tables: TablesSchema,
  source: SourceSchema,
  /** Text before the first section heading (legal basis, statistics period, contact). */
  preamble: z.string().nullable().default(null).meta({ description: '第一个部分标题之前的文字（依据、统计期限、联系方式）' }),
  /**
   * Where every value was read, keyed by path:
   * `active.<item>.<row>.<column>`, `requests.<row>.<column>`, `review.<group>.<column>`,
   * `meta.<field>`, `sections.<key>`.
   */
  provenance: z.record(z.string(), ProvenanceSchema).default(() => ({})).meta({
    description: '每个数值的出处，键为路径：active.<项>.<行>.<列>、requests.<行>.<列>、review.<组>.<列>、meta.<字段>、sections.<部分>',
  }),
  /** What the extractor could not read cleanly, in Chinese. */
  notes: z.array(ExtractionNoteSchema).default(() => []).meta({ description: '读取时未能清楚读出的地方' }),
  /** The file the report was read from, for research over a corpus (CLI data exports; absent elsewhere). */
  input: z.object({
    path: z.string().meta({ description: '输入文件相对于所给根目录的路径（目录参数为该目录；单个文件为文件所在目录），分隔符为 /' }),
    id: z.string().regex(/^[0-9a-f]{64}$/).meta({ description: '报告编号：原件字节的 SHA-256（十六进制），同一原件总是同一编号' }),
  }).optional().meta({ description: '报告读自哪个输入文件（ogi parse、check、render 的数据输出给出）' }),
  /** Which version of ogi's reading produced the data (absent for data written by hand). */
  producedBy: z.object({ extractor: z.string() }).optional()
    .meta({ description: '产生这些数据的读取程序版本（手工填写的数据没有此字段）' }),
};

/** `ogi parse --json` also prints the layout facts the checks use; they are passed through, not part of the contract. */
const structureField = z.record(z.string(), z.unknown()).optional().meta({
  description: 'ogi parse --json 输出的版面信息（标题、标签位置，供核查使用）；不属于数据契约，可以省略，不逐项检查',
});

const TEMPLATE_NAME: Record<Template, string> = { '2019': '2019 格式', '2021': '2021 格式', legacy: '2019 年以前格式（legacy）' };

/**
 * The report's tables checked against its template: the items, rows and columns the template
 * does not have are named. (Types and row lengths are checked by `TablesSchema` already; the
 * exact tables differ from it only in their keys, so only those issues are taken from them.)
 */
function checkTables(report: { template: Template; tables: unknown }, ctx: z.RefinementCtx): void {
  const r = TABLES_OF[report.template].safeParse(report.tables);
  if (r.success) return;
  const t = report.template;
  for (const issue of r.error.issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    const path = ['tables', ...issue.path.map(String)];
    if (t === 'legacy') {
      ctx.addIssue({ code: 'custom', path, message: `应为空对象：${TEMPLATE_NAME[t]}的报告没有统计表，实有 ${issue.keys.length} 项` });
      continue;
    }
    const [, table, item] = path;
    for (const key of issue.keys) {
      let what: string;
      if (table === 'requests') {
        const other = REQUEST_ROWS.find((x) => x.key === key)?.templates.find((x) => x !== t);
        what = `不是 ${TEMPLATE_NAME[t]}表三的行${other ? `（是 ${other} 格式的行）` : ''}`;
      } else if (path.length === 2) {
        what = `不是 ${TEMPLATE_NAME[t]}表二的项目（应为 ${TEMPLATE_DEFS[t].active.map((i) => i.key).join('、')}）`;
      } else {
        const def = TEMPLATE_DEFS[t].active.find((i) => i.key === item);
        const isRow = path.length === 3;
        const names = (isRow ? def?.rows : def?.columns)?.map((x) => x.key);
        what = `不是 ${TEMPLATE_NAME[t]}表二“${def?.label ?? item}”的${isRow ? '行' : '列'}${names ? `（应为 ${names.join('、')}）` : ''}`;
      }
      ctx.addIssue({ code: 'custom', path: [...path, key], message: what });
    }
  }
}

const reportObject = z.object(reportFields);

/** The report contract. Its output is `Report` (types.ts); fields it does not declare, `structure` among them, are dropped. */
export const ReportSchema = reportObject.superRefine(checkTables);

/** What a user may give as a report: the contract, plus the layout facts `ogi parse --json` prints (passed through). */
export const ContractSchema = reportObject.extend({ structure: structureField }).superRefine(checkTables);
export type ContractReport = z.output<typeof ContractSchema>;

// ── Messages ────────────────────────────────────────────────────────────

const zh = z.locales.zhCN();

/** `tables.requests.granted`, `tables.review.review[2]`, `provenance.meta.agency.start`. */
export function contractPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : `${out ? '.' : ''}${String(p)}`;
  return out;
}

const EXPECTED: Record<string, string> = {
  number: '数值', int: '整数', string: '文字', boolean: 'true 或 false', object: '对象', array: '数组', tuple: '数组', record: '对象', null: 'null',
};
const NULLABLE_FIELDS = new Set(['agency', 'year', 'signedOn', 'publishedOn', 'preamble', 'sections']);

function shown(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return `文字“${v.length > 20 ? `${v.slice(0, 20)}…` : v}”`;
  if (typeof v === 'number') return `数值 ${v}`;
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `有 ${v.length} 项的数组`;
  return '对象';
}

/** One issue as a Chinese predicate (without its path). */
function describeIssue(issue: z.core.$ZodIssue, path: readonly PropertyKey[] = issue.path): string {
  const inTables = path[0] === 'tables';
  switch (issue.code) {
    case 'invalid_type': {
      let expected = EXPECTED[issue.expected] ?? issue.expected;
      if (inTables && issue.expected === 'number') expected += '或 null（空白）';
      else if (NULLABLE_FIELDS.has(String(path[0])) && ['number', 'int', 'string'].includes(issue.expected)) expected += '或 null';
      if (issue.input === undefined) return `缺少（应为${expected}）`;
      return `应为${expected}，实为${shown(issue.input)}`;
    }
    case 'too_small':
    case 'too_big': {
      const n = Number(issue.code === 'too_small' ? issue.minimum : issue.maximum);
      if (issue.origin === 'array') {
        const unit = inTables ? '个数值' : '项';
        const actual = Array.isArray(issue.input) ? `，实有 ${issue.input.length} ${unit.replace('数值', '')}` : '';
        if (issue.exact) return `应有 ${n} ${unit}${actual}`;
        return `${issue.code === 'too_small' ? '至少' : '至多'}应有 ${n} ${unit}${actual}`;
      }
      if (issue.origin === 'string') return `${issue.code === 'too_small' ? '至少' : '至多'}应有 ${n} 个字`;
      const cmp = issue.code === 'too_small' ? (issue.inclusive ? '不应小于' : '应大于') : issue.inclusive ? '不应大于' : '应小于';
      return `${cmp} ${n}${issue.input === undefined ? '' : `，实为 ${String(issue.input)}`}`;
    }
    case 'invalid_value':
      return `应为 ${issue.values.map((v) => JSON.stringify(v)).join('、')}${issue.values.length > 1 ? ' 之一' : ''}，实为${issue.input === undefined ? '空' : shown(issue.input)}`;
    case 'invalid_format':
      if (issue.format === 'date') return `应为 YYYY-MM-DD 格式的有效日期或 null，实为${shown(issue.input)}`;
      return `格式不对（${issue.format}），实为${shown(issue.input)}`;
    case 'unrecognized_keys':
      return `有不认识的字段：${issue.keys.map((k) => `“${k}”`).join('、')}（见 ogi schema）`;
    case 'custom':
      return issue.message;
    default: {
      const m = zh.localeError(issue as never);
      return (typeof m === 'string' ? m : m?.message) ?? issue.message;
    }
  }
}

/**
 * Zod issues as Chinese lines naming the field, e.g.
 * `tables.requests.granted 应有 7 个数值，实有 6 个`. Parse with `{ reportInput: true }` so
 * the lines can say what was found.
 */
export function describeContractIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => {
    const where = contractPath(issue.path);
    const what = describeIssue(issue);
    return where ? `${where} ${what}` : `报告数据${what}`;
  });
}

export type ContractResult = { ok: true; report: ContractReport } | { ok: false; problems: string[]; issues: z.core.$ZodIssue[] };

/** Validates one report given as JSON (already parsed) against the contract. */
export function checkContract(value: unknown): ContractResult {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, problems: [`应为一份报告（JSON 对象），实为${value === undefined ? '空' : shown(value)}`], issues: [] };
  }
  const r = ContractSchema.safeParse(value, { reportInput: true });
  if (r.success) return { ok: true, report: r.data };
  return { ok: false, problems: describeContractIssues(r.error.issues), issues: r.error.issues };
}

/**
 * The problems as one message naming where they are: a single problem on one line; several under a
 * first line, one per line (`inline`: on one line, separated by '；', for tables and API answers).
 */
export function contractMessage(where: string, problems: readonly string[], options: { inline?: boolean; max?: number } = {}): string {
  if (problems.length === 1) return `${where}：${problems[0]}`;
  const max = options.max ?? 20;
  const list = problems.slice(0, max);
  if (problems.length > max) list.push(`……另有 ${problems.length - max} 处`);
  const head = `${where}：不符合报告数据契约（见 ogi schema），共 ${problems.length} 处`;
  return options.inline ? `${head}：${list.join('；')}` : `${head}：\n${list.map((p) => `  ${p}`).join('\n')}`;
}

// ── JSON Schema ─────────────────────────────────────────────────────────

/** The contract for one template, as the JSON Schema shows it: the tables exactly as that template prints them. */
const variant = (template: Template) =>
  z.object({
    ...reportFields,
    template: z.literal(template).meta({ description: reportFields.template.description }),
    tables: TABLES_OF[template],
    structure: structureField,
  }).meta({
    title: template === 'legacy' ? '2019 年以前格式（legacy）' : `${template} 格式`,
    description: template === 'legacy' ? '2019 年以前的报告（2007 年条例时期），没有统计表' : TEMPLATE_DEFS[template].source,
  });

const ReportJsonShape = z.discriminatedUnion('template', [variant('2019'), variant('2021'), variant('legacy')]);

/** JSON Schema (draft 2020-12) of the report contract, generated from the zod declaration above. */
export function reportJsonSchema(): Record<string, unknown> {
  const { $schema, ...rest } = z.toJSONSchema(ReportJsonShape, { target: 'draft-2020-12', io: 'input' }) as Record<string, unknown>;
  return {
    $schema,
    $id: 'https://ogi.example/schema/report.json',
    title: '政府信息公开工作年度报告数据（ogi report contract）',
    description: '一份报告的数据：按 template 分为三种形式，表格的项、行、列取自法定格式。由 src/schema/contract.ts 生成。',
    ...rest,
  };
}
