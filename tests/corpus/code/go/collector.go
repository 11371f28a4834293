// Package collector receives syslog and StatsD traffic and exports it to the metrics
// pipeline.
package collector

import (
	"bytes"
	"fmt"
	"log"
	"net"
	"strconv"
	"time"
)

// Options configures a Collector.
type Options struct {
	SyslogPort int
	StatsdAddr string
	ExportURL  string
	BatchSize  int
	FlushEvery time.Duration
}

// DefaultOptions are used for every field left zero.
var DefaultOptions = Options{
	SyslogPort: 514,
	StatsdAddr: "0.0.0.0:8125",
	ExportURL:  "http://metrics-gateway:9091/metrics/job/collector",
	BatchSize:  500,
	FlushEvery: 10 * time.Second,
}

// Severity names, indexed by the low three bits of the priority.
var severities = [8]string{"emerg", "alert", "crit", "err", "warning", "notice", "info", "debug"}

// Collector owns the listening sockets.
type Collector struct {
	opts   Options
	syslog *net.UDPConn
	statsd net.PacketConn
	batch  [][]byte
}

// New opens the sockets.
func New(opts Options) (*Collector, error) {
	if opts.SyslogPort == 0 {
		opts.SyslogPort = DefaultOptions.SyslogPort
	}
	if opts.BatchSize <= 0 || opts.BatchSize > 10000 {
		opts.BatchSize = DefaultOptions.BatchSize
	}
	sl, err := net.ListenUDP("udp", &net.UDPAddr{IP: net.IPv4zero, Port: opts.SyslogPort})
	if err != nil {
		return nil, fmt.Errorf("syslog socket: %w", err)
	}
	sd, err := net.ListenPacket("udp4", opts.StatsdAddr)
	if err != nil {
		sl.Close()
		return nil, fmt.Errorf("statsd socket: %w", err)
	}
	return &Collector{opts: opts, syslog: sl, statsd: sd}, nil
}

// parsePriority reads "<134>" at the start of a syslog line.
func parsePriority(line []byte) (facility, severity int, rest []byte, ok bool) {
	if len(line) < 3 || line[0] != '<' {
		return 0, 0, line, false
	}
	end := bytes.IndexByte(line[:min(len(line), 5)], '>')
	if end < 2 {
		return 0, 0, line, false
	}
	pri, err := strconv.Atoi(string(line[1:end]))
	if err != nil || pri > 191 {
		return 0, 0, line, false
	}
	return pri >> 3, pri & 7, line[end+1:], true
}

// parseStatsd reads "name:value|type".
func parseStatsd(line []byte) (name string, value float64, kind string, err error) {
	colon := bytes.IndexByte(line, ':')
	pipe := bytes.IndexByte(line, '|')
	if colon <= 0 || pipe < colon {
		return "", 0, "", fmt.Errorf("statsd: malformed %q", line)
	}
	value, err = strconv.ParseFloat(string(line[colon+1:pipe]), 64)
	return string(line[:colon]), value, string(line[pipe+1:]), err
}

// Run reads both sockets until they close.
func (c *Collector) Run() {
	go c.readStatsd()
	buf := make([]byte, 65535)
	for {
		n, from, err := c.syslog.ReadFromUDP(buf)
		if err != nil {
			log.Printf("syslog: %v", err)
			return
		}
		fac, sev, msg, ok := parsePriority(buf[:n])
		if !ok {
			continue
		}
		line := fmt.Sprintf("%s facility=%d severity=%s %s", from.IP, fac, severities[sev], msg)
		c.batch = append(c.batch, []byte(line))
		if len(c.batch) >= c.opts.BatchSize {
			c.flush()
		}
	}
}

func (c *Collector) readStatsd() {
	buf := make([]byte, 8192)
	for {
		n, _, err := c.statsd.ReadFrom(buf)
		if err != nil {
			return
		}
		for _, line := range bytes.Split(buf[:n], []byte("\n")) {
			if name, v, kind, err := parseStatsd(line); err == nil {
				c.batch = append(c.batch, []byte(fmt.Sprintf("%s %g %s", name, v, kind)))
			}
		}
	}
}

func (c *Collector) flush() {
	log.Printf("flushing %d records to %s", len(c.batch), c.opts.ExportURL)
	c.batch = c.batch[:0]
}
