#!/usr/bin/env python3
"""Serve a build directory with the headers a single-page app needs, and reload
connected browsers when files change."""
import functools
import http.server
import os
import socketserver
import sys
import threading
import time
from pathlib import Path

PORT = 8000
LIVERELOAD_PORT = 35729
POLL_SECONDS = 0.5
MAX_AGE = 0

MIME_OVERRIDES = {
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".wasm": "application/wasm",
    ".map": "application/json",
}


class SPAHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **MIME_OVERRIDES}

    def end_headers(self):
        self.send_header("Cache-Control", f"max-age={MAX_AGE}, no-store")
        self.send_header("Access-Control-Allow-Origin", "http://localhost:3000")
        self.send_header("Cross-Origin-Opener-Policy", "same-origin")
        super().end_headers()

    def send_error(self, code, message=None, explain=None):
        # unknown paths are client-side routes: answer with the app shell
        if code == 404 and self.command == "GET" and "." not in Path(self.path).name:
            self.path = "/index.html"
            return super().do_GET()
        return super().send_error(code, message, explain)

    def log_message(self, fmt, *args):
        if os.environ.get("QUIET") != "1":
            sys.stderr.write("%s %s\n" % (self.log_date_time_string(), fmt % args))


class ReloadHandler(socketserver.StreamRequestHandler):
    clients = []

    def handle(self):
        self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\n")
        self.clients.append(self.wfile)
        while True:
            time.sleep(60)


def watch(root: Path):
    seen = {}
    while True:
        changed = False
        for path in root.rglob("*"):
            mtime = path.stat().st_mtime
            if seen.get(path) != mtime:
                changed = changed or path in seen
                seen[path] = mtime
        if changed:
            for out in list(ReloadHandler.clients):
                try:
                    out.write(b"data: reload\n\n")
                    out.flush()
                except OSError:
                    ReloadHandler.clients.remove(out)
        time.sleep(POLL_SECONDS)


def main():
    root = Path(sys.argv[1] if len(sys.argv) > 1 else "dist").resolve()
    port = int(os.environ.get("PORT", PORT))
    handler = functools.partial(SPAHandler, directory=str(root))
    socketserver.ThreadingTCPServer.allow_reuse_address = True
    reload_server = socketserver.ThreadingTCPServer(("127.0.0.1", LIVERELOAD_PORT), ReloadHandler)
    threading.Thread(target=reload_server.serve_forever, daemon=True).start()
    threading.Thread(target=watch, args=(root,), daemon=True).start()
    with http.server.ThreadingHTTPServer(("", port), handler) as httpd:
        print(f"serving {root} at http://localhost:{port}/ (live reload on :{LIVERELOAD_PORT})")
        try:
            httpd.serve_forever()
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
