import { SECTIONS } from './sections.ts';
import { REQUEST_COLUMNS, requestRows } from './requests.ts';
import { REVIEW_COLUMNS, REVIEW_GROUPS } from './review.ts';
import { TEMPLATE_DEFS, TEMPLATES, type TableTemplate } from './templates.ts';
import { ISSUER_TYPES } from './types.ts';

type Json = Record<string, unknown>;

const cellRef = { $ref: '#/$defs/cell' };

function fixedArray(labels: readonly { key: string; label: string }[]): Json {
  return {
    type: 'array',
    minItems: labels.length,
    maxItems: labels.length,
    prefixItems: labels.map((c) => ({ ...cellRef, title: c.key, description: c.label })),
    items: false,
  };
}

function closedObject(properties: Json, description?: string): Json {
  return {
    type: 'object',
    ...(description ? { description } : {}),
    properties,
    required: Object.keys(properties),
    additionalProperties: false,
  };
}

function activeSchema(template: TableTemplate): Json {
  const items: Json = {};
  for (const item of TEMPLATE_DEFS[template].active) {
    const rows: Json = {};
    for (const row of item.rows) {
      const cols: Json = {};
      for (const col of item.columns) {
        cols[col.key] = { ...cellRef, description: col.kind === 'money' ? `${col.label}（万元）` : col.label };
      }
      rows[row.key] = closedObject(cols, row.label);
    }
    items[item.key] = closedObject(rows, item.label);
  }
  return {
    ...closedObject(items, `二、主动公开政府信息情况（${template} 格式）`),
    properties: {
      ...items,
      extra: {
        type: 'array',
        description: '地方增加的行（TPL-07），不参与核对',
        items: closedObject({ label: { type: 'string' }, cells: { type: 'array', items: cellRef } }),
      },
    },
  };
}

function requestsSchema(template: TableTemplate): Json {
  const rows: Json = {};
  for (const row of requestRows(template)) rows[row.key] = { ...fixedArray(REQUEST_COLUMNS), description: row.label };
  return closedObject(rows, `三、收到和处理政府信息公开申请情况（${template} 格式）`);
}

function reviewSchema(): Json {
  const groups: Json = {};
  for (const g of REVIEW_GROUPS) groups[g.key] = { ...fixedArray(REVIEW_COLUMNS), description: g.label };
  return closedObject(groups, '四、政府信息公开行政复议、行政诉讼情况');
}

function tablesFor(template: TableTemplate): Json {
  return closedObject({
    active: { $ref: `#/$defs/active${template}` },
    requests: { $ref: `#/$defs/requests${template}` },
    review: { $ref: '#/$defs/review' },
  });
}

const date = { type: ['string', 'null'], pattern: '^\\d{4}-\\d{2}-\\d{2}$' };

/** JSON Schema (2020-12) of the report contract, generated from the statutory schema. */
export function reportJsonSchema(): Json {
  const sections: Json = {};
  for (const s of SECTIONS) sections[s.key] = { type: ['string', 'null'], description: `${s.numeral}、${s.heading}` };
  const provenance = {
    type: 'object',
    required: ['start', 'end', 'line', 'text'],
    properties: {
      start: { type: 'integer', minimum: 0 },
      end: { type: 'integer', minimum: 0 },
      line: { type: 'integer', minimum: 1 },
      text: { type: 'string' },
      unit: { type: 'string' },
      note: { type: 'string' },
      path: { type: 'string', description: 'HTML：单元格的 CSS 选择器；DOCX：表格单元格或段落的 XPath' },
      page: { type: 'integer', minimum: 1 },
      box: { type: 'array', items: { type: 'number' }, minItems: 4, maxItems: 4, description: '[x, y, 宽, 高]，自页面左上角起（PDF 点或图像像素）' },
      confidence: { type: 'number', minimum: 0, maximum: 100, description: 'OCR 置信度' },
    },
  };
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://ogi.example/schema/report.json',
    title: '政府信息公开工作年度报告数据（ogi report contract）',
    type: 'object',
    required: ['agency', 'year', 'template', 'signedOn', 'publishedOn', 'issuerType', 'sections', 'tables', 'source'],
    properties: {
      agency: { type: ['string', 'null'], description: '发布机关' },
      year: { type: ['integer', 'null'], description: '报告（统计）年度' },
      template: { enum: [...TEMPLATES], description: '表格实际采用的格式' },
      signedOn: { ...date, description: '落款日期' },
      publishedOn: { ...date, description: '发布日期' },
      issuerType: { enum: [...ISSUER_TYPES] },
      sections: closedObject(sections),
      preamble: { type: ['string', 'null'] },
      tables: { type: 'object' },
      source: {
        type: 'object',
        required: ['name', 'format'],
        properties: { name: { type: 'string' }, format: { type: 'string' }, encoding: { type: 'string' } },
      },
      provenance: { type: 'object', additionalProperties: provenance },
      notes: {
        type: 'array',
        items: {
          type: 'object',
          required: ['code', 'message'],
          properties: { code: { type: 'string' }, message: { type: 'string' }, path: { type: 'string' } },
        },
      },
    },
    allOf: [
      { if: { properties: { template: { const: '2019' } } }, then: { properties: { tables: tablesFor('2019') } } },
      { if: { properties: { template: { const: '2021' } } }, then: { properties: { tables: tablesFor('2021') } } },
      {
        if: { properties: { template: { const: 'legacy' } } },
        then: {
          properties: {
            tables: closedObject({
              active: { type: 'object', maxProperties: 0 },
              requests: { type: 'object', maxProperties: 0 },
              review: { type: 'object', maxProperties: 0 },
            }),
          },
        },
      },
    ],
    $defs: {
      cell: { type: ['number', 'null'], description: '数值；空白、占位符（/ - — 无）或无法识别时为 null' },
      active2019: activeSchema('2019'),
      active2021: activeSchema('2021'),
      requests2019: requestsSchema('2019'),
      requests2021: requestsSchema('2021'),
      review: reviewSchema(),
    },
  };
}
