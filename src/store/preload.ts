import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importAgenciesCsv } from './agencies-csv.ts';
import { bumpDataVersion, type Store } from './db.ts';
import { importFiles, type ImportResult } from './import.ts';

export const SAMPLES_DIR = fileURLToPath(new URL('../../samples/', import.meta.url));

/**
 * The example region tree of the five samples, from what their agency names
 * say: 淄博市 (Shandong) with its districts, and 澄江市 under 云南省玉溪市.
 */
export const EXAMPLE_REGIONS_CSV = [
  '机关,区域,上级区域',
  '淄博市投资促进局,淄博市,山东省',
  '淄川区工业和信息化局,淄川区,淄博市',
  '淄博市博山区投资促进中心,博山区,淄博市',
  '淄博经济开发区管委会,淄博经济开发区,淄博市',
  '澄江市投资促进局,澄江市,玉溪市',
].join('\n');
/** Regions of the example tree that no sample agency names, so the tree looks like a city's. */
const TREE: readonly [string, string | null][] = [
  ['山东省', null], ['淄博市', '山东省'], ['张店区', '淄博市'], ['云南省', null], ['玉溪市', '云南省'],
];

const PRELOADED = 'samples-preloaded';

/** Whether the store holds any report, region or agency: data of its own, which examples must never join. */
async function holdsData(store: Store): Promise<boolean> {
  for (const table of ['reports', 'regions', 'agencies'] as const) {
    if (await store.db.selectFrom(table).select('id').limit(1).executeTakeFirst()) return true;
  }
  return false;
}

/**
 * On a new, empty store: the example region tree and the sample reports (samples/*.txt).
 * Runs once per store (remembered in `settings`), so reports deleted later do not come back.
 * A store that already holds reports, regions or agencies (filled by `ogi import` or a worker
 * before the app was first started) is only marked, never given the examples.
 * Returns null when nothing was loaded.
 */
export async function preloadSamples(store: Store, dir = SAMPLES_DIR): Promise<ImportResult | null> {
  const done = await store.db.selectFrom('settings').select('value').where('key', '=', PRELOADED).executeTakeFirst();
  if (done) return null;
  if (await holdsData(store)) {
    await markPreloaded(store);
    return null;
  }
  await store.db.transaction().execute(async (trx) => {
    const at = new Date().toISOString();
    await bumpDataVersion(trx);
    const ids = new Map<string, number>();
    for (const [name, parent] of TREE) {
      const found = await trx.selectFrom('regions').select('id').where('name', '=', name).executeTakeFirst();
      const id = found?.id ?? (await trx
        .insertInto('regions')
        .values({ name, parent_id: parent === null ? null : ids.get(parent)!, created_at: at })
        .returning('id')
        .executeTakeFirstOrThrow()).id;
      ids.set(name, id);
    }
    await importAgenciesCsv(trx, Buffer.from(EXAMPLE_REGIONS_CSV));
  });
  const names = (await readdir(dir)).filter((f) => f.endsWith('.txt')).sort();
  const files = await Promise.all(names.map(async (name) => ({ name, path: join(dir, name), bytes: await readFile(join(dir, name)) })));
  const result = await importFiles(store, files, { author: 'ogi（样例）', source: 'preload' });
  await markPreloaded(store);
  return result;
}

async function markPreloaded(store: Store): Promise<void> {
  await store.db.insertInto('settings').values({ key: PRELOADED, value: new Date().toISOString() }).onConflict((oc) => oc.column('key').doNothing()).execute();
}
