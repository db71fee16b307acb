/* collect.c - reads, on the first pass, what Wireshark's SIP and SDP
 * dissectors found in a frame, hands every SIP message to the core's tracker
 * (core/sipguide_track.c) in capture order, and keeps each response's
 * judgement in an sg_frame_t for the file's lifetime, so later passes never
 * depend on state.  The decisions are the core's; this file only collects.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <epan/address.h>
#include <epan/proto.h>
#include <epan/to_str.h>
#include <wsutil/nstime.h>

#include "sipguide.h"

/* The SIP and SDP fields sipguide reads, resolved by name once. */
enum {
    F_STATUS_CODE,
    F_STATUS_LINE,
    F_METHOD,
    F_CALL_ID,
    F_CSEQ_SEQ,
    F_CSEQ_METHOD,
    F_REASON_Q850,
    F_REASON_SIP,
    F_REASON_TEXT,
    F_REASON,
    F_RETRY_AFTER,
    F_WARNING,
    F_TO_USER,
    F_TO_ADDR,
    F_TO_TAG,
    F_FROM_USER,
    F_FROM_TAG,
    F_RURI,
    F_SERVER,
    F_USER_AGENT,
    F_AUTH_USER,
    F_AUTH_REALM,
    F_AUTH_STALE,
    F_SDP_MEDIA,
    F_SDP_MEDIA_ATTR,
    F_SDP_SESSION_ATTR,
    F_COUNT
};
static struct {
    int hf;
    const char *name;
} fields[F_COUNT] = {
    [F_STATUS_CODE] = {-1, "sip.Status-Code"},
    [F_STATUS_LINE] = {-1, "sip.Status-Line"},
    [F_METHOD] = {-1, "sip.Method"},
    [F_CALL_ID] = {-1, "sip.Call-ID"},
    [F_CSEQ_SEQ] = {-1, "sip.CSeq.seq"},
    [F_CSEQ_METHOD] = {-1, "sip.CSeq.method"},
    [F_REASON_Q850] = {-1, "sip.reason_cause_q850"},
    [F_REASON_SIP] = {-1, "sip.reason_cause_sip"},
    [F_REASON_TEXT] = {-1, "sip.reason_text"},
    [F_REASON] = {-1, "sip.Reason"},
    [F_RETRY_AFTER] = {-1, "sip.Retry-After"},
    [F_WARNING] = {-1, "sip.Warning"},
    [F_TO_USER] = {-1, "sip.to.user"},
    [F_TO_ADDR] = {-1, "sip.to.addr"},
    [F_TO_TAG] = {-1, "sip.to.tag"},
    [F_FROM_USER] = {-1, "sip.from.user"},
    [F_FROM_TAG] = {-1, "sip.from.tag"},
    [F_RURI] = {-1, "sip.r-uri"},
    [F_SERVER] = {-1, "sip.Server"},
    [F_USER_AGENT] = {-1, "sip.User-Agent"},
    [F_AUTH_USER] = {-1, "sip.auth.username"},
    [F_AUTH_REALM] = {-1, "sip.auth.realm"},
    [F_AUTH_STALE] = {-1, "sip.auth.stale"},
    [F_SDP_MEDIA] = {-1, "sdp.media"},
    [F_SDP_MEDIA_ATTR] = {-1, "sdp.media_attr"},
    [F_SDP_SESSION_ATTR] = {-1, "sdp.session_attr"},
};

/* The capture's history, reset for every file. */
static sg_tracker_t *tracker;
static sg_scan_t *scan;
static wmem_map_t *interned; /* responder names and other repeated strings, file scope */

void sipguide_collect_wanted(GArray *hfids)
{
    for (int i = 0; i < F_COUNT; i++) {
        fields[i].hf = proto_registrar_get_id_byname(fields[i].name);
        if (fields[i].hf > 0)
            g_array_append_val(hfids, fields[i].hf);
    }
}

void sipguide_collect_init(void)
{
    const sg_settings_t *set = sipguide_settings();
    sg_tracker_free(tracker);
    tracker = sg_tracker_new();
    interned = wmem_map_new(wmem_file_scope(), wmem_str_hash, g_str_equal);
    sg_scan_free(scan);
    scan = set->scan_enabled ? sg_scan_new(&set->scan) : NULL;
}

void sipguide_collect_cleanup(void)
{
    sg_scan_free(scan);
    scan = NULL;
    /* the tracker stays until the next file: the reports draw from it after the pass */
    interned = NULL;
}

