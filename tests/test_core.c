/* test_core.c - unit tests of sipguide's Wireshark-free core. */
#include "sipguide_core.h"

#include <stdio.h>
#include <string.h>

static int failed, passed;

#define CHECK(cond, ...)                                                                           \
    do {                                                                                           \
        if (cond) {                                                                                \
            passed++;                                                                              \
        } else {                                                                                   \
            failed++;                                                                              \
            printf("FAIL %s:%d: ", __FILE__, __LINE__);                                            \
            printf(__VA_ARGS__);                                                                   \
            printf("\n");                                                                          \
        }                                                                                          \
    } while (0)

/* The IANA registry's 75 codes (SIP Parameters, Response Codes). */
static const unsigned registered[] = {
    100, 180, 181, 182, 183, 199, 200, 202, 204, 300, 301, 302, 305, 380, 400,
    401, 402, 403, 404, 405, 406, 407, 408, 410, 412, 413, 414, 415, 416, 417,
    420, 421, 422, 423, 424, 425, 428, 429, 430, 433, 436, 437, 438, 439, 440,
    469, 470, 480, 481, 482, 483, 484, 485, 486, 487, 488, 489, 491, 493, 494,
    500, 501, 502, 503, 504, 505, 513, 555, 580, 600, 603, 604, 606, 607, 608,
};
static const unsigned guide_codes[] = {200, 202, 400, 404, 408, 480, 487, 488, 500, 503, 603};

static bool in(const unsigned *list, size_t n, unsigned code)
{
    for (size_t i = 0; i < n; i++)
        if (list[i] == code)
            return true;
    return false;
}

static void test_registry(void)
{
    size_t nreg = sizeof registered / sizeof registered[0];
    CHECK(nreg == 75, "expected 75 registered codes, listed %zu", nreg);
    CHECK(sg_builtin_count() == 75, "table has %zu rows", sg_builtin_count());
    for (unsigned c = 0; c < 1000; c++) {
        const sg_entry_t *e = sg_builtin_lookup(c);
        bool reg = in(registered, nreg, c);
        bool guide = in(guide_codes, sizeof guide_codes / sizeof guide_codes[0], c);
        CHECK((e != NULL) == reg, "code %u: lookup %s", c, e ? "found" : "missing");
        if (!e)
            continue;
        CHECK(e->code == c, "code %u: row says %u", c, e->code);
        CHECK(e->phrase && *e->phrase, "code %u: no phrase", c);
        CHECK(e->rfc && strncmp(e->rfc, "RFC ", 4) == 0, "code %u: no RFC", c);
        CHECK(e->meaning && *e->meaning, "code %u: no meaning", c);
        CHECK(sg_action_count(e) >= 1, "code %u: no action", c);
        CHECK(sg_is_documented(e) == guide, "code %u: documented=%d", c, sg_is_documented(e));
        CHECK((e->source == SG_SOURCE_GUIDE) == guide, "code %u: wrong source", c);
    }
    CHECK(strcmp(sg_builtin_lookup(199)->phrase, "Early Dialog Terminated") == 0, "199");
    CHECK(strcmp(sg_builtin_lookup(400)->phrase, "Bad Request") == 0, "400 phrase");
    CHECK(strcmp(sg_builtin_lookup(400)->title, "Permission Denied") == 0, "400 guide title");
    CHECK(sg_builtin_lookup(400)->note != NULL, "400 needs a note: guide text is a 403");
    CHECK(strcmp(sg_builtin_lookup(202)->title, "OK") == 0, "202 guide title");
    CHECK(sg_action_count(sg_builtin_lookup(603)) == 3, "603 has three actions");
    CHECK(sg_builtin_at(75) == NULL, "row past the end");
}

