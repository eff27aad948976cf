import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { referralDeadlinesBody, referralDeadlinesQuery, referralDeadlinesSchema } from '../../../shared/contracts/referrals.js';
import { contextOf } from '../../plugins/auth.js';
import { getReferralDeadlines, setReferralDeadlines } from './deadlines.service.js';

/** The province's referral deadlines (under /referrals, where people look for them). */
export async function deadlinesRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['referrals'];
  r.get('/referrals/deadlines', { schema: { tags, summary: 'The province’s deadlines: days to acknowledge a referral, then to decide', querystring: referralDeadlinesQuery, response: { 200: referralDeadlinesSchema } } }, async (req) =>
    getReferralDeadlines(contextOf(app, req), req.query.provinceId),
  );
  r.put('/referrals/deadlines', { schema: { tags, summary: 'Set both deadlines (audited); open referrals’ clocks follow', querystring: referralDeadlinesQuery, body: referralDeadlinesBody, response: { 200: referralDeadlinesSchema } } }, async (req) =>
    setReferralDeadlines(contextOf(app, req), req.query.provinceId, req.body),
  );
}
