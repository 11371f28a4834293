<?php

use Swoole\Http\Request;
use Swoole\Http\Response;
use Swoole\Http\Server;
use Swoole\Coroutine\Redis as CoRedis;

$host = getenv('HTTP_HOST_BIND') ?: '0.0.0.0';
$port = (int) (getenv('HTTP_PORT') ?: 9501);

$http = new Server($host, $port, SWOOLE_PROCESS, SWOOLE_SOCK_TCP);
$http->set([
    'worker_num' => swoole_cpu_num() * 2,
    'max_request' => 10000,
    'package_max_length' => 2 * 1024 * 1024,
    'heartbeat_idle_time' => 60,
    'heartbeat_check_interval' => 10,
]);

// Internal metrics listener on a second port.
$metrics = $http->listen('127.0.0.1', 9502, SWOOLE_SOCK_TCP);
$metrics->set(['open_http_protocol' => true]);

$http->on('request', function (Request $request, Response $response) {
    $redis = new CoRedis();
    $redis->connect(getenv('REDIS_HOST') ?: 'redis', 6379);
    $hits = $redis->incr('hits');

    if ($request->server['request_uri'] === '/healthz') {
        $response->status(200);
        $response->end('ok');
        return;
    }

    $upstream = new Swoole\Coroutine\Http\Client('catalog.internal', 8080);
    $upstream->setHeaders(['Host' => 'catalog.internal']);
    $upstream->set(['timeout' => 3]);
    $upstream->get('/api/products?limit=20');

    $response->header('Content-Type', 'application/json');
    $response->status($upstream->statusCode ?: 502);
    $response->end(json_encode(['hits' => $hits, 'products' => json_decode($upstream->body, true)]));
    $upstream->close();
});

$http->start();
