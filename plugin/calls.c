/* calls.c - the calls report: one verdict per call (issue #14).
 *
 *   tshark -q -z sipguide,calls       totals, one row per call, then the registrations
 *   tshark -q -z sipguide,calltable   the same calls as Wireshark's stat table; in the GUI
 *                                     Telephony > SIP Calls (sipguide), rows sort
 *
 * Both read the tracker (core/sipguide_track.h) that collect.c fed on the first
 * pass: it is complete before any report draws and stays until the next file,
 * so one pass, -2 and the GUI print the same rows.  The tap listeners only
 * learn the capture's first frame time (for the start column) and tell the
 * report framework that there is something to draw.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sipguide.h"

#include <epan/stat_tap_ui.h>
#include <epan/tap.h>

/* Column widths of the text report, in characters. */
#define W_START 9
#define W_CALLID 28
#define W_PARTIES 30
#define W_OUTCOME 12
#define W_CODE 6
#define W_RESPONDER 30
#define W_MS 9
#define W_DUR 10
#define W_HANGUP 8
#define W_ACTION 72

#define W_AOR 48
#define W_USER 16

#if SG_WS_AT_LEAST(4, 4)
#define SG_GROUP_TELEPHONY REGISTER_TELEPHONY_GROUP_UNSORTED
#else
#define SG_GROUP_TELEPHONY REGISTER_STAT_GROUP_TELEPHONY
#endif

/* The first action sipguide shows for a call's final code answering INVITE:
 * the user's row when the user table has one, else the guide's or sipguide's. */
static const char *first_action(const sg_call_t *c)
{
    const sg_entry_t *e;
    if (c->outcome != SG_OUTCOME_FAILED && c->outcome != SG_OUTCOME_CANCELLED)
        return NULL;
    if (!c->final_code)
        return NULL;
    e = sipguide_lookup(c->final_code);
    if (!e || e->source != SG_SOURCE_USER)
        e = sg_advise(c->final_code, "INVITE").entry;
    return e ? e->actions[0] : NULL;
}

static const char *outcome_name(const sg_call_t *c)
{
    const char *n = sg_outcome_name(c->outcome);
    return *n ? n : sg_outcome_name(SG_OUTCOME_NO_RESPONSE);
}

/* text cut to at most max characters: the end replaced by "...", at a word
 * when one ends in the second half. */
static char *cut(const char *text, size_t max, bool at_word)
{
    size_t end;
    if (!text)
        return g_strdup("");
    if (!g_utf8_validate(text, -1, NULL))
        return g_strdup("?");
    if ((size_t)g_utf8_strlen(text, -1) <= max)
        return g_strdup(text);
    end = (size_t)(g_utf8_offset_to_pointer(text, (glong)max - 3) - text);
    if (at_word) {
        for (size_t i = end; i > end / 2; i--) {
            if (text[i] == ' ') {
                end = i;
                break;
            }
        }
        while (end > 0 && strchr(" ,;:.", text[end - 1]))
            end--;
    }
    return g_strdup_printf("%.*s...", (int)end, text);
}

/* One cell: text cut to width - 1 and padded to width (the last column unpadded). */
static void cell(GString *s, const char *text, size_t width, bool at_word, bool last)
{
    char *t = cut(text, last ? width : width - 1, at_word);
    g_string_append(s, t);
    if (!last)
        for (size_t n = (size_t)g_utf8_strlen(t, -1); n < width; n++)
            g_string_append_c(s, ' ');
    g_free(t);
}

static void cell_ms(GString *s, long ms, size_t width)
{
    char buf[32];
    if (ms < 0)
        g_strlcpy(buf, "-", sizeof buf);
    else
        snprintf(buf, sizeof buf, "%ld", ms);
    cell(s, buf, width, false, false);
}

/* A user name; the quotes of a quoted Digest username="..." are not part of it. */
static void cell_user(GString *s, const char *user, size_t width)
{
    size_t len = user ? strlen(user) : 0;
    char *bare;
    if (len == 0) {
        cell(s, "-", width, false, false);
        return;
    }
    if (len >= 2 && user[0] == '"' && user[len - 1] == '"')
        bare = g_strndup(user + 1, len - 2);
    else
        bare = g_strdup(user);
    cell(s, bare, width, false, false);
    g_free(bare);
}

