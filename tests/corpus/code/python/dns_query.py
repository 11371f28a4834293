"""Minimal DNS stub resolver: builds queries, parses answers, falls back to TCP when the
reply is truncated."""
import random
import socket
import struct

QTYPE = {"A": 1, "NS": 2, "CNAME": 5, "SOA": 6, "PTR": 12, "MX": 15, "TXT": 16,
         "AAAA": 28, "SRV": 33, "OPT": 41, "AXFR": 252, "MAILB": 253, "MAILA": 254, "ANY": 255}
QCLASS_IN = 1
FLAG_QR = 0x8000
FLAG_TC = 0x0200
FLAG_RD = 0x0100
RCODE_MASK = 0x000F
MAX_LABEL = 63
MAX_NAME = 255
POINTER = 0xC0
UDP_PAYLOAD = 1232

DEFAULT_RESOLVER = ("9.9.9.9", 53)


class DNSError(Exception):
    pass


def encode_name(name: str) -> bytes:
    out = bytearray()
    for label in name.rstrip(".").split("."):
        raw = label.encode("idna")
        if not 0 < len(raw) <= MAX_LABEL:
            raise DNSError(f"bad label {label!r}")
        out.append(len(raw))
        out += raw
    out.append(0)
    if len(out) > MAX_NAME:
        raise DNSError("name too long")
    return bytes(out)


def build_query(name: str, qtype: str = "A") -> tuple[int, bytes]:
    qid = random.randint(0, 0xFFFF)
    header = struct.pack("!HHHHHH", qid, FLAG_RD, 1, 0, 0, 1)
    question = encode_name(name) + struct.pack("!HH", QTYPE[qtype], QCLASS_IN)
    # EDNS0 OPT record advertising our UDP payload size
    opt = b"\x00" + struct.pack("!HHIH", QTYPE["OPT"], UDP_PAYLOAD, 0, 0)
    return qid, header + question + opt


def read_name(msg: bytes, offset: int) -> tuple[str, int]:
    labels, jumped, end = [], False, offset
    for _ in range(128):
        length = msg[offset]
        if length & POINTER == POINTER:
            pointer = struct.unpack("!H", msg[offset:offset + 2])[0] & 0x3FFF
            if not jumped:
                end = offset + 2
            offset, jumped = pointer, True
            continue
        if length == 0:
            if not jumped:
                end = offset + 1
            return ".".join(labels) + ".", end
        labels.append(msg[offset + 1:offset + 1 + length].decode("ascii", "replace"))
        offset += 1 + length
    raise DNSError("compression loop")


def parse_response(msg: bytes, qid: int):
    rid, flags, qd, an, _ns, _ar = struct.unpack("!HHHHHH", msg[:12])
    if rid != qid or not flags & FLAG_QR:
        raise DNSError("unexpected reply")
    if flags & RCODE_MASK:
        raise DNSError(f"rcode {flags & RCODE_MASK}")
    offset = 12
    for _ in range(qd):
        _, offset = read_name(msg, offset)
        offset += 4
    answers = []
    for _ in range(an):
        name, offset = read_name(msg, offset)
        rtype, _cls, ttl, rdlen = struct.unpack("!HHIH", msg[offset:offset + 10])
        offset += 10
        rdata = msg[offset:offset + rdlen]
        if rtype == QTYPE["A"]:
            value = socket.inet_ntoa(rdata)
        elif rtype == QTYPE["AAAA"]:
            value = socket.inet_ntop(socket.AF_INET6, rdata)
        else:
            value = rdata.hex()
        answers.append((name, rtype, ttl, value))
        offset += rdlen
    return flags, answers


def query(name, qtype="A", server=DEFAULT_RESOLVER, timeout=3.0):
    qid, packet = build_query(name, qtype)
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
        udp.settimeout(timeout)
        udp.sendto(packet, server)
        reply, _ = udp.recvfrom(4096)
    flags, answers = parse_response(reply, qid)
    if flags & FLAG_TC:
        with socket.create_connection((server[0], 53), timeout=timeout) as tcp:
            tcp.sendall(struct.pack("!H", len(packet)) + packet)
            size = struct.unpack("!H", tcp.recv(2))[0]
            data = b""
            while len(data) < size:
                data += tcp.recv(size - len(data))
        flags, answers = parse_response(data, qid)
    return answers


if __name__ == "__main__":
    import sys
    for record in query(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "A"):
        print(*record)
