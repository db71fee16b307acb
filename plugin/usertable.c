/* usertable.c - the engineer's own guide: a user table (UAT) named
 * "sipguide_entries" whose rows override or add codes.  Bad rows are refused
 * with a message naming the row and the problem; the other rows and the
 * built-in guide stay in effect.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <epan/prefs.h>
#include <epan/uat.h>
#include <wsutil/report_message.h>

#include "sipguide.h"

typedef struct {
    char *code, *title, *meaning, *action, *severity;
} sg_uat_rec_t;

static sg_uat_rec_t *recs;
static guint nrecs;

/* Entries built from the valid rows, by code; they own their strings. */
static sg_entry_t *user_by_code[SIPGUIDE_MAX_CODE + 1];

UAT_CSTRING_CB_DEF(sg_uat, code, sg_uat_rec_t)
UAT_CSTRING_CB_DEF(sg_uat, title, sg_uat_rec_t)
UAT_CSTRING_CB_DEF(sg_uat, meaning, sg_uat_rec_t)
UAT_CSTRING_CB_DEF(sg_uat, action, sg_uat_rec_t)
UAT_CSTRING_CB_DEF(sg_uat, severity, sg_uat_rec_t)

static sg_user_row_t row_of(const sg_uat_rec_t *r)
{
    sg_user_row_t row = {r->code, r->title, r->meaning, r->action, r->severity};
    return row;
}

static void *rec_copy(void *dst, const void *src, size_t len _U_)
{
    sg_uat_rec_t *d = (sg_uat_rec_t *)dst;
    const sg_uat_rec_t *s = (const sg_uat_rec_t *)src;
    d->code = g_strdup(s->code);
    d->title = g_strdup(s->title);
    d->meaning = g_strdup(s->meaning);
    d->action = g_strdup(s->action);
    d->severity = g_strdup(s->severity);
    return d;
}

static void rec_free(void *r)
{
    sg_uat_rec_t *p = (sg_uat_rec_t *)r;
    g_free(p->code);
    g_free(p->title);
    g_free(p->meaning);
    g_free(p->action);
    g_free(p->severity);
}

/* Rows are checked here, not in Wireshark's per-field callbacks: a row refused
 * there stops Wireshark's reader, and every row after it would be lost. */
static GHashTable *reported; /* messages already shown, so each shows once */

static void report_bad_row(guint index, const char *msg)
{
    char *text = g_strdup_printf("sipguide_entries, row %u: %s. That row is not used; the other "
                                 "rows and the built-in guide stay in effect.",
                                 index + 1, msg);
    if (!reported)
        reported = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    if (g_hash_table_add(reported, text))
        report_failure("%s", text);
}

static void free_entry(sg_entry_t *e)
{
    if (!e)
        return;
    g_free((char *)e->title);
    g_free((char *)e->meaning);
    for (size_t i = 0; i < SIPGUIDE_MAX_ACTIONS; i++)
        g_free((char *)e->actions[i]);
    g_free(e);
}

static void clear_index(void)
{
    for (unsigned c = 0; c <= SIPGUIDE_MAX_CODE; c++) {
        free_entry(user_by_code[c]);
        user_by_code[c] = NULL;
    }
}

/* An entry from a valid row; the registered phrase and RFC stay beside it. */
static sg_entry_t *entry_of(const sg_uat_rec_t *r, unsigned code, sg_severity_t sev)
{
    const sg_entry_t *builtin = sg_builtin_lookup(code);
    const char *starts[SIPGUIDE_MAX_ACTIONS];
    size_t lens[SIPGUIDE_MAX_ACTIONS];
    size_t n = sg_split_actions(r->action, starts, lens, SIPGUIDE_MAX_ACTIONS);
    sg_entry_t *e = g_new0(sg_entry_t, 1);
    e->code = code;
    e->phrase = builtin ? builtin->phrase : NULL;
    e->rfc = builtin ? builtin->rfc : NULL;
    e->title = g_strdup(r->title);
    e->meaning = g_strdup(r->meaning);
    for (size_t i = 0; i < n && i < SIPGUIDE_MAX_ACTIONS; i++)
        e->actions[i] = g_strndup(starts[i], lens[i]);
    e->source = SG_SOURCE_USER;
    e->severity = sev;
    return e;
}

/* Rebuild the index from the rows, reporting the ones that are refused. */
static void rebuild_index(void)
{
    clear_index();
    for (guint i = 0; i < nrecs; i++) {
        char msg[256];
        unsigned code;
        sg_severity_t sev;
        sg_user_row_t row = row_of(&recs[i]);
        if (!sg_user_row_check(&row, &code, &sev, msg, sizeof msg)) {
            report_bad_row(i, msg);
            continue;
        }
        free_entry(user_by_code[code]); /* a later row for the same code wins */
        user_by_code[code] = entry_of(&recs[i], code, sev);
    }
}

const sg_entry_t *sipguide_lookup(unsigned code)
{
    if (code <= SIPGUIDE_MAX_CODE && user_by_code[code])
        return user_by_code[code];
    return sg_builtin_lookup(code);
}

void sipguide_register_usertable(module_t *m)
{
    static uat_field_t fields[] = {
        UAT_FLD_CSTRING(sg_uat, code, "Code", "SIP status code, 100-699"),
        UAT_FLD_CSTRING(sg_uat, title, "Title", "Your title for this code (required)"),
        UAT_FLD_CSTRING(sg_uat, meaning, "Meaning", "What it means for your network (required)"),
        UAT_FLD_CSTRING(sg_uat, action, "Action",
                        "What to do; several actions separated by \" | \""),
        UAT_FLD_CSTRING(sg_uat, severity, "Severity",
                        "Expert severity: none, chat, note, warn or error; empty lets sipguide "
                        "decide"),
        UAT_END_FIELDS};
    uat_t *uat = uat_new("sipguide_entries", sizeof(sg_uat_rec_t), "sipguide_entries", TRUE,
                         &recs, &nrecs, UAT_AFFECTS_DISSECTION, NULL, rec_copy, NULL,
                         rec_free, rebuild_index, NULL, fields);
    prefs_register_uat_preference(
        m, "entries", "Your guide entries",
        "Your own entries: each row overrides the built-in entry for its code or adds a code "
        "(columns: code, title, meaning, action, severity). Empty: the built-in guide.",
        uat);
}
