/**
 * Snapshots of the statistics: a figure page's or a drill-down's answer is kept (in this process) per figure,
 * province, filters, role and language, and served again while its province's write mark (stats.sql.ts `writeMarkOf`:
 * the newest audit event of the province that may change a figure — every change writes one in its own transaction)
 * is unchanged and it is younger than `statsSnapshotSeconds`. Each answer is of the data at its mark, and a change in
 * the province invalidates them all, so a figure and its drill-down are always of the same state and agree. Readers that ask while it is being computed wait for that one computation (single flight): forty officials
 * opening the dashboard at once cost one scan of the province's year, not forty.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ServiceContext } from '../../context.js';
import { tehranDate } from '../../../shared/jalali.js';
import { onReadDb, withAsOf } from '../../plugins/reads.js';
import { readsAnyProvince } from './stats.scope.js';
import { writeMarkOf } from './stats.sql.js';

interface Entry {
  mark: string;
  /** when the computation started: the figures are as of then */
  at: number;
  value: Promise<unknown>;
}

/** At most this many answers are kept; the oldest goes first. */
const MAX_ENTRIES = 2000;

export class StatsSnapshots {
  private readonly entries = new Map<string, Entry>();
  /** computations started (a test and the benchmarks count them) */
  computed = 0;

  constructor(
    private readonly maxAgeMs: number,
    readonly clock: () => number = Date.now,
  ) {}

  /**
   * The figure `name` for this request, from its snapshot when still good; with the instant it was computed.
   * `everyRole`: the figure is the same whoever reads it in the province (it reads nothing of the caller but their
   * province), so every role shares one snapshot — a bank's home and the secretariat's bank table are one computation.
   */
  async read<T>(ctx: ServiceContext, name: string, q: { provinceId?: string }, compute: () => Promise<T>, everyRole = false): Promise<{ value: T; at: Date }> {
    if (this.maxAgeMs <= 0) return { value: await compute(), at: new Date() };
    const provinceId = readsAnyProvince(ctx) ? q.provinceId : (ctx.actor.provinceId ?? undefined);
    const { role, bankId, agencyId } = ctx.actor;
    const who = everyRole ? [] : [role, bankId ?? null, agencyId ?? null];
    const key = JSON.stringify([name, provinceId ?? null, ...who, ctx.lang ?? null, tehranDate(ctx.now()), Object.entries(q).sort()]);
    const mark = await writeMarkOf(ctx.db, provinceId);
    const now = this.clock();
    const found = this.entries.get(key);
    if (found && found.mark === mark && now - found.at < this.maxAgeMs) return { value: (await found.value) as T, at: new Date(found.at) };
    const entry: Entry = { mark, at: now, value: compute() };
    this.computed++;
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    entry.value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    return { value: (await entry.value) as T, at: new Date(now) };
  }
}

/**
 * A figure page's answer: read on the read database (reads.ts) through the snapshots; `asOf` is the earlier of the
 * replica's last replay (when it lags) and the snapshot's instant (when older than the same limit).
 */
export async function snapshotRead<T extends object>(
  app: FastifyInstance,
  request: FastifyRequest,
  snapshots: StatsSnapshots,
  name: string,
  q: { provinceId?: string },
  call: (ctx: ServiceContext) => Promise<T>,
  everyRole = false,
): Promise<T & { asOf?: string }> {
  const r = await onReadDb(app, request, (ctx) => snapshots.read(ctx, name, q, () => call(ctx), everyRole));
  return withAsOf({ value: r.value.value, asOf: asOfOf(r.asOf, r.value.at, snapshots.clock(), app.deps.config.replicaMaxLagSeconds * 1000) });
}

/** The earlier of the replica's `asOf` and the snapshot's instant when that is older than `limitMs`; null when both are current. */
export function asOfOf(replicaAsOf: string | null, at: Date, now: number, limitMs: number): string | null {
  const snapshotAsOf = now - at.getTime() > limitMs ? at.toISOString() : null;
  return [replicaAsOf, snapshotAsOf].filter((a): a is string => a !== null).sort()[0] ?? null;
}
