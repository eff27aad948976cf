/**
 * Figures officials published, recorded beside what the records compute. Press figures do not always add up:
 * the report shows both and the difference, and flags two reported figures for the same thing that disagree.
 */
import { and, asc, eq, isNull, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { ServiceContext } from '../../context.js';
import { reportedFigures } from '../../db/schema.js';
import { AppError } from '../../../shared/errors.js';
import { parsePeriod } from '../../../shared/periods.js';
import { toAsciiDigits } from '../../../shared/text.js';
import type { createReportedFigure } from '../../../shared/contracts/stats.js';
import { recordAudit } from '../audit/audit.service.js';
import { provinceOf } from './stats.scope.js';

type Row = typeof reportedFigures.$inferSelect;

function toFigure(r: Row) {
  return {
    id: r.id,
    version: r.version,
    metric: r.metric as z.infer<typeof createReportedFigure>['metric'],
    periodKey: r.periodKey,
    programCode: r.programCode,
    value: r.value,
    source: r.source,
    reportedOn: r.reportedOn,
    note: r.note,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** Exact decimal difference a − b of two decimal strings (no float rounding). */
export function decimalDifference(a: string, b: string): string {
  const scale = Math.max(a.split('.')[1]?.length ?? 0, b.split('.')[1]?.length ?? 0);
  const toScaled = (x: string) => {
    const [i, f = ''] = x.split('.');
    return BigInt((i ?? '0') + f.padEnd(scale, '0'));
  };
  const d = toScaled(a) - toScaled(b);
  if (scale === 0) return d.toString();
  const neg = d < 0n;
  const digits = (neg ? -d : d).toString().padStart(scale + 1, '0');
  return `${neg ? '-' : ''}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

function normaliseDecimal(input: string): string {
  const s = toAsciiDigits(input).replace(/[,\s٬]/g, '').replace('٫', '.');
  if (!/^\d+(\.\d+)?$/.test(s)) throw new AppError('validation.failed', { errors: [{ path: 'value', message: 'عدد معتبر نیست' }] });
  return s;
}

export async function listReportedFigures(ctx: ServiceContext, q: { provinceId?: string | undefined; metric?: string | undefined; periodKey?: string | undefined }) {
  const provinceId = provinceOf(ctx, q.provinceId);
  const where: SQL[] = [eq(reportedFigures.provinceId, provinceId)];
  if (q.metric) where.push(eq(reportedFigures.metric, q.metric));
  if (q.periodKey) where.push(eq(reportedFigures.periodKey, q.periodKey));
  const rows = await ctx.db.select().from(reportedFigures).where(and(...where)).orderBy(asc(reportedFigures.metric), asc(reportedFigures.reportedOn));
  return { items: rows.map(toFigure), total: rows.length, page: 1, pageSize: rows.length };
}

export async function createReportedFigureRecord(ctx: ServiceContext, input: z.infer<typeof createReportedFigure>) {
  const provinceId = provinceOf(ctx, undefined);
  const period = parsePeriod(input.periodKey);
  if (!period) throw new AppError('validation.failed', { errors: [{ path: 'periodKey', message: ctx.lang === 'en' ? 'Not a valid period' : 'دورهٔ گزارش معتبر نیست' }] });
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(reportedFigures)
      .values({
        provinceId,
        metric: input.metric,
        periodKey: period.key,
        programCode: input.programCode ?? null,
        value: normaliseDecimal(input.value),
        source: input.source,
        reportedOn: input.reportedOn,
        note: input.note ?? null,
        createdBy: ctx.actor.id,
        createdAt: ctx.now(),
        updatedAt: ctx.now(),
      })
      .returning();
    const figure = toFigure(row!);
    await recordAudit(tx, ctx, { action: 'reported_figure.create', entityType: 'setting', entityId: figure.id, provinceId, after: figure });
    return figure;
  });
}

/** The figures officials reported for a province, period and program (read alongside the computed ones). */
export function readReported(ctx: ServiceContext, provinceId: string, periodKey: string, programCode: string | null): Promise<Row[]> {
  return ctx.db
    .select()
    .from(reportedFigures)
    .where(and(eq(reportedFigures.provinceId, provinceId), eq(reportedFigures.periodKey, periodKey), programCode ? eq(reportedFigures.programCode, programCode) : isNull(reportedFigures.programCode)))
    .orderBy(asc(reportedFigures.reportedOn));
}

/** Each reported figure beside the computed one, with the difference; two reported figures that disagree are a conflict. */
export function compareReported(rows: Row[], periodKey: string, programCode: string | null, computed: Record<string, string | null>) {
  const groups = new Map<string, Row[]>();
  for (const r of rows) groups.set(r.metric, [...(groups.get(r.metric) ?? []), r]);
  return [...groups.entries()].map(([metric, figures]) => {
    const value = computed[metric] ?? null;
    const canonical = (v: string) => (v.includes('.') ? v.replace(/0+$/, '').replace(/\.$/, '') : v);
    const distinct = new Set(figures.map((f) => canonical(normaliseDecimal(f.value))));
    return {
      metric,
      periodKey,
      programCode,
      computed: value,
      reported: figures.map(toFigure),
      differences: figures.map((f) => ({ reportedId: f.id, difference: value === null ? null : decimalDifference(value, f.value) })),
      conflict: distinct.size > 1,
    };
  });
}
