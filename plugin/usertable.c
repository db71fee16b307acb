/* usertable.c - the engineer's own guide: a user table (UAT) named
 * "sipguide_entries" whose rows override or add codes.  Bad rows are refused
 * with a message naming the row and the problem; the other rows and the
 * built-in guide stay in effect.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <epan/prefs.h>
#include <epan/uat-int.h>
#include <string.h>
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
    memset(p, 0, sizeof *p);
}


static uat_t *the_uat;

/* Cell checks.  Wireshark runs them as a cell is typed in the editor (the cell
 * turns red, the message shows below the table and OK stays disabled) and as it
 * reads the file.  While it reads, a refused cell would make Wireshark drop the
 * whole table with one message naming one problem, so there they pass and
 * rebuild_index() judges each row instead.  The editor works on the table's
 * own records; the reader on a record of its own. */
static gboolean in_editor(const void *rec)
{
    const GArray *raw = the_uat ? the_uat->raw_data : NULL;
    const char *p = (const char *)rec;
    return raw && raw->len && p >= raw->data && p < raw->data + raw->len * the_uat->record_size;
}

enum { COL_CODE, COL_TITLE, COL_MEANING, COL_ACTION, COL_SEVERITY, COL_COUNT };
static char *problems_except(const sg_uat_rec_t *r, int skip);

/* A refused cell: its own problem first, then the row's other problems, so
 * that the hint under the table names all of them. */
static sg_bool fail(const void *rec, int col, char **err, char *msg)
{
    char *others;
    if (!in_editor(rec)) {
        g_free(msg);
        *err = NULL;
        return TRUE;
    }
    others = problems_except((const sg_uat_rec_t *)rec, col);
    if (others) {
        *err = g_strdup_printf("%s; this row also: %s", msg, others);
        g_free(msg);
        g_free(others);
    } else {
        *err = msg;
    }
    return FALSE;
}

static gboolean is_blank(const char *p, unsigned len)
{
    for (unsigned i = 0; i < len; i++)
        if (!g_ascii_isspace(p[i]))
            return FALSE;
    return TRUE;
}

static sg_bool chk_code(void *rec, const char *p, unsigned len, const void *u1 _U_,
                        const void *u2 _U_, char **err)
{
    char why[160], *s = g_strndup(p, len);
    unsigned code;
    gboolean ok = sg_user_code_check(s, &code, why, sizeof why);
    g_free(s);
    return ok ? TRUE : fail(rec, COL_CODE, err, g_strdup(why));
}

static sg_bool chk_title(void *rec, const char *p, unsigned len, const void *u1 _U_,
                         const void *u2 _U_, char **err)
{
    return is_blank(p, len) ? fail(rec, COL_TITLE, err, g_strdup("the title is empty")) : TRUE;
}

static sg_bool chk_meaning(void *rec, const char *p, unsigned len, const void *u1 _U_,
                           const void *u2 _U_, char **err)
{
    return is_blank(p, len) ? fail(rec, COL_MEANING, err, g_strdup("the meaning is empty")) : TRUE;
}

static char *action_problem(const char *action)
{
    const char *starts[SIPGUIDE_MAX_ACTIONS];
    size_t lens[SIPGUIDE_MAX_ACTIONS];
    size_t n = sg_split_actions(action, starts, lens, SIPGUIDE_MAX_ACTIONS);
    if (n > SIPGUIDE_MAX_ACTIONS)
        return g_strdup_printf("%zu actions, at most %d (separated by \" | \")", n,
                               SIPGUIDE_MAX_ACTIONS);
    for (size_t i = 0; i < n; i++)
        if (lens[i] == 0)
            return g_strdup_printf("action %zu is empty", i + 1);
    return NULL;
}

static sg_bool chk_action(void *rec, const char *p, unsigned len, const void *u1 _U_,
                          const void *u2 _U_, char **err)
{
    char *s = g_strndup(p, len), *why = action_problem(s);
    g_free(s);
    return why ? fail(rec, COL_ACTION, err, why) : TRUE;
}

static char *severity_problem(const char *text)
{
    sg_severity_t sev;
    if (!text || is_blank(text, (unsigned)strlen(text)) || sg_severity_parse(text, &sev))
        return NULL;
    return g_strdup_printf("severity \"%.20s\" is not one of none, chat, note, warn, error (or "
                           "empty for sipguide's default)",
                           text);
}

static sg_bool chk_severity(void *rec, const char *p, unsigned len, const void *u1 _U_,
                            const void *u2 _U_, char **err)
{
    char *s = g_strndup(p, len), *why = severity_problem(s);
    g_free(s);
    return why ? fail(rec, COL_SEVERITY, err, why) : TRUE;
}

/* Every problem of a row, "; "-separated (NULL if it is good); a good row's
 * code and severity go to *code and *sev. */
