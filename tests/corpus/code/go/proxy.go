// Command edgeproxy is a small TLS-terminating reverse proxy with per-route upstreams,
// a Prometheus endpoint and a pprof listener for debugging.
package main

import (
	"context"
	"crypto/tls"
	"errors"
	"flag"
	"log/slog"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	_ "net/http/pprof"
	"os"
	"strings"
	"sync/atomic"
	"time"
)

// Route maps a path prefix to an upstream.
type Route struct {
	Prefix   string
	Upstream string
	Timeout  time.Duration
}

var routes = []Route{
	{Prefix: "/api/", Upstream: "http://api-backend:8000", Timeout: 10 * time.Second},
	{Prefix: "/auth/", Upstream: "http://auth.svc.cluster.local:9000", Timeout: 5 * time.Second},
	{Prefix: "/static/", Upstream: "http://127.0.0.1:8081", Timeout: 30 * time.Second},
}

type options struct {
	httpsAddr  string
	httpAddr   string
	adminAddr  string
	certFile   string
	keyFile    string
	maxConns   int
	drainAfter time.Duration
}

func parseFlags() options {
	var o options
	flag.StringVar(&o.httpsAddr, "https-addr", ":443", "TLS listener")
	flag.StringVar(&o.httpAddr, "http-addr", ":80", "plain listener that redirects to TLS")
	flag.StringVar(&o.adminAddr, "admin-addr", "127.0.0.1:9901", "metrics and pprof")
	flag.StringVar(&o.certFile, "cert", "/etc/edgeproxy/tls.crt", "certificate")
	flag.StringVar(&o.keyFile, "key", "/etc/edgeproxy/tls.key", "private key")
	flag.IntVar(&o.maxConns, "max-conns", 4096, "concurrent connections")
	flag.DurationVar(&o.drainAfter, "drain", 20*time.Second, "graceful shutdown period")
	flag.Parse()
	return o
}

type limitListener struct {
	net.Listener
	active atomic.Int64
	max    int64
}

func (l *limitListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	if l.active.Add(1) > l.max {
		l.active.Add(-1)
		c.Close()
		return nil, errors.New("edgeproxy: too many connections")
	}
	return c, nil
}

func newProxy(logger *slog.Logger) http.Handler {
	mux := http.NewServeMux()
	for _, r := range routes {
		target, err := url.Parse(r.Upstream)
		if err != nil {
			logger.Error("bad upstream", "route", r.Prefix, "err", err)
			os.Exit(1)
		}
		proxy := httputil.NewSingleHostReverseProxy(target)
		proxy.Transport = &http.Transport{
			DialContext:         (&net.Dialer{Timeout: 3 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
			MaxIdleConnsPerHost: 64,
			IdleConnTimeout:     90 * time.Second,
		}
		mux.Handle(r.Prefix, http.TimeoutHandler(proxy, r.Timeout, "upstream timeout"))
	}
	return mux
}

func redirect(w http.ResponseWriter, r *http.Request) {
	host := r.Host
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	http.Redirect(w, r, "https://"+host+r.URL.RequestURI(), http.StatusMovedPermanently)
}

func main() {
	o := parseFlags()
	logger := slog.New(slog.NewJSONHandler(os.Stderr, nil))

	ln, err := net.Listen("tcp", o.httpsAddr)
	if err != nil {
		logger.Error("listen", "err", err)
		os.Exit(1)
	}
	cert, err := tls.LoadX509KeyPair(o.certFile, o.keyFile)
	if err != nil {
		logger.Error("certificate", "err", err)
		os.Exit(1)
	}
	tlsLn := tls.NewListener(&limitListener{Listener: ln, max: int64(o.maxConns)}, &tls.Config{
		Certificates: []tls.Certificate{cert},
		MinVersion:   tls.VersionTLS12,
	})

	srv := &http.Server{Handler: newProxy(logger), ReadHeaderTimeout: 5 * time.Second}
	go func() { _ = http.ListenAndServe(o.httpAddr, http.HandlerFunc(redirect)) }()
	go func() { _ = http.ListenAndServe(o.adminAddr, http.DefaultServeMux) }()
	go func() {
		if err := srv.Serve(tlsLn); err != nil && !errors.Is(err, http.ErrServerClosed) {
			logger.Error("serve", "err", err)
		}
	}()
	logger.Info("edgeproxy up", "https", o.httpsAddr, "routes", len(routes), "upstreams", strings.Join(upstreamNames(), ","))

	<-context.Background().Done()
	ctx, cancel := context.WithTimeout(context.Background(), o.drainAfter)
	defer cancel()
	_ = srv.Shutdown(ctx)
}

func upstreamNames() []string {
	out := make([]string, 0, len(routes))
	for _, r := range routes {
		out = append(out, r.Upstream)
	}
	return out
}
