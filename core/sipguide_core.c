/* sipguide_core.c - lookup, classification and small parsers; no Wireshark.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "sipguide_core.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* Index by code, built once: lookups are one array access per response; the
 * method rows of a code are a short chain (at most a handful per code). */
static const sg_entry_t *by_code[SIPGUIDE_MAX_CODE + 1];
static unsigned short method_first[SIPGUIDE_MAX_CODE + 1]; /* index + 1; 0 = none */
static unsigned short method_next[256];                    /* index + 1; 0 = end */
static bool indexed;

static void build_index(void)
{
    size_t n = sg_method_row_count();
    for (size_t i = 0; i < sg_builtin_count(); i++) {
        const sg_entry_t *e = sg_builtin_at(i);
        by_code[e->code] = e;
    }
    if (n > sizeof method_next / sizeof method_next[0])
        n = sizeof method_next / sizeof method_next[0];
    /* Chain in table order: insert from the end. */
    for (size_t i = n; i-- > 0;) {
        const sg_entry_t *e = sg_method_row_at(i);
        method_next[i] = method_first[e->code];
        method_first[e->code] = (unsigned short)(i + 1);
    }
    indexed = true;
}

/* Does the space-separated list hold this method (exactly: SIP methods are case-sensitive)? */
static bool lists_method(const char *list, const char *method)
{
    size_t mlen = strlen(method);
    const char *p = list;
    while (*p) {
        size_t n;
        while (*p == ' ')
            p++;
        n = strcspn(p, " ");
        if (n == mlen && n > 0 && strncmp(p, method, n) == 0)
            return true;
        p += n;
    }
    return false;
}

sg_advice_t sg_advise(unsigned code, const char *method)
{
    sg_advice_t a = {NULL, NULL};
    const sg_entry_t *base = sg_builtin_lookup(code), *any = NULL;
    bool invite = !method || !*method || strcmp(method, "INVITE") == 0;
    if (!base)
        return a;
    if (!invite) {
        for (unsigned i = method_first[code]; i; i = method_next[i - 1]) {
            const sg_entry_t *m = sg_method_row_at(i - 1);
            if (strcmp(m->methods, "*") == 0) {
                if (!any)
                    any = m;
            } else if (lists_method(m->methods, method)) {
                a.entry = m;
                break;
            }
        }
        if (!a.entry)
            a.entry = base->calls && any ? any : base;
    } else {
        a.entry = base; /* no method row is for INVITE (tests/test_core.c checks it) */
    }
    if (base->source == SG_SOURCE_GUIDE && a.entry->source != SG_SOURCE_GUIDE)
        a.guide_ref = base;
    return a;
}

sg_severity_t sg_expert_severity(sg_verdict_t v, const sg_entry_t *e, sg_severity_t failure_severity)
{
    bool own = e && e->severity != SG_SEV_DEFAULT;
    if (own && e->source == SG_SOURCE_USER)
        return e->severity;
    switch (v) {
    case SG_VERDICT_DOCUMENTED_OK:
        return SG_SEV_NONE;
    case SG_VERDICT_DOCUMENTED_FAILURE: {
        /* the preference, raised to the row's own severity (5xx: Warning) */
        sg_severity_t pref = failure_severity == SG_SEV_DEFAULT ? SG_SEV_NOTE : failure_severity;
        return own && e->severity > pref ? e->severity : pref;
    }
    case SG_VERDICT_ROUTINE:
        return own ? e->severity : SG_SEV_NONE;
    case SG_VERDICT_UNEXPECTED:
        return own ? e->severity : SG_SEV_WARN;
    case SG_VERDICT_UNREGISTERED:
        return SG_SEV_WARN;
    case SG_VERDICT_INVALID:
        return SG_SEV_ERROR;
    default:
        return SG_SEV_NONE;
    }
}

