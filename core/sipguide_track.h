/* sipguide_track.h - transactions and calls, judged from the capture itself.
 *
 * The epan glue hands every SIP message of the first pass, in capture order,
 * to a tracker as a plain struct of facts (sg_msg_t).  For a response the
 * tracker answers with a judgement (sg_judgement_t): the request it answers
 * (same Call-ID, CSeq number and method, on the same hop), retransmissions,
 * the findings and their evidence, and the call's outcome where this
 * response decides it.  At the end, the calls and registrations it followed
 * can be listed for the reports.  No Wireshark here: unit tests feed facts.
 *
 * Memory is bounded: at most SG_MAX_TXNS transactions (a finished one is
 * forgotten after 32 s of capture time without a message, when no RFC 3261
 * timer can bring more; past the cap the oldest goes first) and SG_MAX_CALLS
 * calls and SG_MAX_AORS registrations (past the cap new ones are counted,
 * not followed).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SIPGUIDE_TRACK_H
#define SIPGUIDE_TRACK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sipguide_core.h"

#define SG_MAX_TXNS 65536
#define SG_MAX_CALLS 65536
#define SG_MAX_AORS 16384
#define SG_TEXT_MAX 256 /* longest header text the tracker keeps */

/* Named findings: stable kebab-case ids, see sg_finding_info(). */
typedef enum {
    SG_FIND_NO_ACK,
    SG_FIND_CONFLICTING_FINAL,
    SG_FIND_NO_CANCEL,
    SG_FIND_CANCELLED,
    SG_FIND_REQUEST_RETRANSMITTED,
    SG_FIND_OFFER_PORT_ZERO,
    SG_FIND_OFFER_SECURE_MEDIA,
    SG_FIND_OFFER_NO_SDP,
    SG_FIND_CODECS_ACCEPTED_BEFORE,
    SG_FIND_CREDENTIALS_REJECTED,
    SG_FIND_NONCE_EXPIRED,
    SG_FIND_SCAN,
    SG_FIND_PHRASE_DIFFERS,
    SG_FIND_COUNT
} sg_finding_t;

typedef enum { SG_GROUP_SEQUENCE, SG_GROUP_SECURITY, SG_GROUP_PROTOCOL, SG_GROUP_RESPONSE } sg_group_t;

/* One row of the findings table (core/sipguide_track.c): data, rendered by shared code. */
typedef struct {
    const char *id;      /* "no-ack" */
    sg_severity_t severity; /* SG_SEV_NONE: field only, no expert item */
    sg_group_t group;
    const char *explain; /* one line: what it means and what to check */
    const char *answers; /* the guide action it answers, or sipguide's source */
} sg_finding_info_t;
const sg_finding_info_t *sg_finding_info(sg_finding_t f);

/* The SDP offer of a request, as Wireshark's SDP dissector shows it. */
#define SG_OFFER_MAX_MEDIA 8
#define SG_OFFER_MAX_CODECS 16
typedef struct {
    unsigned nmedia, ncodecs;
    char media[SG_OFFER_MAX_MEDIA][64];   /* "audio 0 RTP/AVP inactive" */
    char codecs[SG_OFFER_MAX_CODECS][32]; /* "PCMU/8000" */
    bool all_port_zero, secure;
} sg_offer_t;

/* Builds an offer from the SDP's m= lines ("audio 4000 RTP/AVP 0 8 101") and
 * attribute lines ("rtpmap:101 telephone-event/8000", "inactive", "crypto:…"),
 * each attribute tagged with the index of the m= line it follows (-1: session). */
void sg_offer_parse(sg_offer_t *o, const char *const *mlines, size_t nm, const char *const *attrs,
                    const int *attr_media, size_t na);
/* Name of a static RTP payload type (RFC 3551): "PCMU/8000"; NULL if dynamic or unknown. */
/* The same from SDP text: m= and a= lines, one per line. */
void sg_offer_from_sdp(sg_offer_t *o, const char *sdp);
const char *sg_static_payload_name(unsigned pt);

/* Facts of one SIP message, as the glue collected them.  Strings may be NULL
 * and are copied where kept. */
typedef struct {
    uint32_t frame;
    double t;               /* absolute seconds */
    const char *src, *dst;  /* addresses (without ports) */
    bool is_request;
    unsigned code;          /* responses */
    const char *method;     /* request method; for responses the CSeq method */
    const char *call_id;
    uint32_t cseq;
    bool has_cseq;
    const char *from_user, *from_tag, *to_user, *to_tag;
    const char *to_addr;    /* "sip:alice@example.com": the address-of-record of a REGISTER */
    const char *ruri;       /* requests */
    const char *auth_user, *auth_realm; /* Authorization/Proxy-Authorization (requests) */
    bool has_auth;
    bool has_sdp;           /* requests: a body with SDP */
    const char *sdp;        /* requests: the SDP's m= and a= lines, "m=audio 4000 RTP/AVP 0\na=sendrecv\n" */
    const char *server;     /* responses: Server, else User-Agent */
    bool stale;             /* responses: a challenge with stale=true */
    const char *reason;     /* BYE: Reason header, as text */
} sg_msg_t;

