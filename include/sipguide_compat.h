/* sipguide_compat.h - the Wireshark API differences between 4.0, 4.4 and 4.6,
 * kept here so the rest of the plugin reads the same on all of them.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SIPGUIDE_COMPAT_H
#define SIPGUIDE_COMPAT_H

#include <ws_version.h>

#define SG_WS_AT_LEAST(maj, min)                                                                   \
    (WIRESHARK_VERSION_MAJOR > (maj) ||                                                            \
     (WIRESHARK_VERSION_MAJOR == (maj) && WIRESHARK_VERSION_MINOR >= (min)))

/* field_info.value became a pointer in 4.2. */
#if SG_WS_AT_LEAST(4, 2)
#define SG_FI_VALUE(fi) ((fi)->value)
#else
#define SG_FI_VALUE(fi) (&(fi)->value)
#endif

/* Boolean preferences and UAT/preference callbacks moved from gboolean to bool in 4.4. */
#if SG_WS_AT_LEAST(4, 4)
typedef bool sg_bool;
#else
typedef gboolean sg_bool;
#endif

/* Whether the application can look up frame num: epan_get_frame_ts() is not
 * exported by libwireshark 4.0 to 4.6, so sipguide reads the session the
 * same way.  Its layout (epan/epan.c) is the same from 4.0 to 4.6, and other
 * programs mirror it; on any other version sipguide claims nothing and
 * answers TRUE, so it always keeps the capture's history. */
#if WIRESHARK_VERSION_MAJOR == 4 && WIRESHARK_VERSION_MINOR <= 6
struct epan_session {
    struct packet_provider_data *prov;
    struct packet_provider_funcs funcs;
};
static inline gboolean sg_frame_known(const epan_t *session, guint32 num)
{
    if (!session || !session->funcs.get_frame_ts)
        return TRUE;
    return session->funcs.get_frame_ts(session->prov, num) != NULL;
}
#else
static inline gboolean sg_frame_known(const epan_t *session, guint32 num)
{
    (void)session;
    (void)num;
    return TRUE;
}
#endif

#endif /* SIPGUIDE_COMPAT_H */
