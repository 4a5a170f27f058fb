/**
 * The text of a report with the six statutory headings, short narrative and the given bodies under
 * 二, 三 and 四: for tests that are about how one table is printed.
 */
export interface SkeletonParts {
  year: number;
  /** Organ and title lines; default 某某市交通运输局 / <year>年政府信息公开工作年度报告. */
  title?: string;
  active?: string;
  requests?: string;
  review?: string;
  /** The text of section 六. */
  tail?: string;
}

export function reportSkeleton(p: SkeletonParts): string {
  return [
    p.title ?? `某某市交通运输局\n${p.year}年政府信息公开工作年度报告`,
    '一、总体情况',
    `${p.year}年，本局认真贯彻落实条例。`,
    '二、主动公开政府信息情况',
    p.active ?? '',
    '三、收到和处理政府信息公开申请情况',
    p.requests ?? '',
    '四、政府信息公开行政复议、行政诉讼情况',
    p.review ?? '',
    '五、存在的主要问题及改进情况',
    '问题是人员不足。改进措施是加强培训。',
    '六、其他需要报告的事项',
    p.tail ?? '本年度未收取信息处理费。',
  ].join('\n');
}