const sg_tracker_t *sipguide_tracker(void)
{
    return tracker;
}

static GPtrArray *get(proto_tree *tree, int which)
{
    return fields[which].hf > 0 ? proto_get_finfo_ptr_array(tree, fields[which].hf) : NULL;
}

/* One SIP message of the frame: from its start line (status line or request
 * method) to the next start line in the same data source.  Several messages
 * can share a frame; asking for the "sip" item itself instead would make the
 * SIP dissector build its whole tree, so the start lines mark the bounds. */
typedef struct {
    tvbuff_t *tvb;
    gint start, end;
    gboolean any; /* no start line found: match everything */
} sg_span_t;

static sg_span_t message_of(GPtrArray *const *arr, const field_info *fi)
{
    static const int starts[] = {F_STATUS_LINE, F_METHOD};
    sg_span_t m = {NULL, 0, G_MAXINT, TRUE};
    for (size_t l = 0; l < G_N_ELEMENTS(starts); l++) {
        GPtrArray *a = arr[starts[l]];
        for (guint i = 0; a && i < a->len; i++) {
            const field_info *s = (const field_info *)g_ptr_array_index(a, i);
            if (s->ds_tvb == fi->ds_tvb && s->start <= fi->start && (m.any || s->start > m.start)) {
                m.start = s->start;
                m.any = FALSE;
            }
        }
    }
    if (m.any)
        return m;
    m.tvb = fi->ds_tvb;
    for (size_t l = 0; l < G_N_ELEMENTS(starts); l++) {
        GPtrArray *a = arr[starts[l]];
        for (guint i = 0; a && i < a->len; i++) {
            const field_info *s = (const field_info *)g_ptr_array_index(a, i);
            if (s->ds_tvb == m.tvb && s->start > m.start && s->start < m.end)
                m.end = s->start;
        }
    }
    return m;
}

static gboolean inside(const field_info *fi, const sg_span_t *m)
{
    return m->any || (fi->ds_tvb == m->tvb && fi->start >= m->start && fi->start < m->end);
}

/* First occurrence of a field inside message m. */
static field_info *first_in(GPtrArray *arr, const sg_span_t *m)
{
    for (guint i = 0; arr && i < arr->len; i++) {
        field_info *fi = (field_info *)g_ptr_array_index(arr, i);
        if (inside(fi, m))
            return fi;
    }
    return NULL;
}

static const char *str_of(field_info *fi)
{
    return fi ? fvalue_get_string(SG_FI_VALUE(fi)) : NULL;
}

static guint32 uint_of(field_info *fi)
{
    return fvalue_get_uinteger(SG_FI_VALUE(fi));
}

static const char *str_in(GPtrArray *const *arr, int which, const sg_span_t *m)
{
    return str_of(first_in(arr[which], m));
}

/* A file-scope copy, shared by every response that says the same. */
static const char *intern(const char *s)
{
    char *k;
    if (!s)
        return NULL;
    if ((k = (char *)wmem_map_lookup(interned, s)))
        return k;
    k = wmem_strndup(wmem_file_scope(), s, SG_TEXT_MAX);
    if (wmem_map_size(interned) < 4096)
        wmem_map_insert(interned, k, k);
    return k;
}

/* Method names are few: share the common ones instead of copying per response. */
static const char *keep_method(const char *m)
{
    static const char *const common[] = {"INVITE", "ACK",  "BYE",     "CANCEL",   "REGISTER",
                                         "OPTIONS", "INFO", "UPDATE", "PRACK",    "SUBSCRIBE",
                                         "NOTIFY",  "REFER", "MESSAGE", "PUBLISH"};
    if (!m)
        return NULL;
    for (size_t i = 0; i < G_N_ELEMENTS(common); i++)
        if (strcmp(m, common[i]) == 0)
            return common[i];
    return intern(m);
}

/* The phrase of a status line; the registry's own string when it is the same,
 * so the usual case costs no copy.  Long phrases are cut on a UTF-8 boundary
 * (the SIP dissector already made the text valid UTF-8). */
