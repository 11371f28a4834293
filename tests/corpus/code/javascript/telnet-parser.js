'use strict';

// Telnet protocol parser (RFC 854 / RFC 855): splits a byte stream into data and
// IAC command sequences, and answers option negotiation.

const { EventEmitter } = require('events');

const IAC = 255;
const DONT = 254;
const DO = 253;
const WONT = 252;
const WILL = 251;
const SB = 250;
const GA = 249;
const EL = 248;
const EC = 247;
const AYT = 246;
const AO = 245;
const IP = 244;
const BRK = 243;
const DM = 242;
const NOP = 241;
const SE = 240;

const OPT_ECHO = 1;
const OPT_SGA = 3;
const OPT_TTYPE = 24;
const OPT_NAWS = 31;
const OPT_LINEMODE = 34;

const STATE_DATA = 0;
const STATE_IAC = 1;
const STATE_OPT = 2;
const STATE_SB = 3;
const STATE_SB_IAC = 4;

const MAX_SUBNEG = 1024;

class TelnetParser extends EventEmitter {
  constructor(options = {}) {
    super();
    this.state = STATE_DATA;
    this.command = 0;
    this.sub = [];
    this.supported = new Set(options.options || [OPT_ECHO, OPT_SGA, OPT_NAWS]);
  }

  feed(chunk) {
    let start = 0;
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i];
      switch (this.state) {
        case STATE_DATA:
          if (b === IAC) {
            if (i > start) this.emit('data', chunk.subarray(start, i));
            this.state = STATE_IAC;
          }
          break;
        case STATE_IAC:
          if (b === IAC) {
            this.emit('data', Buffer.from([0xff]));
            this.state = STATE_DATA;
          } else if (b === DO || b === DONT || b === WILL || b === WONT) {
            this.command = b;
            this.state = STATE_OPT;
          } else if (b === SB) {
            this.sub = [];
            this.state = STATE_SB;
          } else {
            this.emit('command', b);
            this.state = STATE_DATA;
          }
          start = i + 1;
          break;
        case STATE_OPT:
          this.negotiate(this.command, b);
          this.state = STATE_DATA;
          start = i + 1;
          break;
        case STATE_SB:
          if (b === IAC) this.state = STATE_SB_IAC;
          else if (this.sub.length < MAX_SUBNEG) this.sub.push(b);
          break;
        case STATE_SB_IAC:
          if (b === SE) {
            this.subnegotiation(this.sub);
            this.state = STATE_DATA;
            start = i + 1;
          } else {
            this.sub.push(IAC);
            this.state = STATE_SB;
          }
          break;
      }
    }
    if (this.state === STATE_DATA && start < chunk.length) {
      this.emit('data', chunk.subarray(start));
    }
  }

  negotiate(cmd, opt) {
    const ok = this.supported.has(opt);
    let reply;
    if (cmd === DO) reply = ok ? WILL : WONT;
    else if (cmd === DONT) reply = WONT;
    else if (cmd === WILL) reply = ok ? DO : DONT;
    else reply = DONT;
    this.emit('send', Buffer.from([IAC, reply, opt]));
  }

  subnegotiation(bytes) {
    if (bytes[0] === OPT_NAWS && bytes.length >= 5) {
      const width = (bytes[1] << 8) | bytes[2];
      const height = (bytes[3] << 8) | bytes[4];
      this.emit('resize', { width, height });
    } else if (bytes[0] === OPT_TTYPE && bytes[1] === 0) {
      this.emit('terminal', String.fromCharCode(...bytes.slice(2)));
    }
  }
}

function escape(buf) {
  const out = [];
  for (const b of buf) {
    out.push(b);
    if (b === 0xff) out.push(0xff);
  }
  return Buffer.from(out);
}

function commandName(b) {
  const names = { 255: 'IAC', 254: 'DONT', 253: 'DO', 252: 'WONT', 251: 'WILL', 250: 'SB', 240: 'SE' };
  return names[b] || `0x${(b & 0xff).toString(16)}`;
}

module.exports = { TelnetParser, escape, commandName, IAC, DO, DONT, WILL, WONT, SB, SE, GA, EL, EC, AYT, AO, IP, BRK, DM, NOP, OPT_LINEMODE };