static char *parties(const sg_call_t *c)
{
    return g_strdup_printf("%s -> %s", c->from_user && *c->from_user ? c->from_user : "?",
                           c->to_user && *c->to_user ? c->to_user : "?");
}

static char *responder(const sg_call_t *c)
{
    return g_strdup(c->responder && *c->responder ? c->responder : "-");
}

/* ---------------------------------------------------------------------------
 * tshark -z sipguide,calls: the text report.  The first frame's time comes
 * from the first packet tapped (its absolute time minus its time since the
 * first frame); a capture with no response tapped counts from its first call.
 */
typedef struct {
    bool have_t0;
    double t0;
} calls_report_t;

static void report_reset(void *tapdata)
{
    calls_report_t *r = (calls_report_t *)tapdata;
    r->have_t0 = false;
}

static tap_packet_status report_packet(void *tapdata, packet_info *pinfo, epan_dissect_t *edt _U_,
                                       const void *data _U_, tap_flags_t flags _U_)
{
    calls_report_t *r = (calls_report_t *)tapdata;
    if (!r->have_t0) {
        r->t0 = nstime_to_sec(&pinfo->abs_ts) - nstime_to_sec(&pinfo->rel_ts);
        r->have_t0 = true;
    }
    return TAP_PACKET_DONT_REDRAW;
}

static double first_time(const calls_report_t *r, const sg_tracker_t *tr)
{
    double t0 = 0;
    bool any = false;
    if (r->have_t0)
        return r->t0;
    for (size_t i = 0; i < sg_tracker_calls(tr); i++) {
        const sg_call_t *c = sg_tracker_call(tr, i);
        if (!any || c->start < t0)
            t0 = c->start;
        any = true;
    }
    for (size_t i = 0; i < sg_tracker_aors(tr); i++) {
        const sg_aor_t *a = sg_tracker_aor(tr, i);
        if (!any || a->first < t0)
            t0 = a->first;
        any = true;
    }
    return t0;
}

static void rule(char ch)
{
    char line[161];
    memset(line, ch, sizeof line - 1);
    line[sizeof line - 1] = '\0';
    printf("%s\n", line);
}

