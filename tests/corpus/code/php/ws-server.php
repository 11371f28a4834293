#!/usr/bin/env php
<?php
/**
 * Minimal WebSocket broadcast server (RFC 6455) on top of stream_socket_server.
 * Usage: php ws-server.php [port]
 */

declare(strict_types=1);

const WS_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const OPCODE_TEXT = 0x1;
const OPCODE_CLOSE = 0x8;
const OPCODE_PING = 0x9;
const OPCODE_PONG = 0xA;
const MAX_FRAME = 65536;
const READ_CHUNK = 8192;

$port = isset($argv[1]) ? (int) $argv[1] : 9502;
$address = sprintf('tcp://0.0.0.0:%d', $port);

$server = stream_socket_server($address, $errno, $errstr);
if ($server === false) {
    fwrite(STDERR, "cannot listen on $address: $errstr ($errno)\n");
    exit(1);
}
stream_set_blocking($server, false);

$metrics = stream_socket_server('tcp://127.0.0.1:9503', $errno, $errstr);

$clients = [];
$handshaken = [];

function handshake(string $request): ?string
{
    if (!preg_match('/Sec-WebSocket-Key: (.*)\r\n/', $request, $m)) {
        return null;
    }
    $accept = base64_encode(sha1(trim($m[1]) . WS_GUID, true));
    return "HTTP/1.1 101 Switching Protocols\r\n"
        . "Upgrade: websocket\r\nConnection: Upgrade\r\n"
        . "Sec-WebSocket-Accept: $accept\r\n\r\n";
}

function decodeFrame(string $data): ?array
{
    if (strlen($data) < 2) {
        return null;
    }
    $b1 = ord($data[0]);
    $b2 = ord($data[1]);
    $opcode = $b1 & 0x0F;
    $masked = ($b2 & 0x80) !== 0;
    $len = $b2 & 0x7F;
    $offset = 2;
    if ($len === 126) {
        $len = unpack('n', substr($data, 2, 2))[1];
        $offset = 4;
    } elseif ($len === 127) {
        $len = unpack('J', substr($data, 2, 8))[1];
        $offset = 10;
    }
    if ($len > MAX_FRAME) {
        return ['opcode' => OPCODE_CLOSE, 'payload' => pack('n', 1009)];
    }
    $mask = $masked ? substr($data, $offset, 4) : "\0\0\0\0";
    $offset += $masked ? 4 : 0;
    $payload = substr($data, $offset, $len);
    for ($i = 0; $i < $len; $i++) {
        $payload[$i] = $payload[$i] ^ $mask[$i % 4];
    }
    return ['opcode' => $opcode, 'payload' => $payload];
}

function encodeFrame(string $payload, int $opcode = OPCODE_TEXT): string
{
    $len = strlen($payload);
    $head = chr(0x80 | $opcode);
    if ($len <= 125) {
        return $head . chr($len) . $payload;
    }
    if ($len <= 0xFFFF) {
        return $head . chr(126) . pack('n', $len) . $payload;
    }
    return $head . chr(127) . pack('J', $len) . $payload;
}

while (true) {
    $read = array_merge([$server], $clients);
    if ($metrics) {
        $read[] = $metrics;
    }
    $write = $except = null;
    if (stream_select($read, $write, $except, 1) < 1) {
        continue;
    }
    foreach ($read as $sock) {
        if ($sock === $server) {
            $conn = stream_socket_accept($server, 0);
            if ($conn) {
                $clients[(int) $conn] = $conn;
            }
            continue;
        }
        if ($sock === $metrics) {
            $c = stream_socket_accept($metrics, 0);
            fwrite($c, "HTTP/1.0 200 OK\r\n\r\nws_clients " . count($clients) . "\n");
            fclose($c);
            continue;
        }
        $data = fread($sock, READ_CHUNK);
        if ($data === '' || $data === false) {
            unset($clients[(int) $sock], $handshaken[(int) $sock]);
            fclose($sock);
            continue;
        }
        if (!isset($handshaken[(int) $sock])) {
            $reply = handshake($data);
            if ($reply === null) {
                fwrite($sock, "HTTP/1.1 400 Bad Request\r\n\r\n");
                fclose($sock);
                unset($clients[(int) $sock]);
                continue;
            }
            fwrite($sock, $reply);
            $handshaken[(int) $sock] = true;
            continue;
        }
        $frame = decodeFrame($data);
        if ($frame === null || $frame['opcode'] === OPCODE_CLOSE) {
            unset($clients[(int) $sock], $handshaken[(int) $sock]);
            fclose($sock);
            continue;
        }
        foreach ($clients as $peer) {
            if (isset($handshaken[(int) $peer])) {
                fwrite($peer, encodeFrame($frame['payload']));
            }
        }
    }
}
