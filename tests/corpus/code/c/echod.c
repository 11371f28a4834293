/*
 * echod - a forking TCP echo server.
 *
 * Usage: echod [-p port] [-b backlog]
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#define ECHO_PORT 7007
#define BACKLOG 128
#define BUFSIZE 4096
#define MAX_CHILDREN 64

static volatile sig_atomic_t children;

static void reap(int sig)
{
	(void)sig;
	int saved = errno;
	while (waitpid(-1, NULL, WNOHANG) > 0)
		children--;
	errno = saved;
}

static void serve(int fd)
{
	char buf[BUFSIZE];
	ssize_t n;

	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		ssize_t off = 0;
		while (off < n) {
			ssize_t w = write(fd, buf + off, (size_t)(n - off));
			if (w < 0) {
				if (errno == EINTR)
					continue;
				return;
			}
			off += w;
		}
	}
}

static void usage(const char *prog)
{
	fprintf(stderr, "usage: %s [-p port] [-b backlog]\n", prog);
	exit(2);
}

int main(int argc, char **argv)
{
	int port = ECHO_PORT;
	int backlog = BACKLOG;
	int opt, lfd, one = 1;
	struct sockaddr_in addr;
	struct sigaction sa;

	while ((opt = getopt(argc, argv, "p:b:h")) != -1) {
		switch (opt) {
		case 'p':
			port = atoi(optarg);
			break;
		case 'b':
			backlog = atoi(optarg);
			break;
		default:
			usage(argv[0]);
		}
	}
	if (port <= 0 || port > 65535) {
		fprintf(stderr, "echod: bad port %d\n", port);
		return 1;
	}

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = reap;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGCHLD, &sa, NULL);

	lfd = socket(AF_INET, SOCK_STREAM, 0);
	if (lfd < 0) {
		perror("socket");
		return 1;
	}
	setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));

	memset(&addr, 0, sizeof(addr));
	addr.sin_family = AF_INET;
	addr.sin_addr.s_addr = htonl(INADDR_ANY);
	addr.sin_port = htons((unsigned short)port);
	if (bind(lfd, (struct sockaddr *)&addr, sizeof(addr)) < 0) {
		perror("bind");
		return 1;
	}
	if (listen(lfd, backlog) < 0) {
		perror("listen");
		return 1;
	}
	printf("echod: listening on port %d\n", port);

	for (;;) {
		struct sockaddr_in peer;
		socklen_t len = sizeof(peer);
		int cfd = accept(lfd, (struct sockaddr *)&peer, &len);
		if (cfd < 0) {
			if (errno == EINTR)
				continue;
			perror("accept");
			break;
		}
		if (children >= MAX_CHILDREN) {
			close(cfd);
			continue;
		}
		pid_t pid = fork();
		if (pid == 0) {
			close(lfd);
			serve(cfd);
			_exit(0);
		}
		if (pid > 0)
			children++;
		close(cfd);
	}
	close(lfd);
	return 0;
}
