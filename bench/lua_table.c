/* lua_table.c - prints sipguide's table (guide + registry) as a Lua table, so
 * the Lua post-dissector of the benchmark uses exactly the same knowledge.
 * Built and run by bench/bench.py; not part of the product. */
#include "sipguide_core.h"

#include <stdio.h>

static void lua_string(const char *s)
{
    if (!s) {
        fputs("nil", stdout);
        return;
    }
    putchar('"');
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            putchar('\\');
        putchar(*s);
    }
    putchar('"');
}

int main(void)
{
    puts("return {");
    for (size_t i = 0; i < sg_builtin_count(); i++) {
        const sg_entry_t *e = sg_builtin_at(i);
        printf("  [%u] = { phrase = ", e->code);
        lua_string(e->phrase);
        fputs(", rfc = ", stdout);
        lua_string(e->rfc);
        fputs(", title = ", stdout);
        lua_string(e->title);
        fputs(", meaning = ", stdout);
        lua_string(e->meaning);
        fputs(", note = ", stdout);
        lua_string(e->note);
        printf(", guide = %s, actions = {", e->source == SG_SOURCE_GUIDE ? "true" : "false");
        for (size_t a = 0; a < sg_action_count(e); a++) {
            lua_string(e->actions[a]);
            fputs(", ", stdout);
        }
        puts("} },");
    }
    /* warn-codes (RFC 3261 section 20.43), index [0] of the same table */
    fputs("  [0] = {", stdout);
    for (unsigned w = 300; w < 400; w++)
        if (sg_warn_code_text(w)) {
            printf("[%u] = ", w);
            lua_string(sg_warn_code_text(w));
            fputs(", ", stdout);
        }
    puts("},");
    puts("}");
    return 0;
}