static char *col_problem(const sg_uat_rec_t *r, int col)
{
    char msg[160];
    unsigned code;
    switch (col) {
    case COL_CODE:
        return sg_user_code_check(r->code, &code, msg, sizeof msg) ? NULL : g_strdup(msg);
    case COL_TITLE:
        return !r->title || is_blank(r->title, (unsigned)strlen(r->title))
                   ? g_strdup("the title is empty")
                   : NULL;
    case COL_MEANING:
        return !r->meaning || is_blank(r->meaning, (unsigned)strlen(r->meaning))
                   ? g_strdup("the meaning is empty")
                   : NULL;
    case COL_ACTION:
        return action_problem(r->action);
    default:
        return severity_problem(r->severity);
    }
}

/* The problems of a row's columns, "; "-separated, leaving out column skip
 * (-1: none); NULL if there are none. */
static char *problems_except(const sg_uat_rec_t *r, int skip)
{
    GString *why = g_string_new(NULL);
    for (int col = COL_CODE; col < COL_COUNT; col++) {
        char *p = col == skip ? NULL : col_problem(r, col);
        if (p) {
            g_string_append_printf(why, "%s%s", why->len ? "; " : "", p);
            g_free(p);
        }
    }
    if (why->len == 0) {
        g_string_free(why, TRUE);
        return NULL;
    }
    return g_string_free(why, FALSE);
}

/* Every problem of a row (NULL if it is good); a good row's code and severity
 * go to *code and *sev. */
static char *row_problems(const sg_uat_rec_t *r, unsigned *code, sg_severity_t *sev)
{
    char msg[160];
    char *why = problems_except(r, -1);
    *code = 0;
    *sev = SG_SEV_DEFAULT;
    if (why)
        return why;
    sg_user_code_check(r->code, code, msg, sizeof msg);
    if (r->severity && !is_blank(r->severity, (unsigned)strlen(r->severity)))
        sg_severity_parse(r->severity, sev);
    return NULL;
}

/* Refused rows stay in the file as the user wrote them (and red in the editor);
 * each refusal is reported once per run, all rows in one message. */
static GHashTable *reported; /* messages already shown */

static void report_bad_rows(GString *rows, guint nbad)
{
    char *text;
    if (nbad == 0)
        return;
    text = g_strdup_printf(
        "sipguide_entries (your guide entries): %u %s not used; the other rows and the "
        "built-in guide stay in effect.\n%s"
        "Fix or delete %s in Edit > Preferences > Protocols > sipguide > Your guide entries "
        "(bad cells are red there); the file keeps %s as you wrote %s.",
        nbad, nbad == 1 ? "row is" : "rows are", rows->str, nbad == 1 ? "it" : "them",
        nbad == 1 ? "it" : "them", nbad == 1 ? "it" : "them");
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
    GString *bad = g_string_new(NULL);
    guint nbad = 0;
    clear_index();
    for (guint i = 0; i < nrecs; i++) {
        unsigned code;
        sg_severity_t sev;
        char *why = row_problems(&recs[i], &code, &sev);
        if (why) {
            g_string_append_printf(bad, "sipguide_entries, row %u (code \"%.20s\"): %s.\n", i + 1,
                                   recs[i].code ? recs[i].code : "", why);
            g_free(why);
            nbad++;
            continue;
        }
        free_entry(user_by_code[code]); /* a later row for the same code wins */
        user_by_code[code] = entry_of(&recs[i], code, sev);
    }
    report_bad_rows(bad, nbad);
    g_string_free(bad, TRUE);
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
        UAT_FLD_CSTRING_OTHER(sg_uat, code, "Code", chk_code, "SIP status code, 100-699"),
        UAT_FLD_CSTRING_OTHER(sg_uat, title, "Title", chk_title,
                              "Your title for this code (required)"),
        UAT_FLD_CSTRING_OTHER(sg_uat, meaning, "Meaning", chk_meaning,
                              "What it means for your network (required)"),
        UAT_FLD_CSTRING_OTHER(sg_uat, action, "Action", chk_action,
                              "What to do; several actions separated by \" | \" (at most 8)"),
        UAT_FLD_CSTRING_OTHER(sg_uat, severity, "Severity", chk_severity,
                              "Expert severity: none, chat, note, warn or error; empty lets "
                              "sipguide decide"),
        UAT_END_FIELDS};
    uat_t *uat = uat_new("SIP Response Guide: your entries", sizeof(sg_uat_rec_t), "sipguide_entries", TRUE,
                         &recs, &nrecs, UAT_AFFECTS_DISSECTION, "ChUserTable", rec_copy, NULL,
                         rec_free, rebuild_index, NULL, fields);
    prefs_register_uat_preference(
        m, "entries", "Your guide entries",
        "Your own entries: each row overrides the built-in entry for its code or adds a code "
        "(columns: code, title, meaning, action, severity). Empty: the built-in guide.",
        uat);
    the_uat = uat;
}
