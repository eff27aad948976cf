/** Opens the database, seeds what is missing, listens, and closes gracefully on SIGTERM/SIGINT. */
import { isLoopbackHost, loadConfig, type Config } from './config.js';
import { openDatabase, type Database } from './db/client.js';
import { buildApp, REMINDER_SOURCES } from './app.js';
import { seedReference } from './seed/reference.js';
import { seedDemo } from './seed/demo.js';
import { smtpChannel } from './modules/notifications/smtp-channel.js';
import { logChannel, notificationIntervalMs, notificationRestRatio, startNotificationScheduler, type Scheduler } from './modules/notifications/notifications.job.js';
import { importFilesFromDataDir } from './modules/files/files.service.js';
import { hasDemoCredentials } from './modules/auth/auth.service.js';
import { DEMO_PASSWORD } from './seed/demo-accounts.js';
import { createSmsDriver, startSmsWorker, type SmsWorker } from './modules/sms/sms.job.js';
import { allChannels, smsNotificationChannel } from './modules/sms/sms.channel.js';
import { describeSmsTarget } from './modules/sms/sms.url.js';
import { createLifecycle, drainAndClose, drainSeconds } from './lifecycle.js';

export async function openConfiguredDatabase(config: Config): Promise<Database> {
  return openDatabase({ databaseUrl: config.databaseUrl, migrationUrl: config.databaseMigrationUrl, dataDir: config.databaseUrl ? undefined : config.dataDir, poolMax: config.dbPoolMax });
}

/**
 * Demo accounts have a published password. They are for a newcomer on their own machine: served to a network,
 * the server refuses to start with them unless TASHIL_DEMO=1 says so explicitly (and then /meta never lists the
 * password). Returns the refusal, or null.
 */
export function demoExposureProblem(config: Config, demoCredentialsPresent: boolean): string | null {
  if (isLoopbackHost(config.host) || config.demoExplicit) return null;
  if (!config.demo && !demoCredentialsPresent) return null;
  return (
    `Refusing to serve demo accounts (password "${DEMO_PASSWORD}") to the network on HOST=${config.host}. ` +
    `Either listen on this machine only (HOST=127.0.0.1), or set TASHIL_DEMO=1 to show the demo to others on purpose, ` +
    `or set TASHIL_DEMO=0 and ${demoCredentialsPresent ? 'change the demo accounts\' passwords (tashil user) or start from an empty database' : 'create real accounts (tashil user)'}. ` +
    `(حساب‌های نمایشی با گذرواژهٔ عمومی روی شبکه ارائه نمی‌شوند؛ TASHIL_DEMO=1 را آگاهانه تنظیم کنید یا حساب‌های واقعی بسازید.)`
  );
}

export async function startServer(config: Config = loadConfig()) {
  const started = Date.now();
  const database = await openConfiguredDatabase(config);
  const refusal = isLoopbackHost(config.host) ? null : demoExposureProblem(config, await hasDemoCredentials(database.db));
  if (refusal) {
    await database.close();
    throw new Error(refusal);
  }
  await seedReference(database.db);
  if (config.demo) await seedDemo(database.db);
  // Files older versions kept in the data folder move into the database (once; later starts find nothing to do).
  const moved = await importFilesFromDataDir(database.db, config.dataDir, new Date());
  const lifecycle = createLifecycle();
  const app = await buildApp({ database, config, lifecycle });
  if (moved.imported || moved.missing.length) app.log.warn({ imported: moved.imported, missing: moved.missing }, 'attachments moved from the data folder into the database');

  let closing = false;
  let notificationJob: Scheduler | undefined;
  // SMS delivery from the outbox; safe in every instance (rows claimed with SKIP LOCKED under a lease).
  const smsWorker: SmsWorker = startSmsWorker({ db: database.db, driver: createSmsDriver(config.sms, app.log), now: () => new Date(), log: app.log,
    onOutcome: (outcome) => app.metrics.smsMessages.inc({ outcome }) });
  const graceMs = drainSeconds() * 1000;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    // the grace, then at most 15 s for requests and jobs to finish
    const timer = setTimeout(() => process.exit(1), graceMs + 15_000);
    try {
      await drainAndClose({
        app,
        lifecycle,
        graceMs,
        stopJobs: [async () => notificationJob?.stop(), () => smsWorker.stop()],
        closeDatabase: () => database.close(),
        log: app.log,
      });
    } finally {
      clearTimeout(timer);
      process.exit(0);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (err) {
    await smsWorker.stop();
    throw err;
  }
  app.log.info({ sms: describeSmsTarget(config.sms) }, 'SMS delivery');
  // Reminders and notification delivery; safe to run in every instance (a lease for collecting, dedupe keys, one digest
  // per target and day, SKIP LOCKED for events).
  // Notifications addressed to a producer's unit also go out by SMS to the unit's producers.
  const intervalMs = notificationIntervalMs();
  if (intervalMs > 0) {
    const primary = config.smtpUrl ? smtpChannel({ url: config.smtpUrl, from: config.smtpFrom }) : logChannel(app.log);
    const channel = allChannels(primary, smsNotificationChannel({ wake: () => smsWorker.wake() }));
    notificationJob = startNotificationScheduler({ db: database.db, now: () => new Date(), channel, sources: REMINDER_SOURCES, log: app.log, intervalMs, restRatio: notificationRestRatio(), publicUrl: config.publicUrl });
  }
  app.log.info(
    { database: database.engine, dataDir: config.databaseUrl ? undefined : config.dataDir, demo: config.demo, ms: Date.now() - started },
    `Tashil is listening on http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`,
  );
  return app;
}