static void keep_phrase(sg_resp_t *r, field_info *line_fi)
{
    const char *line = str_of(line_fi), *phrase;
    const sg_entry_t *e = sg_builtin_lookup(r->code);
    size_t plen;

    if (!line || !sg_status_line_phrase(line, strlen(line), &phrase, &plen))
        return;
    r->phrase_len = (guint32)plen;
    if (e && !sg_phrase_matches(e, phrase, plen))
        r->findings |= 1u << SG_FIND_PHRASE_DIFFERS;
    if (e && strlen(e->phrase) == plen && strncmp(e->phrase, phrase, plen) == 0) {
        r->wire_phrase = e->phrase;
        return;
    }
    if (plen > SG_PHRASE_MAX) {
        plen = SG_PHRASE_MAX;
        while (plen > 0 && ((unsigned char)phrase[plen] & 0xC0) == 0x80)
            plen--;
        r->flags |= SG_F_PHRASE_CUT;
    }
    r->wire_phrase = wmem_strndup(wmem_file_scope(), phrase, plen);
}

static sg_extra_t *extra_of(sg_resp_t *r)
{
    if (!r->extra)
        r->extra = wmem_new0(wmem_file_scope(), sg_extra_t);
    return r->extra;
}

/* Reason, Retry-After and Warning: the headers that say why. */
static void keep_headers(sg_resp_t *r, const sg_span_t *msg, GPtrArray *const *arr)
{
    field_info *fi;
    if ((fi = first_in(arr[F_REASON_Q850], msg))) {
        extra_of(r)->reason_proto = SG_REASON_Q850;
        r->extra->reason_cause = uint_of(fi);
    } else if ((fi = first_in(arr[F_REASON_SIP], msg))) {
        extra_of(r)->reason_proto = SG_REASON_SIP;
        r->extra->reason_cause = uint_of(fi);
    }
    if (r->extra && (fi = first_in(arr[F_REASON_TEXT], msg)))
        r->extra->reason_text = wmem_strndup(wmem_file_scope(), str_of(fi), 256);
    if ((fi = first_in(arr[F_RETRY_AFTER], msg))) {
        extra_of(r)->has_retry_after = TRUE;
        r->extra->retry_after = uint_of(fi);
    }
    if ((fi = first_in(arr[F_WARNING], msg)) && str_of(fi))
        extra_of(r)->warning = wmem_strndup(wmem_file_scope(), str_of(fi), 512);
}

/* The SDP of one message as an offer: m= lines, and each a= line with the
 * index of the m= line it follows (-1 before the first: session level). */
static gboolean offer_of(GPtrArray *const *arr, const sg_span_t *m, sg_offer_t *o)
{
    const char *ml[SG_OFFER_MAX_MEDIA];
    gint mstart[SG_OFFER_MAX_MEDIA];
    const char *at[64];
    int am[64];
    size_t nm = 0, na = 0;
    GPtrArray *a = arr[F_SDP_MEDIA];
    for (guint i = 0; a && i < a->len && nm < SG_OFFER_MAX_MEDIA; i++) {
        field_info *fi = (field_info *)g_ptr_array_index(a, i);
        if (inside(fi, m)) {
            mstart[nm] = fi->start;
            ml[nm++] = str_of(fi);
        }
    }
    if (nm == 0)
        return FALSE;
    for (int which = F_SDP_MEDIA_ATTR; which <= F_SDP_SESSION_ATTR; which++) {
        a = arr[which];
        for (guint i = 0; a && i < a->len && na < G_N_ELEMENTS(at); i++) {
            field_info *fi = (field_info *)g_ptr_array_index(a, i);
            int media = -1;
            if (!inside(fi, m))
                continue;
            for (size_t k = 0; k < nm; k++)
                if (mstart[k] < fi->start)
                    media = (int)k;
            at[na] = str_of(fi);
            am[na++] = which == F_SDP_SESSION_ATTR ? -1 : media;
        }
    }
    sg_offer_parse(o, ml, nm, at, am, na);
    return TRUE;
}

/* The facts of one message, for the tracker. */
static void facts_of(packet_info *pinfo, GPtrArray *const *arr, const sg_span_t *m, sg_msg_t *f,
                     const char *src, const char *dst)
{
    field_info *fi;
    memset(f, 0, sizeof *f);
    f->frame = pinfo->num;
    f->t = nstime_to_sec(&pinfo->abs_ts);
    f->src = src;
    f->dst = dst;
    f->call_id = str_in(arr, F_CALL_ID, m);
    if ((fi = first_in(arr[F_CSEQ_SEQ], m))) {
        f->cseq = uint_of(fi);
        f->has_cseq = true;
    }
    f->from_user = str_in(arr, F_FROM_USER, m);
    f->from_tag = str_in(arr, F_FROM_TAG, m);
    f->to_user = str_in(arr, F_TO_USER, m);
    f->to_tag = str_in(arr, F_TO_TAG, m);
    f->to_addr = str_in(arr, F_TO_ADDR, m);
    f->auth_user = str_in(arr, F_AUTH_USER, m);
    f->auth_realm = str_in(arr, F_AUTH_REALM, m);
}