const char *sg_source_label(const sg_entry_t *e)
{
    if (!e)
        return "not registered; meaning and action: sipguide, from RFC 3261"; /* or invalid */
    if (e->source == SG_SOURCE_USER)
        return "phrase: IANA; title, meaning and actions: your table";
    if (e->label)
        return e->label;
    if (e->source == SG_SOURCE_GUIDE)
        return "phrase: IANA; title, meaning and actions: the guide";
    return "phrase: IANA; meaning and action: sipguide";
}

const sg_entry_t *sg_builtin_lookup(unsigned code)
{
    if (code > SIPGUIDE_MAX_CODE)
        return NULL;
    if (!indexed)
        build_index();
    return by_code[code];
}

const char *sg_class_name(unsigned code)
{
    static const char *const names[] = {
        "1xx Provisional",     "2xx Successful",     "3xx Redirection",
        "4xx Request Failure", "5xx Server Failure", "6xx Global Failures",
    };
    if (code < SIPGUIDE_MIN_CODE || code > SIPGUIDE_MAX_CODE)
        return "invalid";
    return names[code / 100 - 1];
}

size_t sg_action_count(const sg_entry_t *e)
{
    size_t n = 0;
    while (e && n < SIPGUIDE_MAX_ACTIONS && e->actions[n])
        n++;
    return n;
}

bool sg_is_documented(const sg_entry_t *e)
{
    return e && e->title && (e->source == SG_SOURCE_GUIDE || e->source == SG_SOURCE_USER);
}

sg_verdict_t sg_classify(unsigned code, const sg_entry_t *e, const sg_codeset_t *routine)
{
    if (code < SIPGUIDE_MIN_CODE || code > SIPGUIDE_MAX_CODE)
        return SG_VERDICT_INVALID;
    if (sg_is_documented(e))
        return code >= 400 ? SG_VERDICT_DOCUMENTED_FAILURE : SG_VERDICT_DOCUMENTED_OK;
    if ((e && e->routine) || (routine && sg_codeset_has(routine, code)))
        return SG_VERDICT_ROUTINE;
    if (!e)
        return SG_VERDICT_UNREGISTERED;
    return SG_VERDICT_UNEXPECTED;
}

const char *sg_verdict_name(sg_verdict_t v)
{
    static const char *const names[SG_VERDICT_COUNT] = {
        "documented", "documented failure", "routine", "unexpected", "unregistered", "invalid",
    };
    return (unsigned)v < SG_VERDICT_COUNT ? names[v] : "?";
}

void sg_codeset_clear(sg_codeset_t *s)
{
    memset(s, 0, sizeof *s);
}

void sg_codeset_add(sg_codeset_t *s, unsigned code)
{
    if (code < 1000)
        s->bits[code / 8] |= (unsigned char)(1u << (code % 8));
}

bool sg_codeset_has(const sg_codeset_t *s, unsigned code)
{
    return code < 1000 && (s->bits[code / 8] & (1u << (code % 8)));
}

/* Reads a code of 1-3 digits at *p; advances *p. */
static bool read_code(const char **p, unsigned *out)
{
    unsigned v = 0;
    int digits = 0;
    while (**p == ' ')
        (*p)++;
    while (**p >= '0' && **p <= '9' && digits < 4) {
        v = v * 10 + (unsigned)(**p - '0');
        (*p)++;
        digits++;
    }
    while (**p == ' ')
        (*p)++;
    if (digits == 0 || digits > 3)
        return false;
    *out = v;
    return true;
}

