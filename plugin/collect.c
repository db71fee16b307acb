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
#include <epan/charsets.h>
#include <epan/to_str.h>
#include <wsutil/nstime.h>

#include "sipguide.h"

/* The one field sipguide asks Wireshark for: the "sip" item of each SIP
 * message, which says where the message lies; the rest is read from those
 * bytes by the core (core/sipguide_sip.c), so the SIP and SDP dissectors
 * build nothing extra for sipguide.  A one-pass run without history asks
 * for sip.Status-Code instead (see decide()). */
static int hf_sip = -1, hf_status = -1;
static int proto_icmp = -1, proto_icmpv6 = -1;

/* The capture's history, reset for every file. */
static sg_tracker_t *tracker;
/* Whether the history is kept: always, unless this is a single pass in which
 * nothing can show what it says (decided once per file, see decide()). */
static enum { HISTORY_UNDECIDED, HISTORY_KEPT, HISTORY_NOT_NEEDED } history;
/* Without history: whether anything asked needs more of a response than
 * its code (the status line and the CSeq method). */
static gboolean need_message;
/* Whether frames can be dissected again; if not, a frame's responses live
 * in the packet scope, as nothing will look them up later. */
static gboolean one_pass;
/* Where this frame's responses are kept: the file scope, or the packet's. */
static wmem_allocator_t *keep;
static gboolean asking_status_codes; /* sipguide_want(TRUE) was called for this file */
static sg_scan_t *scan;
static wmem_map_t *interned; /* responder names and other repeated strings, file scope */

void sipguide_collect_wanted(GArray *hfids, gboolean status_codes)
{
    hf_sip = proto_registrar_get_id_byname("sip");
    hf_status = proto_registrar_get_id_byname("sip.Status-Code");
    proto_icmp = proto_get_id_by_filter_name("icmp");
    proto_icmpv6 = proto_get_id_by_filter_name("icmpv6");
    int hf = status_codes ? hf_status : hf_sip;
    if (hf > 0)
        g_array_append_val(hfids, hf);
}

void sipguide_collect_init(void)
{
    const sg_settings_t *set = sipguide_settings();
    sg_tracker_free(tracker);
    tracker = sg_tracker_new();
    history = HISTORY_UNDECIDED;
    one_pass = need_message = FALSE;
    if (asking_status_codes)
        sipguide_want(FALSE); /* a new file: the "sip" items again */
    asking_status_codes = FALSE;
    interned = wmem_map_new(wmem_file_scope(), wmem_str_hash, g_str_equal);
    sg_scan_free(scan);
    scan = set->scan_enabled ? sg_scan_new(&set->scan) : NULL;
}

void sipguide_collect_cleanup(void)
{
    sg_scan_free(scan);
    scan = NULL;
    /* the reports have drawn by now (tshark draws its taps before it closes the file) */
    sg_tracker_free(tracker);
    tracker = NULL;
    interned = NULL;
}

const sg_tracker_t *sipguide_tracker(void)
{
    return tracker;
}

/* A copy of s cut at SG_TEXT_MAX bytes, no larger than it (wmem_strndup()
 * allocates the whole cut whatever the string's length). */
static char *copy_in(wmem_allocator_t *scope, const char *s)
{
    return s ? wmem_strndup(scope, s, strnlen(s, SG_TEXT_MAX)) : NULL;
}

/* A file-scope copy, shared by every response that says the same. */
static const char *intern(const char *s)
{
    char *k;
    if (!s)
        return NULL;
    if ((k = (char *)wmem_map_lookup(interned, s)))
        return k;
    k = copy_in(wmem_file_scope(), s);
    if (wmem_map_size(interned) < 4096)
        wmem_map_insert(interned, k, k);
    return k;
}

/* The strings of one message, for the tracker: valid UTF-8 like every
 * string field (bad bytes become U+FFFD, as in Wireshark's own SIP fields).
 * Plain ASCII, nearly every header, is copied into this buffer on the stack;
 * only the rest costs an allocation and a check.  Runs for every message. */
typedef struct {
    packet_info *pinfo;
    size_t used;
    char buf[4096];
} scratch_t;

