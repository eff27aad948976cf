/**
 * Every statement Tashil sends PostgreSQL is a named prepared statement on its connection: parsed there once, and
 * after five runs planned once (PostgreSQL's plan cache keeps a generic plan when it costs no more than the custom
 * ones). On the scale drill the primary spent as much time planning the same few dozen list and record statements as
 * running them — 0.98 ms of planning a request against 1.04 ms of execution — because drizzle sends each one unnamed.
 *
 * A statement's name is a hash of its text, so every instance and connection gives one text the same name, and a name
 * never stands for two texts. Only plain DML is named (a select, insert, update, delete or `with`, a single statement:
 * no `;`, fewer than a hundred parameters — batches vary in length), and at most `MAX_NAMED_STATEMENTS` distinct
 * texts per process (each stays prepared on every connection of the pool until it closes): the rest run unnamed. Statements that already have a name (`preparedOn`) keep
 * theirs. PgBouncer in transaction mode needs ≥ 1.21 with `max_prepared_statements` (docs/deploy.md).
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';

/**
 * Distinct statement texts a process names at most. The drill's whole workload uses about a hundred; each one prepared
 * costs its backend ~90 KB (parse tree, query and plan: `pg_log_backend_memory_contexts` on the drill's data), so a
 * connection holds ~9 MB of them, and at most ~18 MB.
 */
export const MAX_NAMED_STATEMENTS = 200;

const NAMEABLE = /^\s*\(?\s*(select|insert|update|delete|with)\b/i;
/** a hundred parameters or more: a batch (rows inserted, a long list of ids), whose length varies and whose planning is small */
const MANY_PARAMETERS = /\$\d{3}/;

/** The names a process gives its statements' texts. */
export class StatementNames {
  private readonly names = new Map<string, string>();

  constructor(readonly max = MAX_NAMED_STATEMENTS) {}

  /** The name of the statement `text`, or undefined when it is to run unnamed. */
  nameOf(text: string): string | undefined {
    const known = this.names.get(text);
    if (known !== undefined) return known;
    if (this.names.size >= this.max || text.includes(';') || MANY_PARAMETERS.test(text) || !NAMEABLE.test(text)) return undefined;
    const name = `t_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    this.names.set(text, name);
    return name;
  }

  /** texts named so far */
  get size(): number {
    return this.names.size;
  }
}

/** The process's names: one table for every pool, so a text has one name everywhere. */
export const statementNames = new StatementNames();

/** PostgreSQL's "prepared statement does not exist" */
const NO_SUCH_STATEMENT = '26000';

/**
 * Sends `client`'s statements named (see above), promise- or callback-style (pg-pool's `pool.query` is the latter);
 * submittables (cursors, streams) go through untouched. Should the server ever have lost a name pg believes it
 * prepared, the error is passed on and the name forgotten on that connection, so the next run parses it again.
 */
export function nameStatements(client: pg.PoolClient, names: StatementNames = statementNames): void {
  const query = client.query.bind(client) as (...args: unknown[]) => Promise<unknown> | undefined;
  const forget = (name: string, err: unknown) => {
    if ((err as { code?: string } | null)?.code !== NO_SUCH_STATEMENT) return;
    delete (client as unknown as { connection: { parsedStatements: Record<string, string> } }).connection.parsedStatements[name];
  };
  client.query = ((...args: unknown[]) => {
    const [first, ...rest] = args;
    let config: pg.QueryConfig | undefined;
    if (typeof first === 'string') {
      const name = names.nameOf(first);
      if (name) config = { text: first, name };
    } else if (first && typeof first === 'object' && !('submit' in first)) {
      const given = first as pg.QueryConfig;
      const name = typeof given.text === 'string' && given.name === undefined ? names.nameOf(given.text) : undefined;
      if (name) config = { ...given, name };
    }
    if (!config) return query(...args);
    const name = config.name!;
    const callback = rest[rest.length - 1];
    if (typeof callback === 'function') {
      return query(config, ...rest.slice(0, -1), (err: unknown, res: unknown) => {
        if (err) forget(name, err);
        (callback as (e: unknown, r: unknown) => void)(err, res);
      });
    }
    return query(config, ...rest)!.catch((err: unknown) => {
      forget(name, err);
      throw err;
    });
  }) as typeof client.query;
}
