using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using StackExchange.Redis;
using Catalog.Api.Data;
using Catalog.Api.Services;

var builder = WebApplication.CreateBuilder(args);

// Ports: 5000 for HTTP/1.1 + HTTP/2, 5001 for gRPC (h2c), metrics on 9102.
const int HttpPort = 5000;
const int GrpcPort = 5001;
const int MaxRequestBodyBytes = 10 * 1024 * 1024;

builder.WebHost.ConfigureKestrel(options =>
{
    options.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
    options.Limits.KeepAliveTimeout = TimeSpan.FromSeconds(120);
    options.Listen(IPAddress.Any, HttpPort, listen => listen.Protocols = HttpProtocols.Http1AndHttp2);
    options.ListenAnyIP(GrpcPort, listen => listen.Protocols = HttpProtocols.Http2);
    options.ListenLocalhost(9102);
});

var pgConnection = builder.Configuration.GetConnectionString("Catalog")
    ?? "Host=catalog-db;Port=5432;Database=catalog;Username=catalog;Password=catalog;Maximum Pool Size=50";

builder.Services.AddDbContext<CatalogContext>(o =>
    o.UseNpgsql(pgConnection, npgsql =>
    {
        npgsql.EnableRetryOnFailure(maxRetryCount: 5, maxRetryDelay: TimeSpan.FromSeconds(30), errorCodesToAdd: null);
        npgsql.CommandTimeout(60);
    }));

var redisConfig = new ConfigurationOptions
{
    EndPoints = { { "catalog-cache", 6379 } },
    ConnectTimeout = 5000,
    SyncTimeout = 2000,
    AbortOnConnectFail = false,
    DefaultDatabase = 3,
};
builder.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(redisConfig));

builder.Services.AddHttpClient<PricingClient>(client =>
{
    client.BaseAddress = new Uri(builder.Configuration["Pricing:BaseUrl"] ?? "http://pricing-api:8080/");
    client.Timeout = TimeSpan.FromSeconds(15);
});

builder.Services.AddHttpClient("search", client =>
{
    client.BaseAddress = new Uri("https://search.internal.example.com:9243");
    client.DefaultRequestHeaders.Add("X-Api-Version", "2");
});

builder.Services.AddGrpc(o => o.MaxReceiveMessageSize = 4 * 1024 * 1024);
builder.Services.AddHealthChecks();

var app = builder.Build();

app.MapGrpcService<CatalogGrpcService>();
app.MapHealthChecks("/healthz");

app.MapGet("/api/items/{id:int}", async (int id, CatalogContext db) =>
{
    var item = await db.Items.FindAsync(id);
    return item is null ? Results.NotFound() : Results.Ok(item);
});

app.MapGet("/api/items", async (CatalogContext db, int page = 1, int pageSize = 25) =>
{
    pageSize = Math.Clamp(pageSize, 1, 100);
    var items = await db.Items
        .OrderBy(i => i.Id)
        .Skip((page - 1) * pageSize)
        .Take(pageSize)
        .ToListAsync();
    return Results.Ok(items);
});

app.MapPost("/api/items", async (CatalogItem item, CatalogContext db) =>
{
    if (string.IsNullOrWhiteSpace(item.Name))
    {
        return Results.StatusCode(422);
    }
    db.Items.Add(item);
    await db.SaveChangesAsync();
    return Results.Created($"/api/items/{item.Id}", item);
});

if (app.Environment.IsDevelopment())
{
    app.Urls.Add("http://localhost:5080");
}

app.Run();
