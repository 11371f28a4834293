"""Telnet protocol codec (RFC 854/855): splits a byte stream into data and commands and
answers option negotiation."""
from __future__ import annotations

import enum
import socket
import struct
from dataclasses import dataclass, field

IAC = 255   # interpret as command
DONT = 254
DO = 253
WONT = 252
WILL = 251
SB = 250    # subnegotiation begin
GA = 249
EL = 248
EC = 247
AYT = 246
AO = 245
IP = 244
BRK = 243
NOP = 241
SE = 240    # subnegotiation end

TELNET_PORT = 23


class Option(enum.IntEnum):
    ECHO = 1
    SUPPRESS_GO_AHEAD = 3
    STATUS = 5
    TERMINAL_TYPE = 24
    NAWS = 31
    TERMINAL_SPEED = 32
    LINEMODE = 34
    NEW_ENVIRON = 39
    EXOPL = 255


class State(enum.Enum):
    DATA = 0
    IAC = 1
    OPTION = 2
    SUB = 3
    SUB_IAC = 4


@dataclass
class Parser:
    state: State = State.DATA
    verb: int = 0
    sub: bytearray = field(default_factory=bytearray)
    enabled: set = field(default_factory=set)

    def feed(self, data: bytes):
        """Yield ("data", bytes), ("cmd", verb), ("opt", verb, option), ("sub", bytes)."""
        text = bytearray()
        for byte in data:
            if self.state is State.DATA:
                if byte == IAC:
                    self.state = State.IAC
                else:
                    text.append(byte)
            elif self.state is State.IAC:
                if byte == IAC:
                    text.append(0xFF)
                    self.state = State.DATA
                elif byte in (DO, DONT, WILL, WONT):
                    self.verb = byte
                    self.state = State.OPTION
                elif byte == SB:
                    self.sub.clear()
                    self.state = State.SUB
                else:
                    if text:
                        yield ("data", bytes(text))
                        text.clear()
                    yield ("cmd", byte)
                    self.state = State.DATA
            elif self.state is State.OPTION:
                yield ("opt", self.verb, byte)
                self.state = State.DATA
            elif self.state is State.SUB:
                if byte == IAC:
                    self.state = State.SUB_IAC
                else:
                    self.sub.append(byte)
            elif self.state is State.SUB_IAC:
                if byte == SE:
                    yield ("sub", bytes(self.sub))
                    self.state = State.DATA
                else:
                    self.sub.append(byte & 0xFF)
                    self.state = State.SUB
        if text:
            yield ("data", bytes(text))

    def answer(self, verb: int, option: int) -> bytes:
        """The reply to a DO/DONT/WILL/WONT: agree to echo and SGA, refuse the rest."""
        supported = {Option.ECHO, Option.SUPPRESS_GO_AHEAD, Option.NAWS}
        if verb == DO:
            reply = WILL if option in supported else WONT
        elif verb == WILL:
            reply = DO if option in supported else DONT
        elif verb == DONT:
            reply = WONT
        else:
            reply = DONT
        if reply in (WILL, DO):
            self.enabled.add(option)
        else:
            self.enabled.discard(option)
        return bytes([IAC, reply, option])


def escape(payload: bytes) -> bytes:
    return payload.replace(b"\xff", b"\xff\xff")


def window_size(sub: bytes) -> tuple[int, int] | None:
    if len(sub) != 5 or sub[0] != Option.NAWS:
        return None
    width, height = struct.unpack("!HH", sub[1:5])
    return width, height


def naws(width: int, height: int) -> bytes:
    body = struct.pack("!BHH", Option.NAWS, width & 0xFFFF, height & 0xFFFF)
    return bytes([IAC, SB]) + escape(body) + bytes([IAC, SE])


def open_session(host: str, port: int = TELNET_PORT, timeout: float = 10.0) -> socket.socket:
    sock = socket.create_connection((host, port), timeout=timeout)
    sock.sendall(bytes([IAC, WILL, Option.NAWS]) + naws(80, 24))
    return sock
