// telnetd is a tiny telnet front end for the device console: it negotiates a few
// options, strips the protocol bytes and relays the rest to the serial bridge.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"time"
)

// Telnet command bytes (RFC 854).
const (
	SE   byte = 240
	NOP  byte = 241
	GA   byte = 249
	SB   byte = 250
	WILL byte = 251
	WONT byte = 252
	DO   byte = 253
	DONT byte = 254
	IAC  byte = 255
)

// Option codes.
const (
	optEcho     byte = 1
	optSGA      byte = 3
	optTType    byte = 24
	optNAWS     byte = 31
	optLinemode byte = 34
)

const DefaultTelnetPort = 23

var (
	listenAddr = flag.String("listen", ":2323", "address to accept telnet sessions on")
	bridgeAddr = flag.String("bridge", "127.0.0.1:7000", "serial bridge to relay to")
	idle       = flag.Duration("idle", 10*time.Minute, "close sessions idle this long")
)

type session struct {
	conn   net.Conn
	rd     *bufio.Reader
	width  int
	height int
}

func (s *session) negotiate() error {
	_, err := s.conn.Write([]byte{IAC, WILL, optEcho, IAC, WILL, optSGA, IAC, DO, optNAWS, IAC, DONT, optLinemode})
	return err
}

// readData returns the next data byte, answering any commands on the way.
func (s *session) readData() (byte, error) {
	for {
		b, err := s.rd.ReadByte()
		if err != nil {
			return 0, err
		}
		if b != IAC {
			return b, nil
		}
		cmd, err := s.rd.ReadByte()
		if err != nil {
			return 0, err
		}
		switch cmd {
		case IAC:
			return 255, nil
		case DO, DONT, WILL, WONT:
			opt, err := s.rd.ReadByte()
			if err != nil {
				return 0, err
			}
			s.answer(cmd, opt)
		case SB:
			if err := s.subnegotiation(); err != nil {
				return 0, err
			}
		case NOP, GA:
		default:
			log.Printf("telnet: ignoring command %d", cmd)
		}
	}
}

func (s *session) answer(cmd, opt byte) {
	switch {
	case cmd == 253 && (opt == optEcho || opt == optSGA):
		return
	case cmd == 253:
		_, _ = s.conn.Write([]byte{IAC, WONT, opt})
	case cmd == 251 && opt != optNAWS:
		_, _ = s.conn.Write([]byte{IAC, 254, opt})
	}
}

func (s *session) subnegotiation() error {
	var buf []byte
	for len(buf) < 64 {
		b, err := s.rd.ReadByte()
		if err != nil {
			return err
		}
		if b == IAC {
			next, err := s.rd.ReadByte()
			if err != nil {
				return err
			}
			if next == SE {
				break
			}
		}
		buf = append(buf, b)
	}
	if len(buf) == 5 && buf[0] == optNAWS {
		s.width = int(buf[1])<<8 | int(buf[2])
		s.height = int(buf[3])<<8 | int(buf[4])
	}
	return nil
}

func serve(c net.Conn) {
	defer c.Close()
	s := &session{conn: c, rd: bufio.NewReaderSize(c, 4096), width: 80, height: 24}
	if err := s.negotiate(); err != nil {
		return
	}
	bridge, err := net.Dial("tcp", *bridgeAddr)
	if err != nil {
		fmt.Fprintf(c, "bridge unavailable: %v\r\n", err)
		return
	}
	defer bridge.Close()
	go func() { _, _ = io.Copy(c, bridge) }()
	for {
		_ = c.SetReadDeadline(time.Now().Add(*idle))
		b, err := s.readData()
		if err != nil {
			return
		}
		if _, err := bridge.Write([]byte{b}); err != nil {
			return
		}
	}
}

func main() {
	flag.Parse()
	ln, err := net.Listen("tcp", *listenAddr)
	if err != nil {
		log.Fatalf("listen: %v (the standard telnet port is %d)", err, DefaultTelnetPort)
	}
	log.Printf("telnetd accepting on %s", ln.Addr())
	for {
		c, err := ln.Accept()
		if err != nil {
			log.Print(err)
			time.Sleep(100 * time.Millisecond)
			continue
		}
		go serve(c)
	}
}
