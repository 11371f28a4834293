#!/usr/bin/env python3
"""Summarise captured traffic per service: reads a pcap, classifies packets by
well-known destination port and prints the top talkers."""
import argparse
import collections
import ipaddress
import struct
import sys

ETH_P_IP = 0x0800
ETH_P_IPV6 = 0x86DD
IPPROTO_TCP = 6
IPPROTO_UDP = 17
PCAP_MAGIC = 0xA1B2C3D4
PCAP_MAGIC_SWAPPED = 0xD4C3B2A1
SNAPLEN = 262144
TCP_FLAGS = {0x01: "FIN", 0x02: "SYN", 0x04: "RST", 0x08: "PSH", 0x10: "ACK", 0x20: "URG"}

SERVICES = {
    22: "ssh",
    53: "dns",
    80: "http",
    123: "ntp",
    443: "https",
    3306: "mysql",
    5432: "postgres",
    6379: "redis",
}
EPHEMERAL_START = 32768


def read_pcap(path):
    with open(path, "rb") as f:
        header = f.read(24)
        magic = struct.unpack("<I", header[:4])[0]
        endian = "<" if magic == PCAP_MAGIC else ">"
        if magic not in (PCAP_MAGIC, PCAP_MAGIC_SWAPPED):
            raise ValueError("not a pcap file")
        while True:
            rec = f.read(16)
            if len(rec) < 16:
                return
            _ts, _us, incl, _orig = struct.unpack(endian + "IIII", rec)
            yield f.read(incl)


def parse(frame):
    if len(frame) < 14:
        return None
    ethertype = struct.unpack("!H", frame[12:14])[0]
    if ethertype != ETH_P_IP:
        return None
    ihl = (frame[14] & 0x0F) * 4
    proto = frame[23]
    src = ipaddress.ip_address(frame[26:30])
    dst = ipaddress.ip_address(frame[30:34])
    l4 = frame[14 + ihl:]
    if proto not in (IPPROTO_TCP, IPPROTO_UDP) or len(l4) < 4:
        return None
    sport, dport = struct.unpack("!HH", l4[:4])
    return proto, src, sport, dst, dport


def service_of(sport, dport):
    for port in (dport, sport):
        if port in SERVICES:
            return SERVICES[port]
    if dport == 53 or sport == 53:
        return "dns"
    if dport >= EPHEMERAL_START and sport >= EPHEMERAL_START:
        return "ephemeral"
    return "other"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("pcap")
    ap.add_argument("--top", type=int, default=10)
    ap.add_argument("--only-port", type=int, help="keep packets to or from this port")
    args = ap.parse_args(argv)
    bytes_by = collections.Counter()
    packets = 0
    for frame in read_pcap(args.pcap):
        parsed = parse(frame)
        if parsed is None:
            continue
        proto, src, sport, dst, dport = parsed
        if args.only_port and args.only_port not in (sport, dport):
            continue
        packets += 1
        key = (service_of(sport, dport), "tcp" if proto == IPPROTO_TCP else "udp", str(src))
        bytes_by[key] += len(frame)
    print(f"{packets} packets")
    for (svc, proto, host), size in bytes_by.most_common(args.top):
        print(f"{svc:<10} {proto:<4} {host:<40} {size:>12,d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
