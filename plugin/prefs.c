/* prefs.c - sipguide's preferences, checked before they take effect.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <epan/prefs.h>
#include <epan/range.h>
#include <wsutil/report_message.h>

#include <string.h>

#include "sipguide.h"

#define DEFAULT_ROUTINE "100-199,401,407"
#define DEFAULT_SCAN_CODES "403,404"
#define DEFAULT_THRESHOLD 10
#define DEFAULT_WINDOW 60
#define DEFAULT_MAX_ADDRS 10000
#define MAX_WINDOW 86400
#define MAX_ADDRS 1000000

/* What the preference dialog and -o write into ... */
static range_t *pref_routine, *pref_scan_codes;
static sg_bool pref_check_487 = TRUE, pref_scan_enabled = TRUE;
static gint pref_failure_severity = SG_SEV_NOTE;

/* A drop-down in the preferences dialog.  The names are what -o and the
 * preferences file take (Wireshark also accepts the descriptions). */
static const enum_val_t severity_vals[] = {
    {"chat", "Chat", SG_SEV_CHAT},
    {"note", "Note", SG_SEV_NOTE},
    {"warn", "Warn", SG_SEV_WARN},
    {"error", "Error", SG_SEV_ERROR},
    {NULL, NULL, 0}};
static guint pref_threshold = DEFAULT_THRESHOLD, pref_window = DEFAULT_WINDOW,
             pref_max_addrs = DEFAULT_MAX_ADDRS;

/* ... and what the dissector uses: only values that passed the checks. */
static sg_settings_t settings;

static void check_command_line(void);

const sg_settings_t *sipguide_settings(void)
{
    static gboolean checked;
    if (G_UNLIKELY(!checked)) {
        checked = TRUE;
        check_command_line();
    }
    return &settings;
}

/* A range preference as a code set; codes outside 100-699 are refused. */
static gboolean codeset_from_range(sg_codeset_t *set, const range_t *range, const char *name)
{
    sg_codeset_t tmp;
    sg_codeset_clear(&tmp);
    for (guint i = 0; range && i < range->nranges; i++) {
        if (range->ranges[i].low < SIPGUIDE_MIN_CODE || range->ranges[i].high > SIPGUIDE_MAX_CODE) {
            report_failure("sipguide: preference %s: %u-%u is outside 100-699; keeping the "
                           "previous value",
                           name, range->ranges[i].low, range->ranges[i].high);
            return FALSE;
        }
        for (guint32 c = range->ranges[i].low; c <= range->ranges[i].high; c++)
            sg_codeset_add(&tmp, c);
    }
    *set = tmp;
    return TRUE;
}

/* A number preference: out of [lo, hi] it is refused and the last good value
 * (shown back in the preference) stays in effect. */
static void checked_uint(guint *pref, unsigned *in_use, guint lo, guint hi, const char *name)
{
    if (*pref < lo || *pref > hi) {
        report_failure("sipguide: preference %s: %u is out of range (%u-%u); keeping %u", name,
                       *pref, lo, hi, *in_use);
        *pref = *in_use;
        return;
    }
    *in_use = *pref;
}

static gboolean known_severity(const char *text)
{
    for (const enum_val_t *v = severity_vals; v->name; v++)
        if (g_ascii_strcasecmp(text, v->name) == 0 || g_ascii_strcasecmp(text, v->description) == 0)
            return TRUE;
    return FALSE;
}

/* Wireshark ignores an unknown value of a drop-down preference without a word
 * (the last good value stays).  So that a typo on the command line is not
 * silent, sipguide looks at its own -o options once, after all preferences are
 * in (Linux: /proc/self/cmdline). */
static void check_command_line(void)
{
#ifdef __linux__
    static const char key[] = "sipguide.failure_severity:";
    char *buf = NULL;
    gsize len = 0;
    if (!g_file_get_contents("/proc/self/cmdline", &buf, &len, NULL))
        return;
    for (gsize i = 0; i < len;) {
        const char *arg = buf + i, *opt = NULL;
        gsize alen = strlen(arg);
        if (strcmp(arg, "-o") == 0 && i + alen + 1 < len)
            opt = buf + i + alen + 1;
        else if (strncmp(arg, "-o", 2) == 0)
            opt = arg + 2;
        if (opt && strncmp(opt, key, sizeof key - 1) == 0) {
            char *value = g_strstrip(g_strdup(opt + sizeof key - 1));
            if (!known_severity(value))
                report_failure("sipguide: preference sipguide.failure_severity: \"%s\" is not one "
                               "of chat, note, warn, error; keeping %s",
                               value, sg_severity_name((sg_severity_t)pref_failure_severity));
            g_free(value);
        }
        i += alen + 1;
    }
    g_free(buf);
#endif
}

