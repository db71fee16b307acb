/* test_core.c - unit tests of sipguide's Wireshark-free core. */
#include "sipguide_core.h"

#include <stdio.h>
#include <string.h>

#include "check.h"

/* The IANA registry's 75 codes (SIP Parameters, Response Codes). */
static const unsigned registered[] = {
    100, 180, 181, 182, 183, 199, 200, 202, 204, 300, 301, 302, 305, 380, 400,
    401, 402, 403, 404, 405, 406, 407, 408, 410, 412, 413, 414, 415, 416, 417,
    420, 421, 422, 423, 424, 425, 428, 429, 430, 433, 436, 437, 438, 439, 440,
    469, 470, 480, 481, 482, 483, 484, 485, 486, 487, 488, 489, 491, 493, 494,
    500, 501, 502, 503, 504, 505, 513, 555, 580, 600, 603, 604, 606, 607, 608,
};
/* The guide's rows; its "400 Permission Denied" row describes 403 and is shown there. */
static const unsigned guide_codes[] = {200, 202, 403, 404, 408, 480, 487, 488, 500, 503, 603};
/* Guide rows whose words are about calls: applied in full to INVITE only. */
static const unsigned guide_call_codes[] = {200, 404, 480, 487, 488, 503, 603};

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
        CHECK(e->methods == NULL, "code %u: a per-code row lists methods", c);
        CHECK(e->calls == in(guide_call_codes, sizeof guide_call_codes / sizeof guide_call_codes[0], c),
              "code %u: calls=%d", c, e->calls);
        CHECK(!e->routine, "code %u: per-code rows leave routine to the routine codes", c);
        CHECK(e->ref == NULL || strncmp(e->ref, "RFC ", 4) == 0, "code %u: ref", c);
        CHECK(sg_source_label(e) && strncmp(sg_source_label(e), "phrase: IANA; ", 14) == 0,
              "code %u: label %s", c, sg_source_label(e));
        CHECK(e->meaning && *e->meaning, "code %u: no meaning", c);
        CHECK(sg_action_count(e) >= 1, "code %u: no action", c);
        CHECK(sg_is_documented(e) == guide, "code %u: documented=%d", c, sg_is_documented(e));
        CHECK((e->source == SG_SOURCE_GUIDE) == guide, "code %u: wrong source", c);
    }
    CHECK(strcmp(sg_builtin_lookup(199)->phrase, "Early Dialog Terminated") == 0, "199");
    CHECK(strcmp(sg_builtin_lookup(400)->phrase, "Bad Request") == 0, "400 phrase");
    CHECK(sg_builtin_lookup(400)->title == NULL, "400 is no longer the guide's");
    CHECK(sg_builtin_lookup(400)->note && strstr(sg_builtin_lookup(400)->note, "403"),
          "400's note points to the guide's row on 403");
    CHECK(strcmp(sg_builtin_lookup(403)->title, "Permission Denied") == 0, "403 guide title");
    CHECK(strcmp(sg_builtin_lookup(403)->phrase, "Forbidden") == 0, "403 phrase");
    CHECK(sg_builtin_lookup(403)->note && strstr(sg_builtin_lookup(403)->note, "under 400"),
          "403's note: the guide files it under 400");
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
        {302, SG_VERDICT_UNEXPECTED},         {403, SG_VERDICT_DOCUMENTED_FAILURE},
        {400, SG_VERDICT_UNEXPECTED},         {500, SG_VERDICT_DOCUMENTED_FAILURE},
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
    /* Class names as RFC 3261 section 21 has them. */
    CHECK(strcmp(sg_class_name(100), "1xx Provisional") == 0, "class 100");
    CHECK(strcmp(sg_class_name(204), "2xx Successful") == 0, "class 204");
    CHECK(strcmp(sg_class_name(302), "3xx Redirection") == 0, "class 302");
    CHECK(strcmp(sg_class_name(486), "4xx Request Failure") == 0, "class 486");
    CHECK(strcmp(sg_class_name(599), "5xx Server Failure") == 0, "class 599");
    CHECK(strcmp(sg_class_name(699), "6xx Global Failures") == 0, "class 699");
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

/* The guide's Permission Denied row, as the guide file has it under 400. */
static const char perm_meaning[] =
    "The server refuses to authorize the request due to various reasons, including the user not "
    "having necessary permissions or having wrong credentials.";
static const char *const perm_actions[] = {
    "Check the request credentials (for example, user name and password) and permissions.",
    "Ensure the request is being sent to the correct server and endpoint.",
    "If there are a large number of requests with status 403 from the same IP, consider blocking "
    "the IP.",
};

