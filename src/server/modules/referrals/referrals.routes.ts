import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams } from '../../../shared/contracts/common.js';
import {
  attachmentParams,
  createReferralBody,
  listReferralsQuery,
  referralAttachmentSchema,
  referralDetailSchema,
  referralFollowupBody,
  referralFollowupSchema,
  referralImportQuery,
  referralImportReport,
  referralList,
  referralSchema,
  referralSummarySchema,
  summaryQuery,
  transitionReferralBody,
} from '../../../shared/contracts/referrals.js';
import { ATTACHMENT_LIMITS } from '../../../shared/contracts/files.js';
import { contextOf } from '../../plugins/auth.js';
import { exportReferralsQuery } from '../../../shared/contracts/referrals.js';
import { sendSheetFile } from '../../sheets/table-file.js';
import { exportReferrals } from './referrals.export.js';
import { expectedVersion } from '../../plugins/expected-version.js';
import {
  addReferralFollowup,
  createReferral,
  getReferral,
  listReferrals,
  summarizeReferrals,
  transitionReferral,
} from './referrals.service.js';
import { ATTACHMENT_UPLOAD_ERRORS, readIdempotentUpload, sendFile } from '../../plugins/file-transfer.js';
import { addReferralAttachment, ATTACHMENT_KINDS, openReferralAttachment } from './referrals.attachments.js';
import { importReferralStatuses, STATUS_SHEET_LIMITS } from './referrals.import.js';

export async function referralsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['referrals'];

  r.get('/referrals', { schema: { tags, summary: 'Referrals in the caller’s scope', querystring: listReferralsQuery, response: { 200: referralList } } }, async (req) =>
    listReferrals(contextOf(app, req), req.query),
  );
  r.get('/referrals/export', { schema: { tags, summary: "The list's referrals as .xlsx or .csv (the list's scope, filters and sort)", querystring: exportReferralsQuery } }, async (req, reply) =>
    sendSheetFile(reply, await exportReferrals(contextOf(app, req), req.query)),
  );
  r.post('/referrals', { schema: { tags, summary: 'Refer a unit to a bank (status `referred`)', body: createReferralBody, response: { 201: referralSchema } } }, async (req, reply) => {
    reply.code(201);
    return createReferral(contextOf(app, req), req.body);
  });
  r.get(
    '/referrals/summary',
    { schema: { tags, summary: 'Counts by bank × agency × stage, with overdue, ages and amounts (bank inbox, agency monitor)', querystring: summaryQuery, response: { 200: referralSummarySchema } } },
    async (req) => summarizeReferrals(contextOf(app, req), req.query),
  );
  r.post(
    '/referrals/import',
    {
      config: { idempotency: 'manual' },
      schema: {
        tags,
        summary: "A bank's status sheet (.xlsx or .csv, multipart field `file`); all or nothing, idempotent, `?dryRun=true` to check",
        consumes: ['multipart/form-data'],
        querystring: referralImportQuery,
        response: { 200: referralImportReport },
      },
    },
    async (req, reply) => {
      const ctx = contextOf(app, req);
      const file = await readIdempotentUpload(app, req, reply, STATUS_SHEET_LIMITS.maxBytes, { missing: 'import.file_missing', tooLarge: 'import.too_large' });
      if (!file) return reply;
      return importReferralStatuses(ctx, file, { dryRun: req.query.dryRun });
    },
  );
  r.get('/referrals/:id', { schema: { tags, summary: 'A referral with its events, follow-ups, attachments and the moves the caller may make', params: idParams, response: { 200: referralDetailSchema } } }, async (req) =>
    getReferral(contextOf(app, req), req.params.id),
  );
  r.post(
    '/referrals/:id/transitions',
    { schema: { tags, summary: 'Move a referral along the pipeline', params: idParams, body: transitionReferralBody, response: { 200: referralSchema } } },
    async (req) => transitionReferral(contextOf(app, req), req.params.id, req.body, expectedVersion(req.body.version, req)),
  );
  r.post('/referrals/:id/followups', { schema: { tags, summary: 'A follow-up note', params: idParams, body: referralFollowupBody, response: { 201: referralFollowupSchema } } }, async (req, reply) => {
    reply.code(201);
    return addReferralFollowup(contextOf(app, req), req.params.id, req.body.note);
  });
  r.post(
    '/referrals/:id/attachments',
    {
      config: { idempotency: 'manual' },
      schema: {
        tags,
        summary: 'Attach a file (the rejection letter): PDF, PNG or JPEG, at most 5 MB, multipart field `file`',
        consumes: ['multipart/form-data'],
        params: idParams,
        querystring: z.strictObject({ kind: z.enum(ATTACHMENT_KINDS).optional() }),
        response: { 201: referralAttachmentSchema },
      },
    },
    async (req, reply) => {
      const ctx = contextOf(app, req);
      const file = await readIdempotentUpload(app, req, reply, ATTACHMENT_LIMITS.maxBytes, ATTACHMENT_UPLOAD_ERRORS);
      if (!file) return reply;
      const attachment = await addReferralAttachment(ctx, req.params.id, { fileName: file.filename, data: file.data, kind: req.query.kind });
      return reply.code(201).send(attachment);
    },
  );
  r.get('/referrals/:id/attachments/:attachmentId', { schema: { tags, summary: 'Download an attachment', params: attachmentParams } }, async (req, reply) => {
    const { attachment, stream } = await openReferralAttachment(contextOf(app, req), req.params.id, req.params.attachmentId);
    return sendFile(req, reply, attachment, stream);
  });
}