static gboolean is_ascii(const char *p, size_t n)
{
    guint64 acc = 0;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        guint64 w;
        memcpy(&w, p + i, 8);
        acc |= w;
    }
    for (; i < n; i++)
        acc |= (guint8)p[i];
    return (acc & G_GUINT64_CONSTANT(0x8080808080808080)) == 0;
}

static const char *text_n(scratch_t *sc, const char *p, size_t n, size_t cap)
{
    char *d;
    if (!p)
        return NULL;
    if (n > cap)
        n = cap;
    if (!is_ascii(p, n) || sc->used + n + 1 > sizeof sc->buf)
        return (const char *)get_utf_8_string(sc->pinfo->pool, (const guint8 *)p, (gint)n);
    d = sc->buf + sc->used;
    memcpy(d, p, n);
    d[n] = '\0';
    sc->used += n + 1;
    return d;
}

static const char *str(scratch_t *sc, sg_str_t s)
{
    return text_n(sc, s.p, s.len, SG_TEXT_MAX);
}

/* Method names are few: share the common ones instead of copying per response. */
static const char *keep_method(scratch_t *sc, sg_str_t m)
{
    static const char *const common[] = {"INVITE", "ACK",  "BYE",     "CANCEL",   "REGISTER",
                                         "OPTIONS", "INFO", "UPDATE", "PRACK",    "SUBSCRIBE",
                                         "NOTIFY",  "REFER", "MESSAGE", "PUBLISH"};
    if (!m.p)
        return NULL;
    for (size_t i = 0; i < G_N_ELEMENTS(common); i++)
        if (strlen(common[i]) == m.len && memcmp(m.p, common[i], m.len) == 0)
            return common[i];
    return intern(str(sc, m));
}

/* The phrase of a status line; the registry's own string when it is the same,
 * so the usual case costs no copy.  Long phrases are cut on a UTF-8 boundary;
 * bytes that are not UTF-8 become U+FFFD, as in Wireshark's own fields. */
static void keep_phrase(sg_resp_t *r, sg_str_t line)
{
    const char *phrase;
    const sg_entry_t *e = sg_builtin_lookup(r->code);
    size_t plen;

    if (!line.p || !sg_status_line_phrase(line.p, line.len, &phrase, &plen))
        return;
    r->phrase_len = (guint32)plen;
    if (e && e->phrase && strlen(e->phrase) == plen && memcmp(e->phrase, phrase, plen) == 0) {
        r->wire_phrase = e->phrase; /* the usual case: the registry's words, byte for byte */
        return;
    }
    if (e && !sg_phrase_matches(e, phrase, plen))
        r->findings |= 1u << SG_FIND_PHRASE_DIFFERS;
    if (plen > SG_PHRASE_MAX) {
        plen = SG_PHRASE_MAX;
        while (plen > 0 && ((unsigned char)phrase[plen] & 0xC0) == 0x80)
            plen--;
        r->flags |= SG_F_PHRASE_CUT;
    }
    r->wire_phrase = (const char *)get_utf_8_string(keep, (const guint8 *)phrase, (gint)plen);
}

static sg_extra_t *extra_of(sg_resp_t *r)
{
    if (!r->extra)
        r->extra = wmem_new0(keep, sg_extra_t);
    return r->extra;
}

/* Reason, Retry-After and Warning: the headers that say why. */
static void keep_headers(sg_resp_t *r, const sg_sip_t *m)
{
    if (m->reason_proto) {
        extra_of(r)->reason_proto = m->reason_proto == 1 ? SG_REASON_Q850 : SG_REASON_SIP;
        r->extra->reason_cause = m->reason_cause;
        if (m->reason_text.p)
            r->extra->reason_text = (const char *)get_utf_8_string(
                keep, (const guint8 *)m->reason_text.p,
                (gint)(m->reason_text.len < 256 ? m->reason_text.len : 256));
    }
    if (m->has_retry_after) {
        extra_of(r)->has_retry_after = TRUE;
        r->extra->retry_after = m->retry_after;
    }
    if (m->warning.p)
        extra_of(r)->warning = (const char *)get_utf_8_string(
            keep, (const guint8 *)m->warning.p,
            (gint)(m->warning.len < 512 ? m->warning.len : 512));
}