static void test_classify(void)
{
    sg_codeset_t routine;
    char err[128];
    CHECK(sg_codeset_parse(&routine, "100-199,401,407", err, sizeof err), "%s", err);
    static const struct {
        unsigned code;
        sg_verdict_t verdict;
    } cases[] = {
        {200, SG_VERDICT_DOCUMENTED_OK},      {202, SG_VERDICT_DOCUMENTED_OK},
        {404, SG_VERDICT_DOCUMENTED_FAILURE}, {603, SG_VERDICT_DOCUMENTED_FAILURE},
        {100, SG_VERDICT_ROUTINE},            {183, SG_VERDICT_ROUTINE},
        {401, SG_VERDICT_ROUTINE},            {407, SG_VERDICT_ROUTINE},
        {302, SG_VERDICT_UNEXPECTED},         {403, SG_VERDICT_UNEXPECTED},
        {486, SG_VERDICT_UNEXPECTED},         {489, SG_VERDICT_UNEXPECTED},
        {204, SG_VERDICT_UNEXPECTED},         {299, SG_VERDICT_UNREGISTERED},
        {499, SG_VERDICT_UNREGISTERED},       {599, SG_VERDICT_UNREGISTERED},
        {699, SG_VERDICT_UNREGISTERED},       {99, SG_VERDICT_INVALID},
        {700, SG_VERDICT_INVALID},            {0, SG_VERDICT_INVALID},
        {999, SG_VERDICT_INVALID},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        unsigned c = cases[i].code;
        sg_verdict_t v = sg_classify(c, sg_builtin_lookup(c), &routine);
        CHECK(v == cases[i].verdict, "code %u: verdict %s, want %s", c, sg_verdict_name(v),
              sg_verdict_name(cases[i].verdict));
    }
    /* A user-table row documents a code; severity is the user's. */
    sg_entry_t user = {.code = 486, .title = "Busy", .meaning = "m", .source = SG_SOURCE_USER};
    CHECK(sg_classify(486, &user, &routine) == SG_VERDICT_DOCUMENTED_FAILURE, "user 486");
    CHECK(strcmp(sg_class_name(100), "1xx Provisional") == 0, "class 100");
    CHECK(strcmp(sg_class_name(486), "4xx Client Failure") == 0, "class 486");
    CHECK(strcmp(sg_class_name(699), "6xx Global Failure") == 0, "class 699");
    CHECK(strcmp(sg_class_name(99), "invalid") == 0, "class 99");
    CHECK(strcmp(sg_class_name(700), "invalid") == 0, "class 700");
}

static void test_codeset(void)
{
    sg_codeset_t s;
    char err[128] = "";
    static const char *const bad[] = {"abc", "100-", "-5", "99", "700", "300-200", "1000",
                                      "100,,x", "100;200", "1234"};
    CHECK(sg_codeset_parse(&s, "403, 404 ,480-489", err, sizeof err), "spaces: %s", err);
    CHECK(sg_codeset_has(&s, 403) && sg_codeset_has(&s, 485) && !sg_codeset_has(&s, 490),
          "members");
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        sg_codeset_t keep = s;
        err[0] = 0;
        CHECK(!sg_codeset_parse(&s, bad[i], err, sizeof err), "\"%s\" accepted", bad[i]);
        CHECK(err[0] != 0, "\"%s\": no message", bad[i]);
        CHECK(memcmp(&keep, &s, sizeof s) == 0, "\"%s\": set changed on error", bad[i]);
    }
    CHECK(sg_codeset_parse(&s, "", err, sizeof err) && !sg_codeset_has(&s, 100), "empty set");
}

static void test_phrase(void)
{
    const char *p;
    size_t n;
    static const struct {
        const char *line, *phrase;
    } ok[] = {
        {"SIP/2.0 404 Not Found", "Not Found"},
        {"SIP/2.0 182 Queued, avaya-cm-data=1", "Queued, avaya-cm-data=1"},
        {"SIP/2.0 200 ", ""},
        {"SIP/2.0 200", ""},
        {"SIP/2.0 403 Error\r\n", "Error"},
    };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        CHECK(sg_status_line_phrase(ok[i].line, strlen(ok[i].line), &p, &n), "%s", ok[i].line);
        CHECK(n == strlen(ok[i].phrase) && strncmp(p, ok[i].phrase, n) == 0, "%s -> '%.*s'",
              ok[i].line, (int)n, p);
    }
    CHECK(!sg_status_line_phrase("HTTP/1.1 403 Forbidden", 22, &p, &n), "HTTP is no SIP");
    CHECK(!sg_status_line_phrase("SIP", 3, &p, &n), "short");
    CHECK(!sg_status_line_phrase(NULL, 0, &p, &n), "NULL");
}

