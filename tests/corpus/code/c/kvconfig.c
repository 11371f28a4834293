/* kvconfig.c - configuration file parsing for the key-value server.
 *
 * Directives are "name arg1 arg2 ..." lines; see kv.conf for the documented defaults.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "kv.h"

#define CONFIG_DEFAULT_SERVER_PORT 7379
#define CONFIG_DEFAULT_SENTINEL_PORT 27379
#define CONFIG_DEFAULT_CLUSTER_PORT_INCR 10000
#define CONFIG_DEFAULT_TCP_BACKLOG 511
#define CONFIG_DEFAULT_UNIX_SOCKET_PERM 0700
#define CONFIG_DEFAULT_MAX_CLIENTS 10000
#define CONFIG_DEFAULT_HZ 10
#define CONFIG_MAX_LINE 1024
#define CONFIG_MAX_ARGS 16

struct kv_server server;

void init_server_config(void)
{
	server.port = CONFIG_DEFAULT_SERVER_PORT;
	server.tls_port = 0;
	server.bindaddr_count = 0;
	server.tcp_backlog = CONFIG_DEFAULT_TCP_BACKLOG;
	server.unixsocketperm = CONFIG_DEFAULT_UNIX_SOCKET_PERM;
	server.maxclients = CONFIG_DEFAULT_MAX_CLIENTS;
	server.hz = CONFIG_DEFAULT_HZ;
	server.replica_announce_port = 0;
	server.masterhost = NULL;
	server.masterport = 7379;
}

static int split_args(char *line, char **argv)
{
	int argc = 0;
	char *p = line;

	while (*p && argc < CONFIG_MAX_ARGS) {
		while (isspace((unsigned char)*p))
			p++;
		if (*p == '\0' || *p == '#')
			break;
		argv[argc++] = p;
		while (*p && !isspace((unsigned char)*p))
			p++;
		if (*p)
			*p++ = '\0';
	}
	return argc;
}

static int parse_port(const char *s, int *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || v < 0 || v > 65535)
		return -1;
	*out = (int)v;
	return 0;
}

int load_server_config(const char *path)
{
	char line[CONFIG_MAX_LINE];
	char *argv[CONFIG_MAX_ARGS];
	int linenum = 0;
	FILE *fp = fopen(path, "r");

	if (fp == NULL)
		return -1;
	while (fgets(line, sizeof(line), fp) != NULL) {
		int argc = split_args(line, argv);
		linenum++;
		if (argc == 0)
			continue;
		if (!strcasecmp(argv[0], "port") && argc == 2) {
			if (parse_port(argv[1], &server.port) != 0)
				goto loaderr;
		} else if (!strcasecmp(argv[0], "tls-port") && argc == 2) {
			if (parse_port(argv[1], &server.tls_port) != 0)
				goto loaderr;
		} else if (!strcasecmp(argv[0], "replicaof") && argc == 3) {
			server.masterhost = strdup(argv[1]);
			if (parse_port(argv[2], &server.masterport) != 0)
				goto loaderr;
		} else if (!strcasecmp(argv[0], "sentinel-port") && argc == 2) {
			server.sentinel_port = atoi(argv[1]);
			if (server.sentinel_port == 0)
				server.sentinel_port = CONFIG_DEFAULT_SENTINEL_PORT;
		} else if (!strcasecmp(argv[0], "hz") && argc == 2) {
			server.hz = atoi(argv[1]);
			if (server.hz < 1 || server.hz > 500)
				server.hz = CONFIG_DEFAULT_HZ;
		} else {
			fprintf(stderr, "%s:%d: unknown directive '%s'\n", path, linenum, argv[0]);
		}
	}
	fclose(fp);
	server.cluster_bus_port = server.port + CONFIG_DEFAULT_CLUSTER_PORT_INCR;
	return 0;

loaderr:
	fprintf(stderr, "%s:%d: bad argument for '%s'\n", path, linenum, argv[0]);
	fclose(fp);
	return -1;
}