/* The facts of one message, for the tracker. */
static void facts_of(scratch_t *sc, const sg_sip_t *m, sg_msg_t *f, const char *src,
                     const char *dst)
{
    packet_info *pinfo = sc->pinfo;
    memset(f, 0, sizeof *f);
    f->frame = pinfo->num;
    f->t = nstime_to_sec(&pinfo->abs_ts);
    f->src = src;
    f->dst = dst;
    f->call_id = str(sc, m->call_id);
    f->cseq = m->cseq;
    f->has_cseq = m->has_cseq;
    f->from_user = str(sc, m->from_user);
    f->from_tag = str(sc, m->from_tag);
    f->to_user = str(sc, m->to_user);
    f->to_tag = str(sc, m->to_tag);
    f->to_addr = str(sc, m->to_addr);
}

/* A request: to the tracker, which remembers what its responses will need. */
/* The SDP's m= and a= lines as text, for the tracker to keep if the request
 * opens a transaction; it reads the offer only when a response needs it. */
static const char *sdp_text(scratch_t *sc, const sg_sip_t *m, char *out, size_t outlen)
{
    size_t n = 0;
    for (size_t i = 0, a = 0; i < m->nmedia || a < m->nattr;) {
        /* in message order: the a= lines before m= line k belong to media k - 1 */
        gboolean media = a >= m->nattr || (i < m->nmedia && m->attr_media[a] >= (int)i);
        sg_str_t v = media ? m->mlines[i++] : m->attrs[a++];
        if (n + v.len + 3 >= outlen)
            break;
        out[n++] = media ? 'm' : 'a';
        out[n++] = '=';
        memcpy(out + n, v.p, v.len);
        n += v.len;
        out[n++] = '\n';
    }
    return text_n(sc, out, n, outlen);
}

static void collect_request(scratch_t *sc, const sg_sip_t *m, const char *src, const char *dst)
{
    sg_msg_t f;
    char sdp[2048];
    facts_of(sc, m, &f, src, dst);
    f.is_request = true;
    f.method = str(sc, m->method);
    f.ruri = str(sc, m->ruri);
    f.auth_user = str(sc, m->auth_user);
    f.auth_realm = str(sc, m->auth_realm);
    f.has_auth = m->auth_user.p || m->auth_realm.p;
    f.reason = str(sc, m->reason);
    if (m->nmedia) {
        f.has_sdp = true;
        f.sdp = sdp_text(sc, m, sdp, sizeof sdp);
    }
    sg_track_request(tracker, &f);
}

static const char *copy(const char *s)
{
    return copy_in(keep, s);
}

/* The judgement, kept (see keep) only when it says something. */
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
    r->ev = ev = wmem_new0(keep, sg_evidence_t);
    ev->j = *j;
    /* the tracker's strings live only until its next call */
    ev->j.cancel_by = copy(j->cancel_by);
    ev->j.request_uri = r->code >= 300 ? copy(j->request_uri) : NULL;
    ev->j.auth_user = copy(j->auth_user);
    ev->j.auth_realm = copy(j->auth_realm);
    ev->j.responder = r->responder;
    ev->j.accepted_codecs = copy(j->accepted_codecs);
    if (j->offer) {
        sg_offer_t *o = wmem_new(keep, sg_offer_t);
        *o = *j->offer;
        ev->j.offer = o;
    }
    ev->src = intern(src);
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
    r->extra->scan_user_list = wmem_strdup(keep, hit.users_text);
}

static void response_alone(scratch_t *sc, const sg_sip_t *m, sg_resp_t *r);

static void collect_response(scratch_t *sc, const sg_sip_t *m, sg_resp_t *r, const char *src,
                             const char *dst)
{
    packet_info *pinfo = sc->pinfo;
    const sg_settings_t *set = sipguide_settings();
    sg_msg_t f;
    sg_judgement_t j;
    bool scan_counts;

    response_alone(sc, m, r);
    keep_headers(r, m);

    facts_of(sc, m, &f, src, dst);
    f.code = r->code;
    f.method = r->method;
    f.server = str(sc, m->server.p ? m->server : m->user_agent);
    f.auth_realm = str(sc, m->challenge_realm);
    f.stale = m->stale;
    sg_track_response(tracker, &f, &j, &scan_counts);
    if (!set->check_487)
        j.findings &= ~(1u << SG_FIND_NO_CANCEL);
    keep_judgement(r, &j, src);
    if (scan && set->scan_enabled && scan_counts && sg_codeset_has(&set->scan_codes, r->code))
        check_scan(r, f.to_user, pinfo, dst);
}

