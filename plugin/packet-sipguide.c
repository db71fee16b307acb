/* packet-sipguide.c - the epan glue: registration, fields, expert info and
 * the post-dissector.  Knowledge lives in sipguide_table.c; decisions in
 * sipguide_core.c.  What the SIP dissector parsed is collected on the first
 * pass and stored per frame, so later passes (tshark -2, GUI clicks) show
 * exactly the same thing.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <epan/expert.h>
#include <epan/packet.h>
#include <epan/prefs.h>
#include <epan/proto.h>
#include <epan/proto_data.h>
#include <epan/tap.h>
#include <wsutil/str_util.h>
#include <wsutil/wslog.h>

#include "sipguide.h"

#define SG_PHRASE_MAX 512 /* longest reason phrase kept; longer ones are cut and marked */

int proto_sipguide = -1;

static int hf_sipguide_code = -1;
static int hf_sipguide_phrase = -1;
static int hf_sipguide_wire_phrase = -1;
static int hf_sipguide_title = -1;
static int hf_sipguide_meaning = -1;
static int hf_sipguide_action = -1;
static int hf_sipguide_source = -1;
static int hf_sipguide_documented = -1;
static int hf_sipguide_class = -1;
static int hf_sipguide_rfc = -1;
static int hf_sipguide_verdict = -1;
static int hf_sipguide_note = -1;
static int hf_sipguide_guide_ref = -1;
static int hf_sipguide_finding = -1;
static int hf_sipguide_context = -1;
static int hf_sipguide_method = -1;
static int hf_sipguide_request_frame = -1;
static int hf_sipguide_response_time = -1;
static int hf_sipguide_retransmission_of = -1;
static int hf_sipguide_responder = -1;
static int hf_sipguide_request_uri = -1;
static int hf_sipguide_retransmissions = -1;
static int hf_sipguide_cancel_frame = -1;
static int hf_sipguide_offer_frame = -1;
static int hf_sipguide_offer_media = -1;
static int hf_sipguide_offer_codec = -1;
static int hf_sipguide_auth_user = -1;
static int hf_sipguide_auth_realm = -1;
static int hf_sipguide_call_outcome = -1;
static int hf_sipguide_call_setup_time = -1;
static int hf_sipguide_call_answer_time = -1;
static int hf_sipguide_reason_protocol = -1;
static int hf_sipguide_reason_cause = -1;
static int hf_sipguide_reason_cause_name = -1;
static int hf_sipguide_reason_text = -1;
static int hf_sipguide_retry_after = -1;
static int hf_sipguide_warning_code = -1;
static int hf_sipguide_warning_agent = -1;
static int hf_sipguide_warning_text = -1;
static int hf_sipguide_warning_meaning = -1;
static int hf_sipguide_scan_address = -1;
static int hf_sipguide_scan_count = -1;
static int hf_sipguide_scan_users = -1;
static int hf_sipguide_scan_user_list = -1;

static gint ett_sipguide = -1;
static gint ett_sipguide_context = -1;
static gint ett_sipguide_finding = -1;
static gint ett_sipguide_evidence = -1;

static expert_field ei_sipguide_documented_failure[SG_SEV_ERROR + 1];
static expert_field ei_sipguide_unexpected[SG_SEV_ERROR + 1];
static expert_field ei_sipguide_unregistered = EI_INIT;
static expert_field ei_sipguide_invalid_code = EI_INIT;
static expert_field ei_sipguide_long_phrase = EI_INIT;
static expert_field ei_sipguide_finding[SG_FIND_COUNT];
static expert_field ei_sipguide_user[SG_SEV_ERROR + 1];

static dissector_handle_t sipguide_handle;
static int sipguide_tap = -1;
static header_field_info *q850_hfinfo; /* names Q.850 causes */
static int hf_ws_expert = -2;          /* _ws.expert, the protocol of every expert item's fields */

/* Wireshark registers _ws.expert after the plugins' handoffs: looked up on first use */
static int ws_expert_id(void)
{
    if (hf_ws_expert == -2)
        hf_ws_expert = proto_registrar_get_id_byname("_ws.expert");
    return hf_ws_expert;
}

static const char *source_name(sg_source_t s)
{
    switch (s) {
    case SG_SOURCE_GUIDE:
        return "guide";
    case SG_SOURCE_REGISTRY:
        return "registry";
    case SG_SOURCE_USER:
        return "user table";
    default:
        return "sipguide";
    }
}

/* What applies to this response: your table's row for the code, else the
 * core's advice for the code and the request's method. */
typedef struct {
    const sg_entry_t *e;
    const sg_entry_t *guide_ref;
    sg_verdict_t v;
    const char *meaning, *first_action, *name;
} sg_view_t;

static void view_of(packet_info *pinfo, const sg_resp_t *r, sg_view_t *w)
{
    const sg_entry_t *user = sipguide_lookup(r->code);
    memset(w, 0, sizeof *w);
    if (user && user->source == SG_SOURCE_USER) {
        w->e = user;
    } else {
        sg_advice_t a = sg_advise(r->code, r->method);
        w->e = a.entry;
        w->guide_ref = a.guide_ref;
    }
    w->v = sg_classify(r->code, w->e, &sipguide_settings()->routine);
    if (w->e) {
        w->meaning = w->e->meaning;
        w->first_action = w->e->actions[0];
        w->name = w->e->title ? w->e->title : w->e->phrase;
    } else {
        char *buf = (char *)wmem_alloc(pinfo->pool, 512);
        sg_unlisted_text(r->code, buf, 512, &w->first_action);
        w->meaning = buf;
        w->name = w->v == SG_VERDICT_INVALID ? "invalid code" : "unregistered";
    }
}

/* A bounded string builder for labels: plain copies instead of printf, as
 * these run for every response shown.  A cut never splits a UTF-8 character. */
typedef struct {
    char *buf;
    size_t len, cap;
} sg_label_t;

