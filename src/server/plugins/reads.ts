/**
 * Read-only reports (statistics, drill-downs, exports) read through the read router: the replica when configured and
 * answering, else the primary. A replica that drops the connection mid-request is reported to the router and the same
 * call runs again on the primary, so the caller never sees the replica fail.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ServiceContext } from '../context.js';
import { isConnectionError } from '../db/replica.js';
import { contextOf } from './auth.js';

export interface ReadResult<T> {
  value: T;
  /** ISO instant of the replica's last replayed commit when it lags past the limit; null when current */
  asOf: string | null;
}

/** Runs a read-only service call on the read database; its context's `db` is the replica or the primary. */
export async function onReadDb<T>(app: FastifyInstance, request: FastifyRequest, call: (ctx: ServiceContext) => Promise<T>): Promise<ReadResult<T>> {
  const ctx = contextOf(app, request);
  const choice = await app.deps.reads.choose();
  if (choice.via === 'primary') return { value: await call(ctx), asOf: null };
  try {
    return { value: await call({ ...ctx, db: choice.db }), asOf: choice.asOf?.toISOString() ?? null };
  } catch (err) {
    if (!isConnectionError(err)) throw err;
    app.deps.reads.replicaFailed(err);
    request.log.warn({ err }, 'replica failed a read; the primary answers');
    return { value: await call(ctx), asOf: null };
  }
}

/** The answer with `asOf` added when the replica lags (absent otherwise: the contract's field is optional). */
export function withAsOf<T extends object>(r: ReadResult<T>): T & { asOf?: string } {
  return r.asOf ? { ...r.value, asOf: r.asOf } : r.value;
}

/** For files (exports): the lag goes in a header, `X-Data-As-Of`. */
export const AS_OF_HEADER = 'x-data-as-of';
