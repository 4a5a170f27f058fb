/**
 * npm run bench:accuracy — cells exact / cells printed for every layout class of the
 * fixtures (format fixtures, text layouts, converter and crawler outputs). Target: ≥ 99.5 %
 * per class and no wrong number. `--ocr` adds the image and scanned-PDF fixtures (slow);
 * `--detail` lists every cell that was not exact.
 */
import { percent, runAccuracy, summarize } from '../test/helpers/accuracy.ts';

const ocr = process.argv.includes('--ocr');
const detail = process.argv.includes('--detail');
const t0 = performance.now();
const results = await runAccuracy({ ocr });
const ms = performance.now() - t0;

console.log('| 版式类别 | 文件 | 应读单元格 | 准确 | 准确率 | 读错（非空且不对） |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const s of summarize(results)) {
  console.log(`| ${s.layoutClass} | ${s.files} | ${s.expected} | ${s.exact} | ${percent(s).toFixed(2)} % | ${s.wrong} |`);
}
const all = summarize(results.map((r) => ({ ...r, layoutClass: '合计' })))[0]!;
console.log(`| **合计** | ${all.files} | ${all.expected} | ${all.exact} | ${percent(all).toFixed(2)} % | ${all.wrong} |`);
console.log(`\n${results.length} 个文件，用时 ${(ms / 1000).toFixed(1)} 秒（含读取与解析）。`);
if (detail) {
  for (const r of results) {
    if (r.error) console.log(`${r.file}: 无法读取：${r.error}`);
    for (const w of r.wrong) console.log(`${r.file}: 读错 ${w}`);
    if (r.abstained.length) console.log(`${r.file}: 空缺 ${r.abstained.length} 格：${r.abstained.slice(0, 8).join('、')}${r.abstained.length > 8 ? '…' : ''}`);
  }
}