static void report_calls(const sg_tracker_t *tr, double t0)
{
    size_t n = sg_tracker_calls(tr), per[SG_OUTCOME_NO_RESPONSE + 1] = {0};
    GString *s = g_string_new(NULL);

    for (size_t i = 0; i < n; i++) {
        sg_outcome_t o = sg_tracker_call(tr, i)->outcome;
        per[o == SG_OUTCOME_NONE || o > SG_OUTCOME_NO_RESPONSE ? SG_OUTCOME_NO_RESPONSE : o]++;
    }
    printf("Calls: %zu   answered: %zu   failed: %zu   cancelled: %zu   no response: %zu\n", n,
           per[SG_OUTCOME_ANSWERED], per[SG_OUTCOME_FAILED], per[SG_OUTCOME_CANCELLED],
           per[SG_OUTCOME_NO_RESPONSE]);
    if (sg_tracker_calls_dropped(tr) > 0)
        printf("Not tracked: %zu more calls (sipguide follows at most %d per file)\n",
               sg_tracker_calls_dropped(tr), SG_MAX_CALLS);
    if (n == 0) {
        g_string_free(s, TRUE);
        return;
    }
    printf("Start: seconds since the first frame; setup: INVITE to first 18x; answer: INVITE to 2xx;"
           " duration: 2xx to BYE\n\n");
    cell(s, "Start s", W_START, false, false);
    cell(s, "Call-ID", W_CALLID, false, false);
    cell(s, "From -> To", W_PARTIES, false, false);
    cell(s, "Outcome", W_OUTCOME, false, false);
    cell(s, "Code", W_CODE, false, false);
    cell(s, "Responder", W_RESPONDER, false, false);
    cell(s, "Setup ms", W_MS, false, false);
    cell(s, "Answer ms", W_MS + 1, false, false);
    cell(s, "Duration s", W_DUR + 1, false, false);
    cell(s, "Hangup", W_HANGUP, false, false);
    cell(s, "First action / hangup Reason", W_ACTION, false, true);
    printf("%s\n", s->str);

    for (size_t i = 0; i < n; i++) {
        const sg_call_t *c = sg_tracker_call(tr, i);
        char buf[64];
        char *p = parties(c), *who = responder(c);
        g_string_truncate(s, 0);
        snprintf(buf, sizeof buf, "%.3f", c->start - t0);
        cell(s, buf, W_START, false, false);
        cell(s, c->call_id, W_CALLID, false, false);
        cell(s, p, W_PARTIES, false, false);
        cell(s, outcome_name(c), W_OUTCOME, false, false);
        if (c->final_code)
            snprintf(buf, sizeof buf, "%u", c->final_code);
        else
            g_strlcpy(buf, "-", sizeof buf);
        cell(s, buf, W_CODE, false, false);
        cell(s, who, W_RESPONDER, false, false);
        cell_ms(s, c->setup_ms, W_MS);
        cell_ms(s, c->answer_ms, W_MS + 1);
        if (c->duration >= 0)
            snprintf(buf, sizeof buf, "%.1f", c->duration);
        else
            g_strlcpy(buf, "-", sizeof buf);
        cell(s, buf, W_DUR + 1, false, false);
        cell(s, c->hangup_by ? c->hangup_by : "-", W_HANGUP, false, false);
        if (c->outcome == SG_OUTCOME_ANSWERED && c->hangup_reason) {
            char *why = g_strdup_printf("Reason: %s", c->hangup_reason);
            cell(s, why, W_ACTION, false, true);
            g_free(why);
        } else {
            cell(s, first_action(c), W_ACTION, true, true);
        }
        while (s->len && s->str[s->len - 1] == ' ')
            g_string_truncate(s, s->len - 1);
        printf("%s\n", s->str);
        g_free(p);
        g_free(who);
    }
    g_string_free(s, TRUE);
}

static void report_registrations(const sg_tracker_t *tr, double t0)
{
    size_t n = sg_tracker_aors(tr);
    GString *s;

    printf("Registrations (per address-of-record): %zu\n", n);
    if (n == 0)
        return;
    printf("Registered: 2xx; challenged: 401/407 asking for credentials; rejected: the credentials "
           "sent refused;\nrefused: any other failure; last user: of the last attempt with "
           "credentials; times in seconds since the first frame\n\n");
    s = g_string_new(NULL);
    cell(s, "Address-of-record", W_AOR, false, false);
    cell(s, "Attempts", 9, false, false);
    cell(s, "Registered", 11, false, false);
    cell(s, "Challenged", 11, false, false);
    cell(s, "Rejected", 9, false, false);
    cell(s, "Refused", 8, false, false);
    cell(s, "Last code", 10, false, false);
    cell(s, "Last user", W_USER, false, false);
    cell(s, "First s", 10, false, false);
    cell(s, "Last s", 10, false, true);
    printf("%s\n", s->str);
    for (size_t i = 0; i < n; i++) {
        const sg_aor_t *a = sg_tracker_aor(tr, i);
        char buf[64];
        g_string_truncate(s, 0);
        cell(s, a->aor, W_AOR, false, false);
        snprintf(buf, sizeof buf, "%u", a->attempts);
        cell(s, buf, 9, false, false);
        snprintf(buf, sizeof buf, "%u", a->ok);
        cell(s, buf, 11, false, false);
        snprintf(buf, sizeof buf, "%u", a->challenged);
        cell(s, buf, 11, false, false);
        snprintf(buf, sizeof buf, "%u", a->rejected);
        cell(s, buf, 9, false, false);
        snprintf(buf, sizeof buf, "%u", a->refused);
        cell(s, buf, 8, false, false);
        if (a->last_code)
            snprintf(buf, sizeof buf, "%u", a->last_code);
        else
            g_strlcpy(buf, "-", sizeof buf);
        cell(s, buf, 10, false, false);
        cell_user(s, a->last_user, W_USER);
        snprintf(buf, sizeof buf, "%.3f", a->first - t0);
        cell(s, buf, 10, false, false);
        snprintf(buf, sizeof buf, "%.3f", a->last - t0);
        cell(s, buf, 10, false, true);
        printf("%s\n", s->str);
    }
    g_string_free(s, TRUE);
}