static void lb_mem(sg_label_t *b, const char *s, size_t n)
{
    if (b->len + n >= b->cap) {
        n = b->cap - 1 - b->len;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(b->buf + b->len, s, n);
    b->len += n;
    b->buf[b->len] = '\0';
}

static void lb_str(sg_label_t *b, const char *s)
{
    lb_mem(b, s, strlen(s));
}

static void lb_uint(sg_label_t *b, guint32 v)
{
    char tmp[11], *p = tmp + sizeof tmp;
    *--p = '\0';
    do
        *--p = (char)('0' + v % 10);
    while ((v /= 10) != 0);
    lb_str(b, p);
}

/* An expert message that fits its item: Wireshark cuts a label at 240 bytes
 * and marks it "[truncated]", the expert item's own prefix included, so long
 * texts end at a word, with "...", before that; the fields keep them whole.
 * Messages are built in a label buffer (no printf) and cut there. */
#define SG_EXPERT_TEXT_MAX 190
typedef struct {
    char line[ITEM_LABEL_LENGTH];
    sg_label_t b;
} sg_expmsg_t;

static sg_label_t *msg_start(sg_expmsg_t *m)
{
    m->b.buf = m->line;
    m->b.len = 0;
    m->b.cap = sizeof m->line;
    m->line[0] = '\0';
    return &m->b;
}

static const char *msg_fit(sg_expmsg_t *m)
{
    char *text = m->line;
    size_t n = m->b.len;
    if (n <= SG_EXPERT_TEXT_MAX)
        return text;
    n = SG_EXPERT_TEXT_MAX - 3;
    while (n > SG_EXPERT_TEXT_MAX / 2 && text[n] != ' ')
        n--;
    while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
        n--;
    while (n > 0 &&
           (text[n - 1] == ',' || text[n - 1] == ';' || text[n - 1] == ':' || text[n - 1] == ' '))
        n--;
    memcpy(text + n, "...", 4);
    return text;
}

static void raise_expert(packet_info *pinfo, proto_item *pi, gboolean full, expert_field *ei,
                         const char *text);

/* "<code> <name><sep><what>": the message of a verdict's expert item. */
static void code_says(sg_expmsg_t *m, const sg_resp_t *r, const sg_view_t *w, const char *sep,
                      const char *what)
{
    sg_label_t *b = msg_start(m);
    lb_uint(b, r->code);
    lb_str(b, " ");
    lb_str(b, w->name);
    lb_str(b, sep);
    lb_str(b, what);
}

/* Expert item of the verdict; raised on every pass, tree or not. */
static void add_expert(packet_info *pinfo, proto_item *ti, gboolean full, const sg_resp_t *r,
                       const sg_view_t *w)
{
    const sg_entry_t *e = w->e;
    const char *what = w->first_action ? w->first_action : w->meaning;
    sg_severity_t sev;
    sg_expmsg_t m;
    sg_label_t *b;
    if (e && e->source == SG_SOURCE_USER && e->severity != SG_SEV_DEFAULT) {
        if (e->severity != SG_SEV_NONE) {
            code_says(&m, r, w, " (your table): ", what);
            raise_expert(pinfo, ti, full, &ei_sipguide_user[e->severity], msg_fit(&m));
        }
        return;
    }
    sev = sg_expert_severity(w->v, e, sipguide_settings()->failure_severity);
    if (sev <= SG_SEV_NONE || sev > SG_SEV_ERROR)
        return;
    switch (w->v) {
    case SG_VERDICT_DOCUMENTED_FAILURE:
        code_says(&m, r, w, ": ", what);
        raise_expert(pinfo, ti, full, &ei_sipguide_documented_failure[sev], msg_fit(&m));
        break;
    case SG_VERDICT_UNREGISTERED:
        b = msg_start(&m);
        lb_uint(b, r->code); /* 100-699: three digits */
        lb_str(b, " is not registered: ");
        lb_str(b, w->meaning);
        raise_expert(pinfo, ti, full, &ei_sipguide_unregistered, msg_fit(&m));
        break;
    case SG_VERDICT_INVALID:
        b = msg_start(&m);
        lb_str(b, w->meaning);
        raise_expert(pinfo, ti, full, &ei_sipguide_invalid_code, msg_fit(&m));
        break;
    default:
        b = msg_start(&m);
        lb_uint(b, r->code);
        lb_str(b, " ");
        lb_str(b, w->name);
        if (!((w->e && w->e->source == SG_SOURCE_GUIDE) || (r->method && w->e && w->e->methods)))
            lb_str(b, " is not covered by the guide");
        lb_str(b, ": ");
        lb_str(b, w->meaning);
        raise_expert(pinfo, ti, full, &ei_sipguide_unexpected[sev], msg_fit(&m));
        break;
    }
}

/* Name of a Reason cause: Q.850 through the SIP dissector's own value table
 * (so sipguide names causes exactly as Wireshark does), SIP from the registry. */
static const char *reason_cause_name(const sg_extra_t *x)
{
    if (x->reason_proto == SG_REASON_SIP) {
        const sg_entry_t *e = sg_builtin_lookup(x->reason_cause);
        return e ? e->phrase : "unregistered code";
    }
    if (q850_hfinfo && q850_hfinfo->strings) {
        if (q850_hfinfo->display & BASE_EXT_STRING)
            return val_to_str_ext_const(x->reason_cause, (value_string_ext *)q850_hfinfo->strings,
                                        "unknown cause");
        if (!(q850_hfinfo->display & (BASE_RANGE_STRING | BASE_CUSTOM)))
            return val_to_str_const(x->reason_cause, (const value_string *)q850_hfinfo->strings,
                                    "unknown cause");
    }
    return "unknown cause";
}

/* The user part of a Request-URI ("+15551234567" of "sip:+15551234567@gw;user=phone"),
 * or the whole URI when it has none: what a 404 did not find. */
static const char *uri_user(packet_info *pinfo, const char *uri)
{
    const char *p, *end;
    if (!uri)
        return NULL;
    p = strchr(uri, ':');
    p = p ? p + 1 : uri;
    end = p + strcspn(p, "@;?>");
    if (*end != '@' || end == p)
        return uri;
    return wmem_strndup(pinfo->pool, p, (size_t)(end - p));
}

/* One line of context: what the response answers and the headers that say why. */
static const char *context_text(packet_info *pinfo, const sg_resp_t *r, const sg_warning_t *w)
{
    const sg_extra_t *x = r->extra;
    const char *cause = x && x->reason_proto != SG_REASON_NONE ? reason_cause_name(x) : NULL;
    sg_label_t b;

    const sg_evidence_t *ev = r->ev;
    const char *who = r->code >= 300 ? r->responder : NULL;
    const char *at = r->code >= 300 && ev ? ev->src : NULL;
    const char *uri = ev && (r->code == 404 || r->code == 484 || r->code == 604)
                          ? uri_user(pinfo, ev->j.request_uri)
                          : NULL;

    if (!r->method && !r->request_frame && !x && !w && !who && !at)
        return "";
    /* room for the fixed words and numbers, plus every variable part */
    b.cap = 200 + (r->method ? strlen(r->method) : 0) + (cause ? strlen(cause) : 0) +
            (w ? w->text_len : 0) + (x && x->scan_addr ? strlen(x->scan_addr) : 0) +
            (who ? strlen(who) : 0) + (at ? strlen(at) : 0) + (uri ? strlen(uri) : 0);
    b.buf = (char *)wmem_alloc(pinfo->pool, b.cap);
    b.buf[0] = '\0';
    b.len = 0;
    if (r->method) {
        lb_str(&b, "answers ");
        lb_str(&b, r->method);
    }
    if (r->request_frame) {
        lb_str(&b, " (frame ");
        lb_uint(&b, r->request_frame);
        if (r->flags & SG_F_HAS_RESPONSE_TIME) {
            lb_str(&b, ", ");
            lb_uint(&b, r->response_time);
            lb_str(&b, " ms");
        }
        lb_str(&b, ")");
    }
    if (uri) {
        lb_str(&b, b.len ? "; not found: " : "not found: ");
        lb_str(&b, uri);
    }
    if (who || at) {
        lb_str(&b, b.len ? "; sent by " : "sent by ");
        lb_str(&b, who ? who : at);
        if (who && at) {
            lb_str(&b, " at ");
            lb_str(&b, at);
        }
    }
    if (cause) {
        lb_str(&b, b.len ? "; Reason: " : "Reason: ");
        lb_str(&b, x->reason_proto == SG_REASON_Q850 ? "Q.850" : "SIP");
        lb_str(&b, " cause ");
        lb_uint(&b, x->reason_cause);
        lb_str(&b, " \"");
        lb_str(&b, cause);
        lb_str(&b, "\"");
    }
    if (x && x->has_retry_after) {
        lb_str(&b, b.len ? "; retry after " : "retry after ");
        lb_uint(&b, x->retry_after);
        lb_str(&b, " s");
    }
    if (w) {
        lb_str(&b, b.len ? "; Warning " : "Warning ");
        lb_uint(&b, w->code);
        lb_str(&b, " \"");
        lb_mem(&b, w->text, w->text_len);
        lb_str(&b, "\"");
    }
    if (x && x->scan_addr) {
        if (b.len)
            lb_str(&b, "; ");
        lb_uint(&b, x->scan_count);
        lb_str(&b, " failures to ");
        lb_str(&b, x->scan_addr);
        lb_str(&b, " in ");
        lb_uint(&b, (guint32)sipguide_settings()->scan.window);
        lb_str(&b, " s");
    }
    return b.buf;
}

static proto_item *add_gen_string(proto_tree *t, int hf, tvbuff_t *tvb, const char *v)
{
    proto_item *it = proto_tree_add_string(t, hf, tvb, 0, 0, v);
    proto_item_set_generated(it);
    return it;
}

static proto_item *add_gen_uint(proto_tree *t, int hf, tvbuff_t *tvb, guint32 v)
{
    proto_item *it = proto_tree_add_uint(t, hf, tvb, 0, 0, v);
    proto_item_set_generated(it);
    return it;
}

/* Writes an item's label straight into it.  proto_item_set_text() runs
 * printf over the label, and a string field without a label of its own is
 * formatted at print time (format_text, character by character); on -V and
 * in the GUI that is most of what a shown line costs.  The text is exactly
 * what those would print.  Like proto_item_set_text(), nothing for a hidden
 * item; n < ITEM_LABEL_LENGTH. */
static void set_label(proto_item *it, const char *text, size_t n)
{
    field_info *fi = it ? PITEM_FINFO(it) : NULL;
    if (!fi || proto_item_is_hidden(it))
        return;
    fi->rep = wmem_new(PNODE_POOL(it), item_label_t);
    memcpy(fi->rep->representation, text, n);
    fi->rep->representation[n] = '\0';
#if SG_WS_AT_LEAST(4, 6)
    fi->rep->value_pos = 0; /* a free-form label, as proto_item_set_text() leaves it */
    fi->rep->value_len = 0;
#endif
}

/* The label a..d, concatenated; one too long for a label goes through
 * proto_item_set_text(), which marks it "[truncated]" as before. */
static void set_label_parts(proto_item *it, const char *a, const char *b, const char *c,
                            const char *d)
{
    char line[ITEM_LABEL_LENGTH];
    size_t la = strlen(a), lb = strlen(b), lc = strlen(c), ld = strlen(d);
    if (la + lb + lc + ld >= sizeof line) {
        proto_item_set_text(it, "%s%s%s%s", a, b, c, d);
        return;
    }
    memcpy(line, a, la);
    memcpy(line + la, b, lb);
    memcpy(line + la + lb, c, lc);
    memcpy(line + la + lb + lc, d, ld);
    set_label(it, line, la + lb + lc + ld);
}

/* A string item shown in the details (full tree): labelled "<name>: <value>",
 * the label Wireshark would give it, built here without its per-character
 * formatting.  Values that formatting could change (anything but printable
 * ASCII, a backslash) or that need the label cut keep Wireshark's own. */
static proto_item *add_shown_string(proto_tree *t, int hf, tvbuff_t *tvb, const char *v,
                                    gboolean full)
{
    proto_item *it = add_gen_string(t, hf, tvb, v);
    field_info *fi = it ? PITEM_FINFO(it) : NULL;
    char line[ITEM_LABEL_LENGTH];
    size_t nl, vl;
    if (!full || !fi)
        return it;
    vl = strlen(v);
    if (!sg_plain_ascii(v, vl))
        return it;
    nl = strlen(fi->hfinfo->name);
    if (nl + 2 + vl >= sizeof line)
        return it;
    memcpy(line, fi->hfinfo->name, nl);
    memcpy(line + nl, ": ", 2);
    memcpy(line + nl + 2, v, vl);
    set_label(it, line, nl + 2 + vl);
    return it;
}

/* A number item shown in the details: "<name>: <value>", as Wireshark labels
 * a plain decimal number or a frame number, built here without printf. */
static proto_item *add_shown_uint(proto_tree *t, int hf, tvbuff_t *tvb, guint32 v, gboolean full)
{
    proto_item *it = add_gen_uint(t, hf, tvb, v);
    field_info *fi = it ? PITEM_FINFO(it) : NULL;
    const header_field_info *h = fi ? fi->hfinfo : NULL;
    char line[ITEM_LABEL_LENGTH];
    sg_label_t b = {line, 0, sizeof line};
    if (!full || !h ||
        !(h->type == FT_FRAMENUM || (h->display == BASE_DEC && !h->strings && !h->bitmask)) ||
        strlen(h->name) + 12 >= sizeof line)
        return it;
    line[0] = '\0';
    lb_str(&b, h->name);
    lb_str(&b, ": ");
    lb_uint(&b, v);
    set_label(it, line, b.len);
    return it;
}

/* Hidden items: filterable and in -T fields/json/ek, but not printed in the
 * details, where the summary line and the status code's label already say
 * the same; fewer printed lines keep -V and the GUI fast and readable. */
static void add_hidden_string(proto_tree *t, int hf, tvbuff_t *tvb, const char *v)
{
    proto_item_set_hidden(add_gen_string(t, hf, tvb, v));
}

static void add_hidden_uint(proto_tree *t, int hf, tvbuff_t *tvb, guint32 v)
{
    proto_item_set_hidden(add_gen_uint(t, hf, tvb, v));
}

#include <epan/prefs-int.h>

/* What a tshark run prints, from its command line (Linux: /proc/self/cmdline),
 * read once, after tshark has registered its taps and loaded its scripts.
 * Two cases let sipguide add fewer items than a visible tree would get:
 *
 * - Wireshark 4.0's tshark builds the full, visible tree for -T fields and,
 *   unlike 4.2 and later, does not prime the fields named with -e.  When it is
 *   surely a "-T fields" run with nothing that prints or walks more of the
 *   tree (no -V/-O/-P/-x/-S/-j/-J/-w/-X, no "-e sipguide" whose value is the
 *   summary line), sipguide notes its own fields named by -e and builds, as
 *   for an invisible tree, only the fields something asked for.
 * - Any version's plain-text details (-V, -O; -T text or ps): hidden items are
 *   never printed there, so only those something asked for are added (a
 *   filter, a column or a tap's filter primes what it reads).  JSON, PDML and
 *   EK print hidden items, so they keep every one.
 *
 * Neither applies with a tap that walks the tree, a Lua script (it may read
 * every field of a packet) or MATE, or when anything on the command line is
 * not understood: the full tree stays. */

/* declared in epan/wslua/init_wslua.h, which is not installed; absent without Lua */
extern int wslua_count_plugins(void) __attribute__((weak));

/* tshark's short options (4.0 to 4.6); a ':' follows those that take an argument */
static const char tshark_opts[] =
    "2a:b:B:c:Df:i:ILps:y:d:K:nN:t:u:M:C:e:E:F:gG:hH:j:J:lo:O:PqQr:R:S:T:U:vVw:W:xX:Y:z:";
/* options that print or read more than the -e fields, or exit before dissecting */
static const char tshark_full_opts[] = "DGhLjJOPSvVwxX";
/* options after which plain-text details may not be all that is printed */
static const char tshark_not_text_opts[] = "DGhLjJvX";
static const char *const tshark_long_arg[] = {
    "disable-protocol",  "enable-protocol",   "enable-heuristic",
    "disable-heuristic", "log-level",         "log-fatal",
    "log-domains",       "log-debug",         "log-noisy",
    "log-file",          "log-fatal-domains", "interface",
    "snapshot-length",   "linktype",          "buffer-size",
    "ring-buffer",       "autostop",          NULL};
static const char *const tshark_long_flag[] = {"no-promiscuous-mode", "monitor-mode", NULL};

static gboolean in_list(const char *const *list, const char *name, size_t n)
{
    for (; *list; list++)
        if (strlen(*list) == n && strncmp(*list, name, n) == 0)
            return TRUE;
    return FALSE;
}

/* Reads a tshark command line: the output format (*format, "text" without
 * -T), the short options given (seen, a string of them) and the -e fields.
 * FALSE when it is not tshark or when anything in it is not understood. */
static gboolean tshark_cmdline(char **argv, int argc, const char **format, GString *seen,
                               GPtrArray *fields)
{
    const char *prog;
    *format = "text";
    if (argc < 1)
        return FALSE;
    prog = strrchr(argv[0], '/');
    if (strcmp(prog ? prog + 1 : argv[0], "tshark") != 0)
        return FALSE;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (a[0] != '-' || a[1] == '\0')
            return FALSE; /* a capture filter, or more than this reader knows */
        if (a[1] == '-') {
            const char *name = a + 2, *eq = strchr(name, '=');
            size_t n = eq ? (size_t)(eq - name) : strlen(name);
            if (in_list(tshark_long_arg, name, n)) {
                if (!eq && ++i >= argc)
                    return FALSE;
            } else if (eq || !in_list(tshark_long_flag, name, n)) {
                return FALSE; /* "--" too */
            }
            continue;
        }
        for (const char *p = a + 1; *p; p++) {
            const char *o = *p == ':' ? NULL : strchr(tshark_opts, *p);
            const char *arg;
            if (!o)
                return FALSE;
            g_string_append_c(seen, *p);
            if (o[1] != ':')
                continue;
            arg = p[1] ? p + 1 : ++i < argc ? argv[i] : NULL;
            if (!arg)
                return FALSE;
            if (*p == 'T')
                *format = arg;
            else if (*p == 'E' && !strchr(arg, '=') && ++i >= argc)
                return FALSE; /* tshark cut "-E name=value" in place at the '=' */
            else if (*p == 'e')
                g_ptr_array_add(fields, (gpointer)arg);
            break;
        }
    }
    return TRUE;
}

