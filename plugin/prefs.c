/* prefs.c - sipguide's preferences.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <epan/prefs.h>
#include <epan/range.h>
#include <wsutil/report_message.h>

#include "sipguide.h"

#define DEFAULT_ROUTINE "100-199,401,407"

static range_t *routine_range;
static sg_codeset_t routine_codes;

static void codeset_from_range(sg_codeset_t *set, const range_t *range)
{
    sg_codeset_clear(set);
    for (unsigned c = SIPGUIDE_MIN_CODE; c <= SIPGUIDE_MAX_CODE; c++)
        if (range && value_is_in_range(range, c))
            sg_codeset_add(set, c);
}

static void apply_prefs(void)
{
    codeset_from_range(&routine_codes, routine_range);
}

const sg_codeset_t *sipguide_routine_codes(void)
{
    return &routine_codes;
}

const sg_entry_t *sipguide_lookup(unsigned code)
{
    return sg_builtin_lookup(code);
}

void sipguide_register_prefs(int proto)
{
    module_t *m = prefs_register_protocol(proto, apply_prefs);

    range_convert_str(wmem_epan_scope(), &routine_range, DEFAULT_ROUTINE, SIPGUIDE_MAX_CODE);
    prefs_register_range_preference(
        m, "routine_codes", "Routine codes",
        "Codes that belong to normal call flows and get no warning even though the guide does "
        "not cover them (default 100-199,401,407: provisional responses and authentication "
        "challenges). Codes 100-699, as a list of codes and ranges.",
        &routine_range, SIPGUIDE_MAX_CODE);
    apply_prefs();
}
