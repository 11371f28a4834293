package com.acme.gateway;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.JedisPoolConfig;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

public final class GatewayServer {

    private static final int HTTP_PORT =
            Optional.ofNullable(System.getenv("GATEWAY_PORT")).map(Integer::parseInt).orElse(8443);
    private static final int GRPC_PORT = Integer.getInteger("gateway.grpc.port", 50051);
    private static final int WORKER_THREADS = Runtime.getRuntime().availableProcessors() * 2;
    private static final int MAX_CONTENT_LENGTH = 1 << 20;

    private final EventLoopGroup boss = new NioEventLoopGroup(1);
    private final EventLoopGroup workers = new NioEventLoopGroup(WORKER_THREADS);

    private JedisPool sessions;
    private ManagedChannel accounts;
    private Server grpc;

    public static void main(String[] args) throws Exception {
        GatewayServer gw = new GatewayServer();
        gw.connectBackends();
        gw.startGrpc();
        gw.startAdmin();
        gw.serveHttp();
    }

    void connectBackends() {
        JedisPoolConfig poolConfig = new JedisPoolConfig();
        poolConfig.setMaxTotal(64);
        poolConfig.setMaxIdle(16);
        sessions = new JedisPool(poolConfig, "sessions-redis", 6379, 2000);

        accounts = ManagedChannelBuilder.forAddress("accounts.svc.cluster.local", 9000)
                .usePlaintext()
                .keepAliveTime(30, TimeUnit.SECONDS)
                .build();
    }

    void startGrpc() throws Exception {
        grpc = ServerBuilder.forPort(GRPC_PORT)
                .addService(new AccountsProxy(accounts))
                .maxInboundMessageSize(4 * 1024 * 1024)
                .build()
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> grpc.shutdown()));
    }

    void startAdmin() {
        Vertx vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        router.get("/healthz").handler(ctx -> ctx.response().setStatusCode(204).end());
        router.get("/readyz").handler(ctx -> {
            WebClient client = WebClient.create(vertx);
            client.get(8500, "consul.service.consul", "/v1/status/leader")
                    .send(ar -> ctx.response().setStatusCode(ar.succeeded() ? 200 : 503).end());
        });
        vertx.createHttpServer()
                .requestHandler(router)
                .listen(8558, "127.0.0.1");
    }

    void serveHttp() throws InterruptedException {
        try {
            ServerBootstrap b = new ServerBootstrap();
            b.group(boss, workers)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline()
                                    .addLast(new HttpServerCodec())
                                    .addLast(new HttpObjectAggregator(MAX_CONTENT_LENGTH))
                                    .addLast(new GatewayHandler(sessions));
                        }
                    });
            ChannelFuture f = b.bind(HTTP_PORT).sync();
            ChannelFuture redirect = b.bind(8080).sync();
            f.channel().closeFuture().sync();
            redirect.channel().close();
        } finally {
            workers.shutdownGracefully();
            boss.shutdownGracefully();
        }
    }

    static ChannelFuture dialUpstream(EventLoopGroup group, String host) {
        Bootstrap b = new Bootstrap();
        b.group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5000)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec());
                    }
                });
        return b.connect(host, 443);
    }
}
