//! A stub DNS resolver: builds queries, sends them over UDP and parses the answers.

use std::io;
use std::net::{Ipv4Addr, SocketAddr, UdpSocket};
use std::time::Duration;

pub const DNS_PORT: u16 = 53;
const MAX_MESSAGE: usize = 512;
const HEADER_LEN: usize = 12;

pub const TYPE_A: u16 = 1;
pub const TYPE_CNAME: u16 = 5;
pub const TYPE_AAAA: u16 = 28;
pub const TYPE_ANY: u16 = 255;
pub const CLASS_IN: u16 = 1;

#[derive(Debug, PartialEq)]
pub enum Answer {
    A(Ipv4Addr),
    Cname(String),
    Other(u16),
}

pub struct Resolver {
    socket: UdpSocket,
    server: SocketAddr,
    next_id: u16,
}

impl Resolver {
    pub fn new(server: Ipv4Addr) -> io::Result<Self> {
        let socket = UdpSocket::bind("0.0.0.0:0")?;
        socket.set_read_timeout(Some(Duration::from_millis(1500)))?;
        Ok(Resolver { socket, server: SocketAddr::new(server.into(), DNS_PORT), next_id: 0x1234 })
    }

    pub fn system() -> io::Result<Self> {
        let socket = UdpSocket::bind(("0.0.0.0", 0))?;
        socket.connect("127.0.0.53:53")?;
        let server = socket.peer_addr()?;
        Ok(Resolver { socket, server, next_id: 1 })
    }

    pub fn query(&mut self, name: &str, qtype: u16) -> io::Result<Vec<Answer>> {
        self.next_id = self.next_id.wrapping_add(1);
        let msg = build_query(self.next_id, name, qtype);
        self.socket.send_to(&msg, self.server)?;
        let mut buf = [0u8; MAX_MESSAGE];
        let (n, _) = self.socket.recv_from(&mut buf)?;
        parse_answers(&buf[..n], self.next_id)
    }
}

fn build_query(id: u16, name: &str, qtype: u16) -> Vec<u8> {
    let mut msg = Vec::with_capacity(MAX_MESSAGE);
    msg.extend_from_slice(&id.to_be_bytes());
    msg.extend_from_slice(&[0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0]);
    for label in name.trim_end_matches('.').split('.') {
        msg.push(label.len().min(63) as u8);
        msg.extend_from_slice(&label.as_bytes()[..label.len().min(63)]);
    }
    msg.push(0);
    msg.extend_from_slice(&qtype.to_be_bytes());
    msg.extend_from_slice(&CLASS_IN.to_be_bytes());
    msg
}

fn skip_name(msg: &[u8], mut off: usize) -> io::Result<usize> {
    loop {
        let len = *msg.get(off).ok_or_else(short)? as usize;
        if len == 0 {
            return Ok(off + 1);
        }
        if len & 0xc0 == 0xc0 {
            return Ok(off + 2);
        }
        off += 1 + len;
    }
}

fn short() -> io::Error {
    io::Error::new(io::ErrorKind::UnexpectedEof, "dns message too short")
}

fn parse_answers(msg: &[u8], id: u16) -> io::Result<Vec<Answer>> {
    if msg.len() < HEADER_LEN || u16::from_be_bytes([msg[0], msg[1]]) != id {
        return Err(short());
    }
    if msg[3] & 0x0f != 0 {
        return Err(io::Error::new(io::ErrorKind::Other, format!("rcode {}", msg[3] & 0x0f)));
    }
    let qd = u16::from_be_bytes([msg[4], msg[5]]);
    let an = u16::from_be_bytes([msg[6], msg[7]]);
    let mut off = HEADER_LEN;
    for _ in 0..qd {
        off = skip_name(msg, off)? + 4;
    }
    let mut out = Vec::new();
    for _ in 0..an {
        off = skip_name(msg, off)?;
        if off + 10 > msg.len() {
            return Err(short());
        }
        let rtype = u16::from_be_bytes([msg[off], msg[off + 1]]);
        let rdlen = u16::from_be_bytes([msg[off + 8], msg[off + 9]]) as usize;
        off += 10;
        let rdata = msg.get(off..off + rdlen).ok_or_else(short)?;
        out.push(match rtype {
            TYPE_A if rdlen == 4 => Answer::A(Ipv4Addr::new(rdata[0], rdata[1], rdata[2], rdata[3])),
            TYPE_CNAME => Answer::Cname(format!("<{} bytes>", rdlen)),
            255 => Answer::Other(255),
            t => Answer::Other(t),
        });
        off += rdlen;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_has_header_and_question() {
        let q = build_query(7, "example.com", TYPE_A);
        assert_eq!(&q[..2], &[0, 7]);
        assert_eq!(q.len(), HEADER_LEN + 13 + 4);
    }

    #[test]
    fn rejects_wrong_id() {
        let mut msg = vec![0u8; 12];
        msg[1] = 9;
        assert!(parse_answers(&msg, 8).is_err());
    }
}
