/*
 * ntpq-lite: query an NTP server once and print the clock offset.
 */
#include <netdb.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#define NTP_SERVICE "123"
#define NTP_PACKET_SIZE 48
#define NTP_UNIX_OFFSET 2208988800UL
#define NTP_VERSION 4
#define NTP_MODE_CLIENT 3
#define NTP_MODE_SERVER 4
#define TIMEOUT_SEC 5

struct ntp_packet {
	uint8_t li_vn_mode;
	uint8_t stratum;
	int8_t poll;
	int8_t precision;
	uint32_t root_delay;
	uint32_t root_dispersion;
	uint32_t ref_id;
	uint32_t ref_ts[2];
	uint32_t orig_ts[2];
	uint32_t rx_ts[2];
	uint32_t tx_ts[2];
};

static double ntp_to_double(const uint32_t ts[2])
{
	return (double)(ntohl(ts[0]) - NTP_UNIX_OFFSET) + (double)ntohl(ts[1]) / 4294967296.0;
}

static double now(void)
{
	struct timeval tv;
	gettimeofday(&tv, NULL);
	return tv.tv_sec + tv.tv_usec / 1e6;
}

int main(int argc, char **argv)
{
	const char *server = argc > 1 ? argv[1] : "pool.ntp.org";
	struct addrinfo hints, *res, *ai;
	struct ntp_packet pkt;
	struct timeval tv = { TIMEOUT_SEC, 0 };
	int fd = -1, rc;

	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_DGRAM;
	rc = getaddrinfo(server, NTP_SERVICE, &hints, &res);
	if (rc != 0) {
		fprintf(stderr, "ntpq-lite: %s: %s\n", server, gai_strerror(rc));
		return 1;
	}
	for (ai = res; ai != NULL; ai = ai->ai_next) {
		fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
		if (fd < 0)
			continue;
		if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0)
			break;
		close(fd);
		fd = -1;
	}
	freeaddrinfo(res);
	if (fd < 0) {
		perror("ntpq-lite: connect");
		return 1;
	}
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));

	memset(&pkt, 0, sizeof(pkt));
	pkt.li_vn_mode = (0 << 6) | (NTP_VERSION << 3) | NTP_MODE_CLIENT;
	double t1 = now();
	if (send(fd, &pkt, NTP_PACKET_SIZE, 0) != NTP_PACKET_SIZE) {
		perror("ntpq-lite: send");
		return 1;
	}
	if (recv(fd, &pkt, sizeof(pkt), 0) < NTP_PACKET_SIZE) {
		perror("ntpq-lite: recv");
		return 1;
	}
	double t4 = now();
	close(fd);

	if ((pkt.li_vn_mode & 0x07) != NTP_MODE_SERVER || pkt.stratum == 0 || pkt.stratum > 15) {
		fprintf(stderr, "ntpq-lite: bad reply (mode %d, stratum %d)\n", pkt.li_vn_mode & 7, pkt.stratum);
		return 1;
	}
	if ((pkt.li_vn_mode >> 6) == 3)
		fprintf(stderr, "ntpq-lite: server clock is unsynchronised\n");

	double t2 = ntp_to_double(pkt.rx_ts);
	double t3 = ntp_to_double(pkt.tx_ts);
	double offset = ((t2 - t1) + (t3 - t4)) / 2;
	double delay = (t4 - t1) - (t3 - t2);
	printf("server %s stratum %d offset %+.6f s delay %.6f s\n", server, pkt.stratum, offset, delay);
	return 0;
}