static void report_draw(void *tapdata)
{
    calls_report_t *r = (calls_report_t *)tapdata;
    const sg_tracker_t *tr = sipguide_tracker();
    double t0;

    rule('=');
    printf("SIP calls (sipguide)\n");
    rule('-');
    if (!tr) {
        printf("No capture read.\n");
        rule('=');
        return;
    }
    t0 = first_time(r, tr);
    report_calls(tr, t0);
    rule('-');
    report_registrations(tr, t0);
    rule('=');
}

/* A -z argument's init returns whether it started from Wireshark 4.5 on. */
#if SG_WS_AT_LEAST(4, 5)
typedef bool sg_init_ret;
#define SG_INIT_RETURN(ok) return (ok)
#else
typedef void sg_init_ret;
#define SG_INIT_RETURN(ok)                                                                         \
    do {                                                                                           \
        if (!(ok))                                                                                 \
            exit(1);                                                                               \
        return;                                                                                    \
    } while (0)
#endif

static sg_init_ret report_init(const char *opt_arg _U_, void *userdata _U_)
{
    calls_report_t *r = g_new0(calls_report_t, 1);
    GString *err = register_tap_listener("sipguide", r, NULL, TL_REQUIRES_NOTHING, report_reset,
                                         report_packet, report_draw, NULL);
    if (err) {
        fprintf(stderr, "tshark: couldn't register sipguide,calls tap: %s\n", err->str);
        g_string_free(err, TRUE);
        g_free(r);
        SG_INIT_RETURN(false);
    }
    SG_INIT_RETURN(true);
}

/* ---------------------------------------------------------------------------
 * The calls as Wireshark's stat table (GUI: Telephony > SIP Calls (sipguide);
 * tshark -z sipguide,calltable).  The rows are the tracker's calls, built on
 * the first packet the table's tap sees while the table is empty (after a
 * reset: a new file, or a new filter in the dialog); the Filter column holds
 * the display filter that shows a call's packets.
 */
enum {
    T_START, T_CALLID, T_FROM, T_TO, T_OUTCOME, T_CODE, T_RESPONDER, T_SETUP, T_ANSWER,
    T_DURATION, T_HANGUP, T_REASON, T_ACTION, T_FILTER, T_NFIELDS
};

