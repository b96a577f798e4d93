/**
 * A minimal WebSocket server (RFC 6455, text frames, ping/pong, close) that speaks Slack's Socket
 * Mode envelope protocol: it says hello, sends envelopes and records the client's acks.
 * https://docs.slack.dev/apis/events-api/using-socket-mode
 */
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

export interface Ack {
  envelope_id: string;
  payload?: unknown;
}

export interface FakeSocket {
  /** ws:// URL that apps.connections.open should return */
  url: string;
  acks: Ack[];
  /** connections opened so far */
  connections(): number;
  /** sends an envelope to every connected client; returns its envelope_id */
  send(
    type: 'events_api' | 'slash_commands' | 'interactive',
    payload: unknown,
    retryAttempt?: number,
  ): string;
  waitFor(predicate: () => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

function frame(opcode: number, payload: Buffer): Buffer {
  const length = payload.length;
  const head =
    length < 126
      ? Buffer.from([0x80 | opcode, length])
      : length < 65_536
        ? Buffer.from([0x80 | opcode, 126, length >> 8, length & 0xff])
        : Buffer.concat([Buffer.from([0x80 | opcode, 127]), bigLength(length)]);
  return Buffer.concat([head, payload]);
}

function bigLength(length: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(length));
  return b;
}

/** parses complete client frames (always masked) from the buffer; returns the rest */
function parseFrames(buffer: Buffer, onFrame: (opcode: number, payload: Buffer) => void): Buffer {
  let rest = buffer;
  while (rest.length >= 2) {
    const opcode = rest[0]! & 0x0f;
    let length = rest[1]! & 0x7f;
    let offset = 2;
    if (length === 126) {
      if (rest.length < 4) break;
      length = rest.readUInt16BE(2);
      offset = 4;
    } else if (length === 127) {
      if (rest.length < 10) break;
      length = Number(rest.readBigUInt64BE(2));
      offset = 10;
    }
    const masked = (rest[1]! & 0x80) !== 0;
    const maskEnd = offset + (masked ? 4 : 0);
    if (rest.length < maskEnd + length) break;
    const payload = Buffer.from(rest.subarray(maskEnd, maskEnd + length));
    if (masked) for (let i = 0; i < payload.length; i += 1) payload[i]! ^= rest[offset + (i % 4)]!;
    onFrame(opcode, payload);
    rest = rest.subarray(maskEnd + length);
  }
  return rest;
}

/** starts the fake Socket Mode server on a loopback port */
export async function startFakeSocket(): Promise<FakeSocket> {
  const sockets = new Set<Duplex>();
  const acks: Ack[] = [];
  let opened = 0;
  const server: Server = createServer((_req, res) => {
    res.writeHead(426);
    res.end();
  });
  server.on('upgrade', (req, socket: Duplex) => {
    const key = req.headers['sec-websocket-key'];
    if (typeof key !== 'string') {
      socket.destroy();
      return;
    }
    const accept = createHash('sha1')
      .update(key + GUID)
      .digest('base64');
    socket.write(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
    );
    sockets.add(socket);
    opened += 1;
    let buffer: Buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffer = parseFrames(Buffer.concat([buffer, chunk]), (opcode, payload) => {
        if (opcode === 0x1) acks.push(JSON.parse(payload.toString('utf8')) as Ack);
        else if (opcode === 0x9) socket.write(frame(0xa, payload));
        else if (opcode === 0x8) socket.end(frame(0x8, Buffer.alloc(0)));
      });
    });
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => sockets.delete(socket));
    const hello = {
      type: 'hello',
      num_connections: 1,
      debug_info: { host: 'fake' },
      connection_info: { app_id: 'A0000TEST' },
    };
    socket.write(frame(0x1, Buffer.from(JSON.stringify(hello))));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `ws://127.0.0.1:${port}/link`,
    acks,
    connections: () => opened,
    send: (type, payload, retryAttempt = 0) => {
      const envelopeId = randomUUID();
      const envelope = {
        envelope_id: envelopeId,
        type,
        payload,
        accepts_response_payload: type !== 'events_api',
        ...(type === 'events_api'
          ? { retry_attempt: retryAttempt, retry_reason: retryAttempt ? 'timeout' : '' }
          : {}),
      };
      for (const socket of sockets) socket.write(frame(0x1, Buffer.from(JSON.stringify(envelope))));
      return envelopeId;
    },
    waitFor: async (predicate, timeoutMs = 5_000) => {
      const deadline = Date.now() + timeoutMs;
      while (!predicate()) {
        if (Date.now() > deadline) throw new Error('fake socket: condition not met in time');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
