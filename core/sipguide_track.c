/* sipguide_track.c - transactions, calls and registrations, bounded.
 *
 * A transaction is one request on one hop: Call-ID, CSeq number, method, and
 * the requester and responder addresses (a proxy's forwarded copy is another
 * transaction, so it is never taken for a resend; the callee's own CSeq 1 is
 * never the caller's).  Transactions live in a hash table and a FIFO queue;
 * a finished one (final response seen) is forgotten once SG_TXN_LINGER
 * seconds of capture time pass without a message of it, and past
 * SG_MAX_TXNS the oldest is forgotten; a response to a forgotten one is
 * then judged without its request rather than guessed at.
 *
 * A call is an INVITE dialog, one Call-ID.  The final response that reaches
 * the caller (the sender of the first INVITE) decides it: a 2xx answers it;
 * a 487 after the caller's CANCEL, or after a BYE on the early dialog,
 * cancels it; another failure fails it, except a challenge or redirect,
 * which a retry inside the same Call-ID may still turn into an answer (the
 * report then calls it failed if none came).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "sipguide_track.h"

#include <float.h>
#include <glib.h>
#include <stdio.h>
#include <string.h>

#define SG_MAX_RESP 8      /* distinct responses remembered per transaction */
#define SG_RESP_INLINE 3   /* of them inside the transaction (100, 180, 200); the rest on demand */
#define SG_MAX_PEERS 4096  /* peers whose accepted codecs are remembered */
#define SG_NO_ACK_SENDS 3  /* a final response sent this often without an ACK */
#define SG_SDP_KEEP 1024   /* bytes of an offer's SDP lines kept (sdp_keep) */
/* A finished transaction is forgotten after this long without a message:
 * 64*T1, the longest any RFC 3261 timer keeps a transaction (timers B, F,
 * H, J), while retransmissions come at least every T2 = 4 s. */
#define SG_TXN_LINGER 32.0

/* The findings: id, severity, group, one-line explanation, what it answers. */
static const sg_finding_info_t findings[SG_FIND_COUNT] = {
    [SG_FIND_NO_ACK] = {"no-ack", SG_SEV_WARN, SG_GROUP_SEQUENCE,
                        "The final response to an INVITE was sent again and again: the ACK never "
                        "reached its sender. Check the route back (Via, Record-Route, NAT, "
                        "firewall) from the caller to the responder.",
                        "RFC 3261 section 17.2.1 (timer G)"},
    [SG_FIND_CONFLICTING_FINAL] = {"conflicting-final", SG_SEV_WARN, SG_GROUP_SEQUENCE,
                                   "A second, different final response to the same INVITE "
                                   "transaction: the responder (or a B2BUA behind it) is "
                                   "confused; trust the first one and check the responder.",
                                   "RFC 3261 section 17.2.1"},
    [SG_FIND_NO_CANCEL] = {"no-cancel", SG_SEV_NOTE, SG_GROUP_SEQUENCE,
                           "487 with no CANCEL (nor BYE on the early dialog) earlier in the "
                           "capture: if unexpected, inspect the call Flow.",
                           "guide, 487: If unexpected, inspect the call Flow"},
    [SG_FIND_CANCELLED] = {"cancelled", SG_SEV_CHAT, SG_GROUP_SEQUENCE,
                           "The caller cancelled the INVITE (CANCEL, or BYE on the early "
                           "dialog) before it was answered: this 487 is the normal answer.",
                           "guide, 487: No specific action is needed if the termination was "
                           "intentional"},
    [SG_FIND_REQUEST_RETRANSMITTED] = {"request-retransmitted", SG_SEV_NOTE, SG_GROUP_SEQUENCE,
                                       "The request was sent several times before this "
                                       "response: the responder was slow or unreachable, or "
                                       "its replies were lost on the way back.",
                                       "guide, 408: investigate network connectivity problems"},
    [SG_FIND_OFFER_PORT_ZERO] = {"offer-port-zero", SG_SEV_WARN, SG_GROUP_PROTOCOL,
                                 "Every media stream of the refused offer is on port 0 "
                                 "(disabled): there was nothing the answerer could accept.",
                                 "guide, 488: Check the codecs or any other session parameters"},
    [SG_FIND_OFFER_SECURE_MEDIA] = {"offer-secure-media", SG_SEV_NOTE, SG_GROUP_PROTOCOL,
                                    "The refused offer asks for secure media (SRTP: SAVP "
                                    "profiles, a=crypto or a=fingerprint): check that both "
                                    "sides agree on SRTP or plain RTP.",
                                    "guide, 488: Check the codecs or any other session "
                                    "parameters"},
    [SG_FIND_OFFER_NO_SDP] = {"offer-no-sdp", SG_SEV_NOTE, SG_GROUP_PROTOCOL,
                              "The INVITE carried no SDP (a late offer): the answerer had to "
                              "make the offer; check that it supports late offers.",
                              "guide, 488: Check the codecs or any other session parameters"},
    [SG_FIND_CODECS_ACCEPTED_BEFORE] = {"codecs-accepted-before", SG_SEV_NOTE, SG_GROUP_PROTOCOL,
                                        "The same peer answered an earlier offer in this "
                                        "capture with other codecs, none of which this offer "
                                        "has: offer one of those.",
                                        "guide, 488: Check the codecs being used"},
    [SG_FIND_CREDENTIALS_REJECTED] = {"credentials-rejected", SG_SEV_WARN, SG_GROUP_SECURITY,
                                      "The request carried credentials and was refused again "
                                      "(a new challenge without stale=true, or 403): wrong "
                                      "user name, password or realm.",
                                      "guide, 403 (filed under 400): Check the request "
                                      "credentials (for example, user name and password)"},
    [SG_FIND_NONCE_EXPIRED] = {"nonce-expired", SG_SEV_NONE, SG_GROUP_SECURITY,
                               "A challenge with stale=true: the password was right, the nonce "
                               "had expired; the client retries with a new one. Routine.",
                               "RFC 3261 section 22.1 / RFC 7616 section 3.3"},
    [SG_FIND_SCAN] = {"scan", SG_SEV_WARN, SG_GROUP_SECURITY,
                      "Part of many failure responses to one address: a possible scan or "
                      "brute force.",
                      "guide, 403: consider blocking the IP"},
    [SG_FIND_PHRASE_DIFFERS] = {"phrase-differs", SG_SEV_CHAT, SG_GROUP_PROTOCOL,
                                "The reason phrase on the wire is not the registered one: go by "
                                "the code.",
                                "RFC 3261 section 21"},
};

