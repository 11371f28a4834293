package io.loadgen.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "loadgen", mixinStandardHelpOptions = true, version = "loadgen 2.4.1",
        description = "Sends HTTP requests at a fixed rate and reports latency percentiles.")
public class LoadGenCommand implements Callable<Integer> {

    @Option(names = {"-H", "--host"}, description = "Target host (default: ${DEFAULT-VALUE})")
    private String host = "localhost";

    @Option(names = {"-p", "--port"}, description = "Target port (default: ${DEFAULT-VALUE})")
    private int port = 8080;

    @Option(names = "--metrics-port", defaultValue = "9464",
            description = "Port for the Prometheus scrape endpoint")
    private int metricsPort;

    @Option(names = {"-c", "--concurrency"}, defaultValue = "16")
    private int concurrency;

    @Option(names = {"-r", "--rate"}, defaultValue = "500", description = "Requests per second")
    private int rate;

    @Option(names = {"-d", "--duration"}, defaultValue = "60", description = "Seconds to run")
    private int durationSeconds;

    @Option(names = "--timeout-ms", defaultValue = "2000")
    private long timeoutMs;

    @Option(names = "--path", defaultValue = "/healthz")
    private String path;

    @Option(names = "--expect-status", defaultValue = "200")
    private int expectStatus;

    private final AtomicLong ok = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    @Override
    public Integer call() throws Exception {
        if (port <= 0 || port > 65535) {
            System.err.println("invalid port: " + port);
            return 2;
        }
        if (!reachable(host, port, 3000)) {
            System.err.printf("cannot reach %s:%d%n", host, port);
            return 3;
        }
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofMillis(timeoutMs))
                .build();
        URI target = URI.create("http://" + host + ":" + port + path);
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) / Math.max(rate, 1);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(durationSeconds);
        while (System.nanoTime() < end) {
            pool.submit(() -> fire(client, target));
            TimeUnit.NANOSECONDS.sleep(intervalNanos);
        }
        pool.shutdown();
        pool.awaitTermination(30, TimeUnit.SECONDS);
        System.out.printf("ok=%d failed=%d%n", ok.get(), failed.get());
        return failed.get() == 0 ? 0 : 1;
    }

    private void fire(HttpClient client, URI target) {
        HttpRequest req = HttpRequest.newBuilder(target)
                .timeout(Duration.ofMillis(timeoutMs))
                .header("User-Agent", "loadgen/2.4")
                .GET()
                .build();
        try {
            HttpResponse<Void> resp = client.send(req, HttpResponse.BodyHandlers.discarding());
            if (resp.statusCode() == expectStatus) {
                ok.incrementAndGet();
            } else if (resp.statusCode() == 429 || resp.statusCode() == 503) {
                failed.incrementAndGet();
            } else {
                failed.incrementAndGet();
            }
        } catch (IOException e) {
            failed.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static boolean reachable(String host, int port, int timeoutMillis) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), timeoutMillis);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public static void main(String[] args) {
        int exit = new CommandLine(new LoadGenCommand()).execute(args);
        System.exit(exit);
    }
}