static void test_severity(void)
{
    sg_severity_t s;
    CHECK(sg_severity_parse("warn", &s) && s == SG_SEV_WARN, "warn");
    CHECK(sg_severity_parse("none", &s) && s == SG_SEV_NONE, "none");
    CHECK(!sg_severity_parse("Warning", &s), "Warning is not a severity name");
    CHECK(!sg_severity_parse("default", &s), "default is not for users");
    CHECK(strcmp(sg_severity_name(SG_SEV_ERROR), "error") == 0, "name");
}

static void test_warning(void)
{
    sg_warning_t w;
    const char *v = "305 gw.example.com \"Incompatible media format\"";
    CHECK(sg_parse_warning(v, strlen(v), &w), "parse");
    CHECK(w.code == 305, "code %u", w.code);
    CHECK(w.agent_len == 14 && strncmp(w.agent, "gw.example.com", 14) == 0, "agent");
    CHECK(w.text_len == 25 && strncmp(w.text, "Incompatible media format", 25) == 0, "text");
    CHECK(strcmp(sg_warn_code_text(305), "Incompatible media format") == 0, "305 text");
    CHECK(sg_warn_code_text(399) != NULL && sg_warn_code_text(398) == NULL, "known codes only");
    CHECK(!sg_parse_warning("30 x \"y\"", 9, &w), "two digits");
    CHECK(!sg_parse_warning("3055 x", 6, &w), "four digits");
    CHECK(!sg_parse_warning("305", 3, &w), "no agent");
    CHECK(!sg_parse_warning("", 0, &w), "empty");
}

static void test_phrase_matches(void)
{
    CHECK(sg_phrase_matches(sg_builtin_lookup(200), "Ok", 2), "case");
    CHECK(sg_phrase_matches(sg_builtin_lookup(202), "Accepted", 8), "deprecated suffix");
    CHECK(sg_phrase_matches(sg_builtin_lookup(202), "accepted (deprecated)", 21), "full");
    CHECK(!sg_phrase_matches(sg_builtin_lookup(403), "Error", 5), "403 Error");
    CHECK(!sg_phrase_matches(sg_builtin_lookup(183), "Ringing", 7), "183 Ringing");
    CHECK(!sg_phrase_matches(sg_builtin_lookup(200), "", 0), "empty");
    CHECK(sg_phrase_matches(NULL, "x", 1), "unregistered: nothing to compare");
}

