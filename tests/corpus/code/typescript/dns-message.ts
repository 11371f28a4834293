// DNS wire format (RFC 1035): decoding of headers, questions and resource records.

export enum RecordType {
  A = 1,
  NS = 2,
  CNAME = 5,
  SOA = 6,
  PTR = 12,
  MX = 15,
  TXT = 16,
  AAAA = 28,
  SRV = 33,
  OPT = 41,
  IXFR = 251,
  AXFR = 252,
  MAILB = 253,
  MAILA = 254,
  ANY = 255,
  CAA = 257,
}

export enum RecordClass {
  IN = 1,
  CH = 3,
  HS = 4,
  NONE = 254,
  ANY = 255,
}

export interface Header {
  id: number;
  qr: boolean;
  opcode: number;
  aa: boolean;
  tc: boolean;
  rd: boolean;
  ra: boolean;
  rcode: number;
  qdcount: number;
  ancount: number;
  nscount: number;
  arcount: number;
}

export interface Question {
  name: string;
  type: RecordType;
  klass: RecordClass;
}

export interface ResourceRecord extends Question {
  ttl: number;
  data: Uint8Array;
}

const HEADER_SIZE = 12;
const MAX_NAME_LENGTH = 255;
const MAX_LABEL_LENGTH = 63;
const POINTER_MASK = 0xc0;
const MAX_POINTERS = 127;

export class DecodeError extends Error {}

export class Reader {
  private offset = 0;
  constructor(private readonly buf: Uint8Array) {}

  u8(): number {
    if (this.offset >= this.buf.length) throw new DecodeError('truncated');
    return this.buf[this.offset++];
  }

  u16(): number {
    return (this.u8() << 8) | this.u8();
  }

  u32(): number {
    return ((this.u16() << 16) >>> 0) + this.u16();
  }

  bytes(n: number): Uint8Array {
    if (this.offset + n > this.buf.length) throw new DecodeError('truncated');
    const out = this.buf.subarray(this.offset, this.offset + n);
    this.offset += n;
    return out;
  }

  name(): string {
    const labels: string[] = [];
    let pos = this.offset;
    let jumped = false;
    let hops = 0;
    let total = 0;
    for (;;) {
      const len = this.buf[pos];
      if (len === undefined) throw new DecodeError('truncated name');
      if ((len & POINTER_MASK) === POINTER_MASK) {
        if (++hops > MAX_POINTERS) throw new DecodeError('pointer loop');
        const target = ((len & 0x3f) << 8) | this.buf[pos + 1];
        if (!jumped) this.offset = pos + 2;
        jumped = true;
        pos = target;
        continue;
      }
      if (len === 0) {
        if (!jumped) this.offset = pos + 1;
        break;
      }
      if (len > MAX_LABEL_LENGTH) throw new DecodeError(`label too long: ${len}`);
      total += len + 1;
      if (total > MAX_NAME_LENGTH) throw new DecodeError('name too long');
      labels.push(new TextDecoder('ascii').decode(this.buf.subarray(pos + 1, pos + 1 + len)));
      pos += len + 1;
    }
    return labels.join('.') || '.';
  }
}

export function decodeHeader(r: Reader): Header {
  const id = r.u16();
  const flags = r.u16();
  return {
    id,
    qr: (flags & 0x8000) !== 0,
    opcode: (flags >> 11) & 0xf,
    aa: (flags & 0x0400) !== 0,
    tc: (flags & 0x0200) !== 0,
    rd: (flags & 0x0100) !== 0,
    ra: (flags & 0x0080) !== 0,
    rcode: flags & 0xf,
    qdcount: r.u16(),
    ancount: r.u16(),
    nscount: r.u16(),
    arcount: r.u16(),
  };
}

export function decodeMessage(buf: Uint8Array): { header: Header; questions: Question[]; answers: ResourceRecord[] } {
  if (buf.length < HEADER_SIZE) throw new DecodeError('short message');
  const r = new Reader(buf);
  const header = decodeHeader(r);
  const questions: Question[] = [];
  for (let i = 0; i < header.qdcount; i++) {
    questions.push({ name: r.name(), type: r.u16(), klass: r.u16() });
  }
  const answers: ResourceRecord[] = [];
  for (let i = 0; i < header.ancount; i++) {
    const name = r.name();
    const type = r.u16();
    const klass = r.u16();
    const ttl = r.u32();
    const data = r.bytes(r.u16());
    answers.push({ name, type, klass, ttl, data });
  }
  return { header, questions, answers };
}

export function isMetaQuery(q: Question): boolean {
  return q.type === RecordType.ANY || q.type === 254 || q.type === 253 || q.klass === 255;
}
