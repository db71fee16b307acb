/* prefs.c - sipguide's preferences, checked before they take effect.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <epan/prefs.h>
#include <epan/range.h>
#include <wsutil/report_message.h>

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
static const char *pref_failure_severity = "note";
static guint pref_threshold = DEFAULT_THRESHOLD, pref_window = DEFAULT_WINDOW,
             pref_max_addrs = DEFAULT_MAX_ADDRS;

/* ... and what the dissector uses: only values that passed the checks. */
static sg_settings_t settings;

const sg_settings_t *sipguide_settings(void)
{
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

/* Parsed by sipguide rather than as an enum preference, because Wireshark
 * ignores an unknown enum value without a word. */
static void apply_failure_severity(void)
{
    sg_severity_t sev;
    if (!sg_severity_parse(pref_failure_severity, &sev) || sev == SG_SEV_NONE) {
        report_failure("sipguide: preference sipguide.failure_severity: \"%s\" is not one of "
                       "chat, note, warn, error; keeping %s",
                       pref_failure_severity, sg_severity_name(settings.failure_severity));
        return;
    }
    settings.failure_severity = sev;
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
    prefs_register_string_preference(
        m, "failure_severity", "Severity of documented failures",
        "Expert severity for failures the guide documents: chat, note, warn or error (default "
        "note). The expert item is sipguide.documented_failure at note, "
        "sipguide.documented_failure.chat/.warn/.error otherwise.",
        &pref_failure_severity);
    prefs_register_bool_preference(
        m, "check_487", "Check 487 against CANCEL",
        "Add a Note when a 487 Request Terminated answers a transaction for which no CANCEL was "
        "seen earlier in the capture (the guide: if unexpected, inspect the call flow).",
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
