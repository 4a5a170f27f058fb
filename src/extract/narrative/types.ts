import type { SectionKey } from '../../schema/sections.ts';

/** Where narrative text comes from: one of the six sections, or the untitled preamble. */
export type NarrativeSection = SectionKey | 'preamble';

/** Result categories of table 三 as the narrative names them (（一）…（六）). */
export type { ResultCategory } from '../../schema/identities.ts';
import type { ResultCategory } from '../../schema/identities.ts';

export type StatementKind =
  /** 本年新收 / 共收到…申请 N 件 (R1). */
  | 'received'
  /** 上年结转 N 件 (R2). */
  | 'carriedOver'
  /** 办结 / 办理完毕 / 答复 N 件 (（七）总计). */
  | 'concluded'
  /** 结转下年度 N 件 (R4). */
  | 'carriedForward'
  /** A result category (or several joined by 及/和) with a count. */
  | 'result'
  /** A result category with a percentage. */
  | 'resultShare'
  /** "未收到…申请", "无依申请公开": no application this year (value 0). */
  | 'noRequests'
  /** 行政复议 N 件; value 0 with `none` for "未发生…行政复议". */
  | 'review'
  /** 行政诉讼 M 件; value 0 with `none` for "未发生…行政诉讼". */
  | 'litigation'
  /** "均获维持", "均被维持": every case named in the sentence was upheld (`subjects`). */
  | 'allUpheld'
  /** 主动公开…N 条. */
  | 'activeTotal'
  /** A "其中" part of the preceding 主动公开 total (`parent`). */
  | 'activePart'
  /** 规章 / 规范性文件 counts (`doc`, `verb`). */
  | 'docs'
  /** 信息处理费: none charged ("未收取信息处理费"). */
  | 'feeNone'
  /** Fee notices issued (发出收费通知 N 件); 0 for "未发出收费通知". */
  | 'feeNotices'
  /** Total amount of the fee notices, in 元. */
  | 'feeNoticeAmount'
  /** Fees actually collected, in 元. */
  | 'feeCollected';

/** The verb a 规章/规范性文件 count is stated with. */
export type DocVerb = 'issue' | 'release' | 'publish' | 'repeal' | 'inForce';

export interface Statement {
  kind: StatementKind;
  /** The number stated: a count, a percentage (resultShare), or 元 (fees). */
  value: number;
  /** The unit printed after the number (件, 条, 元, %…). */
  unit?: string;
  /** False for approximations (30余, 千余, 近百, 约, 左右, 以上, 1.2万条): never compare them. */
  exact: boolean;
  section: NarrativeSection;
  /** UTF-16 offsets into the section text (`report.sections[section]` or `report.preamble`). */
  start: number;
  end: number;
  /** 1-based line within the section text. */
  line: number;
  /** The statement as printed (section text from start to end). */
  text: string;
  /** resultShare/result: the categories named (several when joined: 予以公开及部分公开). */
  categories?: ResultCategory[];
  /** allUpheld: which groups the sentence named. */
  subjects?: ('review' | 'litigation')[];
  /** review/litigation: read from a negation ("未发生…"), not from a number. */
  none?: boolean;
  /** received: the number is said to include the carried-over applications (含上年结转). */
  includesCarriedOver?: boolean;
  /** docs: which row of 二（一）. */
  doc?: 'rules' | 'normativeDocs';
  verb?: DocVerb;
  /** activePart: index of its activeTotal in the same list. */
  parent?: number;
  /** activePart: a bare item of a list after 其中 ("其中网站13条、微信55条"), read as a share of the total. */
  listed?: boolean;
}