static bool mentions(const sg_entry_t *e, const char *word)
{
    if (e->meaning && strstr(e->meaning, word))
        return true;
    for (size_t i = 0; i < sg_action_count(e); i++)
        if (strstr(e->actions[i], word))
            return true;
    return false;
}

static void test_knowledge(void)
{
    const sg_entry_t *e403 = sg_builtin_lookup(403), *e400 = sg_builtin_lookup(400);
    char buf[256];
    const char *action = NULL;
    static const char *const methods[] = {NULL, "INVITE", "REGISTER", "SUBSCRIBE", "OPTIONS",
                                          "REFER", "MESSAGE", "BYE", "INFO", "PUBLISH", "NOTIFY"};

    /* 403 carries the guide's Permission Denied row verbatim, on every method. */
    CHECK(e403->source == SG_SOURCE_GUIDE && !e403->calls, "403 is the guide's, for any method");
    CHECK(strcmp(e403->meaning, perm_meaning) == 0, "403 meaning verbatim");
    CHECK(sg_action_count(e403) == 3, "403 actions");
    for (size_t i = 0; i < 3; i++)
        CHECK(strcmp(e403->actions[i], perm_actions[i]) == 0, "403 action %zu verbatim", i);
    for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++) {
        sg_advice_t a = sg_advise(403, methods[i]);
        CHECK(a.entry == e403 && !a.guide_ref, "403 to %s: the guide's row", methods[i]);
        a = sg_advise(400, methods[i]);
        CHECK(a.entry == e400 && !a.guide_ref, "400 to %s: the registry row", methods[i]);
    }
    /* A real 400 no longer reads "Permission Denied: check the request credentials". */
    CHECK(e400->source == SG_SOURCE_REGISTRY && !e400->title, "400 source");
    CHECK(!mentions(e400, "credentials") && !mentions(e400, "authorize"), "400 text: %s",
          e400->meaning);
    CHECK(strstr(e400->meaning, "malformed") != NULL, "400 says malformed: %s", e400->meaning);
    CHECK(sg_classify(400, e400, NULL) == SG_VERDICT_UNEXPECTED, "400 unexpected");
    CHECK(sg_classify(403, e403, NULL) == SG_VERDICT_DOCUMENTED_FAILURE, "403 documented");

    /* 500: the description ends with "This is a server-side issue."; the action
     * starts at "Attempt the request later" (the vendor's own table). */
    const sg_entry_t *e500 = sg_builtin_lookup(500);
    const char *tail = "This is a server-side issue.";
    CHECK(strlen(e500->meaning) > strlen(tail) &&
              strcmp(e500->meaning + strlen(e500->meaning) - strlen(tail), tail) == 0,
          "500 meaning ends with the server-side sentence");
    CHECK(strncmp(e500->actions[0], "Attempt the request later", 25) == 0, "500 action");

    /* Unknown 1xx: like 183 (RFC 3261 section 8.1.3.2); unknown final: the x00 code. */
    sg_unlisted_text(150, buf, sizeof buf, &action);
    CHECK(strstr(buf, "183 Session Progress") && !strstr(buf, "100 Trying"), "150: %s", buf);
    CHECK(action && strstr(action, "183"), "150 action: %s", action);
    sg_unlisted_text(499, buf, sizeof buf, &action);
    CHECK(strstr(buf, "here 400 Bad Request (RFC 3261 section 8.1.3.2)"), "499: %s", buf);
    CHECK(action && strstr(action, "x00"), "499 action");
    sg_unlisted_text(299, buf, sizeof buf, &action);
    CHECK(strstr(buf, "200 OK"), "299: %s", buf);
    sg_unlisted_text(700, buf, sizeof buf, &action);
    CHECK(strstr(buf, "outside 100-699") && strstr(buf, "section 7.2"), "700: %s", buf);
    CHECK(action && strstr(action, "malformed"), "700 action");
    sg_unlisted_text(99, buf, 16, &action);
    CHECK(strlen(buf) == 15, "cut to the buffer");

    /* The knowledge fixes of issue #15. */
    CHECK(mentions(sg_builtin_lookup(100), "INVITE"), "100 stops INVITE retransmissions only");
    CHECK(mentions(sg_builtin_lookup(413), "does not help"), "413: TCP does not help");
    CHECK(!mentions(sg_builtin_lookup(413), "UDP fragmentation"), "413: no TCP remedy");
    CHECK(mentions(sg_builtin_lookup(429), "transfer target") &&
              mentions(sg_builtin_lookup(429), "sign"),
          "429: target refuses, signed Referred-By");
    CHECK(mentions(sg_builtin_lookup(491), "randomised") &&
              mentions(sg_builtin_lookup(491), "middlebox"),
          "491: timers, middlebox");
    CHECK(mentions(sg_builtin_lookup(489), "PUBLISH"), "489: PUBLISH too");
    CHECK(strcmp(sg_warn_code_rfc(308), "RFC 8373") == 0, "warn-code 308 from RFC 8373");
    CHECK(strcmp(sg_warn_code_rfc(305), "RFC 3261") == 0, "305");
    CHECK(strcmp(sg_warn_code_rfc(381), "RFC 5630") == 0, "381");
    CHECK(sg_warn_code_rfc(398) == NULL, "398");

    /* What comes from where. */
    CHECK(strcmp(sg_source_label(sg_builtin_lookup(486)),
                 "phrase: IANA; meaning and action: sipguide, from RFC 3261") == 0,
          "486 label: %s", sg_source_label(sg_builtin_lookup(486)));
    CHECK(strstr(sg_source_label(sg_builtin_lookup(404)), "the guide") != NULL, "404 label");
    CHECK(strstr(sg_source_label(e403), "under 400") != NULL, "403 label");
    CHECK(strstr(sg_source_label(sg_advise(489, "SUBSCRIBE").entry), "sipguide, from RFC 6665"),
          "489 SUBSCRIBE label: %s", sg_source_label(sg_advise(489, "SUBSCRIBE").entry));
    sg_entry_t user = {.code = 486, .title = "Busy", .meaning = "m", .source = SG_SOURCE_USER};
    CHECK(strstr(sg_source_label(&user), "your table") != NULL, "user label");
    CHECK(strstr(sg_source_label(NULL), "not registered") && strstr(sg_source_label(NULL), "sipguide"),
          "unlisted label");
}

