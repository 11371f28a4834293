// Package dnsfwd is a small caching DNS forwarder: it answers queries on UDP port 53 and
// forwards cache misses to upstream resolvers.
package dnsfwd

import (
	"encoding/binary"
	"errors"
	"log"
	"net"
	"sync"
	"time"
)

const (
	headerLen   = 12
	maxUDPSize  = 512
	ednsUDPSize = 4096

	typeA    = 1
	typeNS   = 2
	typeAAAA = 28
	typeOPT  = 41
	typeAXFR = 252
	typeANY  = 255

	classIN  = 1
	classANY = 255

	flagQR = 1 << 15
	rcodeNameError = 3

	pointerMask = 0xc0
)

var upstreams = []string{"1.1.1.1:53", "8.8.8.8:53", "[2606:4700:4700::1111]:53"}

var errShort = errors.New("dns: message too short")

type question struct {
	name  string
	qtype uint16
	class uint16
}

// readName decodes a possibly compressed domain name starting at off.
func readName(msg []byte, off int) (string, int, error) {
	var name []byte
	jumped := false
	end := off
	for hops := 0; hops < 64; hops++ {
		if off >= len(msg) {
			return "", 0, errShort
		}
		l := int(msg[off])
		switch {
		case l == 0:
			if !jumped {
				end = off + 1
			}
			return string(name), end, nil
		case l&pointerMask == pointerMask:
			if off+1 >= len(msg) {
				return "", 0, errShort
			}
			if !jumped {
				end = off + 2
			}
			off = int(binary.BigEndian.Uint16(msg[off:]) & 0x3fff)
			jumped = true
		default:
			if off+1+l > len(msg) || l > 63 {
				return "", 0, errShort
			}
			if len(name) > 0 {
				name = append(name, '.')
			}
			name = append(name, msg[off+1:off+1+l]...)
			off += 1 + l
		}
	}
	return "", 0, errors.New("dns: too many compression pointers")
}

func parseQuestion(msg []byte) (question, error) {
	if len(msg) < headerLen {
		return question{}, errShort
	}
	name, off, err := readName(msg, headerLen)
	if err != nil {
		return question{}, err
	}
	if off+4 > len(msg) {
		return question{}, errShort
	}
	q := question{name: name, qtype: binary.BigEndian.Uint16(msg[off:]), class: binary.BigEndian.Uint16(msg[off+2:])}
	if q.qtype == typeANY || q.qtype == typeAXFR || q.class == classANY {
		return q, errors.New("dns: refused query type")
	}
	return q, nil
}

type entry struct {
	resp    []byte
	expires time.Time
}

// Forwarder answers from its cache or from the first upstream that replies.
type Forwarder struct {
	mu    sync.Mutex
	cache map[question]entry
	conn  net.PacketConn
}

// ListenAndServe answers queries until the socket is closed.
func ListenAndServe() error {
	pc, err := net.ListenPacket("udp", ":53")
	if err != nil {
		return err
	}
	f := &Forwarder{cache: make(map[question]entry), conn: pc}
	buf := make([]byte, ednsUDPSize)
	for {
		n, addr, err := pc.ReadFrom(buf)
		if err != nil {
			return err
		}
		msg := append([]byte(nil), buf[:n]...)
		go f.handle(msg, addr)
	}
}

func (f *Forwarder) handle(msg []byte, from net.Addr) {
	q, err := parseQuestion(msg)
	if err != nil {
		msg[3] = msg[3]&0xf0 | rcodeNameError
		msg[2] |= byte(flagQR >> 8)
		_, _ = f.conn.WriteTo(msg[:headerLen], from)
		return
	}
	f.mu.Lock()
	e, ok := f.cache[q]
	f.mu.Unlock()
	if ok && time.Now().Before(e.expires) {
		resp := append([]byte(nil), e.resp...)
		copy(resp[0:2], msg[0:2])
		_, _ = f.conn.WriteTo(resp, from)
		return
	}
	for _, up := range upstreams {
		resp, err := exchange(msg, up)
		if err != nil {
			log.Printf("upstream %s: %v", up, err)
			continue
		}
		f.mu.Lock()
		f.cache[q] = entry{resp: resp, expires: time.Now().Add(60 * time.Second)}
		f.mu.Unlock()
		_, _ = f.conn.WriteTo(resp, from)
		return
	}
}

func exchange(msg []byte, upstream string) ([]byte, error) {
	c, err := net.DialTimeout("udp", upstream, 2*time.Second)
	if err != nil {
		return nil, err
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(3 * time.Second))
	if _, err := c.Write(msg); err != nil {
		return nil, err
	}
	buf := make([]byte, maxUDPSize)
	n, err := c.Read(buf)
	if err != nil {
		return nil, err
	}
	if n < headerLen || buf[2]&0x80 == 0 {
		return nil, errShort
	}
	return buf[:n], nil
}
