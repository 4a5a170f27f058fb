import type { CheckableReport } from '../../src/check/types.ts';
import type { IssuerType } from '../../src/schema/types.ts';
import { baseReport, withCells, withFields } from '../helpers/report-builder.ts';
import { ruleCases } from '../helpers/rule-tester.ts';

/** A V2021 report of the issuer with 1 规章 issued and 1 in force. */
const issuing = (agency: string, issuerType: IssuerType): CheckableReport =>
  withFields(withCells(baseReport(), { 'active.art20_1.rules.issued': 1, 'active.art20_1.rules.inForce': 1 }), { agency, issuerType });

ruleCases('T2-03', {
  valid: [
    { name: 'a department with no 规章', report: baseReport() },
    { name: 'a provincial government', report: issuing('某某省人民政府', 'government') },
    { name: 'an autonomous prefecture', report: issuing('某某自治州人民政府', 'government') },
    { name: '市人民政府: 设区的市 or 县级市 cannot be told from the name', report: issuing('某某市人民政府', 'government') },
    { name: 'the 办公厅 of a city government reports for it', report: issuing('某某市人民政府办公厅', 'department') },
    { name: 'a ministry (部门规章)', report: issuing('交通运输部', 'department') },
    { name: 'a State Council organ', report: issuing('国家市场监督管理总局', 'department') },
    { name: 'no agency name', report: withFields(issuing('x', 'other'), { agency: null }) },
  ],
  invalid: [
    {
      name: 'a department of a city government',
      report: issuing('某某市交通运输局', 'department'),
      findings: [
        {
          messageId: 'power',
          severity: 'warning',
          message: '表二第二十条第（一）项“规章”行填有本年制发件数 1、现行有效件数 1，但某某市交通运输局属于地方人民政府的工作部门，没有规章制定权，应为 0',
          location: { table: 'active', item: 'art20_1', row: 'rules' },
          actual: '本年制发件数 1、现行有效件数 1',
          expected: 0,
        },
      ],
    },
    {
      name: 'V2019: a county government',
      report: withFields(
        withCells(baseReport({ template: '2019' }), { 'active.art20_1.rules.madeThisYear': 2, 'active.art20_1.rules.publishedTotal': 5 }),
        { agency: '某某县人民政府', issuerType: 'government' },
      ),
      findings: [
        {
          messageId: 'power',
          severity: 'warning',
          message: '表二第二十条第（一）项“规章”行填有本年新制作数量 2、对外公开总数量 5，但某某县人民政府属于县级人民政府，没有规章制定权，应为 0',
          location: { table: 'active', item: 'art20_1', row: 'rules' },
        },
      ],
    },
    {
      name: 'a township',
      report: issuing('某某镇人民政府', 'township'),
      findings: [
        {
          messageId: 'power',
          severity: 'warning',
          message: '表二第二十条第（一）项“规章”行填有本年制发件数 1、现行有效件数 1，但某某镇人民政府属于乡镇人民政府或街道办事处，没有规章制定权，应为 0',
          location: { table: 'active', item: 'art20_1', row: 'rules' },
        },
      ],
    },
    {
      name: 'the office of a district government',
      report: issuing('某某市某某区人民政府办公室', 'department'),
      findings: [
        {
          messageId: 'power',
          severity: 'warning',
          message: '表二第二十条第（一）项“规章”行填有本年制发件数 1、现行有效件数 1，但某某市某某区人民政府办公室属于县级人民政府的办公室，没有规章制定权，应为 0',
          location: { table: 'active', item: 'art20_1', row: 'rules' },
        },
      ],
    },
    {
      name: 'a local branch of a State Council organ',
      report: issuing('国家税务总局某某市税务局', 'department'),
      findings: [
        {
          messageId: 'power',
          severity: 'warning',
          message: '表二第二十条第（一）项“规章”行填有本年制发件数 1、现行有效件数 1，但国家税务总局某某市税务局属于中央垂直管理部门的地方机构，没有规章制定权，应为 0',
          location: { table: 'active', item: 'art20_1', row: 'rules' },
        },
      ],
    },
    {
      name: 'a development-zone committee',
      report: issuing('某某经济开发区管委会', 'other'),
      findings: [
        {
          messageId: 'power',
          severity: 'warning',
          message: '表二第二十条第（一）项“规章”行填有本年制发件数 1、现行有效件数 1，但某某经济开发区管委会属于派出机构或其他组织，没有规章制定权，应为 0',
          location: { table: 'active', item: 'art20_1', row: 'rules' },
        },
      ],
    },
  ],
});
