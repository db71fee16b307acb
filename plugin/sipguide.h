/* sipguide.h - shared between the epan parts of the plugin.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SIPGUIDE_H
#define SIPGUIDE_H

#include <epan/packet.h>
#include <epan/prefs.h>

#include "sipguide_compat.h"
#include "sipguide_core.h"
#include "sipguide_sip.h"
#include "sipguide_track.h"

/* Rarely present context, allocated only when a response carries it. */
typedef struct {
    guint8 reason_proto;     /* SG_REASON_* */
    guint32 reason_cause;
    const char *reason_text; /* file scope; NULL if none */
    gboolean has_retry_after;
    guint32 retry_after;     /* seconds */
    const char *warning;     /* raw Warning header value, file scope */
    const char *scan_addr;   /* the address failures went back to (scan on) */
    guint32 scan_count;      /* failures to it in the window */
    guint32 scan_users;      /* distinct users tried */
    gboolean scan_warn;      /* raise the scan warning on this response */
    const char *scan_user_list;
} sg_extra_t;

enum { SG_REASON_NONE, SG_REASON_Q850, SG_REASON_SIP };

/* Per-response flags, decided on the first pass. */
#define SG_F_PHRASE_CUT 0x04     /* phrase longer than sipguide keeps */
#define SG_F_HAS_RESPONSE_TIME 0x08
#define SG_F_ALONE 0x10          /* read without history: nothing will show findings or experts */
#define SG_F_CODE_ONLY 0x20      /* and only the code (or class) was asked for */

/* What the capture says about a response beyond its own headers: the
 * tracker's judgement, its strings copied to file scope.  Allocated only when
 * there is something to say. */
typedef struct {
    sg_judgement_t j;
    const char *src; /* the response's sender */
} sg_evidence_t;

/* One SIP response as collected on the first pass. */
typedef struct {
    guint32 code;
    guint32 flags;
    guint32 findings;        /* bit (1u << sg_finding_t) */
    guint32 phrase_len;      /* length on the wire */
    guint32 request_frame;   /* 0 if the request is not in the capture */
    guint32 response_time;   /* ms, with SG_F_HAS_RESPONSE_TIME */
    const char *wire_phrase; /* file scope (or the registry's string); NULL if none */
    const char *method;      /* CSeq method, file scope; NULL if none */
    const char *responder;   /* Server, else User-Agent; file scope */
    sg_extra_t *extra;
    sg_evidence_t *ev;
} sg_resp_t;

/* All SIP responses of one frame, in the order they appear. */
typedef struct {
    guint count;
    sg_resp_t *resp;
} sg_frame_t;

#define SG_PHRASE_MAX 512 /* longest reason phrase kept; longer ones are cut and marked */

/* Settings the checks read; filled from the preferences. */
typedef struct {
    sg_codeset_t routine;
    sg_severity_t failure_severity; /* of documented failures */
    gboolean check_487;
    gboolean scan_enabled;
    sg_codeset_t scan_codes;
    sg_scan_cfg_t scan;
} sg_settings_t;

extern int proto_sipguide;

void proto_register_sipguide(void);
void proto_reg_handoff_sipguide(void);

/* prefs.c: preferences and the user table. */
void sipguide_register_prefs(int proto);
void sipguide_register_usertable(module_t *m); /* usertable.c */
const sg_entry_t *sipguide_lookup(unsigned code);
const sg_settings_t *sipguide_settings(void);

/* What the report (stats.c) gets for each response, through the "sipguide" tap. */
typedef struct {
    guint32 code;
    sg_verdict_t verdict;
    const sg_entry_t *entry;  /* NULL for unregistered and invalid codes */
    const char *first_action; /* NULL if none */
} sg_tap_t;
void sipguide_register_stats(void);
gboolean sipguide_context_wanted(packet_info *pinfo, proto_tree *tree);
gboolean sipguide_alone_needs_message(void); /* more than the code asked for */
void sipguide_want(gboolean status_codes);    /* what to ask the SIP dissector for */
void sipguide_register_calls(void);

/* collect.c: what the SIP dissector found, read on the first pass. */
void sipguide_collect_init(void);    /* new file: forget transactions, calls and scans */
void sipguide_collect_cleanup(void);
/* the SIP field to ask for: the "sip" items, or (a one-pass run without
 * history) the status codes */
void sipguide_collect_wanted(GArray *hfids, gboolean status_codes);
/* *kept: whether the frame's responses are in the file scope, for later passes */
sg_frame_t *sipguide_collect(packet_info *pinfo, proto_tree *tree, gboolean *kept);
const sg_tracker_t *sipguide_tracker(void); /* calls and registrations, for the reports */

#endif /* SIPGUIDE_H */
