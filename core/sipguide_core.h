/* sipguide_core.h - the Wireshark-free core of sipguide.
 *
 * Knowledge (the guide, the IANA registry, sipguide's own notes) lives as one
 * row per code in core/sipguide_table.c.  Everything here is plain C so the
 * unit tests and the fuzz harness link it without Wireshark.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SIPGUIDE_CORE_H
#define SIPGUIDE_CORE_H

#include <stdbool.h>
#include <stddef.h>

#define SIPGUIDE_MIN_CODE 100
#define SIPGUIDE_MAX_CODE 699
#define SIPGUIDE_MAX_ACTIONS 8
#define SIPGUIDE_GUIDE_FILE "voice-gateway-sip-response-codes.txt"

/* Where the meaning and actions of an entry come from. */
typedef enum {
    SG_SOURCE_GUIDE,    /* the vendor guide, verbatim */
    SG_SOURCE_REGISTRY, /* IANA phrase + sipguide's own words */
    SG_SOURCE_USER,     /* the user table (UAT) */
    SG_SOURCE_NONE      /* unregistered or invalid code */
} sg_source_t;

/* Expert severity a user row may ask for; SG_SEV_DEFAULT = let sipguide decide. */
typedef enum {
    SG_SEV_DEFAULT,
    SG_SEV_NONE,
    SG_SEV_CHAT,
    SG_SEV_NOTE,
    SG_SEV_WARN,
    SG_SEV_ERROR
} sg_severity_t;

typedef struct {
    unsigned code;
    const char *phrase;  /* IANA registered phrase; NULL if unregistered */
    const char *rfc;     /* defining reference from the registry */
    const char *title;   /* the guide's (or user's) title; NULL where silent */
    const char *meaning; /* what it means */
    const char *actions[SIPGUIDE_MAX_ACTIONS]; /* what to do; NULL-terminated */
    const char *note;    /* where the guide and the registry disagree */
    sg_source_t source;
    sg_severity_t severity; /* the row's expert severity; SG_SEV_DEFAULT = the verdict decides
                               (see sg_expert_severity) */
    /* Method rows (sg_method_row_at) and the scope of guide rows: */
    const char *methods; /* CSeq methods a method row is for, space-separated ("SUBSCRIBE
                            PUBLISH"); "*" = any method but INVITE that has no row of its own;
                            NULL on the per-code rows (sg_builtin_at) */
    const char *ref;     /* where sipguide's meaning and action come from ("RFC 3261 section 10.3");
                            NULL = rfc */
    const char *label;   /* what comes from where (sg_source_label); NULL = by source */
    bool calls;          /* a guide row that speaks of calls: applied in full to INVITE only */
    bool routine;        /* a normal outcome (a capability probe, a CANCEL's 200): verdict
                            routine whatever the routine codes */
} sg_entry_t;

/* How a response should be treated; drives expert info and statistics. */
typedef enum {
    SG_VERDICT_DOCUMENTED_OK,      /* the guide covers it, not a failure */
    SG_VERDICT_DOCUMENTED_FAILURE, /* the guide covers it, 4xx-6xx */
    SG_VERDICT_ROUTINE,            /* normal flow: 1xx, 401, 407 by default */
    SG_VERDICT_UNEXPECTED,         /* registered, not in the guide, not routine */
    SG_VERDICT_UNREGISTERED,       /* 100-699 but not in the IANA registry */
    SG_VERDICT_INVALID,            /* outside 100-699 */
    SG_VERDICT_COUNT
} sg_verdict_t;

/* A set of codes 0-999 (routine codes, scan codes). */
typedef struct {
    unsigned char bits[1000 / 8 + 1];
} sg_codeset_t;

/* Built-in entry for a code: guide row, else registry row, else NULL.  This
 * is the per-code row, whatever the method: see sg_advise for a response. */
const sg_entry_t *sg_builtin_lookup(unsigned code);

/* Number of built-in per-code rows (one per registered code), and row i (for
 * tests and listings). */
size_t sg_builtin_count(void);
const sg_entry_t *sg_builtin_at(size_t i);

/* Number of method rows (sipguide's meaning of a code for some methods), and row i. */
size_t sg_method_row_count(void);
const sg_entry_t *sg_method_row_at(size_t i);

/* What sipguide says about `code` answering a request of `method` (the CSeq method; NULL when unknown, treated like INVITE). */
typedef struct {
    const sg_entry_t *entry;     /* the row to show: the guide's row when it applies to this method, else sipguide's row for this code and method, else the registry row; NULL only for unregistered/invalid codes */
    const sg_entry_t *guide_ref; /* the guide's row for this code when it was NOT applied because it speaks of calls and this request is not an INVITE; else NULL */
} sg_advice_t;
sg_advice_t sg_advise(unsigned code, const char *method);

/* Expert severity of a response (SG_SEV_NONE = no expert item): the README's policy table.
 * failure_severity is the user's preference for documented failures (default SG_SEV_NOTE). */
sg_severity_t sg_expert_severity(sg_verdict_t v, const sg_entry_t *e, sg_severity_t failure_severity);

/* Meaning and first action for codes no row covers (unregistered 100-699 and invalid codes);
 * the words live in core/sipguide_table.c with the rest of the knowledge. Writes the meaning into buf. */
void sg_unlisted_text(unsigned code, char *buf, size_t len, const char **action);

/* What comes from where, for the status code's line: "phrase: IANA; meaning and
 * action: sipguide, from RFC 3261 section 21.4.1", "...: the guide", "...: your table".
 * e may be NULL (unregistered or invalid code).  Static text: no copy needed. */
