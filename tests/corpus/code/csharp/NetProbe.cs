using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Diagnostics;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace NetProbe
{
    /// <summary>netprobe: checks that a list of TCP services answer, like a tiny nmap -sT.</summary>
    public static class Program
    {
        private static readonly Dictionary<string, int> WellKnown = new()
        {
            ["ssh"] = 22,
            ["http"] = 80,
            ["https"] = 443,
            ["postgres"] = 5432,
            ["redis"] = 6379,
        };

        public static async Task<int> Main(string[] args)
        {
            var hostOption = new Option<string>("--host", () => "127.0.0.1", "Host to probe");
            var portOption = new Option<int[]>("--port", "Ports to probe (repeatable)") { AllowMultipleArgumentsPerToken = true };
            var timeoutOption = new Option<int>("--timeout", () => 1500, "Connect timeout in milliseconds");
            var parallelOption = new Option<int>("--parallel", () => 8, "Probes in flight");
            var serviceOption = new Option<string[]>("--service", "Well-known service names (ssh, http, ...)");

            var root = new RootCommand("Checks whether TCP ports accept connections")
            {
                hostOption, portOption, timeoutOption, parallelOption, serviceOption,
            };

            root.SetHandler(async (host, ports, timeout, parallel, services) =>
            {
                var targets = new List<int>(ports ?? Array.Empty<int>());
                foreach (var name in services ?? Array.Empty<string>())
                {
                    if (WellKnown.TryGetValue(name, out var p))
                    {
                        targets.Add(p);
                    }
                    else
                    {
                        Console.Error.WriteLine($"unknown service '{name}'");
                        Environment.ExitCode = 64;
                    }
                }
                if (targets.Count == 0)
                {
                    targets.Add(80);
                }
                await ProbeAll(host, targets, TimeSpan.FromMilliseconds(timeout), parallel);
            }, hostOption, portOption, timeoutOption, parallelOption, serviceOption);

            return await root.InvokeAsync(args);
        }

        private static async Task ProbeAll(string host, IReadOnlyList<int> ports, TimeSpan timeout, int parallel)
        {
            using var gate = new SemaphoreSlim(parallel);
            var tasks = new List<Task>();
            foreach (var port in ports)
            {
                if (port < 1 || port > 65535)
                {
                    Console.Error.WriteLine($"skipping invalid port {port}");
                    continue;
                }
                await gate.WaitAsync();
                tasks.Add(Task.Run(async () =>
                {
                    try
                    {
                        var sw = Stopwatch.StartNew();
                        var open = await IsOpen(host, port, timeout);
                        Console.WriteLine($"{host}:{port,-5} {(open ? "open" : "closed"),-6} {sw.ElapsedMilliseconds,4} ms");
                    }
                    finally
                    {
                        gate.Release();
                    }
                }));
            }
            await Task.WhenAll(tasks);
        }

        private static async Task<bool> IsOpen(string host, int port, TimeSpan timeout)
        {
            using var client = new TcpClient();
            using var cts = new CancellationTokenSource(timeout);
            try
            {
                await client.ConnectAsync(host, port, cts.Token);
                return true;
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException)
            {
                return false;
            }
        }
    }
}
