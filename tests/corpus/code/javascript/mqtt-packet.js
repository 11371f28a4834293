'use strict';

// Encoder and decoder for the fixed header and remaining-length field of MQTT 3.1.1
// control packets, plus CONNECT and PUBLISH bodies.

const PACKET_TYPES = {
  CONNECT: 1,
  CONNACK: 2,
  PUBLISH: 3,
  PUBACK: 4,
  SUBSCRIBE: 8,
  SUBACK: 9,
  PINGREQ: 12,
  PINGRESP: 13,
  DISCONNECT: 14,
};

const MAX_REMAINING_LENGTH = 268435455;
const PROTOCOL_NAME = 'MQTT';
const PROTOCOL_LEVEL = 4;
const DEFAULT_KEEPALIVE = 60;

function encodeRemainingLength(n) {
  if (n < 0 || n > MAX_REMAINING_LENGTH) throw new RangeError('remaining length out of range');
  const bytes = [];
  do {
    let digit = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) digit |= 0x80;
    bytes.push(digit);
  } while (n > 0);
  return Buffer.from(bytes);
}

function decodeRemainingLength(buf, offset) {
  let multiplier = 1;
  let value = 0;
  let i = offset;
  let byte;
  do {
    if (i >= buf.length) return null;
    byte = buf[i++];
    value += (byte & 127) * multiplier;
    if (multiplier > 128 * 128 * 128) throw new Error('malformed remaining length');
    multiplier *= 128;
  } while ((byte & 128) !== 0);
  return { value, bytes: i - offset };
}

function encodeString(s) {
  const body = Buffer.from(s, 'utf8');
  if (body.length > 65535) throw new RangeError('string too long');
  const len = Buffer.alloc(2);
  len.writeUInt16BE(body.length, 0);
  return Buffer.concat([len, body]);
}

function connect({ clientId, username, password, keepalive = DEFAULT_KEEPALIVE, clean = true }) {
  let flags = 0;
  if (clean) flags |= 0x02;
  if (username) flags |= 0x80;
  if (password) flags |= 0x40;
  const header = Buffer.concat([
    encodeString(PROTOCOL_NAME),
    Buffer.from([PROTOCOL_LEVEL, flags, keepalive >> 8, keepalive & 0xff]),
  ]);
  const payload = [encodeString(clientId)];
  if (username) payload.push(encodeString(username));
  if (password) payload.push(encodeString(password));
  const body = Buffer.concat([header, ...payload]);
  return Buffer.concat([Buffer.from([PACKET_TYPES.CONNECT << 4]), encodeRemainingLength(body.length), body]);
}

function publish({ topic, payload, qos = 0, retain = false, messageId = 0 }) {
  const first = (PACKET_TYPES.PUBLISH << 4) | (qos << 1) | (retain ? 1 : 0);
  const parts = [encodeString(topic)];
  if (qos > 0) {
    const id = Buffer.alloc(2);
    id.writeUInt16BE(messageId & 0xffff, 0);
    parts.push(id);
  }
  parts.push(Buffer.isBuffer(payload) ? payload : Buffer.from(String(payload)));
  const body = Buffer.concat(parts);
  return Buffer.concat([Buffer.from([first]), encodeRemainingLength(body.length), body]);
}

function parseHeader(buf) {
  if (buf.length < 2) return null;
  const type = buf[0] >> 4;
  const flags = buf[0] & 0x0f;
  const rl = decodeRemainingLength(buf, 1);
  if (!rl) return null;
  return { type, flags, length: rl.value, headerSize: 1 + rl.bytes };
}

const PINGREQ = Buffer.from([0xc0, 0x00]);
const DISCONNECT = Buffer.from([0xe0, 0x00]);

module.exports = { PACKET_TYPES, connect, publish, parseHeader, encodeRemainingLength, decodeRemainingLength, PINGREQ, DISCONNECT };
