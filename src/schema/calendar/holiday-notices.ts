// The State Council holiday notices (国务院办公厅关于…年部分节假日安排的通知), one entry a year.
// Every period and make-up working day is written as the notice states it; `stated` is the
// notice's own sentence, so a reader can compare the dates with the text.
//
// To add a year: copy the last entry, replace title, number, issued and every period from the
// new notice, then add the year's case to test/working-days.test.ts (README: 工作日与答复期限).

export interface HolidayPeriod {
  /** The holiday as the notice names it: 元旦, 春节, 国庆节、中秋节… */
  holiday: string;
  /** First and last day off (ISO), as the notice states the range; one day when it says “X月X日放假”. */
  from: string;
  to: string;
  /** Weekend days the notice makes working days (“…上班”). */
  makeUp: string[];
  /** The notice's sentence for this holiday. */
  stated: string;
  /** Set when a later notice, not the year's notice, fixed this period. */
  by?: string;
}

export interface HolidayNotice {
  year: number;
  title: string;
  /** 发文字号; null where we could not confirm it. */
  number: string | null;
  issued: string;
  periods: HolidayPeriod[];
  /** Later notices that changed the year's arrangement, in the order issued. */
  amendments?: { title: string; number: string; issued: string; change: string }[];
  /** Days 全体公民放假 under 《全国年节及纪念日放假办法》: 11 until 2024, 13 from 2025 (2024 revision). */
  statutoryDays: number;
}

