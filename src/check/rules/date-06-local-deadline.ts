import { cnDate, isoDate, localDeadline, publicationEvidence, statutoryDeadline } from '../dates.ts';
import { defineRule } from '../define-rule.ts';

const ISSUER: Record<string, string> = {
  township: '乡镇人民政府、街道办事处',
  other: '派出机构、法律法规授权组织等其他发布机关',
};

const rule = defineRule({
  meta: {
    id: 'DATE-06',
    name: 'local-deadline',
    severity: 'warning',
    templates: ['2019', '2021'],
    scope: 'report',
    basis: '《政府信息公开条例》第四十九条（对乡镇、街道、派出机构、授权组织未规定期限）；地方规定（如怀化市2021年通知、岳阳市规定）',
    description: '乡镇、街道、派出机构、授权组织等按核查配置中的地方发布期限核对（未按期为警告）',
    docs:
      '条例第四十九条只规定了县级以上人民政府部门（1月31日）和县级以上地方人民政府（3月31日）的期限，对乡镇人民政府、街道办事处、派出机构和法律法规授权组织没有全国统一期限，由地方规定补充，' +
      '因此期限在核查配置（--config，deadlines 列表，按发布机关类型和机关名称正则匹配，第一条匹配的生效）中按辖区设置。' +
      '对类型为“乡镇”（township）和“其他”（other）的报告：有匹配的地方期限时，发布日期晚于该期限为警告；没有配置地方期限时，没有可依据的期限，' +
      '本规则的决定是：仅当日期晚于次年3月31日（条例规定的最晚期限，也是2007年条例下所有报告的期限）时给出提示（info），请用户按当地规定核对，否则不报告。' +
      '对部门和政府，地方期限只有早于条例期限时才适用（如怀化市直部门1月28日）：错过地方期限但未错过条例期限时为警告，错过条例期限由 DATE-04/DATE-05 报告错误，不重复；' +
      '晚于条例期限的地方规定（如岳阳部门“2月底”）与条例冲突，不予采用。发布日期已知（publishedOn）时直接比较；文本报告通常只有落款日期，' +
      '落款日期是最早可能的发布日期，已晚于期限即证明逾期；没有任何日期时本规则不报告。',
    messages: {
      published: '{year}年度报告的发布日期为{actual}，晚于地方规定的发布期限{deadline}（{source}）',
      signed: '{year}年度报告的落款日期为{actual}，晚于地方规定的发布期限{deadline}（{source}），发布日期不可能早于落款日期',
      unconfiguredPublished:
        '{year}年度报告的发布日期为{actual}，晚于{deadline}：条例对{issuer}未规定发布期限，{deadline}是条例规定的最晚期限；未配置地方发布期限，请按当地规定核对',
      unconfiguredSigned:
        '{year}年度报告的落款日期为{actual}，晚于{deadline}，发布日期不可能早于落款日期：条例对{issuer}未规定发布期限，{deadline}是条例规定的最晚期限；未配置地方发布期限，请按当地规定核对',
    },
  },
  check(ctx) {
    const { doc } = ctx;
    if (doc.year === null) return;
    const evidence = publicationEvidence(doc);
    if (!evidence) return;
    const local = localDeadline(doc, ctx.config);
    const statute = statutoryDeadline(doc.issuerType, doc.year);
    const signed = evidence.kind === 'signed';
    const base = {
      location: { field: signed ? 'signedOn' : 'publishedOn' },
      span: signed ? (ctx.span('meta.signedOn') ?? null) : null,
      actual: evidence.date,
    };
    if (statute) {
      if (!local || local.date >= statute.date) return;
      if (evidence.date > local.date && evidence.date <= statute.date) {
        ctx.report({
          ...base,
          messageId: evidence.kind,
          data: { year: doc.year, actual: cnDate(evidence.date), deadline: cnDate(local.date), source: local.source },
          expected: local.date,
        });
      }
      return;
    }
    if (local) {
      if (evidence.date > local.date) {
        ctx.report({
          ...base,
          messageId: evidence.kind,
          data: { year: doc.year, actual: cnDate(evidence.date), deadline: cnDate(local.date), source: local.source },
          expected: local.date,
        });
      }
      return;
    }
    const latest = isoDate(doc.year + 1, 3, 31);
    if (evidence.date > latest) {
      ctx.report({
        ...base,
        messageId: signed ? 'unconfiguredSigned' : 'unconfiguredPublished',
        severity: 'info',
        data: { year: doc.year, actual: cnDate(evidence.date), deadline: cnDate(latest), issuer: ISSUER[doc.issuerType] ?? '该类发布机关' },
        expected: latest,
      });
    }
  },
});

export default rule;