/* sipguide's fields named by -e in a lean 4.0 "-T fields" run */
static int printed[64];
static guint n_printed;
/* decided on the first call: -1 not yet, else TRUE/FALSE */
static int lean_fields = -1, lean_text = -1;

static gboolean any_of(const GString *seen, const char *opts)
{
    return strpbrk(seen->str, opts) != NULL;
}

/* Notes the -e fields of a lean 4.0 "-T fields" run, or returns FALSE. */
static gboolean note_printed(GPtrArray *fields)
{
    guint i;
    for (i = 0; i < fields->len; i++) {
        header_field_info *h = proto_registrar_get_byname((const char *)g_ptr_array_index(fields, i));
        if (h && h->id == proto_sipguide)
            return FALSE; /* its value is the summary line */
    }
    for (i = 0; i < fields->len && n_printed < G_N_ELEMENTS(printed); i++) {
        header_field_info *h = proto_registrar_get_byname((const char *)g_ptr_array_index(fields, i));
        if (h && h->parent == proto_sipguide)
            printed[n_printed++] = h->id;
        else if (h && ws_expert_id() > 0 && (h->id == hf_ws_expert || h->parent == hf_ws_expert))
            printed[n_printed++] = hf_ws_expert; /* see raise_expert() */
    }
    return i == fields->len;
}

static void decide_output(void)
{
    char *buf = NULL;
    gsize len = 0;
    lean_fields = lean_text = FALSE;
    if ((union_of_tap_listener_flags() & TL_REQUIRES_PROTO_TREE) ||
        (wslua_count_plugins && wslua_count_plugins() > 0))
        return;
    {
        module_t *mate = prefs_find_module("mate");
        pref_t *config = mate ? prefs_find_preference(mate, "config") : NULL;
        const char *file = config ? prefs_get_string_value(config, pref_current) : NULL;
        if (file && *file)
            return;
    }
    if (g_file_get_contents("/proc/self/cmdline", &buf, &len, NULL) && len > 0 &&
        buf[len - 1] == '\0') {
        GPtrArray *argv = g_ptr_array_new();
        GPtrArray *fields = g_ptr_array_new();
        GString *seen = g_string_new(NULL);
        const char *format;
        for (gsize at = 0; at < len; at += strlen(buf + at) + 1)
            g_ptr_array_add(argv, buf + at);
        if (tshark_cmdline((char **)argv->pdata, (int)argv->len, &format, seen, fields)) {
            /* 4.2+ builds an invisible tree for -T fields and primes -e itself */
            lean_fields = !SG_WS_AT_LEAST(4, 2) && strcmp(format, "fields") == 0 &&
                          !any_of(seen, tshark_full_opts) && fields->len > 0 &&
                          note_printed(fields);
            lean_text = (strcmp(format, "text") == 0 || strcmp(format, "ps") == 0) &&
                        !any_of(seen, tshark_not_text_opts) && !prefs.display_hidden_proto_items;
        }
        g_string_free(seen, TRUE);
        g_ptr_array_free(fields, TRUE);
        g_ptr_array_free(argv, TRUE);
    }
    g_free(buf);
    if (lean_fields)
        ws_info("sipguide: tshark -T fields: only the fields asked for are added");
    if (lean_text)
        ws_info("sipguide: tshark prints plain text: hidden items only where asked for");
}

/* Whether this is a lean 4.0 "-T fields" run (see above). */
static gboolean fields_only(void)
{
    if (lean_fields < 0)
        decide_output();
    return lean_fields;
}

/* Whether hidden items are never printed in this run (see above); the
 * preference is read again in case something changes it later. */
static gboolean text_only(void)
{
    if (lean_text < 0)
        decide_output();
    return lean_text && !prefs.display_hidden_proto_items;
}

/* Whether to add an item of field hf.  A full tree (the details shown: -V,
 * json/ek/pdml, the GUI's packet details) gets every item; otherwise (4.2+
 * -T fields, filters, columns, coloring rules, taps) only the fields something
 * has asked for: whatever reads a field (a display or read filter, a -e of
 * 4.2+, a custom column, a coloring rule, a tap's filter, a Lua Field, a
 * postdissector's wanted fields) primes it before each packet is dissected,
 * and priming sets its ref_type for that packet.  An item of an unprimed
 * field in an invisible tree is never seen by anyone. */
static inline gboolean asked(gboolean full, int hf)
{
    if (full || proto_registrar_get_nth((guint)hf)->ref_type != HF_REF_TYPE_NONE)
        return TRUE;
    for (guint i = 0; i < n_printed; i++)
        if (printed[i] == hf)
            return TRUE;
    return FALSE;
}

