import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { auditListSchema, exportAuditQuery, listAuditQuery } from '../../../shared/contracts/audit.js';
import { contextOf } from '../../plugins/auth.js';
import { AS_OF_HEADER, onReadDb } from '../../plugins/reads.js';
import { exportAuditEvents, listAuditEvents } from './audit.service.js';
import { sendSheetFile } from '../../sheets/table-file.js';

export async function auditRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['audit'];
  r.get('/audit', { schema: { tags, querystring: listAuditQuery, response: { 200: auditListSchema } } }, async (req) => listAuditEvents(contextOf(app, req), req.query));
  r.get('/audit/export', { schema: { tags, summary: 'The trail as .xlsx or .csv, with the list’s filters', querystring: exportAuditQuery } }, async (req, reply) => {
    // an export reads through the read router (the replica when configured)
    const { value: file, asOf } = await onReadDb(app, req, (ctx) => exportAuditEvents(ctx, req.query));
    if (asOf) reply.header(AS_OF_HEADER, asOf);
    return sendSheetFile(reply, file);
  });
}
