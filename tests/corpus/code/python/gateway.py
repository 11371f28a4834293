"""Notification gateway: an aiohttp API in front of a gRPC delivery service, with a
websocket feed for dashboards and Prometheus metrics on a side port."""
import argparse
import asyncio
import json
import logging
import os
import ssl
from dataclasses import dataclass

import aiohttp
import grpc
import websockets
from aiohttp import web
from prometheus_client import Counter, start_http_server

from delivery.v1 import delivery_pb2, delivery_pb2_grpc

log = logging.getLogger("gateway")

SENT = Counter("gateway_notifications_total", "Notifications accepted", ["channel"])
MAX_BODY = 64 * 1024
CHANNELS = ("email", "sms", "push")


@dataclass
class Settings:
    http_port: int = 8080
    ws_port: int = 8765
    metrics_port: int = 9102
    delivery_target: str = "delivery:50051"
    webhook_url: str = "https://hooks.example.com/notify"
    retries: int = 3
    timeout: float = 2.5

    @classmethod
    def from_env(cls):
        s = cls()
        s.http_port = int(os.getenv("HTTP_PORT", s.http_port))
        s.delivery_target = os.getenv("DELIVERY_TARGET", s.delivery_target)
        return s


class Gateway:
    def __init__(self, settings: Settings):
        self.settings = settings
        self.channel = grpc.aio.insecure_channel(settings.delivery_target)
        self.stub = delivery_pb2_grpc.DeliveryStub(self.channel)
        self.subscribers = set()

    async def notify(self, request: web.Request) -> web.Response:
        if request.content_length and request.content_length > MAX_BODY:
            raise web.HTTPRequestEntityTooLarge(MAX_BODY, request.content_length)
        payload = await request.json()
        channel = payload.get("channel")
        if channel not in CHANNELS:
            return web.json_response({"error": f"unknown channel {channel!r}"}, status=422)
        msg = delivery_pb2.Message(channel=channel, to=payload["to"], body=payload["body"])
        for attempt in range(self.settings.retries):
            try:
                reply = await self.stub.Send(msg, timeout=self.settings.timeout)
                break
            except grpc.aio.AioRpcError as err:
                if err.code() != grpc.StatusCode.UNAVAILABLE or attempt == self.settings.retries - 1:
                    return web.json_response({"error": err.details()}, status=502)
                await asyncio.sleep(0.2 * (attempt + 1))
        SENT.labels(channel).inc()
        await self.broadcast({"id": reply.id, "channel": channel})
        return web.json_response({"id": reply.id}, status=202)

    async def broadcast(self, event):
        data = json.dumps(event)
        for ws in list(self.subscribers):
            try:
                await ws.send(data)
            except websockets.ConnectionClosed:
                self.subscribers.discard(ws)

    async def feed(self, ws):
        self.subscribers.add(ws)
        try:
            await ws.wait_closed()
        finally:
            self.subscribers.discard(ws)

    async def forward_webhook(self, event):
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=5)) as session:
            async with session.post(self.settings.webhook_url, json=event) as resp:
                if resp.status >= 400:
                    log.warning("webhook answered %d", resp.status)


def make_app(gw: Gateway) -> web.Application:
    app = web.Application(client_max_size=MAX_BODY)
    app.router.add_post("/v1/notify", gw.notify)
    app.router.add_get("/healthz", lambda _: web.Response(text="ok"))
    return app


async def run(settings: Settings, tls: ssl.SSLContext | None):
    gw = Gateway(settings)
    runner = web.AppRunner(make_app(gw))
    await runner.setup()
    site = web.TCPSite(runner, "0.0.0.0", settings.http_port, ssl_context=tls)
    await site.start()
    start_http_server(settings.metrics_port)
    async with websockets.serve(gw.feed, "0.0.0.0", settings.ws_port, max_size=2 ** 20):
        log.info("gateway up: http=%d ws=%d", settings.http_port, settings.ws_port)
        await asyncio.Future()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--http-port", type=int, default=None)
    parser.add_argument("--admin-port", type=int, default=8081)
    parser.add_argument("--cert")
    parser.add_argument("--key")
    args = parser.parse_args()
    settings = Settings.from_env()
    if args.http_port:
        settings.http_port = args.http_port
    tls = None
    if args.cert:
        tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        tls.load_cert_chain(args.cert, args.key)
    logging.basicConfig(level=logging.INFO)
    asyncio.run(run(settings, tls))


if __name__ == "__main__":
    main()
