import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { listSmsOutboxQuery, smsOutboxList } from '../../../shared/contracts/sms.js';
import { contextOf } from '../../plugins/auth.js';
import { listOutbox } from './sms.service.js';

export async function smsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['sms'];
  r.get('/sms/outbox', { schema: { tags, summary: 'The SMS outbox (administrators); one-time codes are readable in demo mode only', querystring: listSmsOutboxQuery, response: { 200: smsOutboxList } } }, async (req) =>
    listOutbox(contextOf(app, req), req.query, { revealCodes: app.deps.config.demo }),
  );
}
