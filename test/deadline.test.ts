import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dueDate } from '../src/check/deadline.ts';
import { InputError } from '../src/errors.ts';
import { CalendarGapError } from '../src/schema/calendar/working-days.ts';

test('2024 国庆: received Friday 9月27日, due on the 20th working day 2024-10-30, make-up days counted', () => {
  const d = dueDate({ received: '2024-09-27' });
  assert.deepEqual(
    { dueDate: d.dueDate, countFrom: d.countFrom, workingDays: d.workingDays, extended: d.extended, suspendedDays: d.suspendedDays },
    { dueDate: '2024-10-30', countFrom: '2024-09-28', workingDays: 20, extended: false, suspendedDays: 0 },
  );
  assert.deepEqual(d.steps, [
    '收到申请之日 2024-09-27 不计入，自次日 2024-09-28 起计算（《中华人民共和国民法典》第二百零一条）',
    '答复期限 20 个工作日（条例第三十三条第二款）',
    '自 2024-09-28 起第 20 个工作日为 2024-10-30（跳过国庆节 10月1日至7日；9月29日、10月12日调休上班，计入工作日）',
  ]);
  assert.ok(d.basis.includes('《国务院办公厅关于2024年部分节假日安排的通知》（国办发明电〔2023〕7号）'));
});

test('2025 春节: received 1月20日, due 2025-02-21 with 1月26日 and 2月8日 worked', () => {
  const d = dueDate({ received: '2025-01-20' });
  assert.equal(d.dueDate, '2025-02-21');
  assert.match(d.steps.at(-1)!, /跳过春节 1月28日至2月4日；1月26日、2月8日调休上班/);
  assert.ok(d.basis.includes('《国务院办公厅关于2025年部分节假日安排的通知》（国办发明电〔2024〕12号）'));
});

test('a plain month: four weeks of working days, no holiday', () => {
  const d = dueDate({ received: '2024-03-01' });
  assert.equal(d.dueDate, '2024-03-29');
  assert.match(d.steps.at(-1)!, /（其间没有法定节假日）$/);
});

test('an approved extension adds 20 working days (清明 skipped, 4月7日 and 4月28日 worked)', () => {
  const d = dueDate({ received: '2024-03-01', extended: true });
  assert.equal(d.dueDate, '2024-04-28');
  assert.equal(d.workingDays, 40);
  assert.match(d.steps[1]!, /经批准延长 20 个工作日，共 40 个工作日/);
});

test('补正 restarts the count from the day the corrected application is received (art. 30)', () => {
  const d = dueDate({ received: '2024-03-01', correctionReceived: '2024-03-05' });
  assert.equal(d.dueDate, '2024-04-02');
  assert.equal(d.countFrom, '2024-03-06');
  assert.equal(d.received, '2024-03-01');
  assert.match(d.steps[0]!, /自收到补正申请之日 2024-03-05 起重新计算（条例第三十条）/);
  assert.equal(d.basis[0], '《中华人民共和国政府信息公开条例》第三十条');
});

test('consultation days are not counted: the deadline moves by as many working days (arts 32–34)', () => {
  const d = dueDate({ received: '2024-03-01', suspendedDays: 5 });
  assert.equal(d.dueDate, '2024-04-08');
  assert.equal(d.workingDays, 25);
  assert.match(d.steps[2]!, /5 个工作日不计算在期限内/);
});

test('2020: the extended 春节 (国办发明电〔2020〕1号) is skipped and cited', () => {
  const d = dueDate({ received: '2020-01-20' });
  assert.equal(d.dueDate, '2020-02-25');
  assert.ok(d.basis.includes('《国务院办公厅关于延长2020年春节假期的通知》（国办发明电〔2020〕1号）'));
});

test('bad input is an InputError in Chinese; an uncovered year is a CalendarGapError', () => {
  const cases: [Parameters<typeof dueDate>[0], RegExp][] = [
    [{ received: '2024-02-30' }, /收到申请之日应为“年-月-日”格式的有效日期/],
    [{ received: '2024/03/01' }, /收到申请之日应为/],
    [{ received: '2024-03-01', correctionReceived: 'soon' }, /收到补正申请之日应为/],
    [{ received: '2024-03-05', correctionReceived: '2024-03-01' }, /收到补正申请之日（2024-03-01）不能早于收到申请之日（2024-03-05）/],
    [{ received: '2024-03-01', suspendedDays: -1 }, /不计入期限的工作日数应为非负整数/],
    [{ received: '2024-03-01', suspendedDays: 1.5 }, /不计入期限的工作日数应为非负整数/],
  ];
  for (const [input, message] of cases) {
    assert.throws(() => dueDate(input), (err: unknown) => err instanceof InputError && message.test(err.message), JSON.stringify(input));
  }
  assert.throws(() => dueDate({ received: '2026-12-20' }), CalendarGapError);
});