const sg_finding_info_t *sg_finding_info(sg_finding_t f)
{
    return (unsigned)f < SG_FIND_COUNT ? &findings[f] : NULL;
}

const char *sg_outcome_name(sg_outcome_t o)
{
    static const char *const names[] = {"", "answered", "failed", "cancelled", "no response"};
    return (unsigned)o < G_N_ELEMENTS(names) ? names[o] : "";
}

/* ---- SDP offers ------------------------------------------------------- */

/* RFC 3551 tables 4 and 5: static payload types. */
const char *sg_static_payload_name(unsigned pt)
{
    static const char *const names[35] = {
        [0] = "PCMU/8000",   [3] = "GSM/8000",    [4] = "G723/8000",   [5] = "DVI4/8000",
        [6] = "DVI4/16000",  [7] = "LPC/8000",    [8] = "PCMA/8000",   [9] = "G722/8000",
        [10] = "L16/44100/2", [11] = "L16/44100", [12] = "QCELP/8000", [13] = "CN/8000",
        [14] = "MPA/90000",  [15] = "G728/8000",  [16] = "DVI4/11025", [17] = "DVI4/22050",
        [18] = "G729/8000",  [25] = "CelB/90000", [26] = "JPEG/90000", [28] = "nv/90000",
        [31] = "H261/90000", [32] = "MPV/90000",  [33] = "MP2T/90000", [34] = "H263/90000",
    };
    return pt < G_N_ELEMENTS(names) ? names[pt] : NULL;
}

static bool starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

static const char *direction_of(const char *a)
{
    static const char *const dirs[] = {"sendrecv", "sendonly", "recvonly", "inactive"};
    for (size_t i = 0; i < G_N_ELEMENTS(dirs); i++)
        if (strcmp(a, dirs[i]) == 0)
            return dirs[i];
    return NULL;
}

/* The encoding name of format pt in media i, from its a=rtpmap lines. */
static bool rtpmap_name(const char *const *attrs, const int *attr_media, size_t na, int media,
                        const char *pt, char *out, size_t len)
{
    size_t ptlen = strlen(pt);
    for (size_t i = 0; i < na; i++) {
        const char *a = attrs[i];
        if (attr_media[i] != media || !a || !starts_with(a, "rtpmap:"))
            continue;
        a += 7;
        if (strncmp(a, pt, ptlen) == 0 && a[ptlen] == ' ') {
            a += ptlen + 1;
            while (*a == ' ')
                a++;
            g_strlcpy(out, a, len);
            return true;
        }
    }
    return false;
}

static void add_codec(sg_offer_t *o, const char *name)
{
    for (unsigned i = 0; i < o->ncodecs; i++)
        if (g_ascii_strcasecmp(o->codecs[i], name) == 0)
            return;
    if (o->ncodecs < SG_OFFER_MAX_CODECS)
        g_strlcpy(o->codecs[o->ncodecs++], name, sizeof o->codecs[0]);
}

void sg_offer_parse(sg_offer_t *o, const char *const *mlines, size_t nm, const char *const *attrs,
                    const int *attr_media, size_t na)
{
    const char *session_dir = "sendrecv";
    memset(o, 0, sizeof *o);
    o->all_port_zero = nm > 0;
    for (size_t i = 0; i < na; i++) {
        if (!attrs[i])
            continue;
        if (attr_media[i] < 0 && direction_of(attrs[i]))
            session_dir = direction_of(attrs[i]);
        if (starts_with(attrs[i], "crypto:") || starts_with(attrs[i], "fingerprint:"))
            o->secure = true;
    }
    for (size_t m = 0; m < nm && m < SG_OFFER_MAX_MEDIA; m++) {
        /* split at each space, as g_strsplit(line, " ", 0) would, in place */
        char line[SG_SDP_KEEP + 1];
        char *tok[SG_SDP_KEEP / 2 + 2];
        size_t n = 0;
        const char *dir = session_dir;
        g_strlcpy(line, mlines[m] ? mlines[m] : "", sizeof line);
        tok[n++] = line;
        for (char *c = line; (c = strchr(c, ' ')); *c++ = '\0')
            tok[n++] = c + 1;
        for (size_t i = 0; i < na; i++)
            if (attr_media[i] == (int)m && attrs[i] && direction_of(attrs[i]))
                dir = direction_of(attrs[i]);
        if (n >= 3) {
            unsigned long port = strtoul(tok[1], NULL, 10);
            if (port != 0)
                o->all_port_zero = false;
            if (strstr(tok[2], "SAVP"))
                o->secure = true;
            g_snprintf(o->media[o->nmedia++], sizeof o->media[0], "%.16s %.12s %.24s %s", tok[0],
                       tok[1], tok[2], dir);
            for (size_t f = 3; f < n; f++) {
                char name[32];
                char *end;
                unsigned long pt = strtoul(tok[f], &end, 10);
                if (rtpmap_name(attrs, attr_media, na, (int)m, tok[f], name, sizeof name))
                    add_codec(o, name);
                else if (*end == '\0' && sg_static_payload_name((unsigned)pt))
                    add_codec(o, sg_static_payload_name((unsigned)pt));
                else if (*tok[f])
                    add_codec(o, tok[f]); /* t38, a dynamic type without rtpmap */
            }
        } else {
            o->all_port_zero = false; /* unreadable: claim nothing */
        }
    }
}

/* An a= line (its value a, len bytes, not NUL-terminated) an offer is read from. */
static bool is_offer_attr(const char *a, size_t len)
{
    char v[16];
    if (len < sizeof v) {
        memcpy(v, a, len);
        v[len] = '\0';
        if (direction_of(v))
            return true;
    }
    return starts_with(a, "rtpmap:") || starts_with(a, "crypto:") || starts_with(a, "fingerprint:");
}

/* An offer is kept as the SDP lines it is read from (m= lines and the a=
 * lines sg_offer_parse looks at), cut at SG_SDP_KEEP bytes, and read only
 * when a response needs it: most offers are answered and never shown. */
static char *sdp_keep(const char *sdp)
{
    char out[SG_SDP_KEEP];
    size_t n = 0;
    for (const char *p = sdp; *p;) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        bool want = len > 2 && p[1] == '=' &&
                    (p[0] == 'm' || (p[0] == 'a' && len < 200 && is_offer_attr(p + 2, len - 2)));
        if (want && n + len + 1 < sizeof out) {
            memcpy(out + n, p, len);
            n += len;
            out[n++] = '\n';
        }
        p = nl ? nl + 1 : p + len;
    }
    return g_strndup(out, n);
}

