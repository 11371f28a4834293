"""Receive syslog over UDP, batch it, and forward it to a collector over TCP.

Also answers a tiny status protocol on a local TCP port for the monitoring agent.
"""
import asyncio
import logging
import os
import signal
import socket
import struct
import threading
from collections import deque

LISTEN_ADDR = ("0.0.0.0", 514)
STATUS_PORT = 9514
COLLECTOR_HOST = os.environ.get("COLLECTOR_HOST", "logs.example.net")
COLLECTOR_PORT = int(os.environ.get("COLLECTOR_PORT", "6514"))
BATCH_SIZE = 256
FLUSH_INTERVAL = 2.0
MAX_DATAGRAM = 65535
FACILITY_MASK = 0x03F8
SEVERITY_MASK = 0x07

log = logging.getLogger("relay")
queue = deque(maxlen=100_000)
stats = {"received": 0, "forwarded": 0, "dropped": 0}


def parse_priority(datagram: bytes):
    """'<134>Oct 11 22:14:15 host app: msg' -> (facility, severity, rest)."""
    if not datagram.startswith(b"<"):
        return None
    end = datagram.find(b">", 1, 5)
    if end < 0:
        return None
    pri = int(datagram[1:end])
    if pri > 191:
        return None
    return pri >> 3, pri & SEVERITY_MASK, datagram[end + 1:]


def receiver(stop: threading.Event):
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 * 1024 * 1024)
    sock.bind(LISTEN_ADDR)
    sock.settimeout(0.5)
    while not stop.is_set():
        try:
            data, peer = sock.recvfrom(MAX_DATAGRAM)
        except socket.timeout:
            continue
        stats["received"] += 1
        if parse_priority(data) is None:
            stats["dropped"] += 1
            continue
        queue.append(data)
    sock.close()


def frame(message: bytes) -> bytes:
    # RFC 6587 octet counting
    return str(len(message)).encode() + b" " + message


def forwarder(stop: threading.Event):
    conn = None
    while not stop.is_set():
        if conn is None:
            try:
                conn = socket.create_connection((COLLECTOR_HOST, COLLECTOR_PORT), timeout=5)
            except OSError as exc:
                log.warning("collector %s:%d unreachable: %s", COLLECTOR_HOST, COLLECTOR_PORT, exc)
                stop.wait(FLUSH_INTERVAL)
                continue
        batch = [queue.popleft() for _ in range(min(len(queue), BATCH_SIZE))]
        if not batch:
            stop.wait(FLUSH_INTERVAL)
            continue
        try:
            conn.sendall(b"".join(frame(m) for m in batch))
            stats["forwarded"] += len(batch)
        except OSError:
            queue.extendleft(reversed(batch))
            conn.close()
            conn = None


def send_test_message(text: str, host: str = "127.0.0.1"):
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.sendto(b"<14>" + text.encode(), (host, 514))


async def status_handler(reader, writer):
    line = await reader.readline()
    if line.strip() == b"STATS":
        body = " ".join(f"{k}={v}" for k, v in stats.items())
        writer.write(body.encode() + b"\n")
    else:
        writer.write(b"ERR unknown command\n")
    await writer.drain()
    writer.close()


async def serve_status(stop: threading.Event):
    server = await asyncio.start_server(status_handler, "127.0.0.1", STATUS_PORT)
    async with server:
        while not stop.is_set():
            await asyncio.sleep(1)


def main():
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    threads = [threading.Thread(target=receiver, args=(stop,), daemon=True),
               threading.Thread(target=forwarder, args=(stop,), daemon=True)]
    for t in threads:
        t.start()
    log.info("relaying udp/%d to %s:%d", LISTEN_ADDR[1], COLLECTOR_HOST, COLLECTOR_PORT)
    asyncio.run(serve_status(stop))
    for t in threads:
        t.join(timeout=5)


if __name__ == "__main__":
    main()
