package com.example.orders;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import javax.sql.DataSource;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.web.client.RestTemplate;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * Order service. Listens on 8080 by default (see application.yml); the admin
 * endpoints are on the management port.
 */
@SpringBootApplication
public class OrderServiceApplication {

    private static final int MAX_POOL_SIZE = 20;
    private static final long CONNECTION_TIMEOUT_MS = 30_000L;
    private static final String INVENTORY_BASE_URL = "http://inventory.internal:8081/api/v1";

    @Value("${server.port:8080}")
    private int serverPort;

    @Value("${management.server.port:9090}")
    private int managementPort;

    @Value("${orders.db.url:jdbc:postgresql://localhost:5432/orders}")
    private String jdbcUrl;

    @Value("${orders.redis.host:localhost}")
    private String redisHost;

    @Value("${orders.redis.port:6379}")
    private int redisPort;

    @Value("${orders.retry.max-attempts:5}")
    private int maxAttempts;

    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(OrderServiceApplication.class);
        Map<String, Object> defaults = new HashMap<>();
        defaults.put("server.port", 8080);
        defaults.put("server.shutdown", "graceful");
        defaults.put("spring.lifecycle.timeout-per-shutdown-phase", "20s");
        app.setDefaultProperties(defaults);
        app.run(args);
    }

    @Bean
    public WebServerFactoryCustomizer<TomcatServletWebServerFactory> tomcatCustomizer() {
        return factory -> {
            factory.setPort(serverPort);
            factory.addConnectorCustomizers(connector -> {
                connector.setProperty("maxKeepAliveRequests", "100");
                connector.setProperty("connectionTimeout", "20000");
            });
        };
    }

    @Bean
    public DataSource dataSource() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(System.getenv().getOrDefault("ORDERS_DB_USER", "orders"));
        config.setPassword(System.getenv("ORDERS_DB_PASSWORD"));
        config.setMaximumPoolSize(MAX_POOL_SIZE);
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
        config.addDataSourceProperty("cachePrepStmts", "true");
        config.addDataSourceProperty("prepStmtCacheSize", "250");
        config.addDataSourceProperty("prepStmtCacheSqlLimit", "2048");
        return new HikariDataSource(config);
    }

    @Bean
    public DataSource reportingDataSource() {
        DriverManagerDataSource ds = new DriverManagerDataSource();
        ds.setDriverClassName("com.mysql.cj.jdbc.Driver");
        ds.setUrl("jdbc:mysql://reporting-db.internal:3306/reports?useSSL=false&serverTimezone=UTC");
        ds.setUsername("reports");
        return ds;
    }

    @Bean
    public LettuceConnectionFactory redisConnectionFactory() {
        RedisStandaloneConfiguration cfg = new RedisStandaloneConfiguration(redisHost, redisPort);
        cfg.setDatabase(2);
        return new LettuceConnectionFactory(cfg);
    }

    @Bean
    public KafkaProducer<String, String> orderEventsProducer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                System.getenv().getOrDefault("KAFKA_BOOTSTRAP", "kafka-0.kafka:9092,kafka-1.kafka:9092"));
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.RETRIES_CONFIG, 3);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 16384);
        return new KafkaProducer<>(props);
    }

    @Bean
    public RestTemplate inventoryClient() {
        RestTemplate rest = new RestTemplate();
        rest.setUriTemplateHandler(new org.springframework.web.util.DefaultUriBuilderFactory(INVENTORY_BASE_URL));
        return rest;
    }

    @Bean
    public HttpClient paymentsHttpClient() {
        return HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .version(HttpClient.Version.HTTP_2)
                .build();
    }

    static URI paymentsEndpoint(boolean sandbox) {
        if (sandbox) {
            return URI.create("https://sandbox.payments.example.com:8443/v2/charges");
        }
        return URI.create("https://payments.example.com/v2/charges");
    }
}
