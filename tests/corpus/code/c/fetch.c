/*
 * fetch.c - minimal HTTP/1.0 client used by the updater to download manifests.
 */
#include <errno.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "fetch.h"

#define DEFAULT_MANIFEST_URL "http://updates.example.net:8081/manifest.json"
#define HTTP_DEFAULT_PORT "80"
#define MAX_RESPONSE (1 << 20)
#define USER_AGENT "updater/3.2.1"

struct url {
	char host[256];
	char port[6];
	char path[1024];
};

/* Splits "http://host[:port]/path"; only plain http is supported. */
static int parse_url(const char *s, struct url *u)
{
	const char *p, *slash, *colon;
	size_t n;

	if (strncmp(s, "http://", 7) != 0)
		return -1;
	p = s + 7;
	slash = strchr(p, '/');
	if (slash == NULL)
		slash = p + strlen(p);
	colon = memchr(p, ':', (size_t)(slash - p));
	n = (size_t)((colon ? colon : slash) - p);
	if (n == 0 || n >= sizeof(u->host))
		return -1;
	memcpy(u->host, p, n);
	u->host[n] = '\0';
	if (colon) {
		n = (size_t)(slash - colon - 1);
		if (n == 0 || n >= sizeof(u->port))
			return -1;
		memcpy(u->port, colon + 1, n);
		u->port[n] = '\0';
	} else {
		strcpy(u->port, HTTP_DEFAULT_PORT);
	}
	snprintf(u->path, sizeof(u->path), "%s", *slash ? slash : "/");
	return 0;
}

static int dial(const char *host, const char *port)
{
	struct addrinfo hints = { 0 }, *res, *ai;
	int fd = -1;

	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	if (getaddrinfo(host, port, &hints, &res) != 0)
		return -1;
	for (ai = res; ai; ai = ai->ai_next) {
		fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
		if (fd >= 0 && connect(fd, ai->ai_addr, ai->ai_addrlen) == 0)
			break;
		if (fd >= 0)
			close(fd);
		fd = -1;
	}
	freeaddrinfo(res);
	return fd;
}

char *fetch(const char *url_text, size_t *len_out)
{
	struct url u;
	char req[2048];
	char *body = NULL;
	size_t len = 0, cap = 0;
	int fd, n, status = 0;

	if (url_text == NULL)
		url_text = getenv("MANIFEST_URL") ? getenv("MANIFEST_URL") : DEFAULT_MANIFEST_URL;
	if (parse_url(url_text, &u) != 0)
		return NULL;
	fd = dial(u.host, u.port);
	if (fd < 0)
		return NULL;
	n = snprintf(req, sizeof(req), "GET %s HTTP/1.0\r\nHost: %s\r\nUser-Agent: %s\r\n\r\n", u.path, u.host,
		     USER_AGENT);
	if (write(fd, req, (size_t)n) != n)
		goto fail;
	for (;;) {
		if (len + 4096 > cap) {
			cap = cap ? cap * 2 : 8192;
			if (cap > MAX_RESPONSE)
				goto fail;
			body = realloc(body, cap);
		}
		ssize_t r = read(fd, body + len, cap - len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		len += (size_t)r;
	}
	close(fd);
	if (len < 12 || sscanf(body, "HTTP/1.%*d %d", &status) != 1 || status != 200) {
		free(body);
		return NULL;
	}
	*len_out = len;
	return body;
fail:
	close(fd);
	free(body);
	return NULL;
}

int fetch_probe(void)
{
	int fd = dial("localhost", "8081");
	if (fd < 0)
		return -1;
	close(fd);
	return 0;
}