/* Raises an expert item.  Its items (the "Expert Info" subtree) go under pi
 * where something may read them: a full tree, the columns being built (the
 * Expert column keeps the highest severity an item got), a filter, column or
 * -e on the expert fields (_ws.expert.*, sipguide.<expert>).  Elsewhere
 * Wireshark gets no parent item: it still formats the message for the expert
 * tap (tshark -z expert, the GUI's Expert Information) and the severity. */
static void raise_expert(packet_info *pinfo, proto_item *pi, gboolean full, expert_field *ei,
                         const char *text)
{
    if (pi && !full && !pinfo->cinfo && !asked(FALSE, ei->hf) &&
        !(ws_expert_id() > 0 && asked(FALSE, hf_ws_expert)))
        pi = NULL;
    expert_add_info_format(pinfo, pi, ei, "%s", text);
}

/* Label of sipguide.code, built only when the tree is shown: "Status code:
 * 480 Temporarily Unavailable (4xx Request Failure; phrase: IANA; meaning and
 * action: the guide)".  What comes from where depends on the request's method
 * (sg_advise), so it is set here rather than by a field formatter. */
static void label_code(proto_item *it, const sg_resp_t *r, const sg_view_t *w)
{
    char line[ITEM_LABEL_LENGTH];
    const sg_entry_t *e = w->e;
    sg_label_t b = {line, 0, sizeof line};
    line[0] = '\0';
    lb_str(&b, "Status code: ");
    if (r->code < 100) {
        char digits[4] = {'0', (char)('0' + r->code / 10), (char)('0' + r->code % 10), '\0'};
        lb_str(&b, digits); /* as on the wire: 099, not 99 */
    } else {
        lb_uint(&b, r->code);
    }
    if (e && (e->phrase || e->title)) {
        lb_str(&b, " ");
        lb_str(&b, e->phrase ? e->phrase : e->title);
    }
    lb_str(&b, " (");
    lb_str(&b, sg_class_name(r->code));
    if (e && e->rfc) {
        lb_str(&b, ", ");
        lb_str(&b, e->rfc);
    }
    lb_str(&b, "; ");
    lb_str(&b, e && e->source == SG_SOURCE_USER ? "meaning and action: your table"
                                                : sg_source_label(e));
    lb_str(&b, ")");
    set_label(it, line, b.len);
}

/* The context subtree: request, Reason, Retry-After, Warning, scan.  The
 * sipguide.context item heads it when its text was built (see add_response). */
static void add_context(proto_tree *st, tvbuff_t *tvb, packet_info *pinfo, const sg_resp_t *r,
                        const sg_warning_t *w, const char *ctx, gboolean full, gboolean hid)
{
    const sg_extra_t *x = r->extra;
    gboolean reason =
        x && x->reason_proto != SG_REASON_NONE &&
        (asked(full, hf_sipguide_reason_protocol) || asked(full, hf_sipguide_reason_cause) ||
         asked(full, hf_sipguide_reason_cause_name) ||
         (x->reason_text && asked(full, hf_sipguide_reason_text)));
    gboolean retry = x && x->has_retry_after && asked(full, hf_sipguide_retry_after);
    gboolean warning =
        w && (asked(full, hf_sipguide_warning_code) || asked(full, hf_sipguide_warning_agent) ||
              asked(full, hf_sipguide_warning_text) || asked(full, hf_sipguide_warning_meaning));
    gboolean scan =
        x && x->scan_addr &&
        (asked(full, hf_sipguide_scan_address) || asked(full, hf_sipguide_scan_count) ||
         asked(full, hf_sipguide_scan_users) || asked(full, hf_sipguide_scan_user_list));
    proto_tree *ct;
    if (!ctx && !(r->method && asked(hid, hf_sipguide_method)) &&
        !(r->request_frame && asked(hid, hf_sipguide_request_frame)) &&
        !((r->flags & SG_F_HAS_RESPONSE_TIME) && asked(hid, hf_sipguide_response_time)) &&
        !reason && !retry && !warning && !scan)
        return; /* nothing here is asked for */
    if (ctx && !x && !w) {
        /* only the request: the summary line already says it, and the item
         * is added only where something exports or reads it */
        ct = st;
        if (asked(hid, hf_sipguide_context)) {
            proto_item *ci = add_gen_string(st, hf_sipguide_context, tvb, ctx);
            proto_item_set_hidden(ci);
            ct = proto_item_add_subtree(ci, ett_sipguide_context);
        }
    } else if (ctx) {
        ct = proto_item_add_subtree(add_shown_string(st, hf_sipguide_context, tvb, ctx, full),
                                    ett_sipguide_context);
    } else {
        ct = proto_tree_add_subtree(st, tvb, 0, 0, ett_sipguide_context, NULL, "Context");
    }
    /* the request is in the context line itself */
    if (r->method && asked(hid, hf_sipguide_method))
        add_hidden_string(ct, hf_sipguide_method, tvb, r->method);
    if (r->request_frame && asked(hid, hf_sipguide_request_frame))
        add_hidden_uint(ct, hf_sipguide_request_frame, tvb, r->request_frame);
    if ((r->flags & SG_F_HAS_RESPONSE_TIME) && asked(hid, hf_sipguide_response_time))
        add_hidden_uint(ct, hf_sipguide_response_time, tvb, r->response_time);
    /* Reason, Retry-After, Warning, scan: all their items when one is asked for */
    if (reason) {
        add_shown_string(ct, hf_sipguide_reason_protocol, tvb,
                         x->reason_proto == SG_REASON_Q850 ? "Q.850" : "SIP", full);
        add_shown_uint(ct, hf_sipguide_reason_cause, tvb, x->reason_cause, full);
        add_shown_string(ct, hf_sipguide_reason_cause_name, tvb, reason_cause_name(x), full);
        if (x->reason_text)
            add_shown_string(ct, hf_sipguide_reason_text, tvb, x->reason_text, full);
    }
    if (retry)
        add_shown_uint(ct, hf_sipguide_retry_after, tvb, x->retry_after, full);
    if (warning) {
        const char *known = sg_warn_code_text(w->code);
        add_shown_uint(ct, hf_sipguide_warning_code, tvb, w->code, full);
        add_shown_string(ct, hf_sipguide_warning_agent, tvb,
                         wmem_strndup(pinfo->pool, w->agent, w->agent_len), full);
        add_shown_string(ct, hf_sipguide_warning_text, tvb,
                         wmem_strndup(pinfo->pool, w->text, w->text_len), full);
        add_shown_string(ct, hf_sipguide_warning_meaning, tvb,
                         known ? known : "not a registered warn-code", full);
    }
    if (scan) {
        add_shown_string(ct, hf_sipguide_scan_address, tvb, x->scan_addr, full);
        add_shown_uint(ct, hf_sipguide_scan_count, tvb, x->scan_count, full);
        add_shown_uint(ct, hf_sipguide_scan_users, tvb, x->scan_users, full);
        add_shown_string(ct, hf_sipguide_scan_user_list, tvb, x->scan_user_list, full);
    }
}

/* The text of one finding on this response; the phrase and scan findings
 * say it from the response itself, the rest from the tracker's evidence. */
static const char *finding_text(packet_info *pinfo, const sg_resp_t *r, sg_finding_t f)
{
    const sg_evidence_t *ev = r->ev;
    const sg_extra_t *x = r->extra;
    sg_judgement_t j;
    char *buf;
    if (f == SG_FIND_PHRASE_DIFFERS) {
        const sg_entry_t *e = sg_builtin_lookup(r->code);
        /* a long phrase is quoted short: the label would be cut anyway */
        return wmem_strdup_printf(
            pinfo->pool, "reason phrase \"%.60s%s\" differs from the registered \"%s\"",
            r->wire_phrase ? r->wire_phrase : "",
            r->wire_phrase && strlen(r->wire_phrase) > 60 ? "..." : "", e ? e->phrase : "");
    }
    if (f == SG_FIND_SCAN)
        return wmem_strdup_printf(pinfo->pool,
                                  "possible scan or brute force from %s: %u failure responses "
                                  "within %u s, users tried: %u (%s)",
                                  x ? x->scan_addr : "", x ? x->scan_count : 0,
                                  (unsigned)sipguide_settings()->scan.window, x ? x->scan_users : 0,
                                  x ? x->scan_user_list : "");
    if (ev)
        j = ev->j;
    else
        memset(&j, 0, sizeof j);
    buf = (char *)wmem_alloc(pinfo->pool, 256);
    sg_finding_text(&j, f, r->code, r->method, buf, 256);
    return buf;
}

/* The strongest finding: the one with the highest severity, first on a tie. */
static int strongest_finding(const sg_resp_t *r)
{
    int best = -1;
    for (int f = 0; f < SG_FIND_COUNT; f++) {
        if (!(r->findings & (1u << f)) || f == SG_FIND_PHRASE_DIFFERS)
            continue;
        if (best < 0 || sg_finding_info((sg_finding_t)f)->severity >
                            sg_finding_info((sg_finding_t)best)->severity)
            best = f;
    }
    return best;
}

/* Findings: one sipguide.finding item each (the id, for filters), labelled
 * with the evidence and explained in one line beneath; and their expert
 * items, except where an earlier frame raised them already.  best_text is
 * the text of finding best, already built for the summary line, or NULL. */