void sg_offer_from_sdp(sg_offer_t *o, const char *sdp)
{
    char copy[SG_SDP_KEEP];
    const char *ml[SG_OFFER_MAX_MEDIA], *at[64];
    int am[64];
    size_t nm = 0, na = 0;
    char *p = copy;
    g_strlcpy(copy, sdp ? sdp : "", sizeof copy);
    while (*p) {
        char *nl = strchr(p, '\n');
        if (nl)
            *nl = '\0';
        if (p[0] == 'm' && p[1] == '=' && nm < SG_OFFER_MAX_MEDIA)
            ml[nm++] = p + 2;
        else if (p[0] == 'a' && p[1] == '=' && na < G_N_ELEMENTS(at)) {
            at[na] = p + 2;
            am[na++] = (int)nm - 1;
        }
        if (!nl)
            break;
        p = nl + 1;
    }
    sg_offer_parse(o, ml, nm, at, am, na);
}

/* ---- the tracker ------------------------------------------------------ */

typedef struct {
    uint64_t to_tag; /* hash of the To tag: equal tags, equal hashes */
    double first_t;
    uint32_t first_frame;
    uint16_t code;
    uint16_t count;  /* saturates: only "three or more" matters */
} resp_seen_t;

/* What identifies a transaction; its strings point into the txn's own block
 * (or, for a lookup, into the message). */
typedef struct {
    const char *call_id, *method, *requester, *responder;
    uint32_t cseq;
    uint32_t hash;
} txn_key_t;

/* A transaction.  Up to SG_MAX_TXNS of them are kept, so every byte here
 * counts: the request's strings share one block (req_text), the response
 * slots past SG_RESP_INLINE are allocated only for the few that need them,
 * and flags are bits.  The key's strings live in the same allocation. */
#define SG_TXT_NONE UINT16_MAX /* an absent string in req_text */
typedef struct txn txn_t;
struct txn {
    txn_key_t k;              /* first: the hash table's key is the txn itself */
    txn_t *older, *newer;     /* in tracker.oldest..newest (creation order) */
    txn_t *done_prev, *done_next; /* finished ones, in tracker.done_first..done_last */
    double last_t;            /* latest capture time of any of its messages */
    double req_t, last_send_t;
    double cancel_t;
    char *req_text;           /* Request-URI, auth user, auth realm, offer (sdp_keep): one block */
    char *cancel_by;
    resp_seen_t *more;        /* slots SG_RESP_INLINE.. SG_MAX_RESP - 1, or NULL */
    uint32_t req_frame;       /* 0: response seen, request not */
    uint32_t sends;
    uint32_t final_frame;
    uint32_t cancel_frame;
    uint16_t final_code;
    uint16_t ruri_at, user_at, realm_at, offer_at; /* offsets into req_text, or SG_TXT_NONE */
    uint8_t nresp;
    bool initial : 1;         /* an INVITE outside a dialog (no To tag) */
    bool has_auth : 1;
    bool ack : 1;
    bool no_ack_raised : 1;
    bool done : 1;            /* a final response was seen */
    resp_seen_t resp[SG_RESP_INLINE];
};

static const char *txn_text(const txn_t *t, uint16_t at)
{
    return at == SG_TXT_NONE ? NULL : t->req_text + at;
}
#define TXN_RURI(t) txn_text((t), (t)->ruri_at)
#define TXN_AUTH_USER(t) txn_text((t), (t)->user_at)
#define TXN_AUTH_REALM(t) txn_text((t), (t)->realm_at)
#define TXN_OFFER(t) txn_text((t), (t)->offer_at)

typedef struct {
    sg_call_t pub;
    const char *from_tag;     /* this and pub's first strings: in the call's own block */
    uint32_t last_invite_cseq;
    bool decided, tentative;
    double answer_t, first_18x_t;
    uint32_t early_bye_frame;
    double early_bye_t;
    char *early_bye_by;
    bool bye_seen;
} call_t;

typedef struct {
    sg_aor_t pub;
} aor_t;

struct sg_tracker {
    GHashTable *txns; /* key -> txn_t */
    txn_t *oldest, *newest; /* creation order: past SG_MAX_TXNS the oldest goes */
    txn_t *done_first, *done_last; /* finished, the longest quiet first */
    double prev_t;          /* capture time of the previous message */
    bool have_prev;
    GHashTable *calls; /* Call-ID -> call_t */
    GPtrArray *call_list;
    size_t calls_dropped;
    GHashTable *aors;
    GPtrArray *aor_list;
    GHashTable *peer_codecs; /* responder address -> "PCMU/8000, G729/8000" */
    GHashTable *peer_frame;  /* responder address -> frame of that answer */
    /* scratch returned through judgements */
    sg_offer_t offer;
    char accepted[SG_TEXT_MAX];
    char responder[SG_TEXT_MAX];
};

/* Caps on the parts of a transaction's identity: bounded memory per
 * transaction whatever the message says. */
#define SG_KEY_CALL_ID_MAX SG_TEXT_MAX
#define SG_KEY_METHOD_MAX 32
#define SG_KEY_ADDR_MAX 64

static size_t cut_len(const char *s, size_t cap)
{
    return s ? strnlen(s, cap) : 0;
}

static bool same_cut(const char *a, const char *b, size_t cap)
{
    return strncmp(a ? a : "", b ? b : "", cap) == 0;
}

/* 64-bit FNV-1a over n bytes, eight at a time where it can: runs for every
 * SIP message, so it avoids GLib's byte-by-byte string hash. */
static uint64_t hash_bytes(uint64_t h, const char *p, size_t n)
{
    while (n >= 8) {
        uint64_t w;
        memcpy(&w, p, 8);
        h = (h ^ w) * 0x100000001b3ULL;
        h ^= h >> 29;
        p += 8;
        n -= 8;
    }
    while (n--)
        h = (h ^ (unsigned char)*p++) * 0x100000001b3ULL;
    return h;
}

static guint fast_str_hash(gconstpointer s)
{
    uint64_t h = hash_bytes(0xcbf29ce484222325ULL, s, strlen(s));
    return (guint)(h ^ (h >> 32));
}

static guint txn_hash(gconstpointer p)
{
    return ((const txn_key_t *)p)->hash;
}

