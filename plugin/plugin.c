/* plugin.c - what Wireshark's plugin loader looks for.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <epan/proto.h>
#include <ws_symbol_export.h>

#include "sipguide.h"

WS_DLL_PUBLIC_DEF const gchar plugin_version[] = SIPGUIDE_VERSION;
WS_DLL_PUBLIC_DEF const int plugin_want_major = WIRESHARK_VERSION_MAJOR;
WS_DLL_PUBLIC_DEF const int plugin_want_minor = WIRESHARK_VERSION_MINOR;

WS_DLL_PUBLIC void plugin_register(void);

void plugin_register(void)
{
    static proto_plugin plug;
    plug.register_protoinfo = proto_register_sipguide;
    plug.register_handoff = proto_reg_handoff_sipguide;
    proto_register_plugin(&plug);
}