static void add_findings(proto_tree *st, tvbuff_t *tvb, packet_info *pinfo, proto_item *ti,
                         const sg_resp_t *r, gboolean full, int best, const char *best_text)
{
    gboolean item = st && asked(full, hf_sipguide_finding);
    gboolean resent = r->ev && r->ev->j.retransmission_of;
    for (int f = 0; f < SG_FIND_COUNT; f++) {
        const sg_finding_info_t *info;
        const char *text = NULL;
        gboolean raise;
        if (!(r->findings & (1u << f)))
            continue;
        info = sg_finding_info((sg_finding_t)f);
        /* phrase-differs raises nothing: its finding item says it all (its
         * expert field stays registered, so filters naming it still parse) */
        raise = info->severity != SG_SEV_NONE && f != SG_FIND_PHRASE_DIFFERS &&
                !(r->ev && (r->ev->j.quiet & (1u << f))) && (!resent || f == SG_FIND_NO_ACK) &&
                (f != SG_FIND_SCAN || (r->extra && r->extra->scan_warn));
        if (full || raise)
            text = f == best && best_text ? best_text : finding_text(pinfo, r, (sg_finding_t)f);
        if (item) {
            proto_item *it = add_gen_string(st, hf_sipguide_finding, tvb, info->id);
            if (full) {
                set_label_parts(it, "Finding: ", info->id, ": ", text);
                proto_tree_add_subtree(proto_item_add_subtree(it, ett_sipguide_finding), tvb, 0, 0,
                                       ett_sipguide_finding, NULL, info->explain);
            }
        }
        if (raise) {
            sg_expmsg_t m;
            sg_label_t *b = msg_start(&m);
            lb_uint(b, r->code);
            lb_str(b, " ");
            lb_str(b, text);
            raise_expert(pinfo, ti, full, &ei_sipguide_finding[f], msg_fit(&m));
        }
    }
}

/* What the capture says beyond the response itself: who answered, what was
 * asked, resends, who cancelled, the offer, the credentials, the call. */
static void add_evidence(proto_tree *st, tvbuff_t *tvb, const sg_resp_t *r, gboolean full)
{
    const sg_evidence_t *ev = r->ev;
    proto_item *it;
    if (r->responder && asked(full, hf_sipguide_responder))
        add_shown_string(st, hf_sipguide_responder, tvb, r->responder, full);
    if (!ev)
        return;
    if (ev->j.retransmission_of && asked(full, hf_sipguide_retransmission_of))
        add_shown_uint(st, hf_sipguide_retransmission_of, tvb, ev->j.retransmission_of, full);
    if (ev->j.request_uri && asked(full, hf_sipguide_request_uri))
        add_shown_string(st, hf_sipguide_request_uri, tvb, ev->j.request_uri, full);
    if (ev->j.resends && asked(full, hf_sipguide_retransmissions))
        add_shown_uint(st, hf_sipguide_retransmissions, tvb, ev->j.resends, full);
    if (ev->j.cancel_frame && asked(full, hf_sipguide_cancel_frame))
        add_shown_uint(st, hf_sipguide_cancel_frame, tvb, ev->j.cancel_frame, full);
    if (ev->j.auth_user && asked(full, hf_sipguide_auth_user))
        add_shown_string(st, hf_sipguide_auth_user, tvb, ev->j.auth_user, full);
    if (ev->j.auth_realm && asked(full, hf_sipguide_auth_realm))
        add_shown_string(st, hf_sipguide_auth_realm, tvb, ev->j.auth_realm, full);
    if (ev->j.offer_frame &&
        (asked(full, hf_sipguide_offer_frame) || asked(full, hf_sipguide_offer_media) ||
         asked(full, hf_sipguide_offer_codec))) {
        it = add_shown_uint(st, hf_sipguide_offer_frame, tvb, ev->j.offer_frame, full);
        if (ev->j.offer) {
            proto_tree *ot = proto_item_add_subtree(it, ett_sipguide_evidence);
            if (asked(full, hf_sipguide_offer_media))
                for (unsigned i = 0; i < ev->j.offer->nmedia; i++)
                    add_shown_string(ot, hf_sipguide_offer_media, tvb, ev->j.offer->media[i], full);
            if (asked(full, hf_sipguide_offer_codec))
                for (unsigned i = 0; i < ev->j.offer->ncodecs; i++)
                    add_shown_string(ot, hf_sipguide_offer_codec, tvb, ev->j.offer->codecs[i],
                                     full);
        }
    }
    if (ev->j.outcome != SG_OUTCOME_NONE &&
        (asked(full, hf_sipguide_call_outcome) || asked(full, hf_sipguide_call_setup_time) ||
         asked(full, hf_sipguide_call_answer_time))) {
        it = add_shown_string(st, hf_sipguide_call_outcome, tvb, sg_outcome_name(ev->j.outcome),
                              full);
        if (ev->j.setup_ms >= 0 || ev->j.answer_ms >= 0) {
            proto_tree *ct = proto_item_add_subtree(it, ett_sipguide_evidence);
            if (ev->j.setup_ms >= 0 && asked(full, hf_sipguide_call_setup_time))
                add_shown_uint(ct, hf_sipguide_call_setup_time, tvb, (guint32)ev->j.setup_ms, full);
            if (ev->j.answer_ms >= 0 && asked(full, hf_sipguide_call_answer_time))
                add_shown_uint(ct, hf_sipguide_call_answer_time, tvb, (guint32)ev->j.answer_ms,
                               full);
        }
    }
}

/* Whether the sipguide protocol item itself is asked for ("sipguide" in a
 * filter, -e sipguide), not only some field beneath it. */
static gboolean protocol_asked(void)
{
    return proto_registrar_get_nth((guint)proto_sipguide)->ref_type > HF_REF_TYPE_INDIRECT;
}

/* Whether a response is routine enough to show only its summary line: a
 * 1xx or 2xx that the guide documents or that is a normal step, with no
 * finding, not resent, and nothing the capture adds (who answered, the
 * request's URI, the offer, the call, Reason, Retry-After, Warning, scan).
 * Its items are all there, hidden: filters, -T fields and columns see them. */
static gboolean summary_only(const sg_resp_t *r, const sg_view_t *w)
{
    const sg_evidence_t *ev = r->ev;
    if (r->code < 100 || r->code >= 300 || r->findings || r->extra || r->responder ||
        (r->flags & SG_F_PHRASE_CUT) ||
        (w->v != SG_VERDICT_DOCUMENTED_OK && w->v != SG_VERDICT_ROUTINE))
        return FALSE;
    return !ev || !(ev->j.retransmission_of || ev->j.request_uri || ev->j.resends ||
                    ev->j.cancel_frame || ev->j.auth_user || ev->j.auth_realm ||
                    ev->j.offer_frame || ev->j.outcome != SG_OUTCOME_NONE);
}