typedef enum {
    SG_OUTCOME_NONE,        /* this response decides nothing */
    SG_OUTCOME_ANSWERED,
    SG_OUTCOME_FAILED,
    SG_OUTCOME_CANCELLED,
    SG_OUTCOME_NO_RESPONSE, /* reports only */
} sg_outcome_t;
const char *sg_outcome_name(sg_outcome_t o);

/* What the tracker says about one response.  Strings point into the
 * tracker and stay valid until the next call: copy what you keep. */
typedef struct {
    uint32_t findings;         /* bit (1u << sg_finding_t) */
    uint32_t quiet;            /* findings already raised on an earlier frame: field, no expert item */
    uint32_t request_frame;    /* 0: the request is not in the capture (or forgotten) */
    double response_time;      /* seconds, when request_frame */
    uint32_t retransmission_of; /* first frame of this same response, or 0 */
    unsigned sends;            /* with no-ack: how often this final response was sent */
    double sends_span;
    unsigned resends;          /* the request was sent again this often before this response */
    double resends_span;       /* first to last send */
    uint32_t cancel_frame;     /* the CANCEL, or the BYE on the early dialog */
    const char *cancel_method, *cancel_by;
    double cancel_after;       /* seconds from the request to the CANCEL/BYE */
    uint32_t first_final_frame; /* with conflicting-final */
    unsigned first_final_code;
    const char *request_uri, *auth_user, *auth_realm, *responder;
    uint32_t offer_frame;      /* the request that carried the offer */
    const sg_offer_t *offer;
    const char *accepted_codecs; /* with codecs-accepted-before: "PCMU/8000, G729/8000" */
    uint32_t accepted_frame;
    sg_outcome_t outcome;      /* set on the response that decides the call */
    long setup_ms, answer_ms;  /* -1: unknown */
} sg_judgement_t;

typedef struct sg_tracker sg_tracker_t;
sg_tracker_t *sg_tracker_new(void);
void sg_tracker_free(sg_tracker_t *tr);

/* A request; feeds the transaction, call and registration it belongs to. */
void sg_track_request(sg_tracker_t *tr, const sg_msg_t *m);
/* A response; fills j.  scan_counts says whether, for the scan detector, this
 * response is a failure of the sender's attempt (a first challenge is not). */
void sg_track_response(sg_tracker_t *tr, const sg_msg_t *m, sg_judgement_t *j, bool *scan_counts);

/* The text of a finding on a response, into buf: evidence first, then what to check. */
void sg_finding_text(const sg_judgement_t *j, sg_finding_t f, unsigned code, const char *method,
                     char *buf, size_t len);

/* Calls, for the report, in start order. */
typedef struct {
    const char *call_id, *from_user, *to_user, *caller, *callee;
    uint32_t first_frame;
    double start;
    sg_outcome_t outcome;       /* NO_RESPONSE when no final response was seen */
    unsigned final_code;        /* 0 when none */
    const char *final_method;   /* INVITE */
    uint32_t final_frame;
    const char *responder;      /* "CarrierSBC/2.1 at 198.51.100.20" */
    uint32_t findings;          /* on the final response */
    long setup_ms, answer_ms;   /* -1: unknown */
    double duration;            /* -1: unknown */
    const char *hangup_by;      /* "caller", "callee" or NULL */
    const char *hangup_reason;  /* the BYE's Reason, or NULL */
    unsigned invites;           /* INVITE requests seen (resends and hops included) */
} sg_call_t;
size_t sg_tracker_calls(const sg_tracker_t *tr);
const sg_call_t *sg_tracker_call(const sg_tracker_t *tr, size_t i);
size_t sg_tracker_calls_dropped(const sg_tracker_t *tr);

/* Registrations, per address-of-record (To of the REGISTER). */
typedef struct {
    const char *aor;
    uint32_t first_frame, last_frame;
    double first, last;
    unsigned attempts, ok, challenged, rejected, refused;
    unsigned last_code;
    const char *last_user;     /* credentials of the last attempt that carried them */
} sg_aor_t;
size_t sg_tracker_aors(const sg_tracker_t *tr);
const sg_aor_t *sg_tracker_aor(const sg_tracker_t *tr, size_t i);

size_t sg_tracker_txns(const sg_tracker_t *tr); /* transactions remembered now */

#endif /* SIPGUIDE_TRACK_H */
