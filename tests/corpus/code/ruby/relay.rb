#!/usr/bin/env ruby
# frozen_string_literal: true

# relay: a small TCP/UDP port forwarder for local development.
#
#   relay --listen 15432 --to db.staging.internal:5432
#   relay --udp --listen 5353 --to 10.0.0.2:53

require "optparse"
require "socket"
require "logger"

options = {
  listen: 8000,
  bind: "127.0.0.1",
  to: "localhost:3000",
  udp: false,
  timeout: 30,
  buffer: 16 * 1024,
  verbose: false
}

OptionParser.new do |opts|
  opts.banner = "Usage: relay [options]"
  opts.on("-l", "--listen PORT", Integer, "Local port (default #{options[:listen]})") { |v| options[:listen] = v }
  opts.on("-b", "--bind ADDR", "Local address (default #{options[:bind]})") { |v| options[:bind] = v }
  opts.on("-t", "--to HOST:PORT", "Where to forward") { |v| options[:to] = v }
  opts.on("-u", "--udp", "Forward UDP datagrams instead of TCP") { options[:udp] = true }
  opts.on("--timeout SECONDS", Integer, "Idle timeout (default 30)") { |v| options[:timeout] = v }
  opts.on("-v", "--verbose") { options[:verbose] = true }
end.parse!

log = Logger.new($stderr)
log.level = options[:verbose] ? Logger::DEBUG : Logger::INFO

target_host, target_port = options[:to].split(":", 2)
target_port = Integer(target_port || 80)

def pipe(from, to, buffer)
  loop do
    data = from.readpartial(buffer)
    to.write(data)
  end
rescue EOFError, IOError, Errno::ECONNRESET
  nil
ensure
  to.close_write rescue nil
end

if options[:udp]
  sock = UDPSocket.new
  sock.bind(options[:bind], options[:listen])
  upstream = UDPSocket.new
  upstream.connect(target_host, target_port)
  log.info("udp #{options[:bind]}:#{options[:listen]} -> #{target_host}:#{target_port}")
  loop do
    data, peer = sock.recvfrom(65_535)
    upstream.send(data, 0)
    reply = upstream.recv(65_535)
    sock.send(reply, 0, peer[3], peer[1])
  end
else
  server = TCPServer.new(options[:bind], options[:listen])
  log.info("tcp #{options[:bind]}:#{options[:listen]} -> #{target_host}:#{target_port}")
  loop do
    client = server.accept
    Thread.new(client) do |c|
      remote = Socket.tcp(target_host, target_port, connect_timeout: 5)
      a = Thread.new { pipe(c, remote, options[:buffer]) }
      b = Thread.new { pipe(remote, c, options[:buffer]) }
      [a, b].each(&:join)
    rescue Errno::ECONNREFUSED, Errno::ETIMEDOUT => e
      log.warn("#{target_host}:#{target_port}: #{e.message}")
    ensure
      c.close
      remote&.close
    end
  end
end
