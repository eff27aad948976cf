import net from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnEngines } from '../../test/harness.js';
import { deliverPending } from './notifications.job.js';
import { smtpChannel } from './smtp-channel.js';

/** A minimal SMTP server on loopback that records each message's recipients. */
function fakeSmtp() {
  const messages: { rcpt: string[]; data: string }[] = [];
  const server = net.createServer((socket) => {
    let rcpt: string[] = [];
    let inData = false;
    let data = '';
    let buffer = '';
    socket.write('220 localhost ESMTP test\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      let i: number;
      while ((i = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            messages.push({ rcpt, data });
            rcpt = [];
            data = '';
            socket.write('250 OK queued\r\n');
          } else data += `${line}\n`;
          continue;
        }
        const cmd = line.slice(0, 4).toUpperCase();
        if (cmd === 'EHLO' || cmd === 'HELO') socket.write('250-localhost\r\n250 8BITMIME\r\n');
        else if (cmd === 'MAIL') socket.write('250 OK\r\n');
        else if (cmd === 'RCPT') {
          rcpt.push(/<([^>]+)>/.exec(line)?.[1] ?? '');
          socket.write('250 OK\r\n');
        } else if (cmd === 'DATA') {
          inData = true;
          socket.write('354 go ahead\r\n');
        } else if (cmd === 'QUIT') {
          socket.end('221 bye\r\n');
        } else socket.write('250 OK\r\n');
      }
    });
  });
  return { server, messages };
}

describeOnEngines('notifications by e-mail', (t) => {
  const smtp = fakeSmtp();
  let port = 0;
  beforeAll(async () => {
    await new Promise<void>((resolve) => smtp.server.listen(0, '127.0.0.1', resolve));
    port = (smtp.server.address() as net.AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => smtp.server.close(() => resolve())));

  it("e-mails an agency's officers once, and nobody without an address", async () => {
    const admin = await t.as('admin');
    const officer = (await admin.get('/api/v1/users?role=agency&q=agency.smt')).json().items[0];
    const set = await admin.patch(`/api/v1/users/${officer.id}`, { version: officer.version, email: 'smt.officer@example.ir' });
    expect(set.statusCode, set.body).toBe(200);
    // everything already pending goes out first (demo data), then a new demand assigned to the agency
    const channel = smtpChannel({ url: `smtp://127.0.0.1:${port}?ignoreTLS=true`, from: 'tashil@example.ir' });
    const deps = { db: t.database.db, now: () => t.clock.now, channel, sources: [], batchSize: 200 };
    await deliverPending(deps);
    const before = smtp.messages.length;
    const sec = await t.as('secretariat');
    const unit = (await sec.get('/api/v1/units?pageSize=1')).json().items[0];
    const demand = await sec.post('/api/v1/demands', { unitId: unit.id, categoryCode: 'tax', title: 'اعتراض به مالیات علی‌الرأس', description: 'شرح کامل مطالبه', agencyId: 'smt', priority: 'normal', dueDate: '2026-12-20' });
    expect(demand.statusCode, demand.body).toBe(201);
    const first = await deliverPending(deps);
    expect(first.failed).toBe(0);
    const mine = smtp.messages.slice(before).filter((m) => m.rcpt.includes('smt.officer@example.ir'));
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.some((m) => m.data.includes('X-Tashil-Notification'))).toBe(true);
    const again = await deliverPending(deps);
    expect(again.delivered).toBe(0);
    expect(smtp.messages.slice(before).filter((m) => m.rcpt.includes('smt.officer@example.ir'))).toHaveLength(mine.length);
  });
});
