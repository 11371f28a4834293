package com.example.billing.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URL;
import java.time.Duration;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.containers.wait.strategy.Wait;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = {"server.port=18080", "management.server.port=18081", "spring.jpa.open-in-view=false"})
public abstract class IntegrationTestSupport {

    private static final int WIREMOCK_PORT = 8089;
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

    static final PostgreSQLContainer<?> POSTGRES = new PostgreSQLContainer<>("postgres:15.4-alpine")
            .withDatabaseName("billing")
            .withUsername("billing")
            .withPassword("billing");

    static final GenericContainer<?> MONGO = new GenericContainer<>("mongo:6.0")
            .withExposedPorts(27017)
            .waitingFor(Wait.forListeningPort())
            .withStartupTimeout(STARTUP_TIMEOUT);

    static final GenericContainer<?> ELASTIC = new GenericContainer<>("elasticsearch:8.10.2")
            .withEnv("discovery.type", "single-node")
            .withEnv("xpack.security.enabled", "false")
            .withExposedPorts(9200, 9300);

    static WireMockServer wireMock;

    @BeforeAll
    static void startInfrastructure() {
        POSTGRES.start();
        MONGO.start();
        ELASTIC.start();
        wireMock = new WireMockServer(WireMockConfiguration.options().port(WIREMOCK_PORT).httpsPort(8490));
        wireMock.start();
    }

    @AfterAll
    static void stopInfrastructure() {
        wireMock.stop();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", POSTGRES::getJdbcUrl);
        registry.add("spring.data.mongodb.uri",
                () -> "mongodb://" + MONGO.getHost() + ":" + MONGO.getMappedPort(27017) + "/billing");
        registry.add("billing.payments.base-url", () -> "http://localhost:" + WIREMOCK_PORT);
        registry.add("billing.fx.base-url", () -> "http://localhost:8089/fx");
    }

    protected static MongoClient mongo() {
        return MongoClients.create("mongodb://localhost:" + MONGO.getFirstMappedPort());
    }

    protected static RestClient elastic() {
        return RestClient.builder(new HttpHost(ELASTIC.getHost(), ELASTIC.getMappedPort(9200), "http")).build();
    }

    protected static RestClient localElastic() {
        return RestClient.builder(new HttpHost("localhost", 9201, "http")).build();
    }

    protected static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    protected static int status(String path) throws IOException {
        HttpURLConnection conn = (HttpURLConnection) new URL("http://localhost:18080" + path).openConnection();
        conn.setConnectTimeout(2000);
        conn.setReadTimeout(5000);
        int code = conn.getResponseCode();
        assertThat(code).isBetween(200, 599);
        return code;
    }
}
