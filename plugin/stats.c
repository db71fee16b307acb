/* stats.c - the per-code report: tshark -q -z sipguide,tree and the GUI's
 * Statistics > SIP Response Guide.  One command answers "what went wrong in
 * this capture and what do I do".
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <epan/stats_tree.h>
#include <epan/tap.h>

#include "sipguide.h"

static const char st_responses[] = "SIP responses";
static const char st_class[] = "By class and code";
static const char st_verdict[] = "By verdict";
static const char st_todo[] = "What to do (documented failures and unexpected codes)";
static int n_responses, n_class, n_verdict, n_todo;

static void st_init(stats_tree *st)
{
    n_responses = stats_tree_create_node(st, st_responses, 0, STAT_DT_INT, TRUE);
    n_class = stats_tree_create_node(st, st_class, n_responses, STAT_DT_INT, TRUE);
    n_verdict = stats_tree_create_node(st, st_verdict, n_responses, STAT_DT_INT, TRUE);
    n_todo = stats_tree_create_node(st, st_todo, n_responses, STAT_DT_INT, TRUE);
}

static tap_packet_status st_packet(stats_tree *st, packet_info *pinfo, epan_dissect_t *edt _U_,
                                   const void *p, tap_flags_t flags _U_)
{
    const sg_tap_t *t = (const sg_tap_t *)p;
    const sg_entry_t *e = t->entry;
    const char *name = e ? (e->title ? e->title : e->phrase) : sg_verdict_name(t->verdict);
    const char *where = t->verdict == SG_VERDICT_DOCUMENTED_FAILURE ||
                                t->verdict == SG_VERDICT_DOCUMENTED_OK
                            ? (e && e->source == SG_SOURCE_USER ? "your table" : "guide")
                            : sg_verdict_name(t->verdict);
    int cls;

    tick_stat_node(st, st_responses, 0, TRUE);
    tick_stat_node(st, st_class, n_responses, TRUE);
    tick_stat_node(st, st_verdict, n_responses, TRUE);
    cls = tick_stat_node(st, sg_class_name(t->code), n_class, TRUE);
    tick_stat_node(st, wmem_strdup_printf(pinfo->pool, "%u %s [%s]", t->code, name, where), cls,
                   FALSE);
    tick_stat_node(st, sg_verdict_name(t->verdict), n_verdict, FALSE);
    if (t->verdict == SG_VERDICT_DOCUMENTED_FAILURE || t->verdict == SG_VERDICT_UNEXPECTED ||
        t->verdict == SG_VERDICT_UNREGISTERED || t->verdict == SG_VERDICT_INVALID) {
        const char *todo = t->first_action ? t->first_action : "see the meaning in the packet";
        tick_stat_node(st, st_todo, n_responses, TRUE);
        tick_stat_node(st, wmem_strdup_printf(pinfo->pool, "%u %s: %s", t->code, name, todo),
                       n_todo, FALSE);
    }
    return TAP_PACKET_REDRAW;
}

void sipguide_register_stats(void)
{
    stats_tree_register_plugin("sipguide", "sipguide", "SIP Response Guide", 0, st_packet,
                               st_init, NULL);
}