static const char *stale_value_true(GPtrArray *const *arr, const sg_span_t *m)
{
    const char *s = str_in(arr, F_AUTH_STALE, m);
    return s && g_ascii_strncasecmp(s, "true", 4) == 0 ? s : NULL;
}

/* A request: to the tracker, which remembers what its responses will need. */
static void collect_request(packet_info *pinfo, GPtrArray *const *arr, field_info *method_fi,
                            const char *src, const char *dst)
{
    sg_span_t m = message_of(arr, method_fi);
    sg_msg_t f;
    sg_offer_t offer;
    facts_of(pinfo, arr, &m, &f, src, dst);
    f.is_request = true;
    f.method = str_of(method_fi);
    f.ruri = str_in(arr, F_RURI, &m);
    f.has_auth = f.auth_user || f.auth_realm;
    f.reason = str_in(arr, F_REASON, &m);
    if (offer_of(arr, &m, &offer)) {
        f.has_sdp = true;
        f.offer = &offer;
    }
    sg_track_request(tracker, &f);
}

static const char *copy(const char *s)
{
    return s ? wmem_strndup(wmem_file_scope(), s, SG_TEXT_MAX) : NULL;
}

/* The judgement to file scope, only when it says something. */
static void keep_judgement(sg_resp_t *r, const sg_judgement_t *j, const char *src)
{
    sg_evidence_t *ev;
    r->findings |= j->findings;
    if (j->request_frame) {
        r->request_frame = j->request_frame;
        /* whole milliseconds, cut like Wireshark's own sip.response-time */
        r->response_time = (guint32)(j->response_time * 1000 + 1e-6);
        r->flags |= SG_F_HAS_RESPONSE_TIME;
    }
    r->responder = intern(j->responder);
    if (!j->findings && !j->retransmission_of && !j->resends && !j->outcome && r->code < 300 &&
        !j->auth_user)
        return;
    r->ev = ev = wmem_new0(wmem_file_scope(), sg_evidence_t);
    ev->quiet = j->quiet;
    ev->retransmission_of = j->retransmission_of;
    ev->sends = j->sends;
    ev->sends_span = j->sends_span;
    ev->resends = j->resends;
    ev->resends_span = j->resends_span;
    ev->cancel_frame = j->cancel_frame;
    ev->cancel_method = j->cancel_method;
    ev->cancel_by = copy(j->cancel_by);
    ev->cancel_after = j->cancel_after;
    ev->first_final_frame = j->first_final_frame;
    ev->first_final_code = j->first_final_code;
    if (r->code >= 300)
        ev->request_uri = copy(j->request_uri);
    ev->auth_user = copy(j->auth_user);
    ev->auth_realm = copy(j->auth_realm);
    ev->src = intern(src);
    ev->offer_frame = j->offer_frame;
    if (j->offer) {
        ev->offer = wmem_new(wmem_file_scope(), sg_offer_t);
        *ev->offer = *j->offer;
    }
    ev->accepted_codecs = copy(j->accepted_codecs);
    ev->accepted_frame = j->accepted_frame;
    ev->outcome = j->outcome;
    ev->setup_ms = (gint32)j->setup_ms;
    ev->answer_ms = (gint32)j->answer_ms;
}

static void check_scan(sg_resp_t *r, const char *to_user, packet_info *pinfo, const char *dst)
{
    sg_scan_hit_t hit;
    sg_scan_record(scan, dst, nstime_to_sec(&pinfo->abs_ts), to_user, &hit);
    if (!hit.active)
        return;
    r->findings |= 1u << SG_FIND_SCAN;
    extra_of(r)->scan_addr = intern(dst);
    r->extra->scan_count = hit.count;
    r->extra->scan_users = hit.users;
    r->extra->scan_warn = hit.warn;
    r->extra->scan_user_list = wmem_strdup(wmem_file_scope(), hit.users_text);
}

