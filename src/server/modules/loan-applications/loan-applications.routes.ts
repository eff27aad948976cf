/** Loan applications (درخواست تسهیلات) before a referral (issue 11): HTTP only. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParams } from '../../../shared/contracts/common.js';
import {
  createLoanApplicationBody,
  listLoanApplicationsQuery,
  loanApplicationDetailSchema,
  loanApplicationList,
  loanApplicationSchema,
  exportLoanApplicationsQuery,
  loanAttachmentParams,
  loanAttachmentSchema,
  patchLoanApplicationBody,
  transitionLoanApplicationBody,
} from '../../../shared/contracts/loan-applications.js';
import { sendSheetFile } from '../../sheets/table-file.js';
import { exportLoanApplications } from './loan-applications.export.js';
import { contextOf } from '../../plugins/auth.js';
import { ATTACHMENT_UPLOAD_ERRORS, readIdempotentUpload } from '../../plugins/file-transfer.js';
import { expectedVersion } from '../../plugins/expected-version.js';
import {
  createLoanApplication,
  getLoanApplication,
  listLoanApplications,
  transitionLoanApplication,
  updateLoanApplication,
} from './loan-applications.service.js';
import { addLoanAttachment, MAX_LOAN_ATTACHMENT_BYTES, openLoanAttachment } from './loan-applications.attachments.js';

export async function loanApplicationsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['loan-applications'];

  r.get('/loan-applications', { schema: { tags, summary: 'Loan applications in the caller’s scope', querystring: listLoanApplicationsQuery, response: { 200: loanApplicationList } } }, async (req) =>
    listLoanApplications(contextOf(app, req), req.query),
  );
  r.get('/loan-applications/export', { schema: { tags, summary: "The list's applications as .xlsx or .csv (the list's scope, filters and sort)", querystring: exportLoanApplicationsQuery } }, async (req, reply) =>
    sendSheetFile(reply, await exportLoanApplications(contextOf(app, req), req.query)),
  );
  r.post(
    '/loan-applications',
    { schema: { tags, summary: 'Apply for a loan (status `submitted`): the producer for their unit, or the secretariat or an agency on their behalf', body: createLoanApplicationBody, response: { 201: loanApplicationDetailSchema } } },
    async (req, reply) => {
      reply.code(201);
      return createLoanApplication(contextOf(app, req), req.body);
    },
  );
  r.get(
    '/loan-applications/:id',
    { schema: { tags, summary: 'An application with its events, documents, the referral made from it and the moves the caller may make', params: idParams, response: { 200: loanApplicationDetailSchema } } },
    async (req) => getLoanApplication(contextOf(app, req), req.params.id),
  );
  r.patch(
    '/loan-applications/:id',
    { schema: { tags, summary: 'Complete a returned application (the applicant side), with its current version', params: idParams, body: patchLoanApplicationBody, response: { 200: loanApplicationDetailSchema } } },
    async (req) => updateLoanApplication(contextOf(app, req), req.params.id, req.body, expectedVersion(req.body.version, req)),
  );
  r.post(
    '/loan-applications/:id/transitions',
    { schema: { tags, summary: 'Take an application through the committee: under review, returned (note), approved, rejected (reason); resubmitted or withdrawn by the applicant', params: idParams, body: transitionLoanApplicationBody, response: { 200: loanApplicationSchema } } },
    async (req) => transitionLoanApplication(contextOf(app, req), req.params.id, req.body, expectedVersion(req.body.version, req)),
  );
  r.post(
    '/loan-applications/:id/attachments',
    {
      config: { idempotency: 'manual' },
      schema: { tags, summary: 'Attach a document: PDF, PNG or JPEG (by content), at most 5 MB, multipart field `file`', consumes: ['multipart/form-data'], params: idParams, response: { 201: loanAttachmentSchema } },
    },
    async (req, reply) => {
      const ctx = contextOf(app, req);
      const file = await readIdempotentUpload(app, req, reply, MAX_LOAN_ATTACHMENT_BYTES, ATTACHMENT_UPLOAD_ERRORS);
      if (!file) return reply;
      const attachment = await addLoanAttachment(ctx, req.params.id, { fileName: file.filename, data: file.data });
      return reply.code(201).send(attachment);
    },
  );
  r.get('/loan-applications/:id/attachments/:attachmentId', { schema: { tags, summary: 'Download a document of the application', params: loanAttachmentParams } }, async (req, reply) => {
    const { attachment, stream } = await openLoanAttachment(contextOf(app, req), req.params.id, req.params.attachmentId);
    return reply
      .header('content-type', attachment.mime)
      .header('content-length', String(attachment.size))
      .header('content-disposition', `attachment; filename="${attachment.fileName.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(attachment.fileName)}`)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .send(stream);
  });
}
