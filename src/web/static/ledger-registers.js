// The ledger page's other registers for the agency's own users: review and litigation cases (table 四),
// documents (二（一）) and the year's figures of 二, each with a form and a list (keep() in ledger.js).
// Labels come from the forms' options, which the server renders from the schema.
'use strict';

(() => {
  const { el } = window.ogi;
  const { year, own, keep, field, setFields, value } = window.ogi.ledger;
  if (!own) return;
  const $ = (id) => document.getElementById(id);
  const labelOf = (select, key) => {
    const o = [...select.options].find((x) => x.value === (key || ''));
    return o ? o.textContent : key || '';
  };

  const caseForm = $('case-form');
  keep({
    register: 'cases', form: 'case-form', list: 'cases', empty: '还没有登记案件。',
    noun: (r) => `第 ${r.number} 号案件`,
    cells: (c) => [c.number, labelOf(field(caseForm, 'kind'), c.kind), c.filedOn, labelOf(field(caseForm, 'result'), c.result), c.decidedOn || ''],
    record: (f) => ({ number: value(f, 'number'), kind: value(f, 'kind'), filedOn: value(f, 'filedOn'), result: value(f, 'result'), decidedOn: value(f, 'decidedOn') }),
    fill: (f, c) => setFields(f, c),
  });

  const documentForm = $('document-form');
  keep({
    register: 'documents', form: 'document-form', list: 'documents', empty: '还没有登记文件。',
    noun: (r) => `第 ${r.number} 号文件`,
    cells: (d) => [d.number, labelOf(field(documentForm, 'kind'), d.kind), d.title || '', d.issuedOn, d.publishedOn || '', d.repealedOn || ''],
    record: (f) => ({
      number: value(f, 'number'), kind: value(f, 'kind'), title: value(f, 'title'),
      issuedOn: value(f, 'issuedOn'), publishedOn: value(f, 'publishedOn'), repealedOn: value(f, 'repealedOn'),
    }),
    fill: (f, d) => setFields(f, d),
  });

  // The cells a figure of the year may hold: items of the year's template, each with its rows and columns.
  const choices = JSON.parse($('figure-options').textContent);
  const figureForm = $('figure-form');
  const itemOf = (key) => choices.items.find((i) => i.key === key);
  /** Offers the rows and columns of the chosen item, keeping the chosen row and column where the item has them. */
  function offerCells(form, row, column) {
    // A figure imported into a cell the form does not offer is reopened on the first item.
    const item = itemOf(field(form, 'item').value) || choices.items[0];
    field(form, 'item').value = item.key;
    for (const [name, list, keepKey] of [['row', item.rows, row], ['column', item.columns, column]]) {
      const select = field(form, name);
      const chosen = keepKey === undefined ? select.value : keepKey;
      select.textContent = '';
      for (const c of list) select.append(el('option', { value: c.key }, c.label));
      if (list.some((c) => c.key === chosen)) select.value = chosen;
    }
  }
  field(figureForm, 'item').addEventListener('change', () => offerCells(figureForm));
  offerCells(figureForm);
  const cellLabels = (f) => {
    const item = itemOf(f.item);
    const find = (list, key) => (item && list(item).find((x) => x.key === key)) || { label: key };
    return [item ? item.label : f.item, find((i) => i.rows, f.row).label, find((i) => i.columns, f.column).label];
  };
  keep({
    register: 'figures', form: 'figure-form', list: 'figures', empty: `还没有登记 ${year} 年度的数据。`,
    shows: (r) => String(r.data.year) === year,
    noun: (r) => `数据“${cellLabels(r.data).join(' ')}”（${r.data.year} 年度）`,
    cells: (f) => [...cellLabels(f), { text: String(f.value), class: 'num-cell' }],
    record: (f) => ({ year: Number(year), item: value(f, 'item'), row: value(f, 'row'), column: value(f, 'column'), value: Number(value(f, 'value')) }),
    fill: (f, x) => {
      setFields(f, { item: x.item, value: x.value });
      offerCells(f, x.row, x.column);
    },
    reset: (f) => offerCells(f, null, null),
  });
})();