static gboolean txn_equal(gconstpointer a, gconstpointer b)
{
    const txn_key_t *x = a, *y = b;
    return x->hash == y->hash && x->cseq == y->cseq &&
           same_cut(x->call_id, y->call_id, SG_KEY_CALL_ID_MAX) &&
           same_cut(x->method, y->method, SG_KEY_METHOD_MAX) &&
           same_cut(x->requester, y->requester, SG_KEY_ADDR_MAX) &&
           same_cut(x->responder, y->responder, SG_KEY_ADDR_MAX);
}

static char *dup_cut(const char *s)
{
    /* g_strndup() allocates n + 1 bytes whatever the string's length */
    return s ? g_strndup(s, strnlen(s, SG_TEXT_MAX)) : NULL;
}

/* A header parameter as the SIP dissector gives it, without its quotes. */
static char *dup_unquoted(const char *s)
{
    size_t n;
    if (!s)
        return NULL;
    n = strnlen(s, SG_TEXT_MAX);
    if (n >= 2 && s[0] == '"' && s[n - 1] == '"')
        return g_strndup(s + 1, n - 2);
    return g_strndup(s, n);
}

static bool same_unquoted(const char *a, const char *b)
{
    char *x = dup_unquoted(a), *y = dup_unquoted(b);
    bool eq = x && y && strcmp(x, y) == 0;
    g_free(x);
    g_free(y);
    return eq;
}

static void txn_free(gpointer p)
{
    txn_t *t = p;
    g_free(t->req_text);
    g_free(t->more);
    g_free(t->cancel_by);
    g_free(t);
}

static void call_free(gpointer p)
{
    call_t *c = p;
    g_free((char *)c->pub.responder);
    g_free((char *)c->pub.hangup_reason);
    g_free(c->early_bye_by);
    g_free(c);
}

static void aor_free(gpointer p)
{
    aor_t *a = p;
    g_free((char *)a->pub.aor);
    g_free((char *)a->pub.last_user);
    g_free(a);
}

sg_tracker_t *sg_tracker_new(void)
{
    sg_tracker_t *tr = g_new0(sg_tracker_t, 1);
    tr->txns = g_hash_table_new_full(txn_hash, txn_equal, NULL, txn_free);
    tr->calls = g_hash_table_new(fast_str_hash, g_str_equal);
    tr->call_list = g_ptr_array_new_with_free_func(call_free);
    tr->aors = g_hash_table_new(fast_str_hash, g_str_equal);
    tr->aor_list = g_ptr_array_new_with_free_func(aor_free);
    tr->peer_codecs = g_hash_table_new_full(fast_str_hash, g_str_equal, g_free, g_free);
    tr->peer_frame = g_hash_table_new_full(fast_str_hash, g_str_equal, g_free, NULL);
    return tr;
}

void sg_tracker_free(sg_tracker_t *tr)
{
    if (!tr)
        return;
    g_hash_table_destroy(tr->txns);
    g_hash_table_destroy(tr->calls);
    g_ptr_array_free(tr->call_list, TRUE);
    g_hash_table_destroy(tr->aors);
    g_ptr_array_free(tr->aor_list, TRUE);
    g_hash_table_destroy(tr->peer_codecs);
    g_hash_table_destroy(tr->peer_frame);
    g_free(tr);
}

size_t sg_tracker_txns(const sg_tracker_t *tr)
{
    return g_hash_table_size(tr->txns);
}

/* The key of a transaction: Call-ID, CSeq number, method, requester and
 * responder (each cut to its cap), hashed once. */
static txn_key_t txn_key(const char *call_id, uint32_t cseq, const char *method,
                         const char *requester, const char *responder)
{
    txn_key_t k = {call_id, method, requester, responder, cseq, 0};
    uint64_t h = 0xcbf29ce484222325ULL ^ (cseq * 0x9E3779B97F4A7C15ULL);
    h = hash_bytes(h, call_id, cut_len(call_id, SG_KEY_CALL_ID_MAX));
    h = hash_bytes(h ^ 1, method, cut_len(method, SG_KEY_METHOD_MAX));
    h = hash_bytes(h ^ 2, requester, cut_len(requester, SG_KEY_ADDR_MAX));
    h = hash_bytes(h ^ 3, responder, cut_len(responder, SG_KEY_ADDR_MAX));
    k.hash = (uint32_t)(h ^ (h >> 32));
    return k;
}

static txn_t *txn_find(sg_tracker_t *tr, const char *call_id, uint32_t cseq, const char *method,
                       const char *requester, const char *responder)
{
    txn_key_t k = txn_key(call_id, cseq, method, requester, responder);
    return g_hash_table_lookup(tr->txns, &k);
}

/* A copy of s cut to cap, at *at; returns it and moves *at past it. */
static const char *put(char **at, const char *s, size_t n)
{
    char *d = *at;
    memcpy(d, s ? s : "", n);
    d[n] = '\0';
    *at += n + 1;
    return d;
}

static void done_unlink(sg_tracker_t *tr, txn_t *t)
{
    if (t->done_prev)
        t->done_prev->done_next = t->done_next;
    else
        tr->done_first = t->done_next;
    if (t->done_next)
        t->done_next->done_prev = t->done_prev;
    else
        tr->done_last = t->done_prev;
    t->done_prev = t->done_next = NULL;
}

/* Forgets a transaction: out of both lists, out of the table (which frees it). */
static void txn_forget(sg_tracker_t *tr, txn_t *t)
{
    if (t->done)
        done_unlink(tr, t);
    if (t->older)
        t->older->newer = t->newer;
    else
        tr->oldest = t->newer;
    if (t->newer)
        t->newer->older = t->older;
    else
        tr->newest = t->older;
    g_hash_table_remove(tr->txns, t);
}

