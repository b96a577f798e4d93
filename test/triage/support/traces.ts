/**
 * Synthetic sign-in traces: an ordinary two days of a small tenant (which must raise no alarm) and
 * the same days with one attack added.
 */
import { rng, type SignInEvent } from './generate.js';

export const START = Date.UTC(2026, 10, 20, 0, 0, 0);
const HOUR = 3_600_000;
const MINUTE = 60_000;
const OFFICE_IP = '198.51.100.10';
const APPS = [
  'Office 365 Exchange Online',
  'Microsoft Teams',
  'Azure Portal',
  'Office 365 SharePoint Online',
];

export const user = (n: number) => `user${String(n).padStart(3, '0')}@contoso.example`;

/** two ordinary days: 40 users behind one office NAT and at home, typos, interrupts, a policy doing its job */
export function benignTrace(): SignInEvent[] {
  const random = rng(42);
  const events: SignInEvent[] = [];
  const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)] as T;
  for (let hour = 0; hour < 48; hour++) {
    for (let n = 0; n < 40; n++) {
      if (random() < 0.7) continue;
      const time = START + hour * HOUR + Math.floor(random() * 50) * MINUTE;
      const ip = random() < 0.75 ? OFFICE_IP : `203.0.113.${n + 1}`;
      const app = pick(APPS);
      const u = user(n);
      const r = random();
      if (r < 0.04) events.push({ time, user: u, ip, app, code: 50126 });
      else if (r < 0.1) events.push({ time, user: u, ip, app, code: 50074 });
      else if (r < 0.16) events.push({ time, user: u, ip, app, code: 50140 });
      else if (r < 0.2) events.push({ time, user: u, ip, app, code: 50058 });
      else if (r < 0.21) events.push({ time, user: u, ip, app, code: 16000 });
      events.push({ time: time + 30_000, user: u, ip, app, code: 0 });
    }
    // a Conditional Access policy blocking an unmanaged device now and then
    if (hour % 5 === 0)
      events.push({
        time: START + hour * HOUR + 7 * MINUTE,
        user: user(hour % 40),
        ip: '192.0.2.77',
        app: 'Azure Portal',
        code: 53003,
      });
  }
  // one user locks themselves out once, then resets the password
  for (let k = 0; k < 2; k++)
    events.push({
      time: START + 30 * HOUR + k * MINUTE,
      user: user(7),
      ip: OFFICE_IP,
      app: 'Microsoft Teams',
      code: 50053,
    });
  // a phone still on ActiveSync, working, and one IMAP failure
  for (let k = 0; k < 6; k++)
    events.push({
      time: START + k * 8 * HOUR,
      user: user(3),
      ip: '203.0.113.4',
      app: 'Office 365 Exchange Online',
      code: 0,
      clientApp: 'Exchange ActiveSync',
    });
  events.push({
    time: START + 20 * HOUR,
    user: user(9),
    ip: '203.0.113.10',
    app: 'Office 365 Exchange Online',
    code: 53003,
    clientApp: 'IMAP4',
  });
  // one MFA prompt ignored, then approved
  events.push({
    time: START + 12 * HOUR,
    user: user(11),
    ip: OFFICE_IP,
    app: 'Microsoft Teams',
    code: 500121,
  });
  events.push({
    time: START + 12 * HOUR + 2 * MINUTE,
    user: user(11),
    ip: OFFICE_IP,
    app: 'Microsoft Teams',
    code: 0,
  });
  return events.sort((a, b) => b.time - a.time);
}

/** three addresses trying one password against 25 accounts each */
export function sprayEvents(): SignInEvent[] {
  const events: SignInEvent[] = [];
  for (let a = 0; a < 3; a++) {
    for (let n = 0; n < 25; n++) {
      events.push({
        time: START + 40 * HOUR + (a * 25 + n) * 20_000,
        user: user(100 + a * 25 + n),
        ip: `192.0.2.${200 + a}`,
        app: 'Office 365 Exchange Online',
        code: 50126,
      });
    }
  }
  return events;
}

/** five accounts locked out and one account hammered */
export function lockoutEvents(): SignInEvent[] {
  const events: SignInEvent[] = [];
  for (let n = 0; n < 5; n++) {
    for (let k = 0; k < 3; k++)
      events.push({
        time: START + 10 * HOUR + (n * 3 + k) * MINUTE,
        user: user(20 + n),
        ip: '192.0.2.99',
        app: 'Azure Portal',
        code: 50053,
      });
  }
  for (let k = 0; k < 30; k++)
    events.push({
      time: START + 11 * HOUR + k * 10_000,
      user: user(30),
      ip: '192.0.2.98',
      app: 'Azure Portal',
      code: 50126,
    });
  return events;
}

/** eight failed MFA prompts for one user in six minutes */
export function mfaFatigueEvents(): SignInEvent[] {
  return Array.from({ length: 8 }, (_, k) => ({
    time: START + 22 * HOUR + k * 45_000,
    user: user(5),
    ip: '192.0.2.50',
    app: 'Microsoft Teams',
    code: k % 2 === 0 ? 500121 : 50074,
  }));
}

/** 60 Conditional Access blocks in one hour */
export function caSpikeEvents(): SignInEvent[] {
  return Array.from({ length: 60 }, (_, k) => ({
    time: START + 33 * HOUR + k * MINUTE * 0.9,
    user: user(k % 40),
    ip: OFFICE_IP,
    app: 'Contoso Payroll',
    code: 53003,
  }));
}

/** ten legacy-protocol sign-ins blocked by Conditional Access */
export function legacyEvents(): SignInEvent[] {
  const clients = ['IMAP4', 'Authenticated SMTP', 'POP3', 'Exchange ActiveSync', 'Other clients'];
  return Array.from({ length: 10 }, (_, k) => ({
    time: START + 15 * HOUR + k * 7 * MINUTE,
    user: user(k),
    ip: `203.0.113.${k + 1}`,
    app: 'Office 365 Exchange Online',
    code: 53003,
    clientApp: clients[k % clients.length],
  }));
}

/** a trace with extra events, newest first like the portal */
export function withEvents(base: SignInEvent[], extra: SignInEvent[]): SignInEvent[] {
  return [...base, ...extra].sort((a, b) => b.time - a.time);
}