bool sg_codeset_parse(sg_codeset_t *s, const char *text, char *err, size_t errlen)
{
    sg_codeset_t tmp;
    const char *p = text ? text : "";
    sg_codeset_clear(&tmp);
    while (*p == ' ')
        p++;
    while (*p) {
        const char *part = p;
        unsigned lo, hi;
        if (!read_code(&p, &lo))
            goto bad;
        hi = lo;
        if (*p == '-') {
            p++;
            if (!read_code(&p, &hi))
                goto bad;
        }
        if (lo < SIPGUIDE_MIN_CODE || hi > SIPGUIDE_MAX_CODE || lo > hi) {
            snprintf(err, errlen, "\"%.*s\": codes must be 100-699, low to high",
                     (int)(strcspn(part, ",")), part);
            return false;
        }
        for (unsigned c = lo; c <= hi; c++)
            sg_codeset_add(&tmp, c);
        if (*p == ',')
            p++;
        else if (*p)
            goto bad;
        continue;
    bad:
        snprintf(err, errlen, "\"%.*s\" is not a code or a range like 100-199",
                 (int)(strcspn(part, ",")), part);
        return false;
    }
    *s = tmp;
    return true;
}

bool sg_status_line_phrase(const char *line, size_t len, const char **phrase, size_t *plen)
{
    /* "SIP/2.0" SP 3DIGIT SP phrase; tolerate a missing phrase (and its space). */
    size_t i = 0;
    if (!line || len < 7 || strncmp(line, "SIP/", 4) != 0)
        return false;
    while (i < len && line[i] != ' ')
        i++;
    while (i < len && line[i] == ' ')
        i++;
    while (i < len && line[i] != ' ')
        i++;
    while (i < len && line[i] == ' ')
        i++;
    *phrase = line + i;
    *plen = len - i;
    while (*plen > 0 && ((*phrase)[*plen - 1] == '\r' || (*phrase)[*plen - 1] == '\n'))
        (*plen)--;
    return true;
}

static const char *const severity_names[] = {"default", "none", "chat", "note", "warn", "error"};

bool sg_severity_parse(const char *text, sg_severity_t *sev)
{
    if (!text)
        return false;
    for (unsigned i = SG_SEV_NONE; i <= SG_SEV_ERROR; i++) {
        if (strcmp(text, severity_names[i]) == 0) {
            *sev = (sg_severity_t)i;
            return true;
        }
    }
    return false;
}

const char *sg_severity_name(sg_severity_t sev)
{
    return (unsigned)sev <= SG_SEV_ERROR ? severity_names[sev] : "?";
}

bool sg_parse_warning(const char *value, size_t len, sg_warning_t *w)
{
    /* warn-code SP warn-agent SP warn-text (RFC 3261 section 20.43) */
    size_t i = 0, start;
    unsigned code = 0;
    while (i < len && value[i] == ' ')
        i++;
    start = i;
    while (i < len && value[i] >= '0' && value[i] <= '9' && i - start < 3)
        code = code * 10 + (unsigned)(value[i++] - '0');
    if (i - start != 3 || i >= len || value[i] != ' ')
        return false;
    while (i < len && value[i] == ' ')
        i++;
    w->code = code;
    w->agent = value + i;
    while (i < len && value[i] != ' ')
        i++;
    w->agent_len = (size_t)(value + i - w->agent);
    while (i < len && value[i] == ' ')
        i++;
    w->text = value + i;
    w->text_len = len - i;
    if (w->text_len >= 2 && w->text[0] == '"' && w->text[w->text_len - 1] == '"') {
        w->text++;
        w->text_len -= 2;
    }
    return w->agent_len > 0;
}

static bool same_ci(const char *a, size_t alen, const char *b, size_t blen)
{
    if (alen != blen)
        return false;
    for (size_t i = 0; i < alen; i++) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z')
            x = (char)(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z')
            y = (char)(y - 'A' + 'a');
        if (x != y)
            return false;
    }
    return true;
}

bool sg_plain_ascii(const char *s, size_t n)
{
    /* per byte: 0x01 each, 0x80 each (bit-twiddling "has a byte less/more than") */
    const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t x, bs;
        memcpy(&x, s + i, 8);
        bs = x ^ (ones * '\\');
        if ((((x - ones * 0x20) & ~x) |           /* a byte below 0x20 */
             ((x + ones * (127 - 0x7e)) | x) |    /* a byte above 0x7e */
             ((bs - ones) & ~bs)) & highs)        /* a backslash */
            return false;
    }
    for (; i < n; i++)
        if ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] > 0x7e || s[i] == '\\')
            return false;
    return true;
}