/* A new transaction: one allocation holds it and the strings of its key. */
static txn_t *txn_add(sg_tracker_t *tr, const char *call_id, uint32_t cseq, const char *method,
                      const char *requester, const char *responder)
{
    txn_key_t k = txn_key(call_id, cseq, method, requester, responder);
    size_t nc = cut_len(call_id, SG_KEY_CALL_ID_MAX), nm = cut_len(method, SG_KEY_METHOD_MAX),
           nq = cut_len(requester, SG_KEY_ADDR_MAX), nr = cut_len(responder, SG_KEY_ADDR_MAX);
    txn_t *t = g_malloc0(sizeof *t + nc + nm + nq + nr + 4);
    char *at = (char *)(t + 1);
    if (g_hash_table_size(tr->txns) >= SG_MAX_TXNS)
        txn_forget(tr, tr->oldest);
    t->k = k;
    t->k.call_id = put(&at, call_id, nc);
    t->k.method = put(&at, method, nm);
    t->k.requester = put(&at, requester, nq);
    t->k.responder = put(&at, responder, nr);
    t->ruri_at = t->user_at = t->realm_at = t->offer_at = SG_TXT_NONE;
    t->last_t = -DBL_MAX;
    t->older = tr->newest;
    if (tr->newest)
        tr->newest->newer = t;
    else
        tr->oldest = t;
    tr->newest = t;
    g_hash_table_insert(tr->txns, t, t);
    return t;
}

static call_t *call_find(sg_tracker_t *tr, const char *call_id)
{
    return call_id ? g_hash_table_lookup(tr->calls, call_id) : NULL;
}

/* As dup_cut, into a block at *at: NULL stays NULL. */
static const char *put_cut(char **at, const char *s)
{
    return s ? put(at, s, cut_len(s, SG_TEXT_MAX)) : NULL;
}

static call_t *call_add(sg_tracker_t *tr, const sg_msg_t *m)
{
    call_t *c;
    char *at;
    if (tr->call_list->len >= SG_MAX_CALLS) {
        tr->calls_dropped++;
        return NULL;
    }
    /* one allocation for the call and the strings it starts with */
    c = g_malloc0(sizeof *c + cut_len(m->call_id, SG_TEXT_MAX) + cut_len(m->from_user, SG_TEXT_MAX) +
                  cut_len(m->to_user, SG_TEXT_MAX) + cut_len(m->src, SG_TEXT_MAX) +
                  cut_len(m->dst, SG_TEXT_MAX) + cut_len(m->from_tag, SG_TEXT_MAX) + 6);
    at = (char *)(c + 1);
    c->pub.call_id = put_cut(&at, m->call_id);
    c->pub.from_user = put_cut(&at, m->from_user);
    c->pub.to_user = put_cut(&at, m->to_user);
    c->pub.caller = put_cut(&at, m->src);
    c->pub.callee = put_cut(&at, m->dst);
    c->pub.first_frame = m->frame;
    c->pub.start = m->t;
    c->pub.outcome = SG_OUTCOME_NO_RESPONSE;
    c->pub.setup_ms = c->pub.answer_ms = -1;
    c->pub.duration = -1;
    c->from_tag = put_cut(&at, m->from_tag);
    g_ptr_array_add(tr->call_list, c);
    g_hash_table_insert(tr->calls, (char *)c->pub.call_id, c);
    return c;
}

size_t sg_tracker_calls(const sg_tracker_t *tr)
{
    return tr->call_list->len;
}

const sg_call_t *sg_tracker_call(const sg_tracker_t *tr, size_t i)
{
    return i < tr->call_list->len ? &((call_t *)g_ptr_array_index(tr->call_list, i))->pub : NULL;
}

size_t sg_tracker_calls_dropped(const sg_tracker_t *tr)
{
    return tr->calls_dropped;
}

size_t sg_tracker_aors(const sg_tracker_t *tr)
{
    return tr->aor_list->len;
}

const sg_aor_t *sg_tracker_aor(const sg_tracker_t *tr, size_t i)
{
    return i < tr->aor_list->len ? &((aor_t *)g_ptr_array_index(tr->aor_list, i))->pub : NULL;
}

static aor_t *aor_get(sg_tracker_t *tr, const char *name, const sg_msg_t *m)
{
    aor_t *a = g_hash_table_lookup(tr->aors, name);
    if (a || tr->aor_list->len >= SG_MAX_AORS)
        return a;
    a = g_new0(aor_t, 1);
    a->pub.aor = dup_cut(name);
    a->pub.first_frame = m->frame;
    a->pub.first = m->t;
    g_ptr_array_add(tr->aor_list, a);
    g_hash_table_insert(tr->aors, (char *)a->pub.aor, a);
    return a;
}

static bool same(const char *a, const char *b)
{
    return a && b && strcmp(a, b) == 0;
}

static bool is_method(const sg_msg_t *m, const char *name)
{
    return m->method && strcmp(m->method, name) == 0;
}

static void done_append(sg_tracker_t *tr, txn_t *t)
{
    t->done_prev = tr->done_last;
    t->done_next = NULL;
    if (tr->done_last)
        tr->done_last->done_next = t;
    else
        tr->done_first = t;
    tr->done_last = t;
}

/* A message of t at capture time tm: a finished transaction goes to the
 * end of the finished list, so the list stays in order of last activity. */
static void txn_touch(sg_tracker_t *tr, txn_t *t, double tm)
{
    if (tm > t->last_t)
        t->last_t = tm;
    if (t->done && tr->done_last != t) {
        done_unlink(tr, t);
        done_append(tr, t);
    }
}

static void txn_finished(sg_tracker_t *tr, txn_t *t, double tm)
{
    if (!t->done) {
        t->done = true;
        done_append(tr, t);
    }
    txn_touch(tr, t, tm);
}

/* Forgets the finished transactions that have been quiet for SG_TXN_LINGER.
 * The clock is the earlier of this message's time and the previous one's,
 * so one packet stamped far ahead expires nothing, and a jump back in time
 * (merged files, clock steps) expires nothing either: only time that
 * passes for two messages in a row counts. */
static void expire(sg_tracker_t *tr, double tm)
{
    double clock = tr->have_prev && tr->prev_t < tm ? tr->prev_t : tm;
    bool ok = tr->have_prev;
    tr->prev_t = tm;
    tr->have_prev = true;
    if (!ok)
        return;
    while (tr->done_first && clock - tr->done_first->last_t > SG_TXN_LINGER)
        txn_forget(tr, tr->done_first);
}

/* Appends s (cut to cap, unquoted if asked) to the block at *n; returns its offset. */
static uint16_t text_put(char *block, size_t *n, const char *s, size_t cap, bool unquote)
{
    size_t at = *n, len;
    if (!s)
        return SG_TXT_NONE;
    len = strnlen(s, cap);
    if (unquote && len >= 2 && s[0] == '"' && s[len - 1] == '"') {
        s++;
        len -= 2;
    }
    memcpy(block + at, s, len);
    block[at + len] = '\0';
    *n = at + len + 1;
    return (uint16_t)at;
}

