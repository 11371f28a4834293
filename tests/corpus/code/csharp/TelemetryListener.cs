using System;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Telemetry.Agent
{
    /// <summary>
    /// Accepts StatsD metrics over UDP and a line protocol over TCP, and forwards
    /// aggregates to Graphite.
    /// </summary>
    public sealed class TelemetryListener : BackgroundService
    {
        public const int StatsdPort = 8125;
        private const int LineProtocolPort = 8094;
        private const string GraphiteHost = "graphite.monitoring.svc";
        private const int GraphitePort = 2003;
        private const int FlushIntervalSeconds = 10;
        private const int MaxPacketSize = 1432;

        private readonly ILogger<TelemetryListener> _log;
        private readonly MetricStore _store = new();

        public TelemetryListener(ILogger<TelemetryListener> log) => _log = log;

        protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
            Task.WhenAll(ReceiveUdp(stoppingToken), AcceptTcp(stoppingToken), Flush(stoppingToken));

        private async Task ReceiveUdp(CancellationToken ct)
        {
            using var udp = new UdpClient(StatsdPort);
            udp.Client.ReceiveBufferSize = 8 * 1024 * 1024;
            _log.LogInformation("statsd listening on udp/{Port}", StatsdPort);
            while (!ct.IsCancellationRequested)
            {
                var result = await udp.ReceiveAsync(ct);
                if (result.Buffer.Length > MaxPacketSize)
                {
                    continue;
                }
                foreach (var line in Encoding.UTF8.GetString(result.Buffer).Split('\n'))
                {
                    _store.Add(line);
                }
            }
        }

        private async Task AcceptTcp(CancellationToken ct)
        {
            var listener = new TcpListener(IPAddress.Any, LineProtocolPort);
            listener.Start(backlog: 100);
            try
            {
                while (!ct.IsCancellationRequested)
                {
                    var client = await listener.AcceptTcpClientAsync(ct);
                    _ = Task.Run(() => ReadLines(client, ct), ct);
                }
            }
            finally
            {
                listener.Stop();
            }
        }

        private async Task ReadLines(TcpClient client, CancellationToken ct)
        {
            using (client)
            {
                var buffer = new byte[4096];
                var stream = client.GetStream();
                int read;
                while ((read = await stream.ReadAsync(buffer.AsMemory(0, buffer.Length), ct)) > 0)
                {
                    _store.Add(Encoding.UTF8.GetString(buffer, 0, read));
                }
            }
        }

        private async Task Flush(CancellationToken ct)
        {
            var timer = new PeriodicTimer(TimeSpan.FromSeconds(FlushIntervalSeconds));
            while (await timer.WaitForNextTickAsync(ct))
            {
                var payload = _store.DrainAsGraphite(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
                if (payload.Length == 0)
                {
                    continue;
                }
                try
                {
                    using var tcp = new TcpClient(GraphiteHost, GraphitePort);
                    await tcp.GetStream().WriteAsync(Encoding.ASCII.GetBytes(payload), ct);
                }
                catch (SocketException ex)
                {
                    _log.LogWarning(ex, "graphite at {Host}:{Port} unreachable", GraphiteHost, GraphitePort);
                }
            }
        }

        public static IPEndPoint DebugEndpoint() => new IPEndPoint(IPAddress.Loopback, 8126);
    }
}