/* Whether any frame can be dissected again: Wireshark, sharkd and a
 * two-pass tshark keep every frame, and looking one up succeeds; a one-pass
 * tshark keeps only the reference, previous displayed and previous captured
 * frames, so of frames 1 to 4 one at least is gone once frame 6 is reached. */
static gboolean frames_kept(packet_info *pinfo)
{
    for (guint32 k = 1; k <= 4; k++)
        if (!sg_frame_known(pinfo->epan, k))
            return FALSE;
    return TRUE;
}

/* A single pass in which nothing can show the history (no visible tree, no
 * reference to a field that needs it, no report, no expert item consumer,
 * no columns; see sipguide_context_wanted) will never need it.  Then
 * sipguide reads each response alone, as a one-pass `tshark -e
 * sipguide.code` asks, and costs little more than the field asked for.
 * Decided once, at frame 6; until then, and whenever in doubt, the history
 * is kept. */
static void decide(packet_info *pinfo, proto_tree *tree)
{
    if (history != HISTORY_UNDECIDED || pinfo->num < 6)
        return;
    one_pass = !frames_kept(pinfo);
    if (one_pass && !sipguide_context_wanted(pinfo, tree)) {
        history = HISTORY_NOT_NEEDED;
        sg_scan_free(scan);
        scan = NULL;
        /* the "sip" items are not needed any more: each status code says
         * where its response lies, and the SIP dissector builds less */
        need_message = sipguide_alone_needs_message();
        sipguide_want(TRUE);
        asking_status_codes = TRUE;
        ws_info("sipguide: one pass, and nothing asked for needs the capture's history: each "
                "response is read alone (%s)",
                need_message ? "status line and CSeq" : "status code only");
    } else {
        history = HISTORY_KEPT;
    }
}

/* A response alone: its code, phrase and CSeq method, what the guide's
 * texts and the verdict follow from. */
static void response_alone(scratch_t *sc, const sg_sip_t *m, sg_resp_t *r)
{
    r->code = m->code;
    keep_phrase(r, m->status_line);
    r->method = keep_method(sc, m->cseq_method);
}

/* The bytes of one SIP message: from its "sip" item to the end of the item,
 * or of what was captured. */
static gboolean message_bytes(const field_info *fi, const char **buf, size_t *len)
{
    gint avail;
    if (!fi->ds_tvb || fi->start < 0)
        return FALSE;
    avail = tvb_captured_length_remaining(fi->ds_tvb, fi->start);
    if (avail <= 0)
        return FALSE;
    if (fi->length > 0 && fi->length < avail)
        avail = fi->length;
    *buf = (const char *)tvb_get_ptr(fi->ds_tvb, fi->start, avail);
    *len = (size_t)avail;
    return TRUE;
}

/* SIP quoted inside an ICMP error was never delivered: not a message */
static gboolean in_icmp(packet_info *pinfo)
{
    for (wmem_list_frame_t *l = wmem_list_head(pinfo->layers); l; l = wmem_list_frame_next(l)) {
        int id = GPOINTER_TO_INT(wmem_list_frame_data(l));
        if (id == proto_icmp || id == proto_icmpv6)
            return TRUE;
    }
    return FALSE;
}

/* A response, without history: its code as the SIP dissector read it, and
 * when more is asked, its status line and CSeq read from the bytes, from
 * the start of the line that holds the code. */
static gboolean response_of_code(field_info *fi, sg_sip_t *m, gboolean *code_only)
{
    const char *buf;
    gint avail;
    guint32 code = fvalue_get_uinteger(SG_FI_VALUE(fi));
    *code_only = !need_message && code >= 100 && code <= 699;
    if (*code_only) {
        m->code = code;
        return TRUE;
    }
    /* the SIP dissector reads a status line as "SIP/2.0 " and the code */
    if (!fi->ds_tvb || fi->start < 8)
        return FALSE;
    avail = tvb_captured_length_remaining(fi->ds_tvb, fi->start - 8);
    if (avail <= 8)
        return FALSE;
    buf = (const char *)tvb_get_ptr(fi->ds_tvb, fi->start - 8, avail);
    return sg_sip_parse_alone(buf, (size_t)avail, m) && !m->is_request;
}

