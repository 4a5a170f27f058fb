import pg from 'pg';

/**
 * At most this many distinct statements are prepared on each connection; SQL
 * seen after that runs unnamed as before. ogi's queries are a few hundred fixed
 * texts, but an IN list or a batch insert varies with its length.
 */
export const MAX_PREPARED = 400;

const names = new Map<string, string>();

/**
 * `select *` and `returning *`: a prepared statement keeps its result columns, and PostgreSQL refuses to run it
 * again once a migration (by a newer ogi in another process) has added a column to its table ("cached plan must
 * not change result type"); unprepared, such a query just returns the new column too.
 */
const ALL_COLUMNS = /\*\s+from\b|\breturning\s+\*/i;

/** The statement name of a SQL text, the same on every connection; undefined for one not prepared. */
function statementName(text: string): string | undefined {
  const known = names.get(text);
  if (known !== undefined) return known;
  // Only texts not seen before are tested: the lookup above is all a repeated query pays.
  if (names.size >= MAX_PREPARED || ALL_COLUMNS.test(text)) return undefined;
  const name = `ogi_${names.size}`;
  names.set(text, name);
  return name;
}

/**
 * A pg client that runs parameterised SQL as named prepared statements: the
 * server parses and plans each text once per connection instead of for every
 * query, and the client then sends only Bind/Execute. Kysely passes every query
 * as (text, values); other call shapes (cursors, config objects, plain text
 * without values) go through unchanged.
 */
export class PreparingClient extends pg.Client {
  override query(...args: unknown[]): never {
    const run = super.query as unknown as (...a: unknown[]) => never;
    const [text, values] = args;
    if (typeof text === 'string' && Array.isArray(values) && args.length === 2) {
      const name = statementName(text);
      if (name !== undefined) return run.call(this, { name, text, values });
    }
    return run.apply(this, args);
  }
}