static stat_tap_table_item table_fields[T_NFIELDS] = {
    {TABLE_ITEM_FLOAT, TAP_ALIGN_RIGHT, "Start (s)", "%.3f"},
    {TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Call-ID", "%s"},
    {TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "From", "%s"},
    {TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "To", "%s"},
    {TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Outcome", "%s"},
    {TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "Code", "%u"},
    {TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Responder", "%s"},
    {TABLE_ITEM_INT, TAP_ALIGN_RIGHT, "Setup (ms)", "%d"},
    {TABLE_ITEM_INT, TAP_ALIGN_RIGHT, "Answer (ms)", "%d"},
    {TABLE_ITEM_FLOAT, TAP_ALIGN_RIGHT, "Duration (s)", "%.1f"},
    {TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Hangup", "%s"},
    {TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Hangup Reason", "%s"},
    {TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "First action", "%s"},
    {TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Filter", "%s"},
};

static const char table_title[] = "SIP calls";

static void table_init(stat_tap_table_ui *ui)
{
    stat_tap_table *t = stat_tap_find_table(ui, table_title);
    if (!t) {
        t = stat_tap_init_table(table_title, T_NFIELDS, 0, "sip.Call-ID");
        stat_tap_add_table(ui, t);
    }
}

static void set_str(stat_tap_table_item_type *f, const char *text)
{
    f->type = TABLE_ITEM_STRING;
    f->value.string_value = g_strdup(text ? text : "");
}

static void table_free_item(stat_tap_table *t _U_, guint row _U_, guint column _U_,
                            stat_tap_table_item_type *f)
{
    if (f->type == TABLE_ITEM_STRING) {
        g_free((char *)f->value.string_value);
        f->value.string_value = NULL;
    }
}

/* Row i of the table from call c (replacing what the row held). */
static void table_set_row(stat_tap_table *t, guint i, const sg_call_t *c, double t0)
{
    stat_tap_table_item_type items[T_NFIELDS];
    char *esc;

    if (i < t->num_elements)
        for (guint col = 0; col < t->num_fields; col++)
            table_free_item(t, i, col, stat_tap_get_field_data(t, i, col));
    memset(items, 0, sizeof items);
    items[T_START].type = TABLE_ITEM_FLOAT;
    items[T_START].value.float_value = c->start - t0;
    set_str(&items[T_CALLID], c->call_id);
    set_str(&items[T_FROM], c->from_user);
    set_str(&items[T_TO], c->to_user);
    set_str(&items[T_OUTCOME], outcome_name(c));
    items[T_CODE].type = TABLE_ITEM_UINT;
    items[T_CODE].value.uint_value = c->final_code;
    set_str(&items[T_RESPONDER], c->responder);
    items[T_SETUP].type = TABLE_ITEM_INT;
    items[T_SETUP].value.int_value = c->setup_ms < 0 ? -1 : (gint)MIN(c->setup_ms, G_MAXINT);
    items[T_ANSWER].type = TABLE_ITEM_INT;
    items[T_ANSWER].value.int_value = c->answer_ms < 0 ? -1 : (gint)MIN(c->answer_ms, G_MAXINT);
    items[T_DURATION].type = TABLE_ITEM_FLOAT;
    items[T_DURATION].value.float_value = c->duration;
    set_str(&items[T_HANGUP], c->hangup_by);
    set_str(&items[T_REASON], c->hangup_reason);
    set_str(&items[T_ACTION], first_action(c));
    esc = g_strescape(c->call_id ? c->call_id : "", NULL);
    items[T_FILTER].type = TABLE_ITEM_STRING;
    items[T_FILTER].value.string_value = g_strdup_printf("sip.Call-ID == \"%s\"", esc);
    g_free(esc);
    stat_tap_init_table_row(t, i, T_NFIELDS, items);
}

/* A call whose row can still change while the first pass goes on: not
 * answered and hung up, nor ended by a final failure. */
static bool call_open(const sg_call_t *c)
{
    switch (c->outcome) {
    case SG_OUTCOME_ANSWERED:
        return c->duration < 0;
    case SG_OUTCOME_FAILED:
        return c->final_code < 400 || c->final_code == 401 || c->final_code == 407;
    case SG_OUTCOME_CANCELLED:
        return false;
    default:
        return true;
    }
}

/* The latest frame the tracker has seen that the call list shows. */
static guint32 tracker_last_frame(const sg_tracker_t *tr)
{
    guint32 last = 0;
    for (size_t i = 0; i < sg_tracker_calls(tr); i++) {
        const sg_call_t *c = sg_tracker_call(tr, i);
        last = MAX(last, MAX(c->first_frame, c->final_frame));
    }
    for (size_t i = 0; i < sg_tracker_aors(tr); i++)
        last = MAX(last, sg_tracker_aor(tr, i)->last_frame);
    return last;
}

/* The table's state between packets, decided on the first packet after a
 * reset: the first frame's time, and whether the tracker is complete (it has
 * seen frames after this one: a later pass, -2 or the GUI) or still being fed
 * by this same pass (tshark in one pass).
 *
 * A call gets its row when a frame that passes the table's display filter is
 * its first INVITE or the final response that decided it: with no filter,
 * every call, in start order; with one (the dialog's "Display filter", or
 * -z sipguide,calltable,FILTER), the calls it matches.  In one pass, the rows
 * of the calls that can still change are refreshed on each SIP frame. */
static bool table_started, table_complete;
static double table_t0;
static GHashTable *table_frames; /* complete: frame -> GSList of call indexes */
static GByteArray *table_shown;  /* complete: per call index, 1 once it has its row */
static GArray *table_pending;    /* one pass: calls seen whose frames did not pass (guint) */
static guint table_seen;         /* one pass: calls looked at so far */

/* An open row and what it shows, to rebuild it only when its call changed. */
typedef struct {
    guint row, call;
    sg_outcome_t outcome;
    unsigned code;
    long setup_ms, answer_ms;
    double duration;
    const char *hangup_by, *hangup_reason, *responder;
} open_row_t;
static GArray *table_open; /* open_row_t */

static void open_row_set(open_row_t *o, guint row, guint call, const sg_call_t *c)
{
    o->row = row;
    o->call = call;
    o->outcome = c->outcome;
    o->code = c->final_code;
    o->setup_ms = c->setup_ms;
    o->answer_ms = c->answer_ms;
    o->duration = c->duration;
    o->hangup_by = c->hangup_by;
    o->hangup_reason = c->hangup_reason;
    o->responder = c->responder;
}

static bool open_row_same(const open_row_t *o, const sg_call_t *c)
{
    return o->outcome == c->outcome && o->code == c->final_code && o->setup_ms == c->setup_ms &&
           o->answer_ms == c->answer_ms && o->duration == c->duration &&
           o->hangup_by == c->hangup_by && o->hangup_reason == c->hangup_reason &&
           o->responder == c->responder;
}

static void table_add(stat_tap_table *t, guint call, const sg_call_t *c)
{
    guint row = t->num_elements;
    table_set_row(t, row, c, table_t0);
    if (!table_complete && call_open(c)) {
        open_row_t o;
        open_row_set(&o, row, call, c);
        g_array_append_val(table_open, o);
    }
}

static void frame_map_add(guint32 frame, guint call)
{
    GSList *l;
    if (!frame)
        return;
    l = (GSList *)g_hash_table_lookup(table_frames, GUINT_TO_POINTER(frame));
    if (l) {
        GSList *head = g_slist_append(l, GUINT_TO_POINTER(call)); /* the head stays */
        (void)head;
    } else
        g_hash_table_insert(table_frames, GUINT_TO_POINTER(frame),
                            g_slist_prepend(NULL, GUINT_TO_POINTER(call)));
}

static void table_start(const sg_tracker_t *tr, packet_info *pinfo, guint n)
{
    table_started = true;
    table_t0 = nstime_to_sec(&pinfo->abs_ts) - nstime_to_sec(&pinfo->rel_ts);
    table_complete = tracker_last_frame(tr) > pinfo->num;
    if (!table_open)
        table_open = g_array_new(FALSE, FALSE, sizeof(open_row_t));
    if (!table_pending)
        table_pending = g_array_new(FALSE, FALSE, sizeof(guint));
    table_seen = 0;
    if (!table_complete)
        return;
    table_frames = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
                                         (GDestroyNotify)g_slist_free);
    table_shown = g_byte_array_sized_new(n);
    g_byte_array_set_size(table_shown, n);
    memset(table_shown->data, 0, n);
    for (guint i = 0; i < n; i++) {
        const sg_call_t *c = sg_tracker_call(tr, i);
        frame_map_add(c->first_frame, i);
        if (c->final_frame != c->first_frame)
            frame_map_add(c->final_frame, i);
    }
}

static tap_packet_status table_packet(void *tapdata, packet_info *pinfo, epan_dissect_t *edt _U_,
                                      const void *data _U_, tap_flags_t flags _U_)
{
    stat_data_t *sd = (stat_data_t *)tapdata;
    const sg_tracker_t *tr = sipguide_tracker();
    stat_tap_table *t = stat_tap_find_table(sd->stat_tap_data, table_title);
    guint n, kept = 0, before;

    if (!t || !tr)
        return TAP_PACKET_DONT_REDRAW;
    n = (guint)MIN(sg_tracker_calls(tr), (size_t)G_MAXUINT);
    if (!table_started)
        table_start(tr, pinfo, n);
    before = t->num_elements;

    if (table_complete) {
        GSList *l = (GSList *)g_hash_table_lookup(table_frames, GUINT_TO_POINTER(pinfo->num));
        for (; l; l = l->next) {
            guint i = GPOINTER_TO_UINT(l->data);
            if (i < table_shown->len && !table_shown->data[i]) {
                table_shown->data[i] = 1;
                table_add(t, i, sg_tracker_call(tr, i));
            }
        }
        return t->num_elements != before ? TAP_PACKET_REDRAW : TAP_PACKET_DONT_REDRAW;
    }

    /* one pass: only a SIP frame changes the tracker */
    if (!proto_is_frame_protocol(pinfo->layers, "sip"))
        return TAP_PACKET_DONT_REDRAW;
    for (guint k = 0; k < table_open->len; k++) {
        open_row_t o = g_array_index(table_open, open_row_t, k);
        const sg_call_t *c = sg_tracker_call(tr, o.call);
        if (!c)
            continue;
        if (!open_row_same(&o, c)) {
            table_set_row(t, o.row, c, table_t0);
            open_row_set(&o, o.row, o.call, c);
        }
        if (call_open(c))
            g_array_index(table_open, open_row_t, kept++) = o;
    }
    g_array_set_size(table_open, kept);
    kept = 0;
    for (guint k = 0; k < table_pending->len; k++) {
        guint i = g_array_index(table_pending, guint, k);
        const sg_call_t *c = sg_tracker_call(tr, i);
        if (c && c->final_frame == pinfo->num)
            table_add(t, i, c);
        else
            g_array_index(table_pending, guint, kept++) = i;
    }
    g_array_set_size(table_pending, kept);
    for (guint i = table_seen; i < n; i++) {
        const sg_call_t *c = sg_tracker_call(tr, i);
        if (c->first_frame == pinfo->num || c->final_frame == pinfo->num)
            table_add(t, i, c);
        else
            g_array_append_val(table_pending, i);
    }
    table_seen = n;
    return TAP_PACKET_REDRAW;
}

/* A reset (new file, new filter in the dialog) empties the table: its rows
 * are built again from the tracker on the next packets. */
static void table_reset(stat_tap_table *t)
{
    for (guint row = 0; row < t->num_elements; row++)
        for (guint col = 0; col < t->num_fields; col++)
            table_free_item(t, row, col, stat_tap_get_field_data(t, row, col));
    for (guint row = 0; row < t->num_elements; row++)
        g_free(t->elements[row]);
    g_free(t->elements);
    t->elements = NULL;
    t->num_elements = 0;
    table_started = table_complete = false;
    if (table_open)
        g_array_set_size(table_open, 0);
    if (table_pending)
        g_array_set_size(table_pending, 0);
    if (table_frames)
        g_hash_table_destroy(table_frames);
    table_frames = NULL;
    if (table_shown)
        g_byte_array_free(table_shown, TRUE);
    table_shown = NULL;
    table_seen = 0;
}

void sipguide_register_calls(void)
{
    static stat_tap_ui report = {
        SG_GROUP_TELEPHONY, "SIP calls (sipguide, text)", "sipguide,calls", report_init, 0, NULL,
    };
    static tap_param table_params[] = {{PARAM_FILTER, "filter", "Filter", NULL, TRUE}};
    static stat_tap_table_ui table = {
        SG_GROUP_TELEPHONY,
        "SIP Calls (sipguide)",
        "frame",
        "sipguide,calltable",
        table_init,
        table_packet,
        table_reset,
        table_free_item,
        NULL,
        G_N_ELEMENTS(table_fields),
        table_fields,
        G_N_ELEMENTS(table_params),
        table_params,
        NULL,
        0,
    };
    register_stat_tap_ui(&report, NULL);
    register_stat_tap_table_ui(&table);
}
