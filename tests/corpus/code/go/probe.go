// probe checks that the services of a deployment answer: it dials TCP endpoints, runs an
// HTTP health request and a gRPC health check, and prints a table of the results.
package main

import (
	"context"
	"crypto/tls"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
)

const version = "2.3.0"

var (
	host      = flag.String("host", "localhost", "host to probe")
	httpPort  = flag.Int("http-port", 8080, "port of the HTTP health endpoint")
	grpcAddr  = flag.String("grpc-addr", "localhost:50051", "gRPC server to health-check")
	timeout   = flag.Duration("timeout", 3*time.Second, "per-check timeout")
	retries   = flag.Int("retries", 3, "attempts per check")
	tlsVerify = flag.Bool("tls-verify", true, "verify TLS certificates")
)

type check struct {
	name string
	run  func(ctx context.Context) error
}

type result struct {
	name    string
	err     error
	elapsed time.Duration
}

func tcpCheck(addr string) func(context.Context) error {
	return func(ctx context.Context) error {
		d := net.Dialer{Timeout: *timeout}
		c, err := d.DialContext(ctx, "tcp", addr)
		if err != nil {
			return err
		}
		return c.Close()
	}
}

func httpCheck(url string) func(context.Context) error {
	return func(ctx context.Context) error {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			return err
		}
		client := &http.Client{Timeout: *timeout, Transport: &http.Transport{
			TLSClientConfig: &tls.Config{InsecureSkipVerify: !*tlsVerify},
			MaxIdleConns:    2,
		}}
		resp, err := client.Do(req)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		if resp.StatusCode >= 500 || resp.StatusCode == 404 {
			return fmt.Errorf("status %d", resp.StatusCode)
		}
		return nil
	}
}

func grpcCheck(ctx context.Context) error {
	conn, err := grpc.NewClient(*grpcAddr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		return err
	}
	defer conn.Close()
	resp, err := healthpb.NewHealthClient(conn).Check(ctx, &healthpb.HealthCheckRequest{})
	if err != nil {
		return err
	}
	if resp.Status != healthpb.HealthCheckResponse_SERVING {
		return fmt.Errorf("grpc status %v", resp.Status)
	}
	return nil
}

func main() {
	flag.Usage = func() {
		fmt.Fprintf(os.Stderr, "probe %s\nusage: probe [flags]\n", version)
		flag.PrintDefaults()
	}
	flag.Parse()
	checks := []check{
		{"http", httpCheck(fmt.Sprintf("http://%s:%d/healthz", *host, *httpPort))},
		{"postgres", tcpCheck(net.JoinHostPort(*host, "5432"))},
		{"redis", tcpCheck(fmt.Sprintf("%s:%d", *host, 6379))},
		{"nats", tcpCheck("nats.internal:4222")},
		{"grpc", grpcCheck},
		{"legacy", httpCheck("https://legacy.example.com:8443/status")},
	}
	results := make([]result, 0, len(checks))
	for _, c := range checks {
		start := time.Now()
		var err error
		for attempt := 0; attempt < *retries; attempt++ {
			ctx, cancel := context.WithTimeout(context.Background(), *timeout)
			err = c.run(ctx)
			cancel()
			if err == nil {
				break
			}
			time.Sleep(time.Duration(attempt+1) * 250 * time.Millisecond)
		}
		results = append(results, result{c.name, err, time.Since(start)})
	}
	w := tabwriter.NewWriter(os.Stdout, 0, 8, 2, ' ', 0)
	fmt.Fprintln(w, "CHECK\tSTATUS\tTIME")
	failed := 0
	for _, r := range results {
		status := "ok"
		if r.err != nil {
			status = "FAIL: " + strings.TrimSpace(r.err.Error())
			failed++
		}
		fmt.Fprintf(w, "%s\t%s\t%s\n", r.name, status, r.elapsed.Round(time.Millisecond))
	}
	_ = w.Flush()
	if failed > 0 {
		os.Exit(2)
	}
}
