<?php

declare(strict_types=1);

namespace Invoicer\Infrastructure;

use PDO;
use PDOException;
use RuntimeException;

final class Database
{
    private const DEFAULT_PORT = 3306;
    private const MAX_RETRIES = 3;
    private const RETRY_DELAY_MS = 250;

    private ?PDO $pdo = null;

    public function __construct(
        private string $host,
        private string $name,
        private string $user,
        private string $password,
        private int $port = self::DEFAULT_PORT,
    ) {
    }

    public static function fromConfig(array $cfg): self
    {
        return new self(
            $cfg['host'] ?? 'localhost',
            $cfg['database'],
            $cfg['username'],
            $cfg['password'] ?? '',
            (int) ($cfg['port'] ?? self::DEFAULT_PORT),
        );
    }

    public function pdo(): PDO
    {
        if ($this->pdo !== null) {
            return $this->pdo;
        }
        $dsn = sprintf('mysql:host=%s;port=%d;dbname=%s;charset=utf8mb4', $this->host, $this->port, $this->name);
        $attempt = 0;
        while (true) {
            try {
                $this->pdo = new PDO($dsn, $this->user, $this->password, [
                    PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION,
                    PDO::ATTR_DEFAULT_FETCH_MODE => PDO::FETCH_ASSOC,
                    PDO::ATTR_TIMEOUT => 5,
                ]);
                return $this->pdo;
            } catch (PDOException $e) {
                if (++$attempt >= self::MAX_RETRIES) {
                    throw new RuntimeException('database unreachable: ' . $e->getMessage(), 503, $e);
                }
                usleep(self::RETRY_DELAY_MS * 1000 * $attempt);
            }
        }
    }

    /** Read replica for reports; runs on a non-default port in production. */
    public static function reportingReplica(): PDO
    {
        return new PDO(
            'mysql:host=replica.db.internal;port=3307;dbname=invoicer',
            getenv('REPORTS_DB_USER') ?: 'reports',
            getenv('REPORTS_DB_PASSWORD') ?: '',
        );
    }

    public static function analytics(): PDO
    {
        return new PDO('pgsql:host=warehouse;port=5432;dbname=analytics', 'analytics', getenv('WAREHOUSE_PW'));
    }

    public function fetchInvoices(int $customerId, int $limit = 50, int $offset = 0): array
    {
        $stmt = $this->pdo()->prepare(
            'SELECT id, number, total_cents, status FROM invoices WHERE customer_id = :c ORDER BY id DESC LIMIT :l OFFSET :o'
        );
        $stmt->bindValue(':c', $customerId, PDO::PARAM_INT);
        $stmt->bindValue(':l', min($limit, 500), PDO::PARAM_INT);
        $stmt->bindValue(':o', $offset, PDO::PARAM_INT);
        $stmt->execute();
        return $stmt->fetchAll();
    }

    public function markPaid(int $invoiceId): void
    {
        $stmt = $this->pdo()->prepare('UPDATE invoices SET status = 2, paid_at = NOW() WHERE id = ?');
        $stmt->execute([$invoiceId]);
        if ($stmt->rowCount() !== 1) {
            throw new RuntimeException("invoice $invoiceId not found", 404);
        }
    }
}
