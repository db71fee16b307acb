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
#include <wsutil/str_util.h>

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

static gint ett_sipguide = -1;
static gint ett_sipguide_actions = -1;

static expert_field ei_sipguide_documented_failure = EI_INIT;
static expert_field ei_sipguide_unexpected = EI_INIT;
static expert_field ei_sipguide_unregistered = EI_INIT;
static expert_field ei_sipguide_invalid_code = EI_INIT;
static expert_field ei_sipguide_long_phrase = EI_INIT;
static expert_field ei_sipguide_user[SG_SEV_ERROR + 1];

static dissector_handle_t sipguide_handle;

/* The SIP fields sipguide reads, resolved by name once. */
enum { SIP_STATUS_CODE, SIP_STATUS_LINE, SIP_FIELD_COUNT };
static struct {
    int hf;
    const char *name;
} sip_fields[SIP_FIELD_COUNT] = {
    [SIP_STATUS_CODE] = {-1, "sip.Status-Code"},
    [SIP_STATUS_LINE] = {-1, "sip.Status-Line"},
};

/* Returns the field_infos of one SIP field in this tree, or NULL. */
static GPtrArray *sip_field(proto_tree *tree, int which)
{
    return sip_fields[which].hf > 0 ? proto_get_finfo_ptr_array(tree, sip_fields[which].hf) : NULL;
}

/* The status line whose bytes contain the status code, so several messages
 * in one frame never get each other's phrases. */
static field_info *status_line_for(GPtrArray *lines, field_info *code_fi, guint index)
{
    if (!lines)
        return NULL;
    for (guint i = 0; i < lines->len; i++) {
        field_info *fi = (field_info *)g_ptr_array_index(lines, i);
        if (fi->ds_tvb == code_fi->ds_tvb && code_fi->start >= fi->start &&
            code_fi->start < fi->start + fi->length)
            return fi;
    }
    return index < lines->len ? (field_info *)g_ptr_array_index(lines, index) : NULL;
}

/* A reason phrase copied for the file's lifetime, cut at SG_PHRASE_MAX bytes
 * on a UTF-8 boundary (the SIP dissector already made it valid UTF-8). */
static const char *keep_phrase(field_info *line_fi, gboolean *cut, guint32 *wire_len)
{
    const char *line, *phrase;
    size_t plen;
    *cut = FALSE;
    if (!line_fi)
        return NULL;
    line = fvalue_get_string(SG_FI_VALUE(line_fi));
    if (!line || !sg_status_line_phrase(line, strlen(line), &phrase, &plen))
        return NULL;
    *wire_len = (guint32)plen;
    if (plen > SG_PHRASE_MAX) {
        plen = SG_PHRASE_MAX;
        while (plen > 0 && ((unsigned char)phrase[plen] & 0xC0) == 0x80)
            plen--;
        *cut = TRUE;
    }
    return wmem_strndup(wmem_file_scope(), phrase, plen);
}

/* First pass: read what the SIP dissector found; NULL if no response here. */
static sg_frame_t *collect_frame(packet_info *pinfo, proto_tree *tree)
{
    GPtrArray *codes = sip_field(tree, SIP_STATUS_CODE);
    GPtrArray *lines;
    sg_frame_t *fr;

    if (!codes || codes->len == 0)
        return NULL;
    lines = sip_field(tree, SIP_STATUS_LINE);
    fr = wmem_new0(wmem_file_scope(), sg_frame_t);
    fr->count = codes->len;
    fr->resp = wmem_alloc0_array(wmem_file_scope(), sg_resp_t, codes->len);
    for (guint i = 0; i < codes->len; i++) {
        field_info *fi = (field_info *)g_ptr_array_index(codes, i);
        sg_resp_t *r = &fr->resp[i];
        r->code = fvalue_get_uinteger(SG_FI_VALUE(fi));
        r->wire_phrase = keep_phrase(status_line_for(lines, fi, i), &r->phrase_cut,
                                     &r->phrase_len);
    }
    (void)pinfo;
    return fr;
}

