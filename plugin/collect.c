/* collect.c - reads, on the first pass, what Wireshark's SIP dissector found
 * in a frame, and runs the checks that need the capture's history (CANCELs
 * seen, failures per address).  Results go into an sg_frame_t kept for the
 * file's lifetime, so later passes never depend on state.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <epan/address.h>
#include <epan/proto.h>
#include <epan/to_str.h>
#include <wsutil/nstime.h>

#include "sipguide.h"

#define SG_MAX_CANCELS 100000 /* CANCELs remembered; past it the 487 check goes quiet */

/* The SIP fields sipguide reads, resolved by name once. */
enum {
    F_STATUS_CODE,
    F_STATUS_LINE,
    F_METHOD,
    F_CALL_ID,
    F_CSEQ_SEQ,
    F_CSEQ_METHOD,
    F_RESPONSE_REQUEST,
    F_RESPONSE_TIME,
    F_REASON_Q850,
    F_REASON_SIP,
    F_REASON_TEXT,
    F_RETRY_AFTER,
    F_WARNING,
    F_TO_USER,
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
    [F_RESPONSE_REQUEST] = {-1, "sip.response-request"},
    [F_RESPONSE_TIME] = {-1, "sip.response-time"},
    [F_REASON_Q850] = {-1, "sip.reason_cause_q850"},
    [F_REASON_SIP] = {-1, "sip.reason_cause_sip"},
    [F_REASON_TEXT] = {-1, "sip.reason_text"},
    [F_RETRY_AFTER] = {-1, "sip.Retry-After"},
    [F_WARNING] = {-1, "sip.Warning"},
    [F_TO_USER] = {-1, "sip.to.user"},
};

/* The capture's history, reset for every file. */
static wmem_map_t *cancels; /* "Call-ID CSeq" of CANCELs seen; file scope */
static guint ncancels;
static sg_scan_t *scan;

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
    cancels = wmem_map_new(wmem_file_scope(), wmem_str_hash, g_str_equal);
    ncancels = 0;
    sg_scan_free(scan);
    scan = set->scan_enabled ? sg_scan_new(&set->scan) : NULL;
}

void sipguide_collect_cleanup(void)
{
    sg_scan_free(scan);
    scan = NULL;
    cancels = NULL;
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
} sg_msg_t;