/* A frame without history: its responses in the packet scope, read from
 * the status codes (see decide()). */
static sg_frame_t *collect_alone(packet_info *pinfo, proto_tree *tree)
{
    GPtrArray *items = hf_status > 0 ? proto_get_finfo_ptr_array(tree, hf_status) : NULL;
    sg_frame_t *fr;
    if (!items || items->len == 0 || in_icmp(pinfo))
        return NULL;
    keep = pinfo->pool;
    fr = wmem_new0(pinfo->pool, sg_frame_t);
    fr->resp = wmem_alloc0_array(pinfo->pool, sg_resp_t, items->len);
    for (guint i = 0; i < items->len; i++) {
        sg_sip_t m;
        gboolean code_only;
        sg_resp_t *r = &fr->resp[fr->count];
        if (!response_of_code((field_info *)g_ptr_array_index(items, i), &m, &code_only))
            continue;
        fr->count++;
        r->flags = SG_F_ALONE;
        if (code_only) {
            r->code = m.code;
            r->flags |= SG_F_CODE_ONLY;
        } else {
            scratch_t sc;
            sc.pinfo = pinfo;
            sc.used = 0;
            response_alone(&sc, &m, r);
        }
    }
    return fr->count ? fr : NULL;
}


/* A frame with the history kept. */
static sg_frame_t *collect_with_history(packet_info *pinfo, proto_tree *tree, gboolean *kept)
{
    GPtrArray *items;
    sg_frame_t *fr = NULL;
    sg_sip_t *msgs;
    const char *src, *dst;
    guint nresp = 0, n = 0;

    items = hf_sip > 0 ? proto_get_finfo_ptr_array(tree, hf_sip) : NULL;
    if (!items || items->len == 0 || in_icmp(pinfo))
        return NULL; /* cheap exit: no SIP message in this frame */
    msgs = wmem_alloc_array(pinfo->pool, sg_sip_t, items->len);
    for (guint i = 0; i < items->len; i++) {
        const char *buf;
        size_t len;
        if (message_bytes((const field_info *)g_ptr_array_index(items, i), &buf, &len) &&
            sg_sip_parse(buf, len, &msgs[n])) {
            nresp += !msgs[n].is_request;
            n++;
        }
    }
    if (n == 0)
        return NULL;
    /* a one-pass run never looks a frame up again: its responses need not
     * outlive it (the tracker keeps its own copies of what it remembers) */
    *kept = !one_pass;
    keep = one_pass ? pinfo->pool : wmem_file_scope();
    src = address_to_str(pinfo->pool, &pinfo->src);
    dst = address_to_str(pinfo->pool, &pinfo->dst);
    if (nresp) {
        fr = wmem_new0(keep, sg_frame_t);
        fr->count = nresp;
        fr->resp = wmem_alloc0_array(keep, sg_resp_t, nresp);
    }
    nresp = 0;
    for (guint i = 0; i < n; i++) {
        scratch_t sc;
        sc.pinfo = pinfo;
        sc.used = 0;
        if (msgs[i].is_request)
            collect_request(&sc, &msgs[i], src, dst);
        else
            collect_response(&sc, &msgs[i], &fr->resp[nresp++], src, dst);
    }
    return fr;
}

sg_frame_t *sipguide_collect(packet_info *pinfo, proto_tree *tree, gboolean *kept)
{
    sg_frame_t *fr;
    *kept = FALSE;
    if (!tracker)
        sipguide_collect_init();
    if (history == HISTORY_NOT_NEEDED) /* the frame is never seen again */
        return collect_alone(pinfo, tree);
    fr = collect_with_history(pinfo, tree, kept);
    /* after the frame: the fields asked for from the next one on are
     * primed before it is dissected */
    decide(pinfo, tree);
    return fr;
}
