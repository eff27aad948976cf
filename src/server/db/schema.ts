/**
 * The Drizzle schema's index: one file a table (or a tight group) under ./tables, re-exported here so
 * drizzle-kit generates one migration set and the repositories import from one place.
 * Every table that holds provincial data carries `province_id`.
 * Money columns are bigint rials (mode 'bigint'); calendar dates are `date` strings.
 */
export * from './tables/reference.table.js';
export * from './tables/users.table.js';
export * from './tables/auth-sessions.table.js';
export * from './tables/api-tokens.table.js';
export * from './tables/audit-events.table.js';
export * from './tables/units.table.js';
export * from './tables/settings.table.js';
export * from './tables/visits.table.js';
export * from './tables/tracking-counters.table.js';
export * from './tables/demands.table.js';
export * from './tables/notifications.table.js';
export * from './tables/referrals.table.js';
export * from './tables/quotas.table.js';
export * from './tables/bank-reports.table.js';
export * from './tables/idempotency-keys.table.js';
export * from './tables/sessions.table.js';
export * from './tables/resolutions.table.js';
export * from './tables/reported-figures.table.js';
export * from './tables/login-throttle.table.js';
export * from './tables/files.table.js';
export * from './tables/sms-messages.table.js';
export * from './tables/otp-codes.table.js';
export * from './tables/unit-claims.table.js';
export * from './tables/loan-applications.table.js';
export * from './tables/reminder-digests.table.js';
export * from './tables/reminder-collections.table.js';
export * from './tables/list-counts.table.js';
export * from './tables/job-leases.table.js';
