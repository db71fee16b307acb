/* floor.c - the least a post-dissector can do for the benchmark's -T fields
 * command (-e sip.Status-Code -e sipguide.code): read sip.Status-Code and add
 * the one sipguide field asked for, sipguide.code, per response, and nothing
 * else: no subtree, texts, context, checks, expert items, Info hint or
 * per-frame storage.  bench/bench.py builds it and loads it instead of
 * sipguide, so the benchmark shows what any plugin giving that field costs in
 * that mode on this Wireshark (the SIP field it reads, and tshark writing one
 * more column).  Benchmark only, not part of the product. */
#include <epan/packet.h>
#include <epan/proto.h>
#include <ws_symbol_export.h>
#include <ws_version.h>

#include "sipguide_compat.h"

WS_DLL_PUBLIC_DEF const gchar plugin_version[] = "0.0.0";
WS_DLL_PUBLIC_DEF const int plugin_want_major = WIRESHARK_VERSION_MAJOR;
WS_DLL_PUBLIC_DEF const int plugin_want_minor = WIRESHARK_VERSION_MINOR;
WS_DLL_PUBLIC void plugin_register(void);

static int proto = -1, hf_status = -1, hf_code = -1;

static int dissect(tvbuff_t *tvb, packet_info *pinfo _U_, proto_tree *tree, void *data _U_)
{
    GPtrArray *codes = tree ? proto_get_finfo_ptr_array(tree, hf_status) : NULL;
    for (guint i = 0; codes && i < codes->len; i++) {
        field_info *fi = (field_info *)g_ptr_array_index(codes, i);
        proto_tree_add_uint(tree, hf_code, tvb, 0, 0, fvalue_get_uinteger(SG_FI_VALUE(fi)));
    }
    return 0;
}

static void register_floor(void)
{
    static hf_register_info hf[] = {
        {&hf_code, {"Status code", "sipguide.code", FT_UINT16, BASE_DEC, NULL, 0, NULL, HFILL}},
    };
    proto = proto_register_protocol("SIP Response Guide (floor)", "sipguide", "sipguide");
    proto_register_field_array(proto, hf, array_length(hf));
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
