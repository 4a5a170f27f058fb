import type { Application } from '../../schema/ledger.ts';

/** The fee 办法 (国办函〔2020〕109号) took effect on 2021-01-01; no fee before. */
export const FEE_FIRST_DAY = '2021-01-01';
const FREE_APPLICATIONS = 10;
const FREE_PAGES = 30;

/** 按件 (art. 4): the fee of the n-th application of one applicant in one natural month, 元. */
export function perApplicationFee(n: number): number {
  if (n <= FREE_APPLICATIONS) return 0;
  if (n <= 30) return 100;
  return 100 * (1 + Math.ceil((n - 30) / 10));
}

/** 按量 (art. 5): the fee of one request of `pages` pages, 元 (pages 31–100 at 10, 101–200 at 20, above at 40). */
export function perVolumeFee(pages: number): number {
  const band = (from: number, to: number) => Math.max(0, Math.min(pages, to) - from);
  return band(FREE_PAGES, 100) * 10 + band(100, 200) * 20 + band(200, Infinity) * 40;
}

/** Who an application's 按件 count belongs to: the ID number, else the name (personal data stays in memory). */
function applicantKey(app: Application): string | null {
  return app.applicant.idNumber?.trim() || app.applicant.name?.trim() || null;
}

/**
 * The n-th place of each application among the same applicant's applications received in the same
 * natural month (art. 4), in order of receipt then number; absent when the applicant is not known.
 */
export function monthlyRanks(apps: readonly Application[]): Map<Application, number> {
  const groups = new Map<string, Application[]>();
  for (const a of apps) {
    const who = applicantKey(a);
    if (!who) continue;
    const key = `${who}\u0000${a.receivedOn.slice(0, 7)}`;
    const list = groups.get(key);
    if (list) list.push(a);
    else groups.set(key, [a]);
  }
  const ranks = new Map<Application, number>();
  for (const list of groups.values()) {
    list.sort((x, y) => (x.receivedOn < y.receivedOn ? -1 : x.receivedOn > y.receivedOn ? 1 : x.number < y.number ? -1 : x.number > y.number ? 1 : 0));
    list.forEach((a, i) => ranks.set(a, i + 1));
  }
  return ranks;
}

/** The fee the 办法 sets for an application's recorded method, 元; null when it cannot be told (unknown applicant or pages). */
export function expectedFee(app: Application, rank: number | undefined): number | null {
  if (!app.fee) return 0;
  if (app.fee.noticeOn < FEE_FIRST_DAY) return 0;
  if (app.fee.method === 'perVolume') return typeof app.fee.pages === 'number' ? perVolumeFee(app.fee.pages) : null;
  return rank === undefined ? null : perApplicationFee(rank);
}