bool sg_phrase_matches(const sg_entry_t *e, const char *phrase, size_t len)
{
    static const char deprecated[] = " (Deprecated)";
    size_t plen;
    if (!e || !e->phrase || !phrase)
        return true; /* nothing to compare with */
    plen = strlen(e->phrase);
    if (same_ci(e->phrase, plen, phrase, len))
        return true;
    if (plen > sizeof deprecated - 1 &&
        strcmp(e->phrase + plen - (sizeof deprecated - 1), deprecated) == 0)
        return same_ci(e->phrase, plen - (sizeof deprecated - 1), phrase, len);
    return false;
}

bool sg_user_code_check(const char *text, unsigned *code, char *err, size_t errlen)
{
    unsigned v = 0;
    size_t n = 0;
    const char *p = text ? text : "";
    while (p[n] >= '0' && p[n] <= '9' && n < 4)
        v = v * 10 + (unsigned)(p[n++] - '0');
    if (n == 0 || p[n] != '\0' || n > 3) {
        snprintf(err, errlen, "code \"%.40s\" is not a number from 100 to 699", p);
        return false;
    }
    if (v < SIPGUIDE_MIN_CODE || v > SIPGUIDE_MAX_CODE) {
        snprintf(err, errlen, "code %u is outside 100-699", v);
        return false;
    }
    *code = v;
    return true;
}

static bool blank(const char *s)
{
    if (!s)
        return true;
    while (*s == ' ' || *s == '\t')
        s++;
    return *s == '\0';
}

size_t sg_split_actions(const char *action, const char **starts, size_t *lens, size_t max)
{
    size_t n = 0;
    const char *p = action;
    if (blank(action))
        return 0;
    for (;;) {
        const char *sep = strstr(p, " | ");
        size_t len = sep ? (size_t)(sep - p) : strlen(p);
        const char *s = p;
        while (len > 0 && (*s == ' ' || *s == '\t')) {
            s++;
            len--;
        }
        while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
            len--;
        if (n < max) {
            starts[n] = s;
            lens[n] = len;
        }
        n++;
        if (!sep)
            return n;
        p = sep + 3;
    }
}

bool sg_user_row_check(const sg_user_row_t *row, unsigned *code, sg_severity_t *sev, char *err,
                       size_t errlen)
{
    char why[160];
    const char *starts[SIPGUIDE_MAX_ACTIONS];
    size_t lens[SIPGUIDE_MAX_ACTIONS], n;

    if (!sg_user_code_check(row->code, code, why, sizeof why)) {
        snprintf(err, errlen, "row \"%.40s\": %s", row->code ? row->code : "", why);
        return false;
    }
    if (blank(row->title)) {
        snprintf(err, errlen, "row for code %u: the title is empty", *code);
        return false;
    }
    if (blank(row->meaning)) {
        snprintf(err, errlen, "row for code %u: the meaning is empty", *code);
        return false;
    }
    n = sg_split_actions(row->action, starts, lens, SIPGUIDE_MAX_ACTIONS);
    if (n > SIPGUIDE_MAX_ACTIONS) {
        snprintf(err, errlen, "row for code %u: %zu actions, at most %d (separated by \" | \")",
                 *code, n, SIPGUIDE_MAX_ACTIONS);
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        if (lens[i] == 0) {
            snprintf(err, errlen, "row for code %u: action %zu is empty", *code, i + 1);
            return false;
        }
    }
    *sev = SG_SEV_DEFAULT;
    if (!blank(row->severity) && !sg_severity_parse(row->severity, sev)) {
        snprintf(err, errlen,
                 "row for code %u: severity \"%.20s\" is not one of none, chat, note, warn, "
                 "error (or empty for sipguide's default)",
                 *code, row->severity);
        return false;
    }
    return true;
}