/* The request's strings its responses may show, in one block: the same
 * texts dup_cut, dup_unquoted and sdp_keep would keep, one allocation. */
static void keep_request_text(txn_t *t, const sg_msg_t *m)
{
    char block[3 * (SG_TEXT_MAX + 1) + SG_SDP_KEEP];
    size_t n = 0;
    char *offer = m->has_sdp && m->sdp ? sdp_keep(m->sdp) : NULL;
    t->ruri_at = text_put(block, &n, m->ruri, SG_TEXT_MAX, false);
    t->user_at = text_put(block, &n, m->auth_user, SG_TEXT_MAX, true);
    t->realm_at = text_put(block, &n, m->auth_realm, SG_TEXT_MAX, true);
    t->offer_at = text_put(block, &n, offer, SG_SDP_KEEP, false);
    g_free(offer);
    g_free(t->req_text);
    t->req_text = n ? memcpy(g_malloc(n), block, n) : NULL;
}

void sg_track_request(sg_tracker_t *tr, const sg_msg_t *m)
{
    txn_t *t;
    call_t *c;

    if (!m->call_id || !m->has_cseq || !m->method)
        return; /* not enough to place it: better nothing than a wrong match */
    expire(tr, m->t);
    if (is_method(m, "ACK")) {
        /* ACK completes the INVITE transaction of the same number, on its hop */
        if ((t = txn_find(tr, m->call_id, m->cseq, "INVITE", m->src, m->dst))) {
            t->ack = true;
            txn_touch(tr, t, m->t);
        }
        return;
    }
    t = txn_find(tr, m->call_id, m->cseq, m->method, m->src, m->dst);
    if (t && t->req_frame) {
        t->sends++;
        t->last_send_t = m->t;
        txn_touch(tr, t, m->t);
        return;
    }
    if (!t)
        t = txn_add(tr, m->call_id, m->cseq, m->method, m->src, m->dst);
    txn_touch(tr, t, m->t);
    t->req_frame = m->frame;
    t->req_t = t->last_send_t = m->t;
    t->sends = 1;
    t->initial = is_method(m, "INVITE") && !(m->to_tag && *m->to_tag);
    t->has_auth = m->has_auth;
    keep_request_text(t, m);

    if (is_method(m, "CANCEL")) {
        txn_t *inv = txn_find(tr, m->call_id, m->cseq, "INVITE", m->src, m->dst);
        if (!inv) /* the INVITE came before the capture: its 487 still follows this CANCEL */
            inv = txn_add(tr, m->call_id, m->cseq, "INVITE", m->src, m->dst);
        txn_touch(tr, inv, m->t);
        if (!inv->cancel_frame) {
            inv->cancel_frame = m->frame;
            inv->cancel_t = m->t;
            inv->cancel_by = dup_cut(m->src);
        }
        return;
    }
    c = call_find(tr, m->call_id);
    if (t->initial) {
        if (!c)
            c = call_add(tr, m);
        if (c) {
            c->pub.invites++;
            c->last_invite_cseq = m->cseq;
        }
    } else if (c && is_method(m, "BYE") && !c->bye_seen) {
        c->bye_seen = true;
        if (c->pub.outcome == SG_OUTCOME_ANSWERED) {
            c->pub.duration = m->t - c->answer_t;
            c->pub.hangup_by = same(m->from_tag, c->from_tag) ? "caller" : "callee";
            c->pub.hangup_reason = dup_cut(m->reason);
        } else if (!c->decided) {
            c->early_bye_frame = m->frame;
            c->early_bye_t = m->t;
            c->early_bye_by = dup_cut(m->src);
        }
    }
    if (is_method(m, "REGISTER") && (m->to_addr || m->to_user)) {
        aor_t *a = aor_get(tr, m->to_addr ? m->to_addr : m->to_user, m);
        if (a) {
            a->pub.attempts++;
            a->pub.last_frame = m->frame;
            a->pub.last = m->t;
            if (m->auth_user) {
                g_free((char *)a->pub.last_user);
                a->pub.last_user = dup_unquoted(m->auth_user);
            }
        }
    }
}

static resp_seen_t *resp_slot(txn_t *t, unsigned i)
{
    return i < SG_RESP_INLINE ? &t->resp[i] : &t->more[i - SG_RESP_INLINE];
}

/* This response again (same code, same To tag), or a new one. */
static resp_seen_t *resp_match(txn_t *t, const sg_msg_t *m, bool *again)
{
    uint64_t tag = hash_bytes(0xcbf29ce484222325ULL, m->to_tag, cut_len(m->to_tag, 64));
    resp_seen_t *r;
    for (unsigned i = 0; i < t->nresp; i++) {
        r = resp_slot(t, i);
        if (r->code == m->code && r->to_tag == tag) {
            *again = true;
            return r;
        }
    }
    *again = false;
    if (t->nresp >= SG_MAX_RESP)
        return NULL;
    if (t->nresp == SG_RESP_INLINE && !t->more)
        t->more = g_new0(resp_seen_t, SG_MAX_RESP - SG_RESP_INLINE);
    r = resp_slot(t, t->nresp++);
    r->code = (uint16_t)m->code;
    r->to_tag = tag;
    r->first_frame = m->frame;
    r->first_t = m->t;
    return r;
}

/* Codes after which the caller may retry inside the same Call-ID. */
static bool retryable(unsigned code)
{
    return (code >= 300 && code < 400) || code == 401 || code == 407 || code == 422 ||
           code == 423 || code == 494;
}

static void codec_list(const sg_offer_t *o, char *buf, size_t len)
{
    buf[0] = '\0';
    for (unsigned i = 0; i < o->ncodecs; i++) {
        if (i)
            g_strlcat(buf, ", ", len);
        g_strlcat(buf, o->codecs[i], len);
    }
}

static bool offer_shares_codec(const sg_offer_t *o, const char *list)
{
    for (unsigned i = 0; i < o->ncodecs; i++) {
        const char *s = list;
        size_t n = strlen(o->codecs[i]);
        while ((s = strstr(s, o->codecs[i]))) {
            if ((s == list || s[-1] == ' ') && (s[n] == ',' || s[n] == '\0'))
                return true;
            s += n;
        }
    }
    return false;
}

