/**
 * The producer's voice on a closed demand (issue 11): the unit's producer rates how it was handled, 1–5 with an
 * optional comment, once, when the demand is resolved or found unresolvable. The rating shows on the demand and
 * counts on the agency's scorecard (stats: satisfaction). Written with its audit entry and a word to the agency in
 * one transaction, under the demand's row lock, so two tries at once give one rating and one 409.
 */
import type { ServiceContext } from '../../context.js';
import { todayOf } from '../../context.js';
import { isUniqueViolation } from '../../db/concurrency.js';
import { AppError } from '../../../shared/errors.js';
import { isRateable, type DemandDetail, type DemandFeedbackInput } from '../../../shared/contracts/demands.js';
import { isolateLtr, toPersianDigits } from '../../../shared/text.js';
import { recordAudit } from '../audit/audit.service.js';
import { notify } from '../notifications/notifications.service.js';
import { insertFeedback } from './demands.repo.js';
import { demandScopeOf, detailFrom, lockDemand } from './demands.service.js';

export async function rateDemand(ctx: ServiceContext, id: string, input: DemandFeedbackInput): Promise<DemandDetail> {
  // the matrix lets only producers in; a producer's scope is their own unit, so another unit's demand is 404
  if (ctx.actor.role !== 'producer') throw new AppError('auth.forbidden');
  const scope = demandScopeOf(ctx);
  const today = todayOf(ctx);
  try {
    return await ctx.db.transaction(async (tx) => {
      const { demand: locked, children, history } = await lockDemand(tx, scope, id, today);
      if (!isRateable(locked.status)) throw new AppError('demand.feedback_not_closed');
      // read under the row lock; a rating written meanwhile is met by the unique index instead (below)
      if (children.feedback) throw new AppError('demand.feedback_exists');
      const comment = input.comment ?? null;
      await insertFeedback(tx, { demandId: id, provinceId: locked.provinceId, score: input.score, comment, authorId: ctx.actor.id, authorName: ctx.actor.fullName, createdAt: ctx.now() });
      const after = await detailFrom(tx, locked, { ...children, feedback: true }, history);
      await recordAudit(tx, ctx, { action: 'demand.feedback', entityType: 'demand', entityId: id, provinceId: locked.provinceId, after: { score: input.score, comment } });
      if (after.agencyId) {
        await notify(
          tx,
          [
            {
              provinceId: locked.provinceId,
              target: { agencyId: after.agencyId },
              kind: 'demand.feedback',
              title: `امتیاز واحد تولیدی به رسیدگی مطالبهٔ ${isolateLtr(after.code)}: ${toPersianDigits(input.score)} از ۵`,
              body: `${after.unitName} — ${after.title}${comment ? `\n${comment}` : ''}`,
              refType: 'demand',
              refId: id,
              dedupeKey: `demand:${id}:feedback`,
            },
          ],
          ctx.now(),
        );
      }
      return after;
    });
  } catch (e) {
    // two ratings at once on PostgreSQL: the second waits on the row lock, then meets the unique index
    if (isUniqueViolation(e)) throw new AppError('demand.feedback_exists');
    throw e;
  }
}
