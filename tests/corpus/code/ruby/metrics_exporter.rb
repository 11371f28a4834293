# frozen_string_literal: true

require "webrick"
require "socket"
require "json"

module Exporter
  # Scrapes memcached and a statsd-compatible agent and serves the result for Prometheus.
  class Server
    LISTEN_PORT = Integer(ENV["EXPORTER_PORT"] || 9150)
    MEMCACHED = { host: ENV.fetch("MEMCACHED_HOST", "localhost"), port: 11211 }.freeze
    STATSD_ADDR = ["127.0.0.1", 8125].freeze
    SCRAPE_TIMEOUT = 2
    HTTP_OK = 200

    def initialize
      @statsd = UDPSocket.new
      @server = WEBrick::HTTPServer.new(
        BindAddress: "0.0.0.0",
        Port: LISTEN_PORT,
        AccessLog: [],
        Logger: WEBrick::Log.new($stderr, WEBrick::Log::WARN)
      )
      @server.mount_proc("/metrics") { |_req, res| metrics(res) }
      @server.mount_proc("/") { |_req, res| res.body = "see /metrics\n" }
      trap("TERM") { @server.shutdown }
    end

    def start
      @server.start
    end

    def metrics(res)
      stats = memcached_stats
      @statsd.send("exporter.scrapes:1|c", 0, *STATSD_ADDR)
      res.status = HTTP_OK
      res["Content-Type"] = "text/plain; version=0.0.4"
      res.body = stats.map { |k, v| "memcached_#{k} #{v}" }.join("\n") << "\n"
    end

    def memcached_stats
      Socket.tcp(MEMCACHED[:host], MEMCACHED[:port], connect_timeout: SCRAPE_TIMEOUT) do |sock|
        sock.write("stats\r\n")
        parse_stats(sock)
      end
    rescue Errno::ECONNREFUSED, Errno::ETIMEDOUT
      { "up" => 0 }
    end

    def parse_stats(sock)
      out = { "up" => 1 }
      while (line = sock.gets)
        break if line.start_with?("END")

        _, key, value = line.split(" ", 3)
        out[key] = value.strip if %w[curr_connections get_hits get_misses bytes].include?(key)
      end
      out
    end
  end
end

Exporter::Server.new.start if $PROGRAM_NAME == __FILE__