static sg_msg_t message_of(GPtrArray *const *arr, const field_info *fi)
{
    static const int starts[] = {F_STATUS_LINE, F_METHOD};
    sg_msg_t m = {NULL, 0, G_MAXINT, TRUE};
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

static gboolean inside(const field_info *fi, const sg_msg_t *m)
{
    return m->any || (fi->ds_tvb == m->tvb && fi->start >= m->start && fi->start < m->end);
}

/* First occurrence of a field inside message m. */
static field_info *first_in(GPtrArray *arr, const sg_msg_t *m)
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
    return wmem_strndup(wmem_file_scope(), m, 64);
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
        r->flags |= SG_F_PHRASE_DIFFERS;
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
static void keep_headers(sg_resp_t *r, const sg_msg_t *msg, GPtrArray *const *arr)
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

static char *transaction_key(wmem_allocator_t *scope, const sg_msg_t *msg, GPtrArray *const *arr)
{
    const char *call_id = str_of(first_in(arr[F_CALL_ID], msg));
    field_info *seq = first_in(arr[F_CSEQ_SEQ], msg);
    if (!call_id || !seq)
        return NULL;
    return wmem_strdup_printf(scope, "%s %u", call_id, uint_of(seq));
}

/* Only a frame with a CANCEL needs the other fields before its responses. */
static gboolean has_cancel(GPtrArray *methods)
{
    for (guint i = 0; methods && i < methods->len; i++) {
        const char *m = str_of((field_info *)g_ptr_array_index(methods, i));
        if (m && strcmp(m, "CANCEL") == 0)
            return TRUE;
    }
    return FALSE;
}

/* Remember the CANCELs of this frame, so a later 487 can be checked. */
static void note_cancels(GPtrArray *const *arr)
{
    GPtrArray *methods = arr[F_METHOD];
    for (guint i = 0; methods && i < methods->len; i++) {
        field_info *fi = (field_info *)g_ptr_array_index(methods, i);
        const char *method = str_of(fi);
        sg_msg_t msg;
        char *key;
        if (!method || strcmp(method, "CANCEL") != 0 || ncancels >= SG_MAX_CANCELS)
            continue;
        msg = message_of(arr, fi);
        key = transaction_key(wmem_file_scope(), &msg, arr);
        if (key && !wmem_map_contains(cancels, key)) {
            wmem_map_insert(cancels, key, key);
            ncancels++;
        }
    }
}

static void check_487(sg_resp_t *r, const sg_msg_t *msg, GPtrArray *const *arr, packet_info *pinfo)
{
    char *key;
    if (ncancels >= SG_MAX_CANCELS)
        return; /* history incomplete: better quiet than wrong */
    key = transaction_key(pinfo->pool, msg, arr);
    if (key && !wmem_map_contains(cancels, key))
        r->flags |= SG_F_NO_CANCEL;
}

static void check_scan(sg_resp_t *r, const sg_msg_t *msg, GPtrArray *const *arr, packet_info *pinfo)
{
    sg_scan_hit_t hit;
    const char *addr = address_to_str(pinfo->pool, &pinfo->dst);
    sg_scan_record(scan, addr, nstime_to_sec(&pinfo->abs_ts),
                   str_of(first_in(arr[F_TO_USER], msg)), &hit);
    if (!hit.active)
        return;
    extra_of(r)->scan_addr = wmem_strdup(wmem_file_scope(), addr);
    r->extra->scan_count = hit.count;
    r->extra->scan_users = hit.users;
    r->extra->scan_warn = hit.warn;
    r->extra->scan_user_list = wmem_strdup(wmem_file_scope(), hit.users_text);
}

sg_frame_t *sipguide_collect(packet_info *pinfo, proto_tree *tree)
{
    const sg_settings_t *set = sipguide_settings();
    GPtrArray *arr[F_COUNT];
    GPtrArray *codes = get(tree, F_STATUS_CODE);
    sg_frame_t *fr;

    if (!cancels)
        sipguide_collect_init();
    if (set->check_487 && has_cancel(arr[F_METHOD] = get(tree, F_METHOD))) {
        for (int i = 0; i < F_COUNT; i++)
            if (i != F_METHOD)
                arr[i] = get(tree, i);
        note_cancels(arr);
    }
    if (!codes || codes->len == 0)
        return NULL; /* cheap exit: no SIP response in this frame */
    for (int i = 0; i < F_COUNT; i++)
        if (i != F_METHOD || !set->check_487) /* the methods are already there */
            arr[i] = get(tree, i);

    fr = wmem_new0(wmem_file_scope(), sg_frame_t);
    fr->count = codes->len;
    fr->resp = wmem_alloc0_array(wmem_file_scope(), sg_resp_t, codes->len);
    for (guint i = 0; i < codes->len; i++) {
        field_info *code_fi = (field_info *)g_ptr_array_index(codes, i);
        sg_msg_t m = message_of(arr, code_fi);
        const sg_msg_t *msg = &m;
        sg_resp_t *r = &fr->resp[i];
        field_info *fi;

        r->code = uint_of(code_fi);
        keep_phrase(r, first_in(arr[F_STATUS_LINE], msg));
        r->method = keep_method(str_of(first_in(arr[F_CSEQ_METHOD], msg)));
        if ((fi = first_in(arr[F_RESPONSE_REQUEST], msg)))
            r->request_frame = uint_of(fi);
        if ((fi = first_in(arr[F_RESPONSE_TIME], msg))) {
            r->response_time = uint_of(fi);
            r->flags |= SG_F_HAS_RESPONSE_TIME;
        }
        keep_headers(r, msg, arr);
        if (r->code == 487 && set->check_487)
            check_487(r, msg, arr, pinfo);
        if (scan && set->scan_enabled && sg_codeset_has(&set->scan_codes, r->code))
            check_scan(r, msg, arr, pinfo);
    }
    return fr;
}
