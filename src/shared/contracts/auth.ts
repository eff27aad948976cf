import { z } from 'zod';
import { ROLES } from '../roles.js';

export const loginBody = z.strictObject({
  username: z.string().trim().min(1, { message: 'v.required' }).max(100),
  password: z.string().min(1, { message: 'v.required' }).max(1000),
});

export const meSchema = z.object({
  id: z.string(),
  username: z.string(),
  fullName: z.string(),
  role: z.enum(ROLES),
  provinceId: z.string().nullable(),
  agencyId: z.string().nullable(),
  bankId: z.string().nullable(),
  unitId: z.string().nullable(),
});
export type Me = z.infer<typeof meSchema>;

export const healthSchema = z.object({
  status: z.literal('ok'),
  database: z.enum(['pglite', 'postgres']),
  version: z.string(),
});

export const metaSchema = z.object({
  name: z.string(),
  version: z.string(),
  demo: z.boolean(),
  demoAccounts: z.array(z.object({ username: z.string(), role: z.enum(ROLES), password: z.string() })),
});
