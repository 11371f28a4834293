/*
 * syslog_send.c - send one RFC 3164 message to a remote syslog collector over UDP.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define LOG_USER_FACILITY 1
#define SEV_NOTICE 5
#define MAX_MSG 1024

int syslog_send(const char *collector, const char *tag, const char *text)
{
	struct sockaddr_in dst;
	char msg[MAX_MSG];
	char stamp[32];
	time_t t = time(NULL);
	int fd, len, pri = LOG_USER_FACILITY * 8 + SEV_NOTICE;

	strftime(stamp, sizeof(stamp), "%b %e %H:%M:%S", localtime(&t));
	len = snprintf(msg, sizeof(msg), "<%d>%s %s: %s", pri, stamp, tag, text);
	if (len < 0 || len >= (int)sizeof(msg))
		len = sizeof(msg) - 1;

	fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0)
		return -1;
	memset(&dst, 0, sizeof(dst));
	dst.sin_family = AF_INET;
	dst.sin_port = htons(514);
	if (inet_pton(AF_INET, collector ? collector : "127.0.0.1", &dst.sin_addr) != 1) {
		close(fd);
		return -1;
	}
	if (sendto(fd, msg, (size_t)len, 0, (struct sockaddr *)&dst, sizeof(dst)) != len) {
		close(fd);
		return -1;
	}
	close(fd);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: %s TAG MESSAGE [COLLECTOR]\n", argv[0]);
		return 2;
	}
	return syslog_send(argc > 3 ? argv[3] : getenv("SYSLOG_HOST"), argv[1], argv[2]) == 0 ? 0 : 1;
}
