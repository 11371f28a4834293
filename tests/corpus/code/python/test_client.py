import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from inventory.client import InventoryClient, parse_endpoint


class FakeAPI(BaseHTTPRequestHandler):
    def do_GET(self):
        body = json.dumps({"id": 7, "sku": "A-1"}).encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def api():
    server = HTTPServer(("127.0.0.1", 0), FakeAPI)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def test_get_item(api):
    client = InventoryClient(api, timeout=2)
    assert client.get_item(7)["sku"] == "A-1"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("localhost:8080", ("localhost", 8080)),
        ("10.1.2.3", ("10.1.2.3", 80)),
        ("https://api.example.com", ("api.example.com", 443)),
        ("[::1]:9000", ("::1", 9000)),
    ],
)
def test_parse_endpoint(text, expected):
    assert parse_endpoint(text) == expected


def test_refuses_closed_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    client = InventoryClient(f"http://127.0.0.1:{port}", timeout=0.5)
    with pytest.raises(ConnectionError):
        client.get_item(1)


def test_default_base_url(monkeypatch):
    monkeypatch.delenv("INVENTORY_URL", raising=False)
    assert InventoryClient().base_url == "http://inventory.internal:8000"
    monkeypatch.setenv("INVENTORY_URL", "http://localhost:9999")
    assert InventoryClient().base_url == "http://localhost:9999"
