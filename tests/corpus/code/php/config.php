<?php

declare(strict_types=1);

/*
 * Application settings. Values come from the environment; the defaults below
 * match the docker-compose development stack (MySQL on 3306, Redis on 6379).
 */

define('APP_ENV', getenv('APP_ENV') ?: 'development');
define('APP_PORT', (int) (getenv('APP_PORT') ?: 8000));

const SESSION_LIFETIME = 7200;
const UPLOAD_MAX_BYTES = 8 * 1024 * 1024;
const API_VERSION = '2.3';

return [
    'app' => [
        'name' => 'Invoicer',
        'url' => getenv('APP_URL') ?: 'http://localhost:8000',
        'debug' => APP_ENV !== 'production',
        'timezone' => 'Europe/Berlin',
        'per_page' => 25,
    ],

    'database' => [
        'driver' => 'mysql',
        'host' => getenv('DB_HOST') ?: '127.0.0.1',
        'port' => (int) (getenv('DB_PORT') ?: 3306),
        'database' => getenv('DB_DATABASE') ?: 'invoicer',
        'username' => getenv('DB_USERNAME') ?: 'invoicer',
        'password' => getenv('DB_PASSWORD') ?: '',
        'charset' => 'utf8mb4',
        'options' => [
            PDO::ATTR_TIMEOUT => 5,
            PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION,
        ],
    ],

    'redis' => [
        'scheme' => 'tcp',
        'host' => getenv('REDIS_HOST') ?: 'redis',
        'port' => 6379,
        'database' => 0,
        'read_write_timeout' => 60,
    ],

    'mail' => [
        'transport' => 'smtp',
        'dsn' => getenv('MAILER_DSN') ?: 'smtp://mailhog:1025',
        'from' => 'billing@invoicer.example',
    ],

    'queue' => [
        'connection' => 'amqp://guest:guest@rabbitmq:5672/%2f',
        'prefetch' => 10,
        'retry_after' => 90,
    ],

    'services' => [
        'pdf_renderer' => 'http://pdf-renderer:3000/render',
        'tax_api' => 'https://api.taxrates.example.com/v1',
        'tax_api_timeout' => 3.5,
    ],

    'trusted_proxies' => ['10.0.0.0/8', '172.16.0.0/12'],
];
