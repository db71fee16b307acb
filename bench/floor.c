/* floor.c - the least a post-dissector can do for the benchmark's -T fields
 * command: read sip.Status-Code and add the five sipguide fields it asks for
 * (code, verdict, class, documented, source) with sipguide's own table, and
 * nothing else: no summary line, texts, context, checks, expert items, Info
 * hint or per-frame storage.  bench/bench.py builds it and loads it instead of
 * sipguide, so the benchmark shows what any plugin giving those fields costs
 * in that mode on this Wireshark.  Benchmark only, not part of the product. */
#include <epan/packet.h>
#include <epan/proto.h>
#include <ws_symbol_export.h>
#include <ws_version.h>

#include "sipguide_compat.h"
#include "sipguide_core.h"

WS_DLL_PUBLIC_DEF const gchar plugin_version[] = "0.0.0";
WS_DLL_PUBLIC_DEF const int plugin_want_major = WIRESHARK_VERSION_MAJOR;
WS_DLL_PUBLIC_DEF const int plugin_want_minor = WIRESHARK_VERSION_MINOR;
WS_DLL_PUBLIC void plugin_register(void);

static int proto = -1, hf_status = -1;
static int hf_code = -1, hf_verdict = -1, hf_class = -1, hf_documented = -1, hf_source = -1;
static gint ett = -1;
static sg_codeset_t routine;

static int dissect(tvbuff_t *tvb, packet_info *pinfo _U_, proto_tree *tree, void *data _U_)
{
    GPtrArray *codes = tree ? proto_get_finfo_ptr_array(tree, hf_status) : NULL;
    for (guint i = 0; codes && i < codes->len; i++) {
        field_info *fi = (field_info *)g_ptr_array_index(codes, i);
        guint32 code = fvalue_get_uinteger(SG_FI_VALUE(fi));
        const sg_entry_t *e = sg_builtin_lookup(code);
        proto_tree *st = proto_item_add_subtree(proto_tree_add_item(tree, proto, tvb, 0, 0, ENC_NA), ett);
        proto_tree_add_uint(st, hf_code, tvb, 0, 0, code);
        proto_tree_add_string(st, hf_verdict, tvb, 0, 0, sg_verdict_name(sg_classify(code, e, &routine)));
        proto_tree_add_string(st, hf_class, tvb, 0, 0, sg_class_name(code));
        proto_tree_add_boolean(st, hf_documented, tvb, 0, 0, sg_is_documented(e));
        proto_tree_add_string(st, hf_source, tvb, 0, 0,
                              e ? (e->source == SG_SOURCE_GUIDE ? "guide" : "registry") : "sipguide");
    }
    return 0;
}

static void register_floor(void)
{
    static hf_register_info hf[] = {
        {&hf_code, {"Status code", "sipguide.code", FT_UINT16, BASE_DEC, NULL, 0, NULL, HFILL}},
        {&hf_verdict, {"Verdict", "sipguide.verdict", FT_STRING, BASE_NONE, NULL, 0, NULL, HFILL}},
        {&hf_class, {"Class", "sipguide.class", FT_STRING, BASE_NONE, NULL, 0, NULL, HFILL}},
        {&hf_documented, {"Documented", "sipguide.documented", FT_BOOLEAN, BASE_NONE, NULL, 0, NULL, HFILL}},
        {&hf_source, {"Source", "sipguide.source", FT_STRING, BASE_NONE, NULL, 0, NULL, HFILL}},
    };
    static gint *etts[] = {&ett};
    char err[128];
    proto = proto_register_protocol("SIP Response Guide (floor)", "sipguide", "sipguide");
    proto_register_field_array(proto, hf, array_length(hf));
    proto_register_subtree_array(etts, array_length(etts));
    sg_codeset_parse(&routine, "100-199,401,407", err, sizeof err);
}

static void handoff_floor(void)
{
    dissector_handle_t h = create_dissector_handle(dissect, proto);
    GArray *wanted = g_array_new(FALSE, FALSE, (guint)sizeof(int));
    hf_status = proto_registrar_get_id_byname("sip.Status-Code");
    g_array_append_val(wanted, hf_status);
    register_postdissector(h);
    set_postdissector_wanted_hfids(h, wanted);
}

void plugin_register(void)
{
    static proto_plugin plug;
    plug.register_protoinfo = register_floor;
    plug.register_handoff = handoff_floor;
    proto_register_plugin(&plug);
}
