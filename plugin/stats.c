/* stats.c - the per-code report: tshark -q -z sipguide,tree and the GUI's
 * Statistics > SIP Response Guide.  One command answers "what went wrong in
 * this capture and what do I do".
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <epan/stats_tree.h>
#include <epan/tap.h>

#include <string.h>

#include "sipguide.h"

static const char st_responses[] = "SIP responses";
static const char st_class[] = "By class and code";
static const char st_verdict[] = "By verdict";
static const char st_todo[] = "What to do";
static int n_responses, n_class, n_verdict, n_todo;

/* The dialog sizes its first column to the longest name, so long names push
 * Count off-screen: titles and actions are cut (at a word, with "...") to keep
 * every name within SG_NAME_MAX characters; the packet details have them whole. */
#define SG_TITLE_MAX 32
#define SG_NAME_MAX 64

static const char *cut(wmem_allocator_t *pool, const char *text, size_t max)
{
    size_t end;
    if (g_utf8_strlen(text, -1) <= (glong)max)
        return text;
    end = (size_t)(g_utf8_offset_to_pointer(text, (glong)max - 3) - text);
    for (size_t i = end; i > end / 2; i--) {
        if (text[i] == ' ') {
            end = i;
            break;
        }
    }
    while (end > 0 && (text[end - 1] == ' ' || text[end - 1] == ',' || text[end - 1] == ';' ||
                       text[end - 1] == ':' || text[end - 1] == '.'))
        end--;
    return wmem_strdup_printf(pool, "%.*s...", (int)end, text);
}

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
    const char *name = cut(pinfo->pool,
                           e ? (e->title ? e->title : e->phrase) : sg_verdict_name(t->verdict),
                           SG_TITLE_MAX);
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
        char *line = wmem_strdup_printf(pinfo->pool, "%u %s: %s", t->code, name, todo);
        tick_stat_node(st, st_todo, n_responses, TRUE);
        tick_stat_node(st, cut(pinfo->pool, line, SG_NAME_MAX), n_todo, FALSE);
    }
    return TAP_PACKET_REDRAW;
}

/* Statistics > SIP Response Guide.  Telephony would sit better beside SIP
 * Flows, but Wireshark's GUI puts a plugin's stats tree under Statistics
 * whatever its group (4.0 and 4.4), and a tree a plugin registers as a
 * built-in one gets no menu item at all (4.0, tried under Xvfb). */
void sipguide_register_stats(void)
{
    stats_tree_register_plugin("sipguide", "sipguide", "SIP Response Guide", 0, st_packet,
                               st_init, NULL);
}
