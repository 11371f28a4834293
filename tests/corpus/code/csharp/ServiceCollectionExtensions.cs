using System;
using System.Net.Http;
using Confluent.Kafka;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MongoDB.Driver;
using Polly;
using StackExchange.Redis;

namespace Ledger.Infrastructure
{
    public static class ServiceCollectionExtensions
    {
        private const int DefaultMongoPort = 27017;
        private const int RetryCount = 3;

        public static IServiceCollection AddLedgerInfrastructure(this IServiceCollection services, IConfiguration config)
        {
            var mongoUrl = config["Mongo:Url"] ?? $"mongodb://localhost:27017/ledger";
            services.AddSingleton<IMongoClient>(_ => new MongoClient(mongoUrl));

            services.AddSingleton<IConnectionMultiplexer>(_ =>
                ConnectionMultiplexer.Connect(config.GetConnectionString("Redis") ?? "localhost:6379"));

            services.AddSingleton<IProducer<string, string>>(_ =>
                new ProducerBuilder<string, string>(new ProducerConfig
                {
                    BootstrapServers = config["Kafka:BootstrapServers"] ?? "kafka:9092",
                    Acks = Acks.All,
                    MessageTimeoutMs = 30000,
                    LingerMs = 5,
                }).Build());

            services.AddMassTransit(x =>
            {
                x.UsingRabbitMq((context, cfg) =>
                {
                    cfg.Host("rabbitmq", 5672, "/", h =>
                    {
                        h.Username("guest");
                        h.Password("guest");
                    });
                    cfg.ConfigureEndpoints(context);
                });
            });

            services.AddHttpClient("fx", client =>
                {
                    client.BaseAddress = new Uri("http://fx-rates.internal:8080/");
                    client.Timeout = TimeSpan.FromSeconds(10);
                })
                .AddTransientHttpErrorPolicy(p => p.WaitAndRetryAsync(RetryCount, attempt => TimeSpan.FromMilliseconds(200 * attempt)));

            services.Configure<SmtpSettings>(s =>
            {
                s.Host = config["Smtp:Host"] ?? "smtp.office365.com";
                s.Port = config.GetValue<int?>("Smtp:Port") ?? 587;
                s.EnableSsl = true;
            });

            return services;
        }

        public static MongoClientSettings LocalMongo() => new MongoClientSettings
        {
            Server = new MongoServerAddress("localhost", DefaultMongoPort),
            ConnectTimeout = TimeSpan.FromSeconds(5),
        };
    }

    public sealed class SmtpSettings
    {
        public string Host { get; set; } = "localhost";
        public int Port { get; set; } = 25;
        public bool EnableSsl { get; set; }
    }
}
