/*
 * gatewayd.c - configuration and start-up of the sensor gateway daemon: it accepts
 * readings over HTTP, caches them in Redis and forwards alarms to the MQTT broker.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <hiredis/hiredis.h>
#include <mosquitto.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define GATEWAY_VERSION "1.8.0"
#define DEFAULT_HTTP_PORT 8088
#define DEFAULT_ADMIN_PORT 8089
#define MQTT_KEEPALIVE 60
#define READ_TIMEOUT_MS 2500
#define MAX_SENSORS 512

struct gateway_config {
	const char *bind_address;
	int http_port;
	int admin_port;
	const char *redis_host;
	int redis_port;
	const char *mqtt_host;
	int mqtt_port;
	int workers;
	int queue_len;
};

static const struct gateway_config defaults = {
	.bind_address = "0.0.0.0",
	.http_port = DEFAULT_HTTP_PORT,
	.admin_port = DEFAULT_ADMIN_PORT,
	.redis_host = "127.0.0.1",
	.redis_port = 6379,
	.mqtt_host = "localhost",
	.mqtt_port = 1883,
	.workers = 4,
	.queue_len = 1024,
};

static int env_int(const char *name, int fallback)
{
	const char *v = getenv(name);
	char *end;
	long n;

	if (v == NULL || *v == '\0')
		return fallback;
	errno = 0;
	n = strtol(v, &end, 10);
	if (errno != 0 || *end != '\0' || n < 0 || n > 65535)
		return fallback;
	return (int)n;
}

static void load_config(struct gateway_config *cfg)
{
	*cfg = defaults;
	cfg->http_port = env_int("GATEWAY_PORT", cfg->http_port);
	cfg->redis_port = env_int("REDIS_PORT", cfg->redis_port);
	cfg->workers = env_int("GATEWAY_WORKERS", cfg->workers);
	if (getenv("REDIS_HOST"))
		cfg->redis_host = getenv("REDIS_HOST");
	if (getenv("MQTT_HOST"))
		cfg->mqtt_host = getenv("MQTT_HOST");
}

static int open_listener(const char *address, int port, int backlog)
{
	struct sockaddr_in sin;
	int fd, one = 1;

	fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0)
		return -1;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons(port);
	if (inet_pton(AF_INET, address, &sin.sin_addr) != 1 || bind(fd, (struct sockaddr *)&sin, sizeof(sin)) < 0 ||
	    listen(fd, backlog) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

int main(void)
{
	struct gateway_config cfg;
	struct timeval tv = { READ_TIMEOUT_MS / 1000, (READ_TIMEOUT_MS % 1000) * 1000 };
	redisContext *redis;
	struct mosquitto *mosq;
	int http_fd, admin_fd;

	load_config(&cfg);
	redis = redisConnectWithTimeout(cfg.redis_host, cfg.redis_port, tv);
	if (redis == NULL || redis->err) {
		fprintf(stderr, "gatewayd: redis %s:%d: %s\n", cfg.redis_host, cfg.redis_port,
			redis ? redis->errstr : "out of memory");
		return 1;
	}
	mosquitto_lib_init();
	mosq = mosquitto_new("gatewayd", true, NULL);
	if (mosq == NULL || mosquitto_connect(mosq, cfg.mqtt_host, cfg.mqtt_port, MQTT_KEEPALIVE) != MOSQ_ERR_SUCCESS) {
		fprintf(stderr, "gatewayd: cannot reach MQTT broker at %s\n", cfg.mqtt_host);
		return 1;
	}
	http_fd = open_listener(cfg.bind_address, cfg.http_port, cfg.queue_len);
	admin_fd = open_listener("127.0.0.1", cfg.admin_port, 16);
	if (http_fd < 0 || admin_fd < 0) {
		perror("gatewayd: listen");
		return 1;
	}
	printf("gatewayd %s: http :%d, admin 127.0.0.1:%d, %d workers, up to %d sensors\n", GATEWAY_VERSION,
	       cfg.http_port, cfg.admin_port, cfg.workers, MAX_SENSORS);
	return run_workers(http_fd, admin_fd, redis, mosq, cfg.workers);
}
