<?php

declare(strict_types=1);

namespace App\Command;

use Symfony\Component\Console\Attribute\AsCommand;
use Symfony\Component\Console\Command\Command;
use Symfony\Component\Console\Input\InputInterface;
use Symfony\Component\Console\Input\InputOption;
use Symfony\Component\Console\Output\OutputInterface;

#[AsCommand(name: 'app:health', description: 'Checks that the backing services answer')]
final class HealthCheckCommand extends Command
{
    private const CHECKS = [
        'mysql' => ['db', 3306],
        'redis' => ['redis', 6379],
        'elasticsearch' => ['search', 9200],
        'memcached' => ['cache', 11211],
    ];

    protected function configure(): void
    {
        $this
            ->addOption('timeout', 't', InputOption::VALUE_REQUIRED, 'Seconds per check', '2')
            ->addOption('only', null, InputOption::VALUE_REQUIRED | InputOption::VALUE_IS_ARRAY, 'Run only these checks')
            ->addOption('statsd-port', null, InputOption::VALUE_REQUIRED, 'Report results to statsd on this UDP port', '8125')
            ->addOption('retries', 'r', InputOption::VALUE_REQUIRED, 'Attempts per check', '1');
    }

    protected function execute(InputInterface $input, OutputInterface $output): int
    {
        $timeout = (float) $input->getOption('timeout');
        $only = $input->getOption('only');
        $retries = max(1, (int) $input->getOption('retries'));
        $failed = 0;

        foreach (self::CHECKS as $name => [$host, $port]) {
            if ($only && !in_array($name, $only, true)) {
                continue;
            }
            $ok = false;
            for ($i = 0; $i < $retries && !$ok; $i++) {
                $fp = @fsockopen($host, $port, $errno, $errstr, $timeout);
                if ($fp !== false) {
                    fclose($fp);
                    $ok = true;
                }
            }
            $output->writeln(sprintf('%-14s %s:%d %s', $name, $host, $port, $ok ? '<info>ok</info>' : '<error>down</error>'));
            $failed += $ok ? 0 : 1;
        }

        $this->report((int) $input->getOption('statsd-port'), $failed);

        $smtp = @fsockopen('tls://smtp.mailgun.org', 465, $errno, $errstr, $timeout);
        if ($smtp === false) {
            $output->writeln('<comment>smtp relay unreachable (non-fatal)</comment>');
        } else {
            fclose($smtp);
        }

        return $failed === 0 ? Command::SUCCESS : Command::FAILURE;
    }

    private function report(int $statsdPort, int $failed): void
    {
        $sock = socket_create(AF_INET, SOCK_DGRAM, SOL_UDP);
        if ($sock === false) {
            return;
        }
        $msg = sprintf('health.failed:%d|g', $failed);
        socket_sendto($sock, $msg, strlen($msg), 0, '127.0.0.1', $statsdPort);
        socket_close($sock);
    }
}
