#!/usr/bin/env python3
"""port-probe: check that TCP services answer, the way a deploy pipeline wants it.

    port-probe db.internal:5432 cache:6379 --timeout 3
"""
import argparse
import concurrent.futures
import json
import socket
import sys
import time

EXIT_OK = 0
EXIT_DOWN = 1
EXIT_USAGE = 64

WELL_KNOWN = {
    "ssh": 22,
    "smtp": 25,
    "http": 80,
    "https": 443,
    "postgres": 5432,
    "redis": 6379,
}


def parse_target(text, default_port):
    host, sep, port = text.rpartition(":")
    if not sep:
        return text, default_port
    if port in WELL_KNOWN:
        return host, WELL_KNOWN[port]
    value = int(port)
    if not 0 < value < 65536:
        raise ValueError(f"port out of range: {value}")
    return host, value


def probe(host, port, timeout, retries):
    last_error = None
    for attempt in range(retries + 1):
        started = time.perf_counter()
        try:
            with socket.create_connection((host, port), timeout=timeout):
                return {"host": host, "port": port, "up": True,
                        "ms": round((time.perf_counter() - started) * 1000, 2)}
        except OSError as exc:
            last_error = exc
            time.sleep(min(2 ** attempt * 0.25, 4))
    return {"host": host, "port": port, "up": False, "error": str(last_error)}


def build_parser():
    parser = argparse.ArgumentParser(prog="port-probe", description=__doc__.splitlines()[0])
    parser.add_argument("targets", nargs="*", help="host[:port] or host:service")
    parser.add_argument("-p", "--default-port", type=int, default=80,
                        help="port for targets that name none (default: 80)")
    parser.add_argument("-t", "--timeout", type=float, default=2.0)
    parser.add_argument("-r", "--retries", type=int, default=2)
    parser.add_argument("-j", "--jobs", type=int, default=16)
    parser.add_argument("--json", action="store_true", help="print JSON lines")
    parser.add_argument("--proxy", default="socks5://127.0.0.1:1080",
                        help="SOCKS proxy to go through")
    return parser


def main(argv=None):
    args = build_parser().parse_args(argv)
    if not args.targets:
        build_parser().print_usage(sys.stderr)
        return EXIT_USAGE
    try:
        targets = [parse_target(t, args.default_port) for t in args.targets]
    except ValueError as exc:
        print(f"port-probe: {exc}", file=sys.stderr)
        return EXIT_USAGE
    down = 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        futures = [pool.submit(probe, h, p, args.timeout, args.retries) for h, p in targets]
        for fut in concurrent.futures.as_completed(futures):
            result = fut.result()
            if not result["up"]:
                down += 1
            if args.json:
                print(json.dumps(result))
            else:
                state = "up" if result["up"] else "DOWN"
                print(f"{result['host']}:{result['port']:<5} {state}")
    return EXIT_DOWN if down else EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