/* Every method row: a registered code, the registry's phrase and RFC, its own
 * reference, a meaning and an action, methods listed. */
static void test_method_rows(void)
{
    size_t n = sg_method_row_count();
    CHECK(n >= 30 && n <= 256, "%zu method rows (the index holds 256)", n);
    CHECK(sg_method_row_at(n) == NULL, "past the end");
    for (size_t i = 0; i < n; i++) {
        const sg_entry_t *m = sg_method_row_at(i), *base = sg_builtin_lookup(m->code);
        CHECK(base != NULL, "row %zu: code %u unregistered", i, m->code);
        if (!base)
            continue;
        CHECK(m->methods && *m->methods, "row %zu (%u): no methods", i, m->code);
        CHECK(strstr(m->methods, "INVITE") == NULL, "row %zu (%u): INVITE is the guide's", i,
              m->code);
        CHECK(m->phrase && strcmp(m->phrase, base->phrase) == 0, "row %zu (%u): phrase", i, m->code);
        CHECK(m->rfc && strcmp(m->rfc, base->rfc) == 0, "row %zu (%u): rfc", i, m->code);
        CHECK(m->ref && strncmp(m->ref, "RFC ", 4) == 0, "row %zu (%u): cites no RFC", i, m->code);
        CHECK(m->meaning && *m->meaning && sg_action_count(m) >= 1, "row %zu (%u): text", i,
              m->code);
        CHECK(m->source == SG_SOURCE_GUIDE ? m->title != NULL : m->title == NULL,
              "row %zu (%u): only guide rows have titles", i, m->code);
        CHECK(sg_source_label(m) && strstr(sg_source_label(m), m->source == SG_SOURCE_GUIDE
                                                                   ? "the guide"
                                                                   : m->ref),
              "row %zu (%u): label %s", i, m->code, sg_source_label(m));
        /* Each (code, method) once. */
        for (size_t j = 0; j < i; j++) {
            const sg_entry_t *o = sg_method_row_at(j);
            if (o->code == m->code && strcmp(o->methods, "*") == 0 && strcmp(m->methods, "*") == 0)
                CHECK(0, "code %u: two \"*\" rows", m->code);
        }
    }
    /* Every guide row about calls has a "*" row: no call advice on other methods. */
    for (size_t c = 0; c < sizeof guide_call_codes / sizeof guide_call_codes[0]; c++) {
        bool star = false;
        for (size_t i = 0; i < n; i++)
            star |= sg_method_row_at(i)->code == guide_call_codes[c] &&
                    strcmp(sg_method_row_at(i)->methods, "*") == 0;
        CHECK(star, "guide code %u: no \"*\" row", guide_call_codes[c]);
    }
}

