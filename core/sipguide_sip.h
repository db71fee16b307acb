/* sipguide_sip.h - reads one SIP message's start line, the headers sipguide
 * needs and the SDP of its body, straight from its bytes.
 *
 * Why not Wireshark's own fields: every field a post-dissector asks for is
 * built by the SIP and SDP dissectors on every frame, and from Wireshark 4.2
 * on they build nothing else for `tshark -e`.  sipguide asks only for the
 * "sip" item of each message (where it starts and ends) and reads the rest
 * here, once per message on the first pass.  Plain C, no Wireshark: unit
 * tested and fuzzed alone.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SIPGUIDE_SIP_H
#define SIPGUIDE_SIP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A piece of the message: not NUL-terminated; len 0 and p NULL when absent. */
typedef struct {
    const char *p;
    size_t len;
} sg_str_t;

#define SG_SIP_MAX_SDP_LINES 64

typedef struct {
    bool is_request;
    unsigned code;        /* responses */
    sg_str_t status_line; /* "SIP/2.0 404 Not Found" */
    sg_str_t method, ruri; /* requests */
    sg_str_t call_id;
    uint32_t cseq;
    bool has_cseq;
    sg_str_t cseq_method;
    sg_str_t from_user, from_tag, to_user, to_tag, to_addr;
    sg_str_t server, user_agent;
    sg_str_t auth_user, auth_realm; /* Authorization or Proxy-Authorization */
    sg_str_t challenge_realm;       /* WWW-Authenticate or Proxy-Authenticate */
    bool stale;
    int reason_proto;     /* 0 none, 1 Q.850, 2 SIP */
    uint32_t reason_cause;
    sg_str_t reason, reason_text; /* the whole Reason value, and its text= */
    bool has_retry_after;
    uint32_t retry_after;
    sg_str_t warning;
    /* SDP: m= and a= lines in order; media[i] is the m= line an a= line follows (-1: session) */
    size_t nmedia, nattr;
    sg_str_t mlines[8];
    sg_str_t attrs[SG_SIP_MAX_SDP_LINES];
    int attr_media[SG_SIP_MAX_SDP_LINES];
} sg_sip_t;

/* Parses the message in buf[0..len).  False when it is no SIP request or
 * response (a continuation, junk): nothing to say about it then. */
bool sg_sip_parse(const char *buf, size_t len, sg_sip_t *m);

/* The same, reading only what a response says alone: the start line and
 * CSeq (number and method).  Every other field is zero or NULL, nmedia and
 * nattr are 0 and the SDP arrays are left as they were: for a pass that
 * keeps no history (plugin/collect.c), at a fraction of the cost. */
bool sg_sip_parse_alone(const char *buf, size_t len, sg_sip_t *m);

/* Copies s into out (at most outlen - 1 bytes, NUL-terminated); returns out,
 * or NULL when s is absent. */
char *sg_str_copy(sg_str_t s, char *out, size_t outlen);

#endif /* SIPGUIDE_SIP_H */