static void add_response(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, const sg_resp_t *r)
{
    sg_view_t w;
    proto_item *ti = NULL, *it;
    proto_tree *st = NULL;
    gboolean resent = r->ev && r->ev->j.retransmission_of;
    gboolean full = FALSE;
    /* read without history (collect.c): nothing in this run shows findings,
     * expert items, the Info column or the reports, and the fields asked for
     * need no protocol item to hang from */
    gboolean alone = (r->flags & SG_F_ALONE) != 0;
    const sg_entry_t *e;

    if (alone && tree && !protocol_asked()) {
        st = tree;
        if (r->flags & SG_F_CODE_ONLY) { /* the code, and what it alone says */
            if (asked(FALSE, hf_sipguide_code))
                add_gen_uint(st, hf_sipguide_code, tvb, r->code);
            if (asked(FALSE, hf_sipguide_class))
                add_hidden_string(st, hf_sipguide_class, tvb, sg_class_name(r->code));
            return;
        }
    }
    view_of(pinfo, r, &w);
    e = w.e;

    if (tree) {
        /* Text is built only where it is shown: a full tree (-V, the GUI's
         * details) or a request for sipguide.context (-T fields, filters);
         * items only where something may read them (see asked()). */
        full = PTREE_DATA(tree)->visible && !fields_only();
        /* labels of the items printed; a routine response prints none */
        gboolean quiet = full && summary_only(r, &w);
        gboolean shown = full && (!quiet || prefs.display_hidden_proto_items);
        /* items added whether asked for or not: hidden ones only where the
         * details are exported (JSON, PDML, EK, the GUI), not printed as text */
        gboolean hid = full && !text_only();
        gboolean vis = quiet ? hid : full;
        sg_warning_t wn;
        const sg_warning_t *wp = NULL;
        const char *ctx = NULL;
        int best = -1;
        const char *best_text = NULL;
        if (r->extra && r->extra->warning &&
            sg_parse_warning(r->extra->warning, strlen(r->extra->warning), &wn))
            wp = &wn;
        if (full || asked(FALSE, hf_sipguide_context))
            ctx = context_text(pinfo, r, wp);

        if (!st)
            ti = proto_tree_add_item(tree, proto_sipguide, tvb, 0, 0, ENC_NA);
        if (full) {
            /* code, verdict and the strongest finding first: labels are cut at 240 bytes */
            char line[ITEM_LABEL_LENGTH];
            sg_label_t b = {line, 0, sizeof line};
            best = strongest_finding(r);
            if (best >= 0)
                best_text = finding_text(pinfo, r, (sg_finding_t)best);
            line[0] = '\0';
            lb_str(&b, "SIP Response Guide: ");
            lb_uint(&b, r->code);
            lb_str(&b, " ");
            lb_str(&b, w.name);
            lb_str(&b, " [");
            lb_str(&b, sg_verdict_name(w.v));
            lb_str(&b, "]: ");
            if (resent) {
                lb_str(&b, "resent, first in frame ");
                lb_uint(&b, r->ev->j.retransmission_of);
                if (best >= 0) {
                    lb_str(&b, "; ");
                    lb_str(&b, best_text);
                }
            } else if (best >= 0) {
                lb_str(&b, best_text);
            } else {
                lb_str(&b, w.first_action ? w.first_action : w.meaning);
            }
            if (*ctx) {
                lb_str(&b, " (");
                lb_str(&b, ctx);
                lb_str(&b, ")");
            }
            set_label(ti, line, b.len);
        }
        if (ti)
            st = proto_item_add_subtree(ti, ett_sipguide);

        if (asked(vis, hf_sipguide_code)) {
            it = add_gen_uint(st, hf_sipguide_code, tvb, r->code);
            if (shown)
                label_code(it, r, &w);
        }
        /* the summary line shows the verdict in brackets and the title as the name */
        if (asked(hid, hf_sipguide_verdict))
            add_hidden_string(st, hf_sipguide_verdict, tvb, sg_verdict_name(w.v));
        if (!alone)
            add_findings(st, tvb, pinfo, ti, r, full, best, best_text);
        if (e && e->phrase && asked(hid, hf_sipguide_phrase))
            add_hidden_string(st, hf_sipguide_phrase, tvb, e->phrase);
        if (r->wire_phrase) {
            /* printed only when it is not the registered phrase */
            it = st;
            if (asked(e && r->wire_phrase == e->phrase ? hid : vis, hf_sipguide_wire_phrase)) {
                if (e && r->wire_phrase == e->phrase) {
                    it = add_gen_string(st, hf_sipguide_wire_phrase, tvb, r->wire_phrase);
                    proto_item_set_hidden(it);
                } else {
                    it = add_shown_string(st, hf_sipguide_wire_phrase, tvb, r->wire_phrase, shown);
                }
            }
            if ((r->flags & SG_F_PHRASE_CUT) && !alone)
                expert_add_info_format(pinfo, it, &ei_sipguide_long_phrase,
                                       "Reason phrase of %u bytes: sipguide shows the first %d",
                                       r->phrase_len, SG_PHRASE_MAX);
        }
        if (e && e->title && asked(hid, hf_sipguide_title))
            add_hidden_string(st, hf_sipguide_title, tvb, e->title);
        if (asked(vis, hf_sipguide_meaning))
            add_shown_string(st, hf_sipguide_meaning, tvb, w.meaning, shown);
        if (asked(vis, hf_sipguide_action)) {
            if (e) {
                for (size_t i = 0; i < sg_action_count(e); i++)
                    add_shown_string(st, hf_sipguide_action, tvb, e->actions[i], shown);
            } else {
                add_shown_string(st, hf_sipguide_action, tvb, w.first_action, shown);
            }
        }
        if (w.guide_ref && asked(vis, hf_sipguide_guide_ref)) {
            it = add_gen_string(st, hf_sipguide_guide_ref, tvb, w.guide_ref->meaning);
            if (shown)
                set_label_parts(it, "For calls, the guide says: ", w.guide_ref->meaning, " ",
                                w.guide_ref->actions[0] ? w.guide_ref->actions[0] : "");
        }
        if (e && e->note && asked(vis, hf_sipguide_note))
            add_shown_string(st, hf_sipguide_note, tvb, e->note, shown);
        if (asked(hid, hf_sipguide_class))
            add_hidden_string(st, hf_sipguide_class, tvb, sg_class_name(r->code));
        if (sg_is_documented(e) && asked(hid, hf_sipguide_documented)) {
            /* present only when true, like Wireshark's own flags, so that
             * "sipguide.documented" alone means what it says */
            it = proto_tree_add_boolean(st, hf_sipguide_documented, tvb, 0, 0, TRUE);
            proto_item_set_generated(it);
            proto_item_set_hidden(it);
        }
        if (asked(hid, hf_sipguide_source))
            add_hidden_string(st, hf_sipguide_source, tvb, e ? source_name(e->source) : "sipguide");
        if (e && e->rfc && asked(hid, hf_sipguide_rfc))
            add_hidden_string(st, hf_sipguide_rfc, tvb, e->rfc);
        add_context(st, tvb, pinfo, r, wp, ctx, vis, hid);
        add_evidence(st, tvb, r, vis);
        if (quiet)
            for (proto_node *n = ((proto_node *)st)->first_child; n; n = n->next)
                proto_item_set_hidden((proto_item *)n);
    } else if (!alone) {
        if (r->flags & SG_F_PHRASE_CUT)
            expert_add_info_format(pinfo, NULL, &ei_sipguide_long_phrase,
                                   "Reason phrase of %u bytes: sipguide shows the first %d",
                                   r->phrase_len, SG_PHRASE_MAX);
        add_findings(NULL, tvb, pinfo, NULL, r, FALSE, -1, NULL);
    }

    if (alone)
        return;
    /* a resent response raises nothing of its own: its first copy did */
    if (!resent)
        add_expert(pinfo, ti, full, r, &w);

    if (have_tap_listener(sipguide_tap)) {
        sg_tap_t *t = wmem_new(pinfo->pool, sg_tap_t);
        t->code = r->code;
        t->verdict = w.v;
        t->entry = e;
        t->first_action = w.first_action;
        tap_queue_packet(sipguide_tap, pinfo, t);
    }

    /* A short hint in Info for what needs a look; quiet codes add nothing.
     * Newer SIP dissectors lock the column after the message body; unlock it
     * for our hint only. */
    gboolean writable = col_get_writable(pinfo->cinfo, COL_INFO);
    col_set_writable(pinfo->cinfo, COL_INFO, TRUE);
    if (resent) {
        col_append_fstr(pinfo->cinfo, COL_INFO, "[resent: %u] ", r->code);
    } else {
        switch (w.v) {
        case SG_VERDICT_DOCUMENTED_FAILURE:
            col_append_fstr(pinfo->cinfo, COL_INFO, "[%s: %u %s] ",
                            e && e->source == SG_SOURCE_USER ? "yours" : "guide", r->code, w.name);
            break;
        case SG_VERDICT_UNEXPECTED:
        case SG_VERDICT_UNREGISTERED:
        case SG_VERDICT_INVALID:
            col_append_fstr(pinfo->cinfo, COL_INFO, "[%s: %03u] ", sg_verdict_name(w.v), r->code);
            break;
        default:
            break;
        }
    }
    if (r->extra && r->extra->scan_warn)
        col_append_fstr(pinfo->cinfo, COL_INFO, "[scan from %s] ", r->extra->scan_addr);
    col_set_writable(pinfo->cinfo, COL_INFO, writable);
}

static int dissect_sipguide(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data _U_)
{
    sg_frame_t *fr;

    if (!PINFO_FD_VISITED(pinfo)) {
        gboolean kept = FALSE;
        fr = tree ? sipguide_collect(pinfo, tree, &kept) : NULL;
        if (fr && kept)
            p_add_proto_data(wmem_file_scope(), pinfo, proto_sipguide, 0, fr);
    } else {
        fr = (sg_frame_t *)p_get_proto_data(wmem_file_scope(), pinfo, proto_sipguide, 0);
    }
    if (!fr)
        return 0;
    for (guint i = 0; i < fr->count; i++)
        add_response(tvb, pinfo, tree, &fr->resp[i]);
    return 0;
}

/* One expert item per finding, from the core's findings table: the filter
 * names keep the ids ("no-cancel" is sipguide.no_cancel). */
static void register_finding_experts(expert_module_t *expert)
{
    static const int groups[] = {[SG_GROUP_SEQUENCE] = PI_SEQUENCE,
                                 [SG_GROUP_SECURITY] = PI_SECURITY,
                                 [SG_GROUP_PROTOCOL] = PI_PROTOCOL,
                                 [SG_GROUP_RESPONSE] = PI_RESPONSE_CODE};
    static const int severities[] = {[SG_SEV_CHAT] = PI_CHAT,
                                     [SG_SEV_NOTE] = PI_NOTE,
                                     [SG_SEV_WARN] = PI_WARN,
                                     [SG_SEV_ERROR] = PI_ERROR};
    /* static: Wireshark keeps pointers into them for as long as it runs */
    static const ei_register_info blank = {NULL, {NULL, 0, 0, NULL, EXPFILL}};
    static ei_register_info ei[SG_FIND_COUNT];
    static char names[SG_FIND_COUNT][48];
    int n = 0;
    for (int f = 0; f < SG_FIND_COUNT; f++) {
        const sg_finding_info_t *info = sg_finding_info((sg_finding_t)f);
        if (info->severity <= SG_SEV_NONE || info->severity > SG_SEV_ERROR)
            continue; /* a field only */
        ei[n] = blank;
        g_snprintf(names[f], sizeof names[f], "sipguide.%s", info->id);
        g_strdelimit(names[f] + 9, "-", '_');
        ei[n].ids = &ei_sipguide_finding[f];
        ei[n].ids->ei = EI_INIT_EI;
        ei[n].ids->hf = EI_INIT_HF;
        ei[n].eiinfo.name = names[f];
        ei[n].eiinfo.group = groups[info->group];
        ei[n].eiinfo.severity = severities[info->severity];
        ei[n].eiinfo.summary = info->explain;
        n++;
    }
    expert_register_field_array(expert, ei, n);
}

