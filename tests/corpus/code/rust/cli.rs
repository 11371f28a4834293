//! relayctl: forwards a local TCP port to a remote service and reports traffic counters.

use std::io::{self, Read, Write};
use std::net::{Shutdown, SocketAddr, SocketAddrV4, Ipv4Addr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::Duration;

use clap::Parser;

/// Forward a local port to a remote address.
#[derive(Parser, Debug)]
#[command(name = "relayctl", version = "0.9.1")]
struct Args {
    /// Local port to accept connections on
    #[arg(short = 'l', long, default_value_t = 15432)]
    listen_port: u16,

    /// Remote address to forward to
    #[arg(short, long, default_value = "db.internal:5432")]
    remote: String,

    /// Seconds before an idle connection is dropped
    #[arg(long, default_value_t = 300)]
    idle_timeout: u64,

    /// Maximum number of concurrent connections
    #[arg(long, default_value_t = 64)]
    max_conns: usize,

    /// Port of the stats endpoint (0 disables it)
    #[arg(long, default_value_t = 9187)]
    stats_port: u16,
}

#[derive(Default)]
struct Counters {
    bytes_up: AtomicU64,
    bytes_down: AtomicU64,
    connections: AtomicU64,
}

fn pipe(mut from: TcpStream, mut to: TcpStream, counter: &AtomicU64) -> io::Result<()> {
    let mut buf = [0u8; 16 * 1024];
    loop {
        let n = from.read(&mut buf)?;
        if n == 0 {
            to.shutdown(Shutdown::Write)?;
            return Ok(());
        }
        to.write_all(&buf[..n])?;
        counter.fetch_add(n as u64, Ordering::Relaxed);
    }
}

fn serve_stats(port: u16, counters: Arc<Counters>) -> io::Result<()> {
    let listener = TcpListener::bind(SocketAddrV4::new(Ipv4Addr::LOCALHOST, port))?;
    for stream in listener.incoming() {
        let mut stream = stream?;
        let body = format!(
            "connections {}\nbytes_up {}\nbytes_down {}\n",
            counters.connections.load(Ordering::Relaxed),
            counters.bytes_up.load(Ordering::Relaxed),
            counters.bytes_down.load(Ordering::Relaxed)
        );
        write!(stream, "HTTP/1.1 200 OK\r\ncontent-length: {}\r\n\r\n{}", body.len(), body)?;
    }
    Ok(())
}

fn main() -> io::Result<()> {
    let args = Args::parse();
    let counters = Arc::new(Counters::default());
    if args.stats_port != 0 {
        let c = Arc::clone(&counters);
        let port = args.stats_port;
        thread::spawn(move || serve_stats(port, c));
    }
    let remote: SocketAddr = args
        .remote
        .parse()
        .or_else(|_| std::net::ToSocketAddrs::to_socket_addrs(&args.remote).map(|mut a| a.next().unwrap()))?;
    let listener = TcpListener::bind(("0.0.0.0", args.listen_port))?;
    eprintln!("relayctl {} -> {}", listener.local_addr()?, remote);
    for stream in listener.incoming() {
        let client = stream?;
        if counters.connections.load(Ordering::Relaxed) >= args.max_conns as u64 {
            drop(client);
            continue;
        }
        client.set_read_timeout(Some(Duration::from_secs(args.idle_timeout)))?;
        let upstream = TcpStream::connect_timeout(&remote, Duration::from_secs(5))?;
        counters.connections.fetch_add(1, Ordering::Relaxed);
        let (c1, u1) = (client.try_clone()?, upstream.try_clone()?);
        let up = Arc::clone(&counters);
        let down = Arc::clone(&counters);
        thread::spawn(move || pipe(c1, u1, &up.bytes_up));
        thread::spawn(move || pipe(upstream, client, &down.bytes_down));
    }
    Ok(())
}
