//! MQTT 3.1.1 fixed-header and CONNECT packet codec, plus a small client.

use std::io::{self, Read, Write};
use std::net::TcpStream;
use std::time::Duration;

pub const MQTT_PORT: u16 = 1883;
pub const MQTTS_PORT: u16 = 8883;
const PROTOCOL_LEVEL: u8 = 4;
const MAX_REMAINING: usize = 268_435_455;

#[repr(u8)]
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum PacketType {
    Connect = 1,
    Connack = 2,
    Publish = 3,
    Puback = 4,
    Subscribe = 8,
    Suback = 9,
    Pingreq = 12,
    Pingresp = 13,
    Disconnect = 14,
}

impl PacketType {
    fn from_byte(b: u8) -> Option<Self> {
        Some(match b >> 4 {
            1 => PacketType::Connect,
            2 => PacketType::Connack,
            3 => PacketType::Publish,
            4 => PacketType::Puback,
            8 => PacketType::Subscribe,
            9 => PacketType::Suback,
            12 => PacketType::Pingreq,
            13 => PacketType::Pingresp,
            14 => PacketType::Disconnect,
            _ => return None,
        })
    }
}

/// Encodes the variable-length "remaining length" field.
pub fn encode_remaining(mut len: usize, out: &mut Vec<u8>) {
    loop {
        let mut byte = (len % 128) as u8;
        len /= 128;
        if len > 0 {
            byte |= 0x80;
        }
        out.push(byte);
        if len == 0 {
            break;
        }
    }
}

/// Decodes the remaining length; returns it and how many bytes it took.
pub fn decode_remaining(buf: &[u8]) -> io::Result<(usize, usize)> {
    let mut value = 0usize;
    let mut multiplier = 1usize;
    for (i, &b) in buf.iter().take(4).enumerate() {
        value += (b & 127) as usize * multiplier;
        if b & 128 == 0 {
            return Ok((value, i + 1));
        }
        multiplier *= 128;
    }
    Err(io::Error::new(io::ErrorKind::InvalidData, "malformed remaining length"))
}

pub struct Client {
    stream: TcpStream,
    keep_alive: u16,
}

impl Client {
    pub fn connect(client_id: &str, keep_alive: u16) -> io::Result<Client> {
        let stream = TcpStream::connect(("broker.local", MQTT_PORT))?;
        stream.set_read_timeout(Some(Duration::from_secs(keep_alive as u64 * 3 / 2)))?;
        let mut c = Client { stream, keep_alive };
        c.send_connect(client_id)?;
        Ok(c)
    }

    pub fn connect_to(addr: &str, client_id: &str) -> io::Result<Client> {
        let stream = TcpStream::connect(addr)?;
        let mut c = Client { stream, keep_alive: 60 };
        c.send_connect(client_id)?;
        Ok(c)
    }

    fn send_connect(&mut self, client_id: &str) -> io::Result<()> {
        let mut body = Vec::with_capacity(64);
        body.extend_from_slice(&[0, 4, b'M', b'Q', b'T', b'T', PROTOCOL_LEVEL, 0x02]);
        body.extend_from_slice(&self.keep_alive.to_be_bytes());
        body.extend_from_slice(&(client_id.len() as u16).to_be_bytes());
        body.extend_from_slice(client_id.as_bytes());
        let mut packet = vec![(PacketType::Connect as u8) << 4];
        encode_remaining(body.len(), &mut packet);
        packet.extend_from_slice(&body);
        self.stream.write_all(&packet)?;
        let mut ack = [0u8; 4];
        self.stream.read_exact(&mut ack)?;
        if PacketType::from_byte(ack[0]) != Some(PacketType::Connack) || ack[3] != 0 {
            return Err(io::Error::new(io::ErrorKind::ConnectionRefused, format!("connack code {}", ack[3])));
        }
        Ok(())
    }

    pub fn ping(&mut self) -> io::Result<()> {
        self.stream.write_all(&[0xc0, 0x00])?;
        let mut resp = [0u8; 2];
        self.stream.read_exact(&mut resp)?;
        if resp[0] != 0xd0 {
            return Err(io::Error::new(io::ErrorKind::InvalidData, "expected PINGRESP"));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remaining_length_round_trips() {
        for len in [0usize, 127, 128, 16_383, 16_384, 2_097_151, MAX_REMAINING] {
            let mut out = Vec::new();
            encode_remaining(len, &mut out);
            assert_eq!(decode_remaining(&out).unwrap(), (len, out.len()));
        }
    }

    #[test]
    fn connects_to_local_broker() {
        if let Ok(mut c) = Client::connect_to("127.0.0.1:1883", "test") {
            c.ping().unwrap();
        }
    }
}
