import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParams, listOf } from '../../../shared/contracts/common.js';
import { bankReportSchema, createBankReportBody, listBankReportsQuery, patchBankReportBody } from '../../../shared/contracts/referrals.js';
import { contextOf } from '../../plugins/auth.js';
import { expectedVersion } from '../../plugins/expected-version.js';
import { createBankReport, listBankReports, updateBankReport } from './bank-reports.service.js';

export async function bankReportsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const btags = ['bank-reports'];
  r.get('/bank-reports', { schema: { tags: btags, summary: 'Monthly reports of loans banks paid directly (outside referrals)', querystring: listBankReportsQuery, response: { 200: listOf(bankReportSchema) } } }, async (req) =>
    listBankReports(contextOf(app, req), req.query),
  );
  r.post('/bank-reports', { schema: { tags: btags, body: createBankReportBody, response: { 201: bankReportSchema } } }, async (req, reply) => {
    reply.code(201);
    return createBankReport(contextOf(app, req), req.body);
  });
  r.patch('/bank-reports/:id', { schema: { tags: btags, params: idParams, body: patchBankReportBody, response: { 200: bankReportSchema } } }, async (req) => {
    const { version, ...changes } = req.body;
    return updateBankReport(contextOf(app, req), req.params.id, changes, expectedVersion(version, req));
  });
}