export const HOLIDAY_NOTICES: HolidayNotice[] = [
  {
    year: 2019,
    title: '国务院办公厅关于2019年部分节假日安排的通知',
    number: '国办发明电〔2018〕15号',
    issued: '2018-12-04',
    statutoryDays: 11,
    periods: [
      { holiday: '元旦', from: '2018-12-30', to: '2019-01-01', makeUp: ['2018-12-29'], stated: '元旦：2018年12月30日至2019年1月1日放假调休，共3天。2018年12月29日（星期六）上班。' },
      { holiday: '春节', from: '2019-02-04', to: '2019-02-10', makeUp: ['2019-02-02', '2019-02-03'], stated: '春节：2月4日至10日放假调休，共7天。2月2日（星期六）、2月3日（星期日）上班。' },
      { holiday: '清明节', from: '2019-04-05', to: '2019-04-05', makeUp: [], stated: '清明节：4月5日放假，与周末连休。' },
      { holiday: '劳动节', from: '2019-05-01', to: '2019-05-04', makeUp: ['2019-04-28', '2019-05-05'], stated: '2019年5月1日至4日放假调休，共4天。4月28日（星期日）、5月5日（星期日）上班。', by: '国办发明电〔2019〕3号' },
      { holiday: '端午节', from: '2019-06-07', to: '2019-06-07', makeUp: [], stated: '端午节：6月7日放假，与周末连休。' },
      { holiday: '中秋节', from: '2019-09-13', to: '2019-09-13', makeUp: [], stated: '中秋节：9月13日放假，与周末连休。' },
      { holiday: '国庆节', from: '2019-10-01', to: '2019-10-07', makeUp: ['2019-09-29', '2019-10-12'], stated: '国庆节：10月1日至7日放假调休，共7天。9月29日（星期日）、10月12日（星期六）上班。' },
    ],
    amendments: [
      {
        title: '国务院办公厅关于调整2019年劳动节假期安排的通知',
        number: '国办发明电〔2019〕3号',
        issued: '2019-03-22',
        change: '劳动节由“5月1日放假”改为5月1日至4日放假调休，共4天；4月28日（星期日）、5月5日（星期日）上班',
      },
    ],
  },
  {
    year: 2020,
    title: '国务院办公厅关于2020年部分节假日安排的通知',
    number: '国办发明电〔2019〕16号',
    issued: '2019-11-21',
    statutoryDays: 11,
    periods: [
      { holiday: '元旦', from: '2020-01-01', to: '2020-01-01', makeUp: [], stated: '元旦：2020年1月1日放假，共1天。' },
      // 2月1日（星期六）was a make-up working day in the notice; the extension made it a day off.
      { holiday: '春节', from: '2020-01-24', to: '2020-01-30', makeUp: ['2020-01-19'], stated: '春节：1月24日至30日放假调休，共7天。1月19日（星期日）、2月1日（星期六）上班。' },
      { holiday: '春节（延长）', from: '2020-01-31', to: '2020-02-02', makeUp: [], stated: '延长2020年春节假期至2月2日（农历正月初九，星期日），2月3日（星期一）起正常上班。', by: '国办发明电〔2020〕1号' },
      { holiday: '清明节', from: '2020-04-04', to: '2020-04-06', makeUp: [], stated: '清明节：4月4日至6日放假调休，共3天。' },
      { holiday: '劳动节', from: '2020-05-01', to: '2020-05-05', makeUp: ['2020-04-26', '2020-05-09'], stated: '劳动节：5月1日至5日放假调休，共5天。4月26日（星期日）、5月9日（星期六）上班。' },
      { holiday: '端午节', from: '2020-06-25', to: '2020-06-27', makeUp: ['2020-06-28'], stated: '端午节：6月25日至27日放假调休，共3天。6月28日（星期日）上班。' },
      { holiday: '国庆节、中秋节', from: '2020-10-01', to: '2020-10-08', makeUp: ['2020-09-27', '2020-10-10'], stated: '国庆节、中秋节：10月1日至8日放假调休，共8天。9月27日（星期日）、10月10日（星期六）上班。' },
    ],
    amendments: [
      {
        title: '国务院办公厅关于延长2020年春节假期的通知',
        number: '国办发明电〔2020〕1号',
        issued: '2020-01-26',
        change: '为防控新型冠状病毒感染的肺炎疫情，春节假期延长至2月2日，2月3日起正常上班；原定2月1日（星期六）上班随之取消。部分省份自行再延长的假期是地方安排，不在本日历中',
      },
    ],
  },
  {
    year: 2021,
    title: '国务院办公厅关于2021年部分节假日安排的通知',
    number: '国办发明电〔2020〕27号',
    issued: '2020-11-25',
    statutoryDays: 11,
    periods: [
      { holiday: '元旦', from: '2021-01-01', to: '2021-01-03', makeUp: [], stated: '元旦：2021年1月1日至3日放假，共3天。' },
      { holiday: '春节', from: '2021-02-11', to: '2021-02-17', makeUp: ['2021-02-07', '2021-02-20'], stated: '春节：2月11日至17日放假调休，共7天。2月7日（星期日）、2月20日（星期六）上班。' },
      { holiday: '清明节', from: '2021-04-03', to: '2021-04-05', makeUp: [], stated: '清明节：4月3日至5日放假调休，共3天。' },
      { holiday: '劳动节', from: '2021-05-01', to: '2021-05-05', makeUp: ['2021-04-25', '2021-05-08'], stated: '劳动节：5月1日至5日放假调休，共5天。4月25日（星期日）、5月8日（星期六）上班。' },
      { holiday: '端午节', from: '2021-06-12', to: '2021-06-14', makeUp: [], stated: '端午节：6月12日至14日放假，共3天。' },
      { holiday: '中秋节', from: '2021-09-19', to: '2021-09-21', makeUp: ['2021-09-18'], stated: '中秋节：9月19日至21日放假调休，共3天。9月18日（星期六）上班。' },
      { holiday: '国庆节', from: '2021-10-01', to: '2021-10-07', makeUp: ['2021-09-26', '2021-10-09'], stated: '国庆节：10月1日至7日放假调休，共7天。9月26日（星期日）、10月9日（星期六）上班。' },
    ],
  },
  {
    year: 2022,
    title: '国务院办公厅关于2022年部分节假日安排的通知',
    number: '国办发明电〔2021〕11号',
    issued: '2021-10-25',
    statutoryDays: 11,
    periods: [
      { holiday: '元旦', from: '2022-01-01', to: '2022-01-03', makeUp: [], stated: '元旦：2022年1月1日至3日放假，共3天。' },
      { holiday: '春节', from: '2022-01-31', to: '2022-02-06', makeUp: ['2022-01-29', '2022-01-30'], stated: '春节：1月31日至2月6日放假调休，共7天。1月29日（星期六）、1月30日（星期日）上班。' },
      { holiday: '清明节', from: '2022-04-03', to: '2022-04-05', makeUp: ['2022-04-02'], stated: '清明节：4月3日至5日放假调休，共3天。4月2日（星期六）上班。' },
      { holiday: '劳动节', from: '2022-04-30', to: '2022-05-04', makeUp: ['2022-04-24', '2022-05-07'], stated: '劳动节：4月30日至5月4日放假调休，共5天。4月24日（星期日）、5月7日（星期六）上班。' },
      { holiday: '端午节', from: '2022-06-03', to: '2022-06-05', makeUp: [], stated: '端午节：6月3日至5日放假，共3天。' },
      { holiday: '中秋节', from: '2022-09-10', to: '2022-09-12', makeUp: [], stated: '中秋节：9月10日至12日放假，共3天。' },
      { holiday: '国庆节', from: '2022-10-01', to: '2022-10-07', makeUp: ['2022-10-08', '2022-10-09'], stated: '国庆节：10月1日至7日放假调休，共7天。10月8日（星期六）、10月9日（星期日）上班。' },
    ],
  },
  {
    year: 2023,
    title: '国务院办公厅关于2023年部分节假日安排的通知',
    number: '国办发明电〔2022〕16号',
    issued: '2022-12-08',
    statutoryDays: 11,
    periods: [
      { holiday: '元旦', from: '2022-12-31', to: '2023-01-02', makeUp: [], stated: '元旦：2022年12月31日至2023年1月2日放假调休，共3天。' },
      { holiday: '春节', from: '2023-01-21', to: '2023-01-27', makeUp: ['2023-01-28', '2023-01-29'], stated: '春节：1月21日至27日放假调休，共7天。1月28日（星期六）、1月29日（星期日）上班。' },
      { holiday: '清明节', from: '2023-04-05', to: '2023-04-05', makeUp: [], stated: '清明节：4月5日放假，共1天。' },
      { holiday: '劳动节', from: '2023-04-29', to: '2023-05-03', makeUp: ['2023-04-23', '2023-05-06'], stated: '劳动节：4月29日至5月3日放假调休，共5天。4月23日（星期日）、5月6日（星期六）上班。' },
      { holiday: '端午节', from: '2023-06-22', to: '2023-06-24', makeUp: ['2023-06-25'], stated: '端午节：6月22日至24日放假调休，共3天。6月25日（星期日）上班。' },
      { holiday: '中秋节、国庆节', from: '2023-09-29', to: '2023-10-06', makeUp: ['2023-10-07', '2023-10-08'], stated: '中秋节、国庆节：9月29日至10月6日放假调休，共8天。10月7日（星期六）、10月8日（星期日）上班。' },
    ],
  },
  {
    year: 2024,
    title: '国务院办公厅关于2024年部分节假日安排的通知',
    number: '国办发明电〔2023〕7号',
    issued: '2023-10-25',
    statutoryDays: 11,
    periods: [
      { holiday: '元旦', from: '2024-01-01', to: '2024-01-01', makeUp: [], stated: '元旦：1月1日放假，与周末连休。' },
      // 除夕（2月9日）is a working day: the notice only encourages employers to give it off.
      { holiday: '春节', from: '2024-02-10', to: '2024-02-17', makeUp: ['2024-02-04', '2024-02-18'], stated: '春节：2月10日至17日放假调休，共8天。2月4日（星期日）、2月18日（星期日）上班。鼓励各单位结合带薪年休假等制度落实，安排职工在除夕（2月9日）休息。' },
      { holiday: '清明节', from: '2024-04-04', to: '2024-04-06', makeUp: ['2024-04-07'], stated: '清明节：4月4日至6日放假调休，共3天。4月7日（星期日）上班。' },
      { holiday: '劳动节', from: '2024-05-01', to: '2024-05-05', makeUp: ['2024-04-28', '2024-05-11'], stated: '劳动节：5月1日至5日放假调休，共5天。4月28日（星期日）、5月11日（星期六）上班。' },
      { holiday: '端午节', from: '2024-06-10', to: '2024-06-10', makeUp: [], stated: '端午节：6月10日放假，与周末连休。' },
      { holiday: '中秋节', from: '2024-09-15', to: '2024-09-17', makeUp: ['2024-09-14'], stated: '中秋节：9月15日至17日放假调休，共3天。9月14日（星期六）上班。' },
      { holiday: '国庆节', from: '2024-10-01', to: '2024-10-07', makeUp: ['2024-09-29', '2024-10-12'], stated: '国庆节：10月1日至7日放假调休，共7天。9月29日（星期日）、10月12日（星期六）上班。' },
    ],
  },
  {
    year: 2025,
    title: '国务院办公厅关于2025年部分节假日安排的通知',
    number: '国办发明电〔2024〕12号',
    issued: '2024-11-12',
    statutoryDays: 13,
    periods: [
      { holiday: '元旦', from: '2025-01-01', to: '2025-01-01', makeUp: [], stated: '元旦：1月1日（周三）放假1天，不调休。' },
      { holiday: '春节', from: '2025-01-28', to: '2025-02-04', makeUp: ['2025-01-26', '2025-02-08'], stated: '春节：1月28日（农历除夕、周二）至2月4日（农历正月初七、周二）放假调休，共8天。1月26日（周日）、2月8日（周六）上班。' },
      { holiday: '清明节', from: '2025-04-04', to: '2025-04-06', makeUp: [], stated: '清明节：4月4日（周五）至6日（周日）放假，共3天。' },
      { holiday: '劳动节', from: '2025-05-01', to: '2025-05-05', makeUp: ['2025-04-27'], stated: '劳动节：5月1日（周四）至5日（周一）放假调休，共5天。4月27日（周日）上班。' },
      { holiday: '端午节', from: '2025-05-31', to: '2025-06-02', makeUp: [], stated: '端午节：5月31日（周六）至6月2日（周一）放假，共3天。' },
      { holiday: '国庆节、中秋节', from: '2025-10-01', to: '2025-10-08', makeUp: ['2025-09-28', '2025-10-11'], stated: '国庆节、中秋节：10月1日（周三）至8日（周三）放假调休，共8天。9月28日（周日）、10月11日（周六）上班。' },
    ],
  },
  {
    year: 2026,
    title: '国务院办公厅关于2026年部分节假日安排的通知',
    // Dated 2025年11月4日 and published by 新华社 the same day; the 发文字号 is not in the
    // reprints we could check, so it is left unset rather than guessed.
    number: null,
    issued: '2025-11-04',
    statutoryDays: 13,
    periods: [
      { holiday: '元旦', from: '2026-01-01', to: '2026-01-03', makeUp: ['2026-01-04'], stated: '元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。' },
      { holiday: '春节', from: '2026-02-15', to: '2026-02-23', makeUp: ['2026-02-14', '2026-02-28'], stated: '春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。' },
      { holiday: '清明节', from: '2026-04-04', to: '2026-04-06', makeUp: [], stated: '清明节：4月4日（周六）至6日（周一）放假，共3天。' },
      { holiday: '劳动节', from: '2026-05-01', to: '2026-05-05', makeUp: ['2026-05-09'], stated: '劳动节：5月1日（周五）至5日（周二）放假调休，共5天。5月9日（周六）上班。' },
      { holiday: '端午节', from: '2026-06-19', to: '2026-06-21', makeUp: [], stated: '端午节：6月19日（周五）至21日（周日）放假，共3天。' },
      { holiday: '中秋节', from: '2026-09-25', to: '2026-09-27', makeUp: [], stated: '中秋节：9月25日（周五）至27日（周日）放假，共3天。' },
      { holiday: '国庆节', from: '2026-10-01', to: '2026-10-07', makeUp: ['2026-09-20', '2026-10-10'], stated: '国庆节：10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。' },
    ],
  },
];
