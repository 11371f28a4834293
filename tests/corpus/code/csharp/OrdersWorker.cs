using System;
using System.Data.SqlClient;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Fulfillment.Worker
{
    public class OrdersWorker : BackgroundService
    {
        private const string DefaultSqlConnection =
            "Server=tcp:orders-sql.database.windows.net,1433;Initial Catalog=orders;Encrypt=True;Connection Timeout=30;";
        private const int PrefetchCount = 20;
        private const int MaxDeliveryAttempts = 5;

        private readonly IConfiguration _config;
        private IConnection? _connection;
        private IModel? _channel;

        public OrdersWorker(IConfiguration config) => _config = config;

        public override Task StartAsync(CancellationToken cancellationToken)
        {
            var factory = new ConnectionFactory
            {
                HostName = _config["RabbitMq:Host"] ?? "rabbitmq",
                Port = int.Parse(_config["RabbitMq:Port"] ?? "5672"),
                UserName = _config["RabbitMq:User"] ?? "guest",
                Password = _config["RabbitMq:Password"] ?? "guest",
                RequestedHeartbeat = TimeSpan.FromSeconds(30),
                DispatchConsumersAsync = true,
            };
            _connection = factory.CreateConnection("fulfillment-worker");
            _channel = _connection.CreateModel();
            _channel.BasicQos(prefetchSize: 0, prefetchCount: PrefetchCount, global: false);
            _channel.QueueDeclare("orders.created", durable: true, exclusive: false, autoDelete: false);
            return base.StartAsync(cancellationToken);
        }

        protected override Task ExecuteAsync(CancellationToken stoppingToken)
        {
            var consumer = new AsyncEventingBasicConsumer(_channel);
            consumer.Received += async (_, ea) =>
            {
                var attempts = ea.BasicProperties.Headers != null &&
                               ea.BasicProperties.Headers.TryGetValue("x-attempts", out var a) ? (int)a : 0;
                try
                {
                    await Fulfil(ea.Body.ToArray(), stoppingToken);
                    _channel!.BasicAck(ea.DeliveryTag, multiple: false);
                }
                catch (Exception) when (attempts < MaxDeliveryAttempts)
                {
                    _channel!.BasicNack(ea.DeliveryTag, multiple: false, requeue: true);
                }
            };
            _channel.BasicConsume("orders.created", autoAck: false, consumer);
            return Task.CompletedTask;
        }

        private async Task Fulfil(byte[] body, CancellationToken ct)
        {
            var cs = _config.GetConnectionString("Orders") ?? DefaultSqlConnection;
            await using var conn = new SqlConnection(cs);
            await conn.OpenAsync(ct);
            await using var cmd = new SqlCommand("UPDATE Orders SET Status = 2 WHERE Id = @id", conn);
            cmd.Parameters.AddWithValue("@id", BitConverter.ToInt32(body, 0));
            cmd.CommandTimeout = 15;
            await cmd.ExecuteNonQueryAsync(ct);
        }

        public static string LegacyMySqlConnection(string host) =>
            $"Server={host};Port=3307;Database=legacy_orders;Uid=app;SslMode=Preferred;";

        public static Uri WarehouseApi(bool staging) => staging
            ? new Uri("http://warehouse-staging:8081/api/")
            : new Uri("https://warehouse.example.com/api/");

        public override void Dispose()
        {
            _channel?.Close();
            _connection?.Close();
            base.Dispose();
        }
    }
}
