/**
 * Snapshots of the statistics: a figure page's or a drill-down's answer is kept (in this process) per figure, filters,
 * role and language in its province's current generation: the answers computed at one write mark (stats.sql.ts
 * `writeMarkOf`: the newest audit event of the province that may change a figure — every change writes one in its own
 * transaction). A generation answers while the mark is unchanged and it is younger than `statsSnapshotSeconds`; a
 * change in the province ends it, so a figure and its drill-down are always of the same state and agree. With
 * `statsHoldSeconds` (0 by default) a generation still answers what it holds for that long after it began though the
 * province changed (its answers then carry their `asOf`); anything it does not hold begins a new generation at the new
 * mark, so no two answers served at once are of two states. Readers that ask while an answer is being computed wait
 * for that one computation (single flight): forty officials opening the dashboard at once cost one scan of the
 * province's year, not forty.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ServiceContext } from '../../context.js';
import { tehranDate } from '../../../shared/jalali.js';
import { onReadDb, withAsOf } from '../../plugins/reads.js';
import { readsAnyProvince } from './stats.scope.js';
import { writeMarkOf } from './stats.sql.js';

interface Entry {
  /** when the computation started: the figures are as of then */
  at: number;
  value: Promise<unknown>;
}

/**
 * A province's answers computed at one write mark. Every answer in it is of the same state of the province, so a
 * figure and its drill-down served from one generation agree.
 */
interface Generation {
  mark: string;
  /** when it began */
  at: number;
  entries: Map<string, Entry>;
}

/** At most this many answers are kept a province; the oldest goes first. */
const MAX_ENTRIES = 2000;

export class StatsSnapshots {
  private readonly generations = new Map<string, Generation>();
  /** computations started (a test and the benchmarks count them) */
  computed = 0;

  /**
   * `maxAgeMs`: a generation's longest life (`statsSnapshotSeconds`). `holdMs` (`statsHoldSeconds`, 0 by default): how
   * long after it began a generation still answers what it holds once its province has changed — an answer it does not
   * hold then begins a new generation, computed at the new mark, so two answers served at once are never of two states.
   */
  constructor(
    private readonly maxAgeMs: number,
    readonly clock: () => number = Date.now,
    private readonly holdMs = 0,
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
    const key = JSON.stringify([name, ...who, ctx.lang ?? null, tehranDate(ctx.now()), Object.entries(q).sort()]);
    const mark = await writeMarkOf(ctx.db, provinceId);
    const now = this.clock();
    const scope = provinceId ?? '*';
    let generation = this.generations.get(scope);
    const age = generation ? now - generation.at : Infinity;
    const current = generation !== undefined && age < this.maxAgeMs && (generation.mark === mark || age < this.holdMs);
    const found = current ? generation!.entries.get(key) : undefined;
    if (found) return { value: (await found.value) as T, at: new Date(found.at) };
    // not held: begin again at the current mark (a held generation whose province changed takes no new answers)
    if (!current || generation!.mark !== mark) this.generations.set(scope, (generation = { mark, at: now, entries: new Map() }));
    const entries = generation!.entries;
    const entry: Entry = { at: now, value: compute() };
    this.computed++;
    entries.set(key, entry);
    if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
    entry.value.catch(() => {
      if (entries.get(key) === entry) entries.delete(key);
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
