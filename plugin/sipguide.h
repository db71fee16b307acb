/* sipguide.h - shared between the epan parts of the plugin.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SIPGUIDE_H
#define SIPGUIDE_H

#include <epan/packet.h>

#include "sipguide_compat.h"
#include "sipguide_core.h"

/* One SIP response as collected on the first pass. */
typedef struct {
    guint32 code;
    guint32 phrase_len;      /* length on the wire; more than kept when cut */
    gboolean phrase_cut;     /* the phrase was longer than sipguide keeps */
    const char *wire_phrase; /* file-scope copy; NULL if no status line */
} sg_resp_t;

/* All SIP responses of one frame, in the order they appear. */
typedef struct {
    guint count;
    sg_resp_t *resp;
} sg_frame_t;

extern int proto_sipguide;

void proto_register_sipguide(void);
void proto_reg_handoff_sipguide(void);

/* prefs.c: preferences and the user table. */
void sipguide_register_prefs(int proto);
const sg_entry_t *sipguide_lookup(unsigned code);
const sg_codeset_t *sipguide_routine_codes(void);

#endif /* SIPGUIDE_H */
