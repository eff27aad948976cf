import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParams } from '../../../shared/contracts/common.js';
import {
  createUnitBody,
  exportUnitsQuery,
  importUnitsQuery,
  listUnitsQuery,
  patchUnitBody,
  templateQuery,
  unitImportResult,
  unitList,
  unitSchema,
  unitTimelineSchema,
} from '../../../shared/contracts/units.js';
import { AppError } from '../../../shared/errors.js';
import { contextOf } from '../../plugins/auth.js';
import { expectedVersion } from '../../db/concurrency.js';
import { DEFAULT_SHEET_LIMITS } from '../../sheets/read-sheet.js';
import { createUnit, getUnit, listUnits, updateUnit } from './units.service.js';
import { exportUnits, unitImportTemplate, type SheetFile } from './units.export.js';
import { importUnits } from './units.import.js';
import { unitTimeline } from './units.timeline.js';

function sendFile(reply: FastifyReply, file: SheetFile) {
  return reply
    .header('content-type', file.contentType)
    .header('content-disposition', `attachment; filename="${file.filename}"`)
    .header('cache-control', 'no-store')
    .send(file.body);
}

export async function unitsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['units'];
  r.get('/units', { schema: { tags, querystring: listUnitsQuery, response: { 200: unitList } } }, async (req) => listUnits(contextOf(app, req), req.query));
  r.post('/units', { schema: { tags, body: createUnitBody, response: { 201: unitSchema } } }, async (req, reply) => {
    reply.code(201);
    return createUnit(contextOf(app, req), req.body);
  });

  r.post(
    '/units/import',
    {
      schema: {
        tags,
        summary: 'Import units from .xlsx or .csv (multipart field `file`); all or nothing, idempotent by national id',
        consumes: ['multipart/form-data'],
        querystring: importUnitsQuery,
        response: { 200: unitImportResult },
      },
    },
    async (req) => {
      const ctx = contextOf(app, req);
      let part;
      try {
        part = await req.file({ limits: { fileSize: DEFAULT_SHEET_LIMITS.maxBytes, files: 1 } });
      } catch (e) {
        if ((e as { code?: string }).code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') throw new AppError('import.file_missing');
        throw e;
      }
      if (!part) throw new AppError('import.file_missing');
      let data: Buffer;
      try {
        data = await part.toBuffer();
      } catch (e) {
        if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('import.too_large');
        throw e;
      }
      return importUnits(ctx, { filename: part.filename, data }, { dryRun: req.query.dryRun });
    },
  );
  r.get('/units/import/template', { schema: { tags, summary: 'The import template (.xlsx with a help sheet, or .csv)', querystring: templateQuery } }, async (req, reply) =>
    sendFile(reply, await unitImportTemplate(contextOf(app, req), req.query.format)),
  );
  r.get('/units/export', { schema: { tags, summary: "The list's units as .xlsx or .csv (the list's filters apply)", querystring: exportUnitsQuery } }, async (req, reply) =>
    sendFile(reply, await exportUnits(contextOf(app, req), req.query)),
  );

  r.get('/units/:id', { schema: { tags, params: idParams, response: { 200: unitSchema } } }, async (req) => getUnit(contextOf(app, req), req.params.id));
  r.patch('/units/:id', { schema: { tags, params: idParams, body: patchUnitBody, response: { 200: unitSchema } } }, async (req) => {
    const { version, ...changes } = req.body;
    return updateUnit(contextOf(app, req), req.params.id, changes, expectedVersion(version, req));
  });
  r.get('/units/:id/timeline', { schema: { tags, summary: "The unit's story, newest first, and its staff and capacity over time", params: idParams, response: { 200: unitTimelineSchema } } }, async (req) =>
    unitTimeline(contextOf(app, req), req.params.id),
  );
}