#define ADV_GUIDE 1 /* entry is the per-code (guide) row */
#define ADV_BASE 2  /* entry is the per-code (registry) row */
#define ADV_OWN 3   /* entry is a method row of sipguide's */
#define ADV_GVAR 4  /* entry is a guide row's variant for other methods */

static void test_advise(void)
{
    sg_codeset_t routine;
    char err[64];
    CHECK(sg_codeset_parse(&routine, "100-199,401,407", err, sizeof err), "%s", err);
    static const struct {
        unsigned code;
        const char *method;
        int kind;
        bool guide_ref;
        sg_verdict_t verdict;
        sg_severity_t sev; /* with failure_severity Note */
        const char *word;  /* in the meaning or actions, or NULL */
    } cases[] = {
        /* INVITE (and unknown method): the guide in full. */
        {404, "INVITE", ADV_GUIDE, false, SG_VERDICT_DOCUMENTED_FAILURE, SG_SEV_NOTE, "spam"},
        {404, NULL, ADV_GUIDE, false, SG_VERDICT_DOCUMENTED_FAILURE, SG_SEV_NOTE, "spam"},
        {404, "", ADV_GUIDE, false, SG_VERDICT_DOCUMENTED_FAILURE, SG_SEV_NOTE, "spam"},
        {488, "INVITE", ADV_GUIDE, false, SG_VERDICT_DOCUMENTED_FAILURE, SG_SEV_NOTE, "codec"},
        {200, "INVITE", ADV_GUIDE, false, SG_VERDICT_DOCUMENTED_OK, SG_SEV_NONE, "call"},
        {489, "INVITE", ADV_BASE, false, SG_VERDICT_UNEXPECTED, SG_SEV_WARN, NULL},
        {486, "INVITE", ADV_BASE, false, SG_VERDICT_UNEXPECTED, SG_SEV_NOTE, "busy"},
        {600, "INVITE", ADV_BASE, false, SG_VERDICT_UNEXPECTED, SG_SEV_NOTE, "busy"},
        {483, "INVITE", ADV_BASE, false, SG_VERDICT_UNEXPECTED, SG_SEV_WARN, "loop"},
        {482, "INVITE", ADV_BASE, false, SG_VERDICT_UNEXPECTED, SG_SEV_WARN, "loop"},
        {502, "INVITE", ADV_BASE, false, SG_VERDICT_UNEXPECTED, SG_SEV_WARN, NULL},
        {481, "INVITE", ADV_BASE, false, SG_VERDICT_UNEXPECTED, SG_SEV_WARN, NULL},
        {183, "INVITE", ADV_BASE, false, SG_VERDICT_ROUTINE, SG_SEV_NONE, NULL},
        {401, "REGISTER", ADV_BASE, false, SG_VERDICT_ROUTINE, SG_SEV_NONE, NULL},
        /* SUBSCRIBE / PUBLISH / OPTIONS probes: routine, Chat. */
        {489, "SUBSCRIBE", ADV_OWN, false, SG_VERDICT_ROUTINE, SG_SEV_CHAT, "probe"},
        {489, "PUBLISH", ADV_OWN, false, SG_VERDICT_ROUTINE, SG_SEV_CHAT, "probe"},
        {501, "SUBSCRIBE", ADV_OWN, false, SG_VERDICT_ROUTINE, SG_SEV_CHAT, "probe"},
        {501, "PUBLISH", ADV_OWN, false, SG_VERDICT_ROUTINE, SG_SEV_CHAT, "probe"},
        {405, "SUBSCRIBE", ADV_OWN, false, SG_VERDICT_ROUTINE, SG_SEV_CHAT, "probe"},
        {405, "PUBLISH", ADV_OWN, false, SG_VERDICT_ROUTINE, SG_SEV_CHAT, "probe"},
        {420, "SUBSCRIBE", ADV_OWN, false, SG_VERDICT_ROUTINE, SG_SEV_CHAT, "probing"},
        {420, "OPTIONS", ADV_OWN, false, SG_VERDICT_ROUTINE, SG_SEV_CHAT, "probing"},
        {405, "OPTIONS", ADV_OWN, false, SG_VERDICT_ROUTINE, SG_SEV_CHAT, "keep-alive"},
        {501, "OPTIONS", ADV_OWN, false, SG_VERDICT_ROUTINE, SG_SEV_CHAT, "keep-alive"},
        {404, "SUBSCRIBE", ADV_OWN, true, SG_VERDICT_UNEXPECTED, SG_SEV_NOTE, "mailbox"},
        {403, "SUBSCRIBE", ADV_GUIDE, false, SG_VERDICT_DOCUMENTED_FAILURE, SG_SEV_NOTE, NULL},
        {480, "SUBSCRIBE", ADV_OWN, true, SG_VERDICT_UNEXPECTED, SG_SEV_NOTE, "voicemail"},
        {481, "SUBSCRIBE", ADV_OWN, false, SG_VERDICT_UNEXPECTED, SG_SEV_NOTE, "refresh"},
        {603, "SUBSCRIBE", ADV_OWN, true, SG_VERDICT_UNEXPECTED, SG_SEV_NOTE, "subscription"},
        /* NOTIFY */
        {488, "NOTIFY", ADV_OWN, true, SG_VERDICT_UNEXPECTED, SG_SEV_NOTE, "not a codec problem"},
        {489, "NOTIFY", ADV_OWN, false, SG_VERDICT_UNEXPECTED, SG_SEV_NOTE, "unsolicited"},
        {481, "NOTIFY", ADV_OWN, false, SG_VERDICT_UNEXPECTED, SG_SEV_NOTE, "subscription"},
        /* REGISTER */
        {404, "REGISTER", ADV_OWN, true, SG_VERDICT_UNEXPECTED, SG_SEV_WARN, "registrar"},
        {403, "REGISTER", ADV_GUIDE, false, SG_VERDICT_DOCUMENTED_FAILURE, SG_SEV_NOTE, "credentials"},
        {480, "REGISTER", ADV_OWN, true, SG_VERDICT_UNEXPECTED, SG_SEV_WARN, "DNS"},
        {503, "REGISTER", ADV_OWN, true, SG_VERDICT_UNEXPECTED, SG_SEV_WARN, "registrar"},
        {423, "REGISTER", ADV_BASE, false, SG_VERDICT_UNEXPECTED, SG_SEV_NOTE, "Min-Expires"},
        {200, "REGISTER", ADV_GVAR, false, SG_VERDICT_DOCUMENTED_OK, SG_SEV_NONE, "call"},
        {408, "REGISTER", ADV_GUIDE, false, SG_VERDICT_DOCUMENTED_FAILURE, SG_SEV_NOTE, NULL},
        {500, "REGISTER", ADV_GUIDE, false, SG_VERDICT_DOCUMENTED_FAILURE, SG_SEV_WARN, NULL},
        /* OPTIONS keep-alives */
        {404, "OPTIONS", ADV_OWN, true, SG_VERDICT_ROUTINE, SG_SEV_CHAT, "keep-alive"},
        {403, "OPTIONS", ADV_GUIDE, false, SG_VERDICT_DOCUMENTED_FAILURE, SG_SEV_NOTE, NULL},
        {480, "OPTIONS", ADV_OWN, true, SG_VERDICT_UNEXPECTED, SG_SEV_WARN, "keep-alive"},
        {503, "OPTIONS", ADV_OWN, true, SG_VERDICT_UNEXPECTED, SG_SEV_WARN, "keep-alive"},
        {200, "OPTIONS", ADV_GVAR, false, SG_VERDICT_DOCUMENTED_OK, SG_SEV_NONE, NULL},
        /* BYE / CANCEL races */
        {481, "BYE", ADV_OWN, false, SG_VERDICT_UNEXPECTED, SG_SEV_NOTE, "ended already"},
        {481, "CANCEL", ADV_OWN, false, SG_VERDICT_UNEXPECTED, SG_SEV_NOTE, "crossed"},
        {200, "CANCEL", ADV_OWN, true, SG_VERDICT_ROUTINE, SG_SEV_NONE, "487"},
        {487, "CANCEL", ADV_OWN, true, SG_VERDICT_UNEXPECTED, SG_SEV_NOTE, "INVITE"},
        {200, "BYE", ADV_GVAR, false, SG_VERDICT_DOCUMENTED_OK, SG_SEV_NONE, NULL},
        {487, "UPDATE", ADV_OWN, true, SG_VERDICT_UNEXPECTED, SG_SEV_NOTE, "BYE"},
        {487, "INVITE", ADV_GUIDE, false, SG_VERDICT_DOCUMENTED_FAILURE, SG_SEV_NOTE, "caller"},
        /* MESSAGE */
        {404, "MESSAGE", ADV_OWN, true, SG_VERDICT_UNEXPECTED, SG_SEV_WARN, "recipient"},
        {480, "MESSAGE", ADV_OWN, true, SG_VERDICT_UNEXPECTED, SG_SEV_NOTE, "recipient"},
        {501, "MESSAGE", ADV_OWN, false, SG_VERDICT_UNEXPECTED, SG_SEV_NOTE, "MESSAGE"},
        {415, "MESSAGE", ADV_OWN, false, SG_VERDICT_UNEXPECTED, SG_SEV_NOTE, "Content-Type"},
        /* REFER */
        {202, "REFER", ADV_GUIDE, false, SG_VERDICT_DOCUMENTED_OK, SG_SEV_NONE, NULL},
        {403, "REFER", ADV_GUIDE, false, SG_VERDICT_DOCUMENTED_FAILURE, SG_SEV_NOTE, NULL},
        {405, "REFER", ADV_OWN, false, SG_VERDICT_UNEXPECTED, SG_SEV_WARN, "transfer"},
        {501, "REFER", ADV_OWN, false, SG_VERDICT_UNEXPECTED, SG_SEV_WARN, "transfer"},
        {603, "REFER", ADV_OWN, true, SG_VERDICT_UNEXPECTED, SG_SEV_NOTE, "declined"},
        /* INFO */
        {415, "INFO", ADV_OWN, false, SG_VERDICT_UNEXPECTED, SG_SEV_WARN, "DTMF"},
        {501, "INFO", ADV_OWN, false, SG_VERDICT_UNEXPECTED, SG_SEV_WARN, "DTMF"},
        {405, "INFO", ADV_OWN, false, SG_VERDICT_UNEXPECTED, SG_SEV_WARN, "DTMF"},
        {469, "INFO", ADV_BASE, false, SG_VERDICT_UNEXPECTED, SG_SEV_WARN, "DTMF"},
        {488, "INFO", ADV_OWN, true, SG_VERDICT_UNEXPECTED, SG_SEV_WARN, "not about codecs"},
        /* UPDATE / PRACK */
        {488, "UPDATE", ADV_OWN, true, SG_VERDICT_UNEXPECTED, SG_SEV_WARN, "SDP offer"},
        {481, "PRACK", ADV_OWN, false, SG_VERDICT_UNEXPECTED, SG_SEV_WARN, "RAck"},
        {501, "UPDATE", ADV_OWN, false, SG_VERDICT_UNEXPECTED, SG_SEV_WARN, "Supported"},
        {491, "UPDATE", ADV_BASE, false, SG_VERDICT_UNEXPECTED, SG_SEV_NOTE, "glare"},
        /* Methods are case-sensitive; an unknown method gets the "*" rows. */
        {489, "subscribe", ADV_BASE, false, SG_VERDICT_UNEXPECTED, SG_SEV_WARN, NULL},
        {404, "FOO", ADV_OWN, true, SG_VERDICT_UNEXPECTED, SG_SEV_WARN, "Request-URI"},
        {404, "SUBSCRIBE PUBLISH", ADV_OWN, true, SG_VERDICT_UNEXPECTED, SG_SEV_WARN, "Request-URI"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        unsigned c = cases[i].code;
        const char *m = cases[i].method;
        sg_advice_t a = sg_advise(c, m);
        const sg_entry_t *base = sg_builtin_lookup(c);
        CHECK(a.entry != NULL, "%u %s: no entry", c, m ? m : "NULL");
        if (!a.entry)
            continue;
        switch (cases[i].kind) {
        case ADV_GUIDE:
            CHECK(a.entry == base && base->source == SG_SOURCE_GUIDE, "%u %s: not the guide", c, m);
            break;
        case ADV_BASE:
            CHECK(a.entry == base && base->source == SG_SOURCE_REGISTRY, "%u %s: not the registry row",
                  c, m);
            break;
        case ADV_OWN:
            CHECK(a.entry != base && a.entry->source == SG_SOURCE_REGISTRY && a.entry->methods,
                  "%u %s: not a method row", c, m);
            break;
        case ADV_GVAR:
            CHECK(a.entry != base && a.entry->source == SG_SOURCE_GUIDE && a.entry->note,
                  "%u %s: not the guide's variant", c, m);
            break;
        }
        CHECK(a.entry->code == c, "%u %s: row for %u", c, m, a.entry->code);
        CHECK((a.guide_ref != NULL) == cases[i].guide_ref, "%u %s: guide_ref %p", c, m,
              (const void *)a.guide_ref);
        if (a.guide_ref)
            CHECK(a.guide_ref == base && base->calls, "%u %s: guide_ref is the code's call row", c, m);
        sg_verdict_t v = sg_classify(c, a.entry, &routine);
        CHECK(v == cases[i].verdict, "%u %s: verdict %s, want %s", c, m, sg_verdict_name(v),
              sg_verdict_name(cases[i].verdict));
        sg_severity_t sev = sg_expert_severity(v, a.entry, SG_SEV_NOTE);
        CHECK(sev == cases[i].sev, "%u %s: severity %s, want %s", c, m, sg_severity_name(sev),
              sg_severity_name(cases[i].sev));
        if (cases[i].word)
            CHECK(mentions(a.entry, cases[i].word) ||
                      (a.entry->note && strstr(a.entry->note, cases[i].word)),
                  "%u %s: text lacks \"%s\": %s", c, m, cases[i].word, a.entry->meaning);
    }
    /* The 200 variant keeps the guide's words and says they are about calls. */
    sg_advice_t reg = sg_advise(200, "REGISTER"), inv = sg_advise(200, "INVITE");
    CHECK(strcmp(reg.entry->meaning, inv.entry->meaning) == 0, "200: the guide's words");
    CHECK(strcmp(reg.entry->title, inv.entry->title) == 0 &&
              strcmp(reg.entry->actions[0], inv.entry->actions[0]) == 0,
          "200: the guide's title and action");
    CHECK(reg.entry->note && strstr(reg.entry->note, "guide's wording for calls") != NULL,
          "200 note: %s", reg.entry->note ? reg.entry->note : "(none)");
    CHECK(inv.entry->note == NULL, "200 to INVITE: no note");

    /* Over every registered code and method: guide_ref is set exactly when the
     * guide's row was set aside, and only calls rows are set aside. */
    static const char *const methods[] = {"INVITE",  "ACK",   "BYE",    "CANCEL", "REGISTER",
                                          "OPTIONS", "INFO",  "PRACK",  "UPDATE", "SUBSCRIBE",
                                          "NOTIFY",  "REFER", "MESSAGE", "PUBLISH", "X"};
    for (unsigned c = 0; c < 1000; c++) {
        const sg_entry_t *base = sg_builtin_lookup(c);
        for (size_t j = 0; j < sizeof methods / sizeof methods[0]; j++) {
            sg_advice_t a = sg_advise(c, methods[j]);
            if (!base) {
                CHECK(!a.entry && !a.guide_ref, "%u: unlisted code got a row", c);
                continue;
            }
            bool set_aside = base->source == SG_SOURCE_GUIDE && a.entry->source != SG_SOURCE_GUIDE;
            CHECK(a.entry && a.entry->code == c, "%u %s", c, methods[j]);
            CHECK((a.guide_ref == base) == set_aside && (a.guide_ref == NULL) == !set_aside,
                  "%u %s: guide_ref", c, methods[j]);
            if (set_aside)
                CHECK(base->calls && strcmp(methods[j], "INVITE") != 0,
                      "%u %s: a guide row for every method was set aside", c, methods[j]);
            if (base->calls && strcmp(methods[j], "INVITE") != 0)
                CHECK(a.entry != base, "%u %s: the guide's call row on another method", c,
                      methods[j]);
            if (strcmp(methods[j], "INVITE") == 0)
                CHECK(a.entry == base, "%u INVITE: not the per-code row", c);
        }
    }
}

static void test_expert_severity(void)
{
    const sg_entry_t *e404 = sg_builtin_lookup(404), *e302 = sg_builtin_lookup(302);
    sg_entry_t user = {.code = 486, .title = "B", .meaning = "m", .source = SG_SOURCE_USER,
                       .severity = SG_SEV_ERROR};
    sg_entry_t user_default = user;
    user_default.severity = SG_SEV_DEFAULT;
    sg_entry_t user_none = user;
    user_none.severity = SG_SEV_NONE;
    static const struct {
        int row; /* 0 NULL, 1 404, 2 302, 3 user error, 4 user default, 5 user none, 6 probe */
        sg_verdict_t v;
        sg_severity_t failure, want;
    } cases[] = {
        {1, SG_VERDICT_DOCUMENTED_OK, SG_SEV_NOTE, SG_SEV_NONE},
        {1, SG_VERDICT_DOCUMENTED_FAILURE, SG_SEV_NOTE, SG_SEV_NOTE},
        {1, SG_VERDICT_DOCUMENTED_FAILURE, SG_SEV_WARN, SG_SEV_WARN},
        {1, SG_VERDICT_DOCUMENTED_FAILURE, SG_SEV_CHAT, SG_SEV_CHAT},
        {1, SG_VERDICT_DOCUMENTED_FAILURE, SG_SEV_DEFAULT, SG_SEV_NOTE},
        {2, SG_VERDICT_ROUTINE, SG_SEV_NOTE, SG_SEV_NONE},
        {2, SG_VERDICT_UNEXPECTED, SG_SEV_NOTE, SG_SEV_WARN},
        {0, SG_VERDICT_UNREGISTERED, SG_SEV_NOTE, SG_SEV_WARN},
        {0, SG_VERDICT_INVALID, SG_SEV_NOTE, SG_SEV_ERROR},
        {3, SG_VERDICT_DOCUMENTED_FAILURE, SG_SEV_NOTE, SG_SEV_ERROR},
        {3, SG_VERDICT_DOCUMENTED_OK, SG_SEV_NOTE, SG_SEV_ERROR},
        {4, SG_VERDICT_DOCUMENTED_FAILURE, SG_SEV_WARN, SG_SEV_WARN},
        {4, SG_VERDICT_DOCUMENTED_OK, SG_SEV_WARN, SG_SEV_NONE},
        {5, SG_VERDICT_DOCUMENTED_FAILURE, SG_SEV_WARN, SG_SEV_NONE},
        {6, SG_VERDICT_ROUTINE, SG_SEV_NOTE, SG_SEV_CHAT},
        {6, SG_VERDICT_UNEXPECTED, SG_SEV_NOTE, SG_SEV_CHAT},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const sg_entry_t *rows[] = {NULL, e404, e302, &user, &user_default, &user_none,
                                    sg_advise(489, "SUBSCRIBE").entry};
        sg_severity_t s = sg_expert_severity(cases[i].v, rows[cases[i].row], cases[i].failure);
        CHECK(s == cases[i].want, "case %zu: %s, want %s", i, sg_severity_name(s),
              sg_severity_name(cases[i].want));
    }
    /* The policy in data: Warning only where a look is needed. */
    static const unsigned quiet[] = {486, 600, 604, 607, 433, 491, 422, 423};
    for (size_t i = 0; i < sizeof quiet / sizeof quiet[0]; i++)
        CHECK(sg_builtin_lookup(quiet[i])->severity == SG_SEV_NOTE, "%u: Note", quiet[i]);
    static const unsigned loud[] = {482, 483, 500, 501, 502, 504, 505, 513, 580, 608, 420, 421};
    for (size_t i = 0; i < sizeof loud / sizeof loud[0]; i++) {
        const sg_entry_t *e = sg_builtin_lookup(loud[i]);
        sg_severity_t s = sg_expert_severity(sg_classify(loud[i], e, NULL), e, SG_SEV_NOTE);
        /* 5xx from the guide too: the row raises the Note preference to Warning */
        CHECK(s == SG_SEV_WARN, "%u: %s", loud[i], sg_severity_name(s));
    }
}

/* the word-at-a-time check against the obvious one: every byte value at
 * every position of words and tails, and every pair of neighbours */
static void test_plain_ascii(void)
{
    char buf[24];
    int wrong = 0;
    for (size_t n = 0; n <= sizeof buf; n++)
        for (size_t at = 0; at < n; at++)
            for (int c = 0; c < 256; c++) {
                memset(buf, 'a', sizeof buf);
                buf[at] = (char)c;
                bool want = c >= 0x20 && c <= 0x7e && c != '\\';
                wrong += sg_plain_ascii(buf, n) != want;
            }
    for (int c = 0; c < 256; c++)
        for (int d = 0; d < 256; d++) {
            memset(buf, 'a', sizeof buf);
            buf[3] = (char)c;
            buf[4] = (char)d;
            bool want = c >= 0x20 && c <= 0x7e && c != '\\' && d >= 0x20 && d <= 0x7e && d != '\\';
            wrong += sg_plain_ascii(buf, 16) != want;
        }
    CHECK(wrong == 0, "sg_plain_ascii agrees with the byte-by-byte check");
    CHECK(sg_plain_ascii("Check the request credentials (for example, user name and password).", 68),
          "a guide action");
    CHECK(!sg_plain_ascii("caf\xc3\xa9 au lait, with a long tail", 30), "UTF-8");
    CHECK(sg_plain_ascii("", 0), "empty");
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
    test_knowledge();
    test_method_rows();
    test_advise();
    test_expert_severity();
    test_plain_ascii();
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
