<?php
// Tiny TCP "ping" service used by the load balancer health checks.

error_reporting(E_ALL);
set_time_limit(0);

$host = getenv('PING_BIND') ?: '0.0.0.0';
$port = (int) ($_ENV['PING_PORT'] ?? 7070);
$maxClients = 64;
$idleSeconds = 15;

$sock = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
if ($sock === false) {
    die('socket_create: ' . socket_strerror(socket_last_error()) . "\n");
}
socket_set_option($sock, SOL_SOCKET, SO_REUSEADDR, 1);
if (!socket_bind($sock, $host, $port)) {
    die("socket_bind $host:$port: " . socket_strerror(socket_last_error($sock)) . "\n");
}
socket_listen($sock, $maxClients);

// Announce ourselves to the registry over UDP.
$udp = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP);
socket_bind($udp, '0.0.0.0', 7071);
$announce = json_encode(['service' => 'ping', 'port' => $port, 'ttl' => 30]);
socket_sendto($udp, $announce, strlen($announce), 0, '10.0.0.5', 8600);

// Optional upstream check: verify the API answers before reporting healthy.
$upstream = socket_create(AF_INET, SOCK_STREAM, SOL_TCP);
socket_set_option($upstream, SOL_SOCKET, SO_SNDTIMEO, ['sec' => 2, 'usec' => 0]);
$apiUp = @socket_connect($upstream, 'api.internal', 8080);
socket_close($upstream);

$clients = [];
while (true) {
    $read = array_merge([$sock], $clients);
    $write = $except = null;
    if (socket_select($read, $write, $except, $idleSeconds) === false) {
        break;
    }
    if (in_array($sock, $read, true)) {
        $client = socket_accept($sock);
        if ($client !== false && count($clients) < $maxClients) {
            $clients[] = $client;
        } elseif ($client !== false) {
            socket_write($client, "BUSY\n");
            socket_close($client);
        }
        unset($read[array_search($sock, $read, true)]);
    }
    foreach ($read as $c) {
        $line = @socket_read($c, 1024, PHP_NORMAL_READ);
        if ($line === false || $line === '') {
            socket_close($c);
            $clients = array_filter($clients, fn ($x) => $x !== $c);
            continue;
        }
        $reply = trim($line) === 'PING' ? ($apiUp ? "PONG\n" : "DEGRADED\n") : "ERR\n";
        socket_write($c, $reply, strlen($reply));
    }
}
socket_close($sock);