static void collect_response(packet_info *pinfo, GPtrArray *const *arr, field_info *code_fi,
                             sg_resp_t *r, const char *src, const char *dst)
{
    const sg_settings_t *set = sipguide_settings();
    sg_span_t m = message_of(arr, code_fi);
    sg_msg_t f;
    sg_judgement_t j;
    bool scan_counts;

    r->code = uint_of(code_fi);
    keep_phrase(r, first_in(arr[F_STATUS_LINE], &m));
    r->method = keep_method(str_in(arr, F_CSEQ_METHOD, &m));
    keep_headers(r, &m, arr);

    facts_of(pinfo, arr, &m, &f, src, dst);
    f.code = r->code;
    f.method = r->method;
    f.server = str_in(arr, F_SERVER, &m);
    if (!f.server)
        f.server = str_in(arr, F_USER_AGENT, &m);
    f.stale = stale_value_true(arr, &m) != NULL;
    sg_track_response(tracker, &f, &j, &scan_counts);
    if (!set->check_487)
        j.findings &= ~(1u << SG_FIND_NO_CANCEL);
    keep_judgement(r, &j, src);
    if (scan && set->scan_enabled && scan_counts && sg_codeset_has(&set->scan_codes, r->code))
        check_scan(r, f.to_user, pinfo, dst);
}

/* Where a message starts, to hand the frame's messages over in order. */
typedef struct {
    field_info *fi;
    gboolean response;
    guint ds;
} sg_start_t;

static gint start_order(gconstpointer a, gconstpointer b)
{
    const sg_start_t *x = (const sg_start_t *)a, *y = (const sg_start_t *)b;
    if (x->ds != y->ds)
        return x->ds < y->ds ? -1 : 1;
    return x->fi->start < y->fi->start ? -1 : x->fi->start > y->fi->start;
}

static guint source_index(packet_info *pinfo, tvbuff_t *tvb)
{
    guint i = 0;
    for (GSList *l = pinfo->data_src; l; l = l->next, i++)
        if (get_data_source_tvb((struct data_source *)l->data) == tvb)
            return i;
    return i;
}

sg_frame_t *sipguide_collect(packet_info *pinfo, proto_tree *tree)
{
    GPtrArray *arr[F_COUNT];
    GPtrArray *codes, *methods;
    GArray *starts;
    sg_frame_t *fr = NULL;
    const char *src, *dst;
    guint n = 0;

    if (!tracker)
        sipguide_collect_init();
    codes = get(tree, F_STATUS_CODE);
    methods = get(tree, F_METHOD);
    if ((!codes || codes->len == 0) && (!methods || methods->len == 0))
        return NULL; /* cheap exit: no SIP message in this frame */
    /* SIP quoted inside an ICMP error was never delivered: not a message */
    if (proto_is_frame_protocol(pinfo->layers, "icmp") ||
        proto_is_frame_protocol(pinfo->layers, "icmpv6"))
        return NULL;
    for (int i = 0; i < F_COUNT; i++)
        arr[i] = get(tree, i);
    src = address_to_str(pinfo->pool, &pinfo->src);
    dst = address_to_str(pinfo->pool, &pinfo->dst);

    starts = g_array_new(FALSE, FALSE, sizeof(sg_start_t));
    for (guint i = 0; codes && i < codes->len; i++) {
        sg_start_t s = {(field_info *)g_ptr_array_index(codes, i), TRUE, 0};
        s.ds = source_index(pinfo, s.fi->ds_tvb);
        g_array_append_val(starts, s);
    }
    for (guint i = 0; methods && i < methods->len; i++) {
        sg_start_t s = {(field_info *)g_ptr_array_index(methods, i), FALSE, 0};
        s.ds = source_index(pinfo, s.fi->ds_tvb);
        g_array_append_val(starts, s);
    }
    g_array_sort(starts, start_order);

    if (codes && codes->len) {
        fr = wmem_new0(wmem_file_scope(), sg_frame_t);
        fr->count = codes->len;
        fr->resp = wmem_alloc0_array(wmem_file_scope(), sg_resp_t, codes->len);
    }
    for (guint i = 0; i < starts->len; i++) {
        sg_start_t *s = &g_array_index(starts, sg_start_t, i);
        if (s->response)
            collect_response(pinfo, arr, s->fi, &fr->resp[n++], src, dst);
        else
            collect_request(pinfo, arr, s->fi, src, dst);
    }
    g_array_free(starts, TRUE);
    return fr;
}