void proto_register_sipguide(void)
{
    static hf_register_info hf[] = {
        {&hf_sipguide_code,
         {"Status code", "sipguide.code", FT_UINT16, BASE_DEC, NULL, 0x0,
          "The SIP status code of this response, as the SIP dissector parsed it", HFILL}},
        {&hf_sipguide_phrase,
         {"Registered phrase", "sipguide.phrase", FT_STRING, BASE_NONE, NULL, 0x0,
          "The reason phrase registered for this code in the IANA SIP response-code registry "
          "(absent for unregistered codes)",
          HFILL}},
        {&hf_sipguide_wire_phrase,
         {"Phrase on the wire", "sipguide.wire_phrase", FT_STRING, BASE_NONE, NULL, 0x0,
          "The reason phrase as the sender wrote it in the status line", HFILL}},
        {&hf_sipguide_title,
         {"Guide title", "sipguide.title", FT_STRING, BASE_NONE, NULL, 0x0,
          "The title the troubleshooting guide (or your user table) gives this code, as written",
          HFILL}},
        {&hf_sipguide_meaning,
         {"Meaning", "sipguide.meaning", FT_STRING, BASE_NONE, NULL, 0x0,
          "What this response means for the call: the guide's description where it covers the "
          "code, otherwise the registered meaning in sipguide's words",
          HFILL}},
        {&hf_sipguide_action,
         {"Action", "sipguide.action", FT_STRING, BASE_NONE, NULL, 0x0,
          "What to do about it; one item per action, in the guide's order", HFILL}},
        {&hf_sipguide_source,
         {"Source", "sipguide.source", FT_STRING, BASE_NONE, NULL, 0x0,
          "Where the meaning and actions come from: guide, registry (IANA phrase with "
          "sipguide's notes), user table, or sipguide (unregistered or invalid code)",
          HFILL}},
        {&hf_sipguide_documented,
         {"Documented by the guide", "sipguide.documented", FT_BOOLEAN, BASE_NONE, NULL, 0x0,
          "Present (true) only when the troubleshooting guide or your user table documents this "
          "code for this request's method, so the filter sipguide.documented alone selects them",
          HFILL}},
        {&hf_sipguide_class,
         {"Class", "sipguide.class", FT_STRING, BASE_NONE, NULL, 0x0,
          "Response class as RFC 3261 section 21 names it: 1xx Provisional, 2xx Successful, "
          "3xx Redirection, 4xx Request Failure, 5xx Server Failure, 6xx Global Failures, or "
          "invalid",
          HFILL}},
        {&hf_sipguide_rfc,
         {"Defined in", "sipguide.rfc", FT_STRING, BASE_NONE, NULL, 0x0,
          "The RFC that defines this code, from the IANA registry", HFILL}},
        {&hf_sipguide_verdict,
         {"Verdict", "sipguide.verdict", FT_STRING, BASE_NONE, NULL, 0x0,
          "How sipguide treats this response: documented, documented failure, routine, "
          "unexpected (registered but not in the guide), unregistered, or invalid",
          HFILL}},
        {&hf_sipguide_note,
         {"Guide note", "sipguide.note", FT_STRING, BASE_NONE, NULL, 0x0,
          "Where the guide's wording differs from the registry (for example the guide's 400 "
          "entry describes a 403)",
          HFILL}},
        {&hf_sipguide_context,
         {"Context", "sipguide.context", FT_STRING, BASE_NONE, NULL, 0x0,
          "One line of context: the request this answers, Reason, Retry-After, Warning, scan",
          HFILL}},
        {&hf_sipguide_method,
         {"Method", "sipguide.method", FT_STRING, BASE_NONE, NULL, 0x0,
          "The method of the request this response answers (from CSeq)", HFILL}},
        {&hf_sipguide_request_frame,
         {"Request frame", "sipguide.request_frame", FT_FRAMENUM, BASE_NONE,
          FRAMENUM_TYPE(FT_FRAMENUM_REQUEST), 0x0,
          "The request this response answers: same Call-ID, CSeq number and method on the same "
          "hop, its first copy (never the ACK or CANCEL that shares the number)",
          HFILL}},
        {&hf_sipguide_response_time,
         {"Response time (ms)", "sipguide.response_time", FT_UINT32, BASE_DEC, NULL, 0x0,
          "Milliseconds from the request's first copy to this response", HFILL}},
        {&hf_sipguide_guide_ref,
         {"For calls, the guide says", "sipguide.guide_ref", FT_STRING, BASE_NONE, NULL, 0x0,
          "The guide's description of this code, shown for reference when the guide speaks of "
          "calls and this response answers another method (REGISTER, SUBSCRIBE, OPTIONS, ...)",
          HFILL}},
        {&hf_sipguide_finding,
         {"Finding", "sipguide.finding", FT_STRING, BASE_NONE, NULL, 0x0,
          "What sipguide found in the capture around this response, one item per finding, by "
          "id: no-ack, conflicting-final, no-cancel, cancelled, request-retransmitted, "
          "offer-port-zero, offer-secure-media, offer-no-sdp, codecs-accepted-before, "
          "credentials-rejected, nonce-expired, scan, phrase-differs",
          HFILL}},
        {&hf_sipguide_retransmission_of,
         {"Retransmission of", "sipguide.retransmission_of", FT_FRAMENUM, BASE_NONE,
          FRAMENUM_TYPE(FT_FRAMENUM_DUP_ACK), 0x0,
          "This response was sent before (same transaction, code and To tag): the frame of the "
          "first copy. A resent response raises no expert item of its own",
          HFILL}},
        {&hf_sipguide_responder,
         {"Responder", "sipguide.responder", FT_STRING, BASE_NONE, NULL, 0x0,
          "Who answered: the response's Server header, else its User-Agent", HFILL}},
        {&hf_sipguide_request_uri,
         {"Request-URI", "sipguide.request_uri", FT_STRING, BASE_NONE, NULL, 0x0,
          "The Request-URI of the request this failure answers: what was asked for", HFILL}},
        {&hf_sipguide_retransmissions,
         {"Request resent", "sipguide.retransmissions", FT_UINT32, BASE_DEC, NULL, 0x0,
          "How many times the request was sent again before this response (same Call-ID, CSeq, "
          "method and hop)",
          HFILL}},
        {&hf_sipguide_cancel_frame,
         {"Cancelled in frame", "sipguide.cancel_frame", FT_FRAMENUM, BASE_NONE, NULL, 0x0,
          "On a 487: the CANCEL of this INVITE, or the BYE on its early dialog", HFILL}},
        {&hf_sipguide_offer_frame,
         {"Offer in frame", "sipguide.offer.frame", FT_FRAMENUM, BASE_NONE,
          FRAMENUM_TYPE(FT_FRAMENUM_REQUEST), 0x0,
          "The request whose SDP offer this failure refused (or that carried none)", HFILL}},
        {&hf_sipguide_offer_media,
         {"Offered media", "sipguide.offer.media", FT_STRING, BASE_NONE, NULL, 0x0,
          "One item per m= line of the refused offer: media, port, protocol, direction "
          "(\"audio 0 RTP/AVP inactive\")",
          HFILL}},
        {&hf_sipguide_offer_codec,
         {"Offered codec", "sipguide.offer.codec", FT_STRING, BASE_NONE, NULL, 0x0,
          "One item per format of the refused offer: rtpmap name/rate or the static payload "
          "type's name (\"PCMU/8000\", \"telephone-event/8000\")",
          HFILL}},
        {&hf_sipguide_auth_user,
         {"Credentials user", "sipguide.auth.user", FT_STRING, BASE_NONE, NULL, 0x0,
          "The user name in the Authorization or Proxy-Authorization of the request answered",
          HFILL}},
        {&hf_sipguide_auth_realm,
         {"Credentials realm", "sipguide.auth.realm", FT_STRING, BASE_NONE, NULL, 0x0,
          "The realm in the Authorization or Proxy-Authorization of the request answered", HFILL}},
        {&hf_sipguide_call_outcome,
         {"Call outcome", "sipguide.call.outcome", FT_STRING, BASE_NONE, NULL, 0x0,
          "On the final response that decides the call (its Call-ID): answered, failed or "
          "cancelled",
          HFILL}},
        {&hf_sipguide_call_setup_time,
         {"Setup time (ms)", "sipguide.call.setup_time", FT_UINT32, BASE_DEC, NULL, 0x0,
          "Post-dial delay: milliseconds from the call's first INVITE to its first 18x", HFILL}},
        {&hf_sipguide_call_answer_time,
         {"Answer time (ms)", "sipguide.call.answer_time", FT_UINT32, BASE_DEC, NULL, 0x0,
          "Milliseconds from the call's first INVITE to its 2xx", HFILL}},
        {&hf_sipguide_reason_protocol,
         {"Reason protocol", "sipguide.reason.protocol", FT_STRING, BASE_NONE, NULL, 0x0,
          "Protocol of the Reason header cause: Q.850 (ISDN/PSTN cause) or SIP", HFILL}},
        {&hf_sipguide_reason_cause,
         {"Reason cause", "sipguide.reason.cause", FT_UINT32, BASE_DEC, NULL, 0x0,
          "The cause in the Reason header (Q.850 cause value or SIP status code)", HFILL}},
        {&hf_sipguide_reason_cause_name,
         {"Reason cause name", "sipguide.reason.cause_name", FT_STRING, BASE_NONE, NULL, 0x0,
          "What the Reason cause means: the Q.850 cause name or the SIP phrase", HFILL}},
        {&hf_sipguide_reason_text,
         {"Reason text", "sipguide.reason.text", FT_STRING, BASE_NONE, NULL, 0x0,
          "The text parameter of the Reason header", HFILL}},
        {&hf_sipguide_retry_after,
         {"Retry after (s)", "sipguide.retry_after", FT_UINT32, BASE_DEC, NULL, 0x0,
          "Seconds the sender asks the client to wait before retrying (Retry-After)", HFILL}},
        {&hf_sipguide_warning_code,
         {"Warning code", "sipguide.warning.code", FT_UINT16, BASE_DEC, NULL, 0x0,
          "The warn-code of the Warning header (for example 305 on a 488)", HFILL}},
        {&hf_sipguide_warning_agent,
         {"Warning agent", "sipguide.warning.agent", FT_STRING, BASE_NONE, NULL, 0x0,
          "The host that added the Warning header", HFILL}},
        {&hf_sipguide_warning_text,
         {"Warning text", "sipguide.warning.text", FT_STRING, BASE_NONE, NULL, 0x0,
          "The Warning header's text as sent", HFILL}},
        {&hf_sipguide_warning_meaning,
         {"Warning meaning", "sipguide.warning.meaning", FT_STRING, BASE_NONE, NULL, 0x0,
          "The registered meaning of the warn-code (RFC 3261 section 20.43)", HFILL}},
        {&hf_sipguide_scan_address,
         {"Scan address", "sipguide.scan.address", FT_STRING, BASE_NONE, NULL, 0x0,
          "The address that received many failure responses: the likely scanner", HFILL}},
        {&hf_sipguide_scan_count,
         {"Scan failures", "sipguide.scan.count", FT_UINT32, BASE_DEC, NULL, 0x0,
          "Failure responses sent back to that address within the scan window", HFILL}},
        {&hf_sipguide_scan_users,
         {"Scan users tried", "sipguide.scan.users", FT_UINT32, BASE_DEC, NULL, 0x0,
          "Distinct users (To user part) that address tried", HFILL}},
        {&hf_sipguide_scan_user_list,
         {"Scan user list", "sipguide.scan.user_list", FT_STRING, BASE_NONE, NULL, 0x0,
          "The users that address tried, first ones first", HFILL}},
    };
    static gint *ett[] = {&ett_sipguide, &ett_sipguide_context, &ett_sipguide_finding,
                          &ett_sipguide_evidence};
    static ei_register_info ei[] = {
        {&ei_sipguide_documented_failure[SG_SEV_NOTE],
         {"sipguide.documented_failure", PI_RESPONSE_CODE, PI_NOTE,
          "A failure the guide documents, with its first action", EXPFILL}},
        {&ei_sipguide_documented_failure[SG_SEV_CHAT],
         {"sipguide.documented_failure.chat", PI_RESPONSE_CODE, PI_CHAT,
          "A failure the guide documents (severity set to chat)", EXPFILL}},
        {&ei_sipguide_documented_failure[SG_SEV_WARN],
         {"sipguide.documented_failure.warn", PI_RESPONSE_CODE, PI_WARN,
          "A failure the guide documents (severity set to warning)", EXPFILL}},
        {&ei_sipguide_documented_failure[SG_SEV_ERROR],
         {"sipguide.documented_failure.error", PI_RESPONSE_CODE, PI_ERROR,
          "A failure the guide documents (severity set to error)", EXPFILL}},
        {&ei_sipguide_unexpected[SG_SEV_WARN],
         {"sipguide.unexpected", PI_RESPONSE_CODE, PI_WARN,
          "A response that needs a look: a code the guide does not cover for this method and "
          "that is not routine",
          EXPFILL}},
        {&ei_sipguide_unexpected[SG_SEV_NOTE],
         {"sipguide.unexpected.note", PI_RESPONSE_CODE, PI_NOTE,
          "An ordinary outcome the guide does not cover (busy, a refused capability probe, a "
          "BYE that crossed the end of a dialog)",
          EXPFILL}},
        {&ei_sipguide_unexpected[SG_SEV_CHAT],
         {"sipguide.unexpected.chat", PI_RESPONSE_CODE, PI_CHAT,
          "A normal outcome the guide does not cover", EXPFILL}},
        {&ei_sipguide_unexpected[SG_SEV_ERROR],
         {"sipguide.unexpected.error", PI_RESPONSE_CODE, PI_ERROR,
          "A response the guide does not cover, severity error", EXPFILL}},
        {&ei_sipguide_unregistered,
         {"sipguide.unregistered", PI_RESPONSE_CODE, PI_WARN,
          "A code within 100-699 that is not in the IANA registry", EXPFILL}},
        {&ei_sipguide_invalid_code,
         {"sipguide.invalid_code", PI_PROTOCOL, PI_ERROR,
          "A status code outside 100-699: not a valid SIP response", EXPFILL}},
        {&ei_sipguide_long_phrase,
         {"sipguide.long_phrase", PI_PROTOCOL, PI_CHAT,
          "An unusually long reason phrase, shown cut", EXPFILL}},
        {&ei_sipguide_user[SG_SEV_CHAT],
         {"sipguide.user.chat", PI_RESPONSE_CODE, PI_CHAT, "A code from your user table (chat)",
          EXPFILL}},
        {&ei_sipguide_user[SG_SEV_NOTE],
         {"sipguide.user.note", PI_RESPONSE_CODE, PI_NOTE, "A code from your user table (note)",
          EXPFILL}},
        {&ei_sipguide_user[SG_SEV_WARN],
         {"sipguide.user.warn", PI_RESPONSE_CODE, PI_WARN, "A code from your user table (warning)",
          EXPFILL}},
        {&ei_sipguide_user[SG_SEV_ERROR],
         {"sipguide.user.error", PI_RESPONSE_CODE, PI_ERROR, "A code from your user table (error)",
          EXPFILL}},
    };
    expert_module_t *expert;

    proto_sipguide = proto_register_protocol("SIP Response Guide", "sipguide", "sipguide");
    proto_register_field_array(proto_sipguide, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));
    expert = expert_register_protocol(proto_sipguide);
    expert_register_field_array(expert, ei, array_length(ei));
    register_finding_experts(expert);

    sipguide_handle = register_dissector("sipguide", dissect_sipguide, proto_sipguide);
    sipguide_tap = register_tap("sipguide");
    sipguide_register_stats();
    sipguide_register_calls();
    register_init_routine(sipguide_collect_init);
    register_cleanup_routine(sipguide_collect_cleanup);
    sipguide_register_prefs(proto_sipguide);
    ws_info("SIP Response Guide %s registered: %zu registered codes, filter name sipguide",
            SIPGUIDE_VERSION, sg_builtin_count());
}