/* Meaning and action for codes no table row covers, built only when shown. */
static void describe_unlisted(packet_info *pinfo, guint32 code, const char **meaning,
                              const char **action)
{
    if (code < SIPGUIDE_MIN_CODE || code > SIPGUIDE_MAX_CODE) {
        *meaning = wmem_strdup_printf(pinfo->pool,
                                      "Status code %u is outside 100-699, so this is not a valid "
                                      "SIP response (RFC 3261 section 7.2).",
                                      code);
        *action = "Find the device that sent it: its status line is malformed and peers may drop "
                  "or misread it.";
    } else {
        *meaning = wmem_strdup_printf(
            pinfo->pool,
            "Code %u is not in the IANA registry. A SIP client treats an unknown code like the "
            "x00 code of its class, here %u %s (RFC 3261 section 8.1.3.2).",
            code, code / 100 * 100, sg_builtin_lookup(code / 100 * 100)->phrase);
        *action = "Find the device that sent it and why it uses a private code; expect peers to "
                  "handle it as the x00 code.";
    }
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

/* Expert item for one response; raised on every pass, tree or not. */
static void add_expert(packet_info *pinfo, proto_item *ti, const sg_resp_t *r,
                       const sg_entry_t *e, sg_verdict_t v, const char *meaning,
                       const char *first_action)
{
    const char *name = e ? (e->title ? e->title : e->phrase) : "";
    if (e && e->source == SG_SOURCE_USER && e->severity != SG_SEV_DEFAULT) {
        if (e->severity != SG_SEV_NONE)
            expert_add_info_format(pinfo, ti, &ei_sipguide_user[e->severity],
                                   "%u %s (user table): %s", r->code, name,
                                   first_action ? first_action : meaning);
        return;
    }
    switch (v) {
    case SG_VERDICT_DOCUMENTED_FAILURE:
        expert_add_info_format(pinfo, ti, &ei_sipguide_documented_failure, "%u %s: %s", r->code,
                               name, first_action ? first_action : meaning);
        break;
    case SG_VERDICT_UNEXPECTED:
        expert_add_info_format(pinfo, ti, &ei_sipguide_unexpected,
                               "%u %s is not covered by the guide: %s", r->code, name, meaning);
        break;
    case SG_VERDICT_UNREGISTERED:
        expert_add_info_format(pinfo, ti, &ei_sipguide_unregistered, "%u is not registered: %s",
                               r->code, meaning);
        break;
    case SG_VERDICT_INVALID:
        expert_add_info_format(pinfo, ti, &ei_sipguide_invalid_code, "%s", meaning);
        break;
    default:
        break; /* documented success and routine codes stay quiet */
    }
}

static void add_response(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree,
                         const sg_resp_t *r)
{
    const sg_entry_t *e = sipguide_lookup(r->code);
    sg_verdict_t v = sg_classify(r->code, e, sipguide_routine_codes());
    const char *meaning = e ? e->meaning : NULL;
    const char *first_action = e ? e->actions[0] : NULL;
    const char *name;
    proto_item *ti, *it;
    proto_tree *st, *at;

    if (!e)
        describe_unlisted(pinfo, r->code, &meaning, &first_action);
    name = e ? (e->title ? e->title : e->phrase) : (v == SG_VERDICT_INVALID ? "invalid code"
                                                                              : "unregistered");

    ti = proto_tree_add_item(tree, proto_sipguide, tvb, 0, 0, ENC_NA);
    proto_item_append_text(ti, ": %u %s [%s]: %s", r->code, name, sg_verdict_name(v),
                           first_action ? first_action : meaning);
    st = proto_item_add_subtree(ti, ett_sipguide);

    it = proto_tree_add_uint(st, hf_sipguide_code, tvb, 0, 0, r->code);
    proto_item_set_generated(it);
    if (e && e->phrase)
        proto_item_set_generated(proto_tree_add_string(st, hf_sipguide_phrase, tvb, 0, 0,
                                                       e->phrase));
    if (r->wire_phrase) {
        it = proto_tree_add_string(st, hf_sipguide_wire_phrase, tvb, 0, 0, r->wire_phrase);
        proto_item_set_generated(it);
        if (r->phrase_cut)
            expert_add_info_format(pinfo, it, &ei_sipguide_long_phrase,
                                   "Reason phrase of %u bytes: sipguide shows the first %d",
                                   r->phrase_len, SG_PHRASE_MAX);
    }
    if (e && e->title)
        proto_item_set_generated(proto_tree_add_string(st, hf_sipguide_title, tvb, 0, 0,
                                                       e->title));
    proto_item_set_generated(proto_tree_add_string(st, hf_sipguide_meaning, tvb, 0, 0, meaning));
    at = proto_tree_add_subtree(st, tvb, 0, 0, ett_sipguide_actions, NULL, "What to do");
    if (e) {
        for (size_t i = 0; i < sg_action_count(e); i++)
            proto_item_set_generated(
                proto_tree_add_string(at, hf_sipguide_action, tvb, 0, 0, e->actions[i]));
    } else {
        proto_item_set_generated(
            proto_tree_add_string(at, hf_sipguide_action, tvb, 0, 0, first_action));
    }
    if (e && e->note)
        proto_item_set_generated(proto_tree_add_string(st, hf_sipguide_note, tvb, 0, 0, e->note));
    proto_item_set_generated(proto_tree_add_string(st, hf_sipguide_class, tvb, 0, 0,
                                                   sg_class_name(r->code)));
    proto_item_set_generated(proto_tree_add_boolean(st, hf_sipguide_documented, tvb, 0, 0,
                                                    sg_is_documented(e)));
    proto_item_set_generated(proto_tree_add_string(st, hf_sipguide_verdict, tvb, 0, 0,
                                                   sg_verdict_name(v)));
    proto_item_set_generated(proto_tree_add_string(st, hf_sipguide_source, tvb, 0, 0,
                                                   e ? source_name(e->source) : "sipguide"));
    if (e && e->rfc)
        proto_item_set_generated(proto_tree_add_string(st, hf_sipguide_rfc, tvb, 0, 0, e->rfc));

    add_expert(pinfo, ti, r, e, v, meaning, first_action);

    /* A short hint in Info for what needs a look; quiet codes add nothing. */
    switch (v) {
    case SG_VERDICT_DOCUMENTED_FAILURE:
        col_append_fstr(pinfo->cinfo, COL_INFO, "[guide: %u %s] ", r->code, name);
        break;
    case SG_VERDICT_UNEXPECTED:
    case SG_VERDICT_UNREGISTERED:
    case SG_VERDICT_INVALID:
        col_append_fstr(pinfo->cinfo, COL_INFO, "[%s: %u] ", sg_verdict_name(v), r->code);
        break;
    default:
        break;
    }
}

static int dissect_sipguide(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data _U_)
{
    sg_frame_t *fr;

    if (!PINFO_FD_VISITED(pinfo)) {
        fr = tree ? collect_frame(pinfo, tree) : NULL;
        if (fr)
            p_add_proto_data(wmem_file_scope(), pinfo, proto_sipguide, 0, fr);
    } else {
        fr = (sg_frame_t *)p_get_proto_data(wmem_file_scope(), pinfo, proto_sipguide, 0);
    }
    if (!fr)
        return 0; /* cheap exit: no SIP response in this frame */

    for (guint i = 0; i < fr->count; i++)
        add_response(tvb, pinfo, tree, &fr->resp[i]);
    return 0;
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
          "True when the troubleshooting guide (or your user table) covers this code", HFILL}},
        {&hf_sipguide_class,
         {"Class", "sipguide.class", FT_STRING, BASE_NONE, NULL, 0x0,
          "Response class: 1xx Provisional, 2xx Success, 3xx Redirection, 4xx Client Failure, "
          "5xx Server Failure, 6xx Global Failure, or invalid",
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
    };
    static gint *ett[] = {&ett_sipguide, &ett_sipguide_actions};
    static ei_register_info ei[] = {
        {&ei_sipguide_documented_failure,
         {"sipguide.documented_failure", PI_RESPONSE_CODE, PI_NOTE,
          "A failure the guide documents, with its first action", EXPFILL}},
        {&ei_sipguide_unexpected,
         {"sipguide.unexpected", PI_RESPONSE_CODE, PI_WARN,
          "A registered code the guide does not cover and that is not routine", EXPFILL}},
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
         {"sipguide.user.warn", PI_RESPONSE_CODE, PI_WARN,
          "A code from your user table (warning)", EXPFILL}},
        {&ei_sipguide_user[SG_SEV_ERROR],
         {"sipguide.user.error", PI_RESPONSE_CODE, PI_ERROR,
          "A code from your user table (error)", EXPFILL}},
    };
    expert_module_t *expert;

    proto_sipguide = proto_register_protocol("SIP Response Guide", "sipguide", "sipguide");
    proto_register_field_array(proto_sipguide, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));
    expert = expert_register_protocol(proto_sipguide);
    expert_register_field_array(expert, ei, array_length(ei));

    sipguide_handle = register_dissector("sipguide", dissect_sipguide, proto_sipguide);
    sipguide_register_prefs(proto_sipguide);
}

void proto_reg_handoff_sipguide(void)
{
    GArray *wanted = g_array_new(FALSE, FALSE, (guint)sizeof(int));
    for (int i = 0; i < SIP_FIELD_COUNT; i++) {
        sip_fields[i].hf = proto_registrar_get_id_byname(sip_fields[i].name);
        if (sip_fields[i].hf > 0)
            g_array_append_val(wanted, sip_fields[i].hf);
    }
    register_postdissector(sipguide_handle);
    set_postdissector_wanted_hfids(sipguide_handle, wanted);
}
