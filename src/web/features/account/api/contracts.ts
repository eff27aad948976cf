/** The account screens' shapes, as types of the shared contracts (src/shared/contracts/auth.ts): nothing copied here. */
import type { z } from 'zod';
import type {
  authSessionSchema,
  authSessionsResponse,
  changePasswordBody,
  meSchema,
  mfaCodeBody,
  mfaConfirmResponse,
  mfaEnrolResponse,
} from '../../../../shared/contracts/auth.js';

/** What `/auth/me` and the login's `user` say about the account's state. */
export type AccountFlags = Pick<z.infer<typeof meSchema>, 'mfaEnrolled' | 'mfaEnrolmentRequired' | 'mustChangePassword'>;
export type MfaEnrollResponse = z.infer<typeof mfaEnrolResponse>;
export type MfaCodeBody = z.input<typeof mfaCodeBody>;
export type MfaConfirmResponse = z.infer<typeof mfaConfirmResponse>;
export type ChangePasswordBody = z.input<typeof changePasswordBody>;
export type AuthSession = z.infer<typeof authSessionSchema>;
export type AuthSessionList = z.infer<typeof authSessionsResponse>;

