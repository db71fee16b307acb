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

#endif /* SIPGUIDE_COMPAT_H */