static void apply_failure_severity(void)
{
    if (pref_failure_severity >= SG_SEV_CHAT && pref_failure_severity <= SG_SEV_ERROR)
        settings.failure_severity = (sg_severity_t)pref_failure_severity;
}

static void apply_prefs(void)
{
    unsigned window = (unsigned)settings.scan.window;
    codeset_from_range(&settings.routine, pref_routine, "sipguide.routine_codes");
    codeset_from_range(&settings.scan_codes, pref_scan_codes, "sipguide.scan_codes");
    settings.check_487 = pref_check_487;
    apply_failure_severity();
    settings.scan_enabled = pref_scan_enabled;
    checked_uint(&pref_threshold, &settings.scan.threshold, 2, SG_SCAN_MAX_THRESHOLD,
                 "sipguide.scan_threshold");
    checked_uint(&pref_window, &window, 1, MAX_WINDOW, "sipguide.scan_window");
    settings.scan.window = window;
    checked_uint(&pref_max_addrs, &settings.scan.max_addrs, 1, MAX_ADDRS,
                 "sipguide.scan_max_addresses");
}

void sipguide_register_prefs(int proto)
{
    module_t *m = prefs_register_protocol(proto, apply_prefs);

    settings.scan.threshold = DEFAULT_THRESHOLD;
    settings.scan.window = DEFAULT_WINDOW;
    settings.scan.max_addrs = DEFAULT_MAX_ADDRS;
    settings.failure_severity = SG_SEV_NOTE;
    range_convert_str(wmem_epan_scope(), &pref_routine, DEFAULT_ROUTINE, SIPGUIDE_MAX_CODE);
    range_convert_str(wmem_epan_scope(), &pref_scan_codes, DEFAULT_SCAN_CODES, SIPGUIDE_MAX_CODE);

    prefs_register_range_preference(
        m, "routine_codes", "Routine codes",
        "Codes that belong to normal call flows and get no warning even though the guide does "
        "not cover them (default 100-199,401,407: provisional responses and authentication "
        "challenges). Codes 100-699, as a list of codes and ranges.",
        &pref_routine, SIPGUIDE_MAX_CODE);
    prefs_register_enum_preference(
        m, "failure_severity", "Severity of documented failures",
        "Expert severity for failures the guide documents: chat, note, warn or error (default "
        "note). The expert item is sipguide.documented_failure at note, "
        "sipguide.documented_failure.chat/.warn/.error otherwise.",
        &pref_failure_severity, severity_vals, FALSE);
    prefs_register_bool_preference(
        m, "check_487", "Check 487 against CANCEL",
        "Add a Note (finding no-cancel) when a 487 Request Terminated answers an INVITE for which "
        "no CANCEL, nor a BYE on its early dialog, was seen earlier in the capture (the guide: "
        "if unexpected, inspect the call flow).",
        &pref_check_487);
    prefs_register_bool_preference(
        m, "scan_detect", "Detect scans and brute force",
        "Warn (Security) when many failure responses go back to one address within a short "
        "time: the guide's advice on many 403s from one IP, and 404s as SIP spam.",
        &pref_scan_enabled);
    prefs_register_range_preference(
        m, "scan_codes", "Scan: failure codes",
        "Failure responses that count towards a scan (default 403,404; add 401,407 to catch "
        "password guessing). Codes 100-699.",
        &pref_scan_codes, SIPGUIDE_MAX_CODE);
    prefs_register_uint_preference(
        m, "scan_threshold", "Scan: failures",
        "How many failure responses to one address within the window make a scan (2-10000, "
        "default 10).",
        10, &pref_threshold);
    prefs_register_uint_preference(
        m, "scan_window", "Scan: window (seconds)",
        "Length of the sliding window in seconds (1-86400, default 60).", 10, &pref_window);
    prefs_register_uint_preference(
        m, "scan_max_addresses", "Scan: addresses tracked",
        "At most this many addresses are tracked at once; the least recently seen is dropped "
        "first, so memory stays bounded (1-1000000, default 10000).",
        10, &pref_max_addrs);
    sipguide_register_usertable(m);
    apply_prefs();
}