/* Wireshark frees the array it had, and primes the new one's fields on
 * every frame from the next on. */
void sipguide_want(gboolean status_codes)
{
    GArray *wanted = g_array_new(FALSE, FALSE, (guint)sizeof(int));
    sipguide_collect_wanted(wanted, status_codes);
    set_postdissector_wanted_hfids(sipguide_handle, wanted);
}

void proto_reg_handoff_sipguide(void)
{
    int q850 = proto_registrar_get_id_byname("sip.reason_cause_q850");
    q850_hfinfo = q850 > 0 ? proto_registrar_get_nth((guint)q850) : NULL;
    register_postdissector(sipguide_handle);
    sipguide_want(FALSE);
}

/* Without history (collect.c): whether anything asked for needs more than
 * the status code, that is the status line or the CSeq method. */
gboolean sipguide_alone_needs_message(void)
{
    const int *const more[] = {&hf_sipguide_phrase,  &hf_sipguide_wire_phrase, &hf_sipguide_title,
                               &hf_sipguide_meaning, &hf_sipguide_action,      &hf_sipguide_source,
                               &hf_sipguide_documented, &hf_sipguide_rfc,      &hf_sipguide_verdict,
                               &hf_sipguide_note,    &hf_sipguide_guide_ref,   &hf_sipguide_method};
    if (protocol_asked())
        return TRUE;
    for (size_t i = 0; i < G_N_ELEMENTS(more); i++)
        if (asked(FALSE, *more[i]))
            return TRUE;
    return FALSE;
}

/* Whether anything in this run can show what only the capture's history
 * says (findings, evidence, context, expert items, Info hints, reports):
 * a visible tree, a reference (filter, -e, column, colouring rule) to any
 * sipguide field other than those that follow from the response alone, an
 * expert item consumer, the columns, or a tap on sipguide's reports.
 * collect.c asks once per file, when it can also tell that no later pass
 * will come (see there). */
gboolean sipguide_context_wanted(packet_info *pinfo, proto_tree *tree)
{
    /* what the response and its CSeq method alone determine */
    const int *const alone[] = {&hf_sipguide_code,    &hf_sipguide_phrase, &hf_sipguide_wire_phrase,
                                &hf_sipguide_title,   &hf_sipguide_meaning, &hf_sipguide_action,
                                &hf_sipguide_source,  &hf_sipguide_documented, &hf_sipguide_class,
                                &hf_sipguide_rfc,     &hf_sipguide_verdict, &hf_sipguide_note,
                                &hf_sipguide_guide_ref, &hf_sipguide_method};
    static const char *const expert_fields[] = {"_ws.expert", "_ws.expert.message",
                                                "_ws.expert.severity", "_ws.expert.group"};
    void *cookie = NULL;
    int expert_tap = find_tap_id("expert");

    /* a visible tree shows everything, but for 4.0's "-T fields" (see fields_only) */
    if (!tree || (PTREE_DATA(tree)->visible && !fields_only()) || pinfo->cinfo)
        return TRUE;
    if (have_tap_listener(sipguide_tap) || (expert_tap >= 0 && have_tap_listener(expert_tap)))
        return TRUE;
    for (size_t i = 0; i < G_N_ELEMENTS(expert_fields); i++) {
        int id = proto_registrar_get_id_byname(expert_fields[i]);
        if (id > 0 && asked(FALSE, id))
            return TRUE;
    }
    /* every field of the protocol, expert items' fields included */
    for (header_field_info *hfi = proto_get_first_protocol_field(proto_sipguide, &cookie); hfi;
         hfi = proto_get_next_protocol_field(proto_sipguide, &cookie)) {
        gboolean free_of_context = FALSE;
        for (size_t i = 0; i < G_N_ELEMENTS(alone); i++)
            free_of_context |= hfi->id == *alone[i];
        if (!free_of_context && asked(FALSE, hfi->id))
            return TRUE;
    }
    return FALSE;
}