static void test_scan(void)
{
    sg_scan_cfg_t cfg = {.threshold = 10, .window = 60, .max_addrs = 3};
    sg_scan_t *s = sg_scan_new(&cfg);
    sg_scan_hit_t hit;
    char user[16];
    int warns = 0;
    /* 15 failures 2 s apart to one address: active from the 10th, one warning. */
    for (int i = 0; i < 15; i++) {
        snprintf(user, sizeof user, "%d", 1000 + i);
        sg_scan_record(s, "203.0.113.66", 2.0 * i, user, &hit);
        CHECK(hit.active == (i >= 9), "failure %d active=%d", i + 1, hit.active);
        CHECK(hit.count == (unsigned)i + 1, "failure %d count=%u", i + 1, hit.count);
        warns += hit.warn;
    }
    CHECK(warns == 1, "one warning, got %d", warns);
    CHECK(hit.users == 15 && !hit.users_capped, "15 users, got %u", hit.users);
    /* Still scanning a window later: the warning repeats, once. */
    for (int i = 0; i < 10; i++) {
        sg_scan_record(s, "203.0.113.66", 100.0 + i, "1000", &hit);
        warns += hit.warn;
    }
    CHECK(warns == 2, "repeat after a window, got %d", warns);
    /* Slow failures never cross. */
    for (int i = 0; i < 30; i++) {
        sg_scan_record(s, "198.18.1.1", 10.0 * i, "x", &hit);
        CHECK(!hit.active, "slow failure %d counted %u", i, hit.count);
    }
    /* Capped addresses: the least recently seen goes first. */
    sg_scan_record(s, "a", 0, "u", &hit);
    sg_scan_record(s, "b", 0, "u", &hit);
    CHECK(sg_scan_tracked(s) == 3, "tracked %zu", sg_scan_tracked(s));
    for (int i = 0; i < 100000; i++) {
        snprintf(user, sizeof user, "10.%d.%d", i / 256, i % 256);
        sg_scan_record(s, user, 1000, "u", &hit);
    }
    CHECK(sg_scan_tracked(s) == 3, "bounded: tracked %zu", sg_scan_tracked(s));
    /* Users beyond what is remembered are marked, and the count is capped. */
    for (int i = 0; i < 50; i++) {
        snprintf(user, sizeof user, "user%d", i);
        sg_scan_record(s, "many", 5000, user, &hit);
    }
    CHECK(hit.users == SG_SCAN_MAX_USERS && hit.users_capped, "users %u", hit.users);
    CHECK(hit.count == 40, "count capped at 4 x threshold: %u", hit.count);
    CHECK(strstr(hit.users_text, "user0, user1") == hit.users_text, "%s", hit.users_text);
    CHECK(strlen(hit.users_text) < sizeof hit.users_text, "text bounded");
    sg_scan_free(s);
}

static void test_user_rows(void)
{
    static const struct {
        sg_user_row_t row;
        bool ok;
        const char *msg; /* part of the message */
    } cases[] = {
        {{"486", "Busy", "m", "a | b", "warn"}, true, ""},
        {{"299", "T", "m", "", ""}, true, ""},
        {{"100", "T", "m", NULL, NULL}, true, ""},
        {{"abc", "T", "m", "a", "note"}, false, "code \"abc\" is not a number"},
        {{"", "T", "m", "a", "note"}, false, "is not a number"},
        {{"4860", "T", "m", "a", "note"}, false, "is not a number"},
        {{"99", "T", "m", "a", "note"}, false, "code 99 is outside 100-699"},
        {{"700", "T", "m", "a", "note"}, false, "outside"},
        {{"486 ", "T", "m", "a", "note"}, false, "is not a number"},
        {{"486", "", "m", "a", "note"}, false, "code 486: the title is empty"},
        {{"486", "  ", "m", "a", "note"}, false, "the title is empty"},
        {{"486", "T", "", "a", "note"}, false, "the meaning is empty"},
        {{"486", "T", "m", "a |  | b", ""}, false, "action 2 is empty"},
        {{"486", "T", "m", "1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9", ""}, false, "9 actions, at most 8"},
        {{"486", "T", "m", "a", "Warning"}, false, "severity \"Warning\" is not one of"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char err[256] = "";
        unsigned code;
        sg_severity_t sev;
        bool ok = sg_user_row_check(&cases[i].row, &code, &sev, err, sizeof err);
        CHECK(ok == cases[i].ok, "case %zu: %s", i, err);
        CHECK(strstr(err, cases[i].msg) != NULL, "case %zu: '%s' lacks '%s'", i, err, cases[i].msg);
    }
    const char *s[8];
    size_t l[8];
    CHECK(sg_split_actions(" Retry in 5 min | Call the NOC ", s, l, 8) == 2, "two actions");
    CHECK(l[0] == 14 && strncmp(s[0], "Retry in 5 min", 14) == 0, "first trimmed");
    CHECK(l[1] == 12 && strncmp(s[1], "Call the NOC", 12) == 0, "second trimmed");
    CHECK(sg_split_actions("a|b", s, l, 8) == 1, "only \" | \" separates");
    CHECK(sg_split_actions("", s, l, 8) == 0 && sg_split_actions(NULL, s, l, 8) == 0, "none");
}

int main(void)
{
    test_registry();
    test_classify();
    test_codeset();
    test_phrase();
    test_severity();
    test_warning();
    test_phrase_matches();
    test_scan();
    test_user_rows();
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
