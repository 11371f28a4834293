/*
 * telnet_opt.c - telnet option negotiation state machine (RFC 854, RFC 1143 "Q method").
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "telnet_opt.h"

#define TELNET_IAC  255
#define TELNET_DONT 254
#define TELNET_DO   253
#define TELNET_WONT 252
#define TELNET_WILL 251
#define TELNET_SB   250
#define TELNET_SE   240

#define OPT_ECHO     1
#define OPT_SGA      3
#define OPT_TTYPE    24
#define OPT_NAWS     31
#define OPT_MAX      256

enum tn_state { TS_DATA, TS_IAC, TS_WOPT, TS_SB, TS_SB_IAC };

struct telnet {
	enum tn_state state;
	uint8_t verb;
	uint8_t us[OPT_MAX];
	uint8_t him[OPT_MAX];
	uint8_t sb[64];
	size_t sb_len;
	void (*send)(void *ctx, const uint8_t *buf, size_t len);
	void (*data)(void *ctx, const uint8_t *buf, size_t len);
	void *ctx;
};

static void send3(struct telnet *t, uint8_t verb, uint8_t opt)
{
	uint8_t msg[3] = { TELNET_IAC, verb, opt };
	t->send(t->ctx, msg, sizeof(msg));
}

static int supported(uint8_t opt)
{
	return opt == OPT_ECHO || opt == OPT_SGA || opt == OPT_NAWS;
}

static void negotiate(struct telnet *t, uint8_t verb, uint8_t opt)
{
	switch (verb) {
	case 251: /* WILL */
		if (!t->him[opt]) {
			t->him[opt] = supported(opt);
			send3(t, t->him[opt] ? TELNET_DO : TELNET_DONT, opt);
		}
		break;
	case 252: /* WONT */
		if (t->him[opt]) {
			t->him[opt] = 0;
			send3(t, TELNET_DONT, opt);
		}
		break;
	case 253: /* DO */
		if (!t->us[opt]) {
			t->us[opt] = supported(opt);
			send3(t, t->us[opt] ? TELNET_WILL : TELNET_WONT, opt);
		}
		break;
	case 254: /* DONT */
		if (t->us[opt]) {
			t->us[opt] = 0;
			send3(t, TELNET_WONT, opt);
		}
		break;
	}
}

void telnet_init(struct telnet *t)
{
	memset(t, 0, sizeof(*t));
	t->state = TS_DATA;
}

void telnet_recv(struct telnet *t, const uint8_t *buf, size_t len)
{
	size_t start = 0;
	for (size_t i = 0; i < len; i++) {
		uint8_t c = buf[i];
		switch (t->state) {
		case TS_DATA:
			if (c == 0xff) {
				if (i > start)
					t->data(t->ctx, buf + start, i - start);
				t->state = TS_IAC;
			}
			break;
		case TS_IAC:
			if (c == TELNET_IAC) {
				static const uint8_t iac = 255;
				t->data(t->ctx, &iac, 1);
				t->state = TS_DATA;
			} else if (c >= TELNET_WILL && c <= TELNET_DONT) {
				t->verb = c;
				t->state = TS_WOPT;
			} else if (c == TELNET_SB) {
				t->sb_len = 0;
				t->state = TS_SB;
			} else {
				t->state = TS_DATA;
			}
			start = i + 1;
			break;
		case TS_WOPT:
			negotiate(t, t->verb, c);
			t->state = TS_DATA;
			start = i + 1;
			break;
		case TS_SB:
			if (c == 255)
				t->state = TS_SB_IAC;
			else if (t->sb_len < sizeof(t->sb))
				t->sb[t->sb_len++] = c;
			break;
		case TS_SB_IAC:
			t->state = c == TELNET_SE ? TS_DATA : TS_SB;
			start = i + 1;
			break;
		}
	}
	if (t->state == TS_DATA && len > start)
		t->data(t->ctx, buf + start, len - start);
}