const char *sg_source_label(const sg_entry_t *e);

/* Defining reference of a Warning header warn-code ("RFC 3261", 308: "RFC 8373");
 * NULL if not registered. */
const char *sg_warn_code_rfc(unsigned code);

/* Class names as RFC 3261 section 21 has them: "1xx Provisional", "2xx Successful",
 * "3xx Redirection", "4xx Request Failure", "5xx Server Failure", "6xx Global Failures";
 * "invalid" outside 100-699. */
const char *sg_class_name(unsigned code);

/* Number of actions in an entry. */
size_t sg_action_count(const sg_entry_t *e);

/* Is the entry documented (has a guide or user title)? */
bool sg_is_documented(const sg_entry_t *e);

/* Classify a code given its entry (may be NULL; sg_advise's entry for a
 * response) and the routine codes: invalid outside 100-699; documented for a
 * guide or user row (failure from 400 on); routine for a row marked routine
 * or a routine code; unregistered without a row; else unexpected. */
sg_verdict_t sg_classify(unsigned code, const sg_entry_t *e, const sg_codeset_t *routine);

/* Short name of a verdict, used in the sipguide.verdict field and reports. */
const char *sg_verdict_name(sg_verdict_t v);

/* Code sets. */
void sg_codeset_clear(sg_codeset_t *s);
void sg_codeset_add(sg_codeset_t *s, unsigned code);
bool sg_codeset_has(const sg_codeset_t *s, unsigned code);

/* Parse "100-199,401,407" into a set.  Returns true on success; on failure
 * writes a message naming the bad part into err and leaves *s unchanged. */
bool sg_codeset_parse(sg_codeset_t *s, const char *text, char *err, size_t errlen);

/* The reason phrase of a status line "SIP/2.0 404 Not Found": a pointer into
 * line and its length (0 for an empty phrase).  False if line is no status line. */
bool sg_status_line_phrase(const char *line, size_t len, const char **phrase, size_t *plen);

/* A row of the user table (UAT "sipguide_entries") as the user typed it. */
typedef struct {
    const char *code, *title, *meaning, *action, *severity;
} sg_user_row_t;

/* Checks a user row: code 100-699, non-empty title and meaning, at most
 * SIPGUIDE_MAX_ACTIONS non-empty actions separated by " | ", severity one of
 * none/chat/note/warn/error or empty (sipguide decides).  On failure writes a
 * message naming the row and the problem. */
bool sg_user_row_check(const sg_user_row_t *row, unsigned *code, sg_severity_t *sev, char *err,
                       size_t errlen);

/* The code column alone (also used to check it as it is typed). */
bool sg_user_code_check(const char *text, unsigned *code, char *err, size_t errlen);

/* Splits "a | b | c" into trimmed parts; returns how many there are (which may
 * exceed max: only the first max are stored). */
size_t sg_split_actions(const char *action, const char **starts, size_t *lens, size_t max);

/* Parse a severity name (none, chat, note, warn, error); false if unknown. */
bool sg_severity_parse(const char *text, sg_severity_t *sev);
const char *sg_severity_name(sg_severity_t sev);

/* Registered text of a Warning header warn-code (305 "Incompatible media
 * format"); NULL if not registered. */
const char *sg_warn_code_text(unsigned code);

/* A Warning header value "305 gw.example.com \"Incompatible media format\"":
 * code, agent and text (without quotes) as pointers into value. */
typedef struct {
    unsigned code;
    const char *agent;
    size_t agent_len;
    const char *text;
    size_t text_len;
} sg_warning_t;
bool sg_parse_warning(const char *value, size_t len, sg_warning_t *w);

/* Does the phrase on the wire say what the registry says?  Case does not
 * matter ("200 Ok"), nor a registered " (Deprecated)" suffix ("202 Accepted"). */
bool sg_phrase_matches(const sg_entry_t *e, const char *phrase, size_t len);

/* Is every one of the n bytes printable ASCII other than a backslash, the
 * text Wireshark prints exactly as it is (its format_text changes the rest)?
 * Eight bytes at a time: it runs for every line sipguide prints. */
bool sg_plain_ascii(const char *s, size_t n);

/* Scan detection: failure responses sent back to one address in a sliding
 * window, with the distinct users tried.  Memory is bounded: at most
 * max_addrs addresses are tracked, the least recently seen is evicted. */
#define SG_SCAN_MAX_USERS 16    /* distinct users remembered per address */
#define SG_SCAN_MAX_THRESHOLD 10000
typedef struct sg_scan sg_scan_t;
typedef struct {
    unsigned threshold; /* failures within the window that make a scan */
    double window;      /* seconds */
    unsigned max_addrs; /* addresses tracked at most */
} sg_scan_cfg_t;
typedef struct {
    unsigned count;     /* failures to this address in the window (at most 4 x threshold) */
    unsigned users;     /* distinct users tried (up to SG_SCAN_MAX_USERS) */
    bool users_capped;  /* more users than remembered */
    bool active;        /* count reached the threshold */
    bool warn;          /* raise the expert warning now (first crossing, then once per window) */
    char users_text[256];
} sg_scan_hit_t;
sg_scan_t *sg_scan_new(const sg_scan_cfg_t *cfg);
void sg_scan_free(sg_scan_t *s);
void sg_scan_record(sg_scan_t *s, const char *addr, double t, const char *user, sg_scan_hit_t *hit);
size_t sg_scan_tracked(const sg_scan_t *s);

#endif /* SIPGUIDE_CORE_H */