static void judge_offer(sg_tracker_t *tr, txn_t *t, const sg_msg_t *m, sg_judgement_t *j)
{
    bool offer_code = m->code == 488 || m->code == 606 || m->code == 415 || m->code == 380;
    /* a challenge or a cancelled INVITE says nothing about the offer */
    if (m->code < 300 || m->code == 401 || m->code == 407 || m->code == 487 ||
        (m->code < 400 && !offer_code) || !(offer_code || TXN_OFFER(t)))
        return;
    if (TXN_OFFER(t)) {
        sg_offer_from_sdp(&tr->offer, TXN_OFFER(t));
        j->offer = &tr->offer;
        j->offer_frame = t->req_frame;
        if (tr->offer.all_port_zero)
            j->findings |= 1u << SG_FIND_OFFER_PORT_ZERO;
        if (tr->offer.secure)
            j->findings |= 1u << SG_FIND_OFFER_SECURE_MEDIA;
        if ((m->code == 488 || m->code == 606) && m->src) {
            const char *acc = g_hash_table_lookup(tr->peer_codecs, m->src);
            if (acc && tr->offer.ncodecs && !offer_shares_codec(&tr->offer, acc)) {
                j->findings |= 1u << SG_FIND_CODECS_ACCEPTED_BEFORE;
                g_strlcpy(tr->accepted, acc, sizeof tr->accepted);
                j->accepted_codecs = tr->accepted;
                j->accepted_frame = GPOINTER_TO_UINT(g_hash_table_lookup(tr->peer_frame, m->src));
            }
        }
    } else if (strcmp(t->k.method, "INVITE") == 0 && (m->code == 488 || m->code == 606)) {
        j->findings |= 1u << SG_FIND_OFFER_NO_SDP;
        j->offer_frame = t->req_frame;
    }
}

/* Remember what a peer accepted: the codecs of an offer it answered with 2xx. */
static void remember_accepted(sg_tracker_t *tr, txn_t *t, const sg_msg_t *m)
{
    char list[SG_TEXT_MAX];
    sg_offer_t o;
    if (!TXN_OFFER(t) || !m->src)
        return;
    sg_offer_from_sdp(&o, TXN_OFFER(t));
    codec_list(&o, list, sizeof list);
    if (!*list)
        return;
    if (!g_hash_table_contains(tr->peer_codecs, m->src) &&
        g_hash_table_size(tr->peer_codecs) >= SG_MAX_PEERS)
        return;
    g_hash_table_insert(tr->peer_codecs, g_strdup(m->src), g_strdup(list));
    g_hash_table_insert(tr->peer_frame, g_strdup(m->src), GUINT_TO_POINTER(t->req_frame));
}

static void judge_auth(txn_t *t, const sg_msg_t *m, sg_judgement_t *j, bool *scan_counts)
{
    bool challenge = m->code == 401 || m->code == 407;
    if (t->has_auth) {
        j->auth_user = TXN_AUTH_USER(t);
        j->auth_realm = TXN_AUTH_REALM(t);
    }
    if (challenge && m->stale) {
        j->findings |= 1u << SG_FIND_NONCE_EXPIRED;
        *scan_counts = false;
    } else if (challenge && !t->has_auth) {
        *scan_counts = false; /* a first challenge is a step, not a failure */
    } else if ((challenge || m->code == 403) && t->has_auth) {
        /* a challenge for another realm is a new challenge, not a refusal */
        if (!(challenge && m->auth_realm && TXN_AUTH_REALM(t) && !same_unquoted(m->auth_realm, TXN_AUTH_REALM(t))))
            j->findings |= 1u << SG_FIND_CREDENTIALS_REJECTED;
        else
            *scan_counts = false;
    }
}

static void judge_call(sg_tracker_t *tr, txn_t *t, const sg_msg_t *m, sg_judgement_t *j, bool again)
{
    call_t *c = call_find(tr, m->call_id);
    bool to_caller;
    if (!c || !t->initial || again)
        return;
    if (m->code >= 180 && m->code < 200 && c->pub.setup_ms < 0)
        c->pub.setup_ms = (long)((m->t - c->pub.start) * 1000 + 0.5);
    if (m->code < 200 || c->pub.outcome == SG_OUTCOME_ANSWERED)
        return;
    to_caller = same(m->dst, c->pub.caller);
    if (m->code < 300) {
        c->pub.outcome = SG_OUTCOME_ANSWERED;
        c->answer_t = m->t;
        c->pub.answer_ms = (long)((m->t - c->pub.start) * 1000 + 0.5);
        c->decided = true;
        c->tentative = false;
        remember_accepted(tr, t, m);
    } else if (c->decided) {
        return; /* a copy of the deciding failure on another hop */
    } else if (m->code == 487 && j->cancel_frame) {
        c->pub.outcome = SG_OUTCOME_CANCELLED;
        c->decided = to_caller;
    } else {
        c->pub.outcome = SG_OUTCOME_FAILED;
        c->decided = to_caller && !retryable(m->code);
    }
    c->tentative = !c->decided;
    c->pub.final_code = m->code;
    c->pub.final_method = "INVITE";
    c->pub.final_frame = m->frame;
    c->pub.findings = j->findings;
    g_free((char *)c->pub.responder);
    c->pub.responder = dup_cut(j->responder);
    if (c->decided) {
        j->outcome = c->pub.outcome;
        j->setup_ms = c->pub.setup_ms;
        j->answer_ms = c->pub.answer_ms;
    }
}

static void judge_register(sg_tracker_t *tr, txn_t *t, const sg_msg_t *m, const sg_judgement_t *j)
{
    aor_t *a;
    if (strcmp(t->k.method, "REGISTER") != 0 || m->code < 200 || !(m->to_addr || m->to_user))
        return;
    if (!(a = aor_get(tr, m->to_addr ? m->to_addr : m->to_user, m)))
        return;
    a->pub.last_code = m->code;
    a->pub.last_frame = m->frame;
    a->pub.last = m->t;
    if (m->code < 300)
        a->pub.ok++;
    else if (j->findings & (1u << SG_FIND_CREDENTIALS_REJECTED))
        a->pub.rejected++;
    else if (m->code == 401 || m->code == 407)
        a->pub.challenged++;
    else
        a->pub.refused++;
}

void sg_track_response(sg_tracker_t *tr, const sg_msg_t *m, sg_judgement_t *j, bool *scan_counts)
{
    txn_t *t;
    resp_seen_t *r;
    bool again;

    memset(j, 0, sizeof *j);
    j->setup_ms = j->answer_ms = -1;
    *scan_counts = true;
    if (m->server) {
        g_strlcpy(tr->responder, m->server, sizeof tr->responder);
        j->responder = tr->responder;
    }
    if (!m->call_id || !m->has_cseq || !m->method)
        return;
    /* the response travels back: its destination sent the request */
    expire(tr, m->t);
    t = txn_find(tr, m->call_id, m->cseq, m->method, m->dst, m->src);
    if (!t)
        t = txn_add(tr, m->call_id, m->cseq, m->method, m->dst, m->src);
    if (m->code >= 200)
        txn_finished(tr, t, m->t);
    else
        txn_touch(tr, t, m->t);
    if (t->req_frame) {
        j->request_frame = t->req_frame;
        j->response_time = m->t - t->req_t;
        j->request_uri = TXN_RURI(t);
    }
    r = resp_match(t, m, &again);
    if (again) {
        if (r->count < UINT16_MAX)
            r->count++;
        j->retransmission_of = r->first_frame;
        if (m->code >= 200 && strcmp(t->k.method, "INVITE") == 0 && !t->ack &&
            r->count >= SG_NO_ACK_SENDS) {
            j->findings |= 1u << SG_FIND_NO_ACK;
            j->sends = r->count;
            j->sends_span = m->t - r->first_t;
        }
        *scan_counts = false; /* counted once, on the first */
    } else if (r) {
        r->count = 1;
    }

    if (m->code >= 200 && !again) {
        if (t->final_code && t->final_code != m->code && strcmp(t->k.method, "INVITE") == 0 &&
            !(t->final_code < 300 && m->code < 300)) {
            j->findings |= 1u << SG_FIND_CONFLICTING_FINAL;
            j->first_final_code = t->final_code;
            j->first_final_frame = t->final_frame;
        } else if (!t->final_code) {
            t->final_code = m->code;
            t->final_frame = m->frame;
        }
        if (t->sends > 1 && m->code >= 300) {
            j->findings |= 1u << SG_FIND_REQUEST_RETRANSMITTED;
            j->resends = t->sends - 1;
            j->resends_span = t->last_send_t - t->req_t;
        }
    }
    if (t->sends > 1) {
        j->resends = t->sends - 1;
        j->resends_span = t->last_send_t - t->req_t;
    }

    if (m->code == 487 && strcmp(t->k.method, "INVITE") == 0) {
        call_t *c = call_find(tr, m->call_id);
        if (t->cancel_frame) {
            j->cancel_frame = t->cancel_frame;
            j->cancel_method = "CANCEL";
            j->cancel_by = t->cancel_by;
            j->cancel_after = t->cancel_t - t->req_t;
        } else if (c && c->early_bye_frame && t->req_frame && c->early_bye_t >= t->req_t) {
            j->cancel_frame = c->early_bye_frame;
            j->cancel_method = "BYE";
            j->cancel_by = c->early_bye_by;
            j->cancel_after = c->early_bye_t - t->req_t;
        }
        if (!again)
            j->findings |= 1u << (j->cancel_frame ? SG_FIND_CANCELLED : SG_FIND_NO_CANCEL);
    }
    if (!again) {
        judge_auth(t, m, j, scan_counts);
        judge_offer(tr, t, m, j);
    }
    if (strcmp(t->k.method, "INVITE") == 0)
        judge_call(tr, t, m, j, again);
    if (!again)
        judge_register(tr, t, m, j);
    if (j->findings & (1u << SG_FIND_NO_ACK)) {
        /* every resend carries the finding; only the first raises it */
        if (t->no_ack_raised)
            j->quiet |= 1u << SG_FIND_NO_ACK;
        t->no_ack_raised = true;
    }
}

/* ---- texts ------------------------------------------------------------ */

void sg_finding_text(const sg_judgement_t *j, sg_finding_t f, unsigned code, const char *method,
                     char *buf, size_t len)
{
    const char *meth = method ? method : "request";
    switch (f) {
    case SG_FIND_NO_ACK:
        g_snprintf(buf, len, "final response sent %u times over %.1f s: no ACK arrived in between",
                   j->sends, j->sends_span);
        break;
    case SG_FIND_CONFLICTING_FINAL:
        g_snprintf(buf, len, "a second final response: %u after %u in frame %u", code,
                   j->first_final_code, j->first_final_frame);
        break;
    case SG_FIND_NO_CANCEL:
        g_snprintf(buf, len, "487 with no CANCEL or BYE earlier: if unexpected, inspect the call "
                             "Flow");
        break;
    case SG_FIND_CANCELLED:
        g_snprintf(buf, len, "cancelled by %s (frame %u) from %s, %.1f s after the INVITE",
                   j->cancel_method ? j->cancel_method : "CANCEL", j->cancel_frame,
                   j->cancel_by ? j->cancel_by : "?", j->cancel_after);
        break;
    case SG_FIND_REQUEST_RETRANSMITTED:
        g_snprintf(buf, len, "%s sent %u times over %.1f s", meth, j->resends + 1,
                   j->resends_span);
        break;
    case SG_FIND_OFFER_PORT_ZERO:
        g_snprintf(buf, len, "every stream of the offer (frame %u) is on port 0", j->offer_frame);
        break;
    case SG_FIND_OFFER_SECURE_MEDIA:
        g_snprintf(buf, len, "the offer (frame %u) asks for SRTP", j->offer_frame);
        break;
    case SG_FIND_OFFER_NO_SDP:
        g_snprintf(buf, len, "the INVITE (frame %u) carried no SDP: a late offer", j->offer_frame);
        break;
    case SG_FIND_CODECS_ACCEPTED_BEFORE:
        g_snprintf(buf, len, "this peer accepted %s (offer in frame %u); this offer has none of them",
                   j->accepted_codecs ? j->accepted_codecs : "", j->accepted_frame);
        break;
    case SG_FIND_CREDENTIALS_REJECTED:
        /* with the guide's own action for refused credentials (its row filed under 400) */
        g_snprintf(buf, len, "credentials of \"%s\" for realm \"%s\" refused: %s",
                   j->auth_user ? j->auth_user : "?", j->auth_realm ? j->auth_realm : "?",
                   sg_builtin_lookup(403) && sg_builtin_lookup(403)->actions[0]
                       ? sg_builtin_lookup(403)->actions[0]
                       : "check the user name and password");
        break;
    case SG_FIND_NONCE_EXPIRED:
        g_snprintf(buf, len, "nonce expired (stale=true): the client retries, routine");
        break;
    default:
        g_strlcpy(buf, findings[f].explain, len);
        break;
    }
}
