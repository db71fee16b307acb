/* sipguide_sip.c - one SIP message's start line, headers and SDP, read from
 * its bytes (see sipguide_sip.h for why).  Every read is bounded by the
 * message's length; nothing is copied.
 *
 * It runs on every SIP message of a capture's first pass, so bytes are looked
 * at as few times as the results allow: lines and delimiters are found with
 * memchr, character classes by table, header names told by their first
 * letter, words compared several bytes at a time.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "sipguide_sip.h"

#include <stddef.h>
#include <string.h>

static const sg_str_t none = {NULL, 0};

/* Character classes, one table lookup each: the scans below test every byte. */
enum {
    BLANK = 1,      /* what trimming drops */
    PARAM_SEP = 2,  /* what comes before a parameter's name */
    ENDS_VALUE = 4, /* what ends an unquoted parameter value */
    TOKEN = 8,      /* a character of a SIP token (RFC 3261 section 25.1) */
    FOLD = 16,      /* what starts a line that continues a header's value */
    NOT_PLAIN = 32, /* what starts a line that may be CSeq or end the headers */
};

static const unsigned char char_class[256] = {
    [' '] = BLANK | PARAM_SEP | ENDS_VALUE | FOLD | NOT_PLAIN,
    ['\t'] = BLANK | PARAM_SEP | ENDS_VALUE | FOLD | NOT_PLAIN,
    ['\r'] = BLANK | PARAM_SEP | ENDS_VALUE | NOT_PLAIN,
    ['\n'] = BLANK | PARAM_SEP | ENDS_VALUE | NOT_PLAIN,
    ['\0'] = NOT_PLAIN, /* a NUL name reads as CSeq (header_at) */
    [';'] = PARAM_SEP | ENDS_VALUE,
    [','] = PARAM_SEP | ENDS_VALUE,
    ['>'] = ENDS_VALUE,
    ['-'] = TOKEN,
    ['.'] = TOKEN,
    ['!'] = TOKEN,
    ['%'] = TOKEN,
    ['*'] = TOKEN,
    ['_'] = TOKEN,
    ['+'] = TOKEN,
    ['`'] = TOKEN,
    ['\''] = TOKEN,
    ['~'] = TOKEN,
    /* letters and digits: tokens, one lookup a character in method names */
    ['0'] = TOKEN, ['1'] = TOKEN, ['2'] = TOKEN, ['3'] = TOKEN, ['4'] = TOKEN, ['5'] = TOKEN, ['6'] = TOKEN, ['7'] = TOKEN, ['8'] = TOKEN, ['9'] = TOKEN,
    ['a'] = TOKEN, ['b'] = TOKEN, ['c'] = TOKEN | NOT_PLAIN, ['d'] = TOKEN, ['e'] = TOKEN, ['f'] = TOKEN, ['g'] = TOKEN,
    ['h'] = TOKEN, ['i'] = TOKEN, ['j'] = TOKEN, ['k'] = TOKEN, ['l'] = TOKEN, ['m'] = TOKEN, ['n'] = TOKEN,
    ['o'] = TOKEN, ['p'] = TOKEN, ['q'] = TOKEN, ['r'] = TOKEN, ['s'] = TOKEN, ['t'] = TOKEN, ['u'] = TOKEN,
    ['v'] = TOKEN, ['w'] = TOKEN, ['x'] = TOKEN, ['y'] = TOKEN, ['z'] = TOKEN,
    ['A'] = TOKEN, ['B'] = TOKEN, ['C'] = TOKEN | NOT_PLAIN, ['D'] = TOKEN, ['E'] = TOKEN, ['F'] = TOKEN, ['G'] = TOKEN,
    ['H'] = TOKEN, ['I'] = TOKEN, ['J'] = TOKEN, ['K'] = TOKEN, ['L'] = TOKEN, ['M'] = TOKEN, ['N'] = TOKEN,
    ['O'] = TOKEN, ['P'] = TOKEN, ['Q'] = TOKEN, ['R'] = TOKEN, ['S'] = TOKEN, ['T'] = TOKEN, ['U'] = TOKEN,
    ['V'] = TOKEN, ['W'] = TOKEN, ['X'] = TOKEN, ['Y'] = TOKEN, ['Z'] = TOKEN,
};

static bool is(char c, unsigned cls)
{
    return char_class[(unsigned char)c] & cls;
}

/* Whether any of the four bytes at p is of class cls. */
static bool any4(const char *p, unsigned cls)
{
    return (char_class[(unsigned char)p[0]] | char_class[(unsigned char)p[1]] |
            char_class[(unsigned char)p[2]] | char_class[(unsigned char)p[3]]) &
           cls;
}

static bool is_ws(char c)
{
    return is(c, BLANK);
}

static inline sg_str_t trim(const char *p, size_t n)
{
    sg_str_t s;
    while (n > 0 && is_ws(*p)) {
        p++;
        n--;
    }
    while (n > 0 && is_ws(p[n - 1]))
        n--;
    s.p = n ? p : NULL;
    s.len = n;
    return s;
}

static uint64_t load8(const char *p)
{
    uint64_t v;
    memcpy(&v, p, sizeof v);
    return v;
}

static uint32_t load4(const char *p)
{
    uint32_t v;
    memcpy(&v, p, sizeof v);
    return v;
}

static uint16_t load2(const char *p)
{
    uint16_t v;
    memcpy(&v, p, sizeof v);
    return v;
}

/* Whether p[0..n) is word, ignoring the case of its letters.  word is lower
 * case, and its other characters lie below '@' ('-', '/', '.', digits, CR, LF):
 * bit 6 tells a letter, so ORing 0x20 into p where word has a letter (and only
 * there) folds case.  Eight, four or two bytes at a time: header names and the
 * words sought in values are compared on every message. */
static inline bool same_ci(const char *p, const char *word, size_t n)
{
    if (n >= 8) {
        for (size_t i = 0; i + 8 < n; i += 8) {
            uint64_t w = load8(word + i);
            if ((load8(p + i) | ((w >> 1) & 0x2020202020202020u)) != w)
                return false;
        }
        uint64_t w = load8(word + n - 8);
        return (load8(p + n - 8) | ((w >> 1) & 0x2020202020202020u)) == w;
    }
    if (n >= 4) {
        uint32_t w = load4(word), t = load4(word + n - 4);
        return (load4(p) | ((w >> 1) & 0x20202020u)) == w &&
               (load4(p + n - 4) | ((t >> 1) & 0x20202020u)) == t;
    }
    if (n >= 2) {
        uint16_t w = load2(word), t = load2(word + n - 2);
        return (load2(p) | ((w >> 1) & 0x2020)) == w &&
               (load2(p + n - 2) | ((t >> 1) & 0x2020)) == t;
    }
    return n == 0 || (p[0] | ((word[0] >> 1) & 0x20)) == word[0];
}

/* s is word (a string literal, see same_ci), ignoring case. */
#define IS_CI(s, word) ((s).len == sizeof(word) - 1 && same_ci((s).p, word, sizeof(word) - 1))

/* s starts with word (a string literal, see same_ci), ignoring case. */
#define IS_CI_PREFIX(s, word)                                                                      \
    ((s).len >= sizeof(word) - 1 && same_ci((s).p, word, sizeof(word) - 1))

/* First occurrence of word[0..n) (see same_ci) in s, ignoring case, or NULL. */
static const char *find_ci(sg_str_t s, const char *word, size_t n)
{
    for (size_t i = 0; n && i + n <= s.len; i++)
        if (same_ci(s.p + i, word, n))
            return s.p + i;
    return NULL;
}

#define FIND_CI(s, word) find_ci(s, word, sizeof(word) - 1)

static const char *memchr_c(const char *p, size_t n, char c)
{
    return n ? (const char *)memchr(p, c, n) : NULL;
}

/* A decimal number at the start of s (after blanks); false if none. */
static inline bool read_uint(sg_str_t s, uint32_t *out)
{
    const char *p, *end, *digits;
    uint64_t v = 0;
    if (!s.p)
        return false; /* an empty value (and no arithmetic on NULL) */
    for (p = s.p, end = s.p + s.len; p < end && is_ws(*p); p++)
        ;
    for (digits = p; p < end && p - digits < 10 && *p >= '0' && *p <= '9'; p++)
        v = v * 10 + (uint64_t)(*p - '0');
    if (p == digits || v > UINT32_MAX)
        return false;
    *out = (uint32_t)v;
    return true;
}

/* The value of parameter name[0..n) (";name=value" or ", name=value"), without
 * quotes; starts looking at s.  Parameter names match case-insensitively. */
static sg_str_t param_n(sg_str_t s, const char *name, size_t n)
{
    const char *end;
    if (!s.p)
        return none; /* an empty value (and no arithmetic on NULL) */
    end = s.p + s.len;
    for (const char *c = s.p; (size_t)(end - c) > n; c++) {
        const char *q, *e;
        /* name[0] is a letter: one OR rules out most places */
        if ((*c | 0x20) != name[0] || (c > s.p && !is(c[-1], PARAM_SEP)) || !same_ci(c, name, n))
            continue;
        for (q = c + n; q < end && is_ws(*q); q++)
            ;
        if (q == end || *q != '=')
            continue;
        for (q++; q < end && is_ws(*q); q++)
            ;
        if (q < end && *q == '"') {
            q++;
            e = memchr_c(q, (size_t)(end - q), '"'); /* unclosed: to the end */
            if (!e)
                e = end;
        } else {
            e = q; /* eight bytes a round while eight are left: tags are long */
            while (end - e >= 8 && !any4(e, ENDS_VALUE) && !any4(e + 4, ENDS_VALUE))
                e += 8;
            while (e < end && !is(*e, ENDS_VALUE))
                e++;
        }
        return (sg_str_t){e > q ? q : NULL, (size_t)(e - q)};
    }
    return none;
}

#define param(s, name) param_n(s, name, sizeof(name) - 1)

/* From and To: user part, tag and address (the URI without its parameters;
 * addr may be NULL). */
static void name_addr(sg_str_t v, sg_str_t *user, sg_str_t *tag, sg_str_t *addr)
{
    const char *vend, *uri, *end, *cut, *q, *colon, *at;
    sg_str_t params;
    *user = *tag = none;
    if (addr)
        *addr = none;
    if (!v.p)
        return; /* an empty header */
    vend = v.p + v.len;
    /* the URI: inside <...> (to the value's end if unclosed), or up to the
     * first ';' */
    uri = memchr(v.p, '<', v.len);
    if (uri) {
        uri++;
        end = memchr(uri, '>', (size_t)(vend - uri));
    } else {
        uri = v.p;
        end = memchr(uri, ';', v.len);
    }
    if (!end)
        end = vend;
    /* without its own parameters or headers (memchr: fewer instructions than
     * a loop, over a few dozen bytes) */
    cut = memchr(uri, ';', (size_t)(end - uri));
    if (!cut)
        cut = end;
    if ((q = memchr(uri, '?', (size_t)(cut - uri))) != NULL)
        cut = q;
    if (addr)
        *addr = trim(uri, (size_t)(cut - uri));
    params = (sg_str_t){end, (size_t)(vend - end)};
    *tag = param(params, "tag");
    /* its first ':', the scheme's: a few bytes in, a loop finds it sooner */
    for (colon = uri; colon < cut && *colon != ':'; colon++)
        ;
    if (colon == cut)
        return;
    at = memchr(colon, '@', (size_t)(cut - colon));
    if (at && at > colon + 1)
        *user = (sg_str_t){colon + 1, (size_t)(at - colon - 1)};
    else if (!at && cut > colon + 1 && colon == uri + 3 && memcmp(uri, "tel", 3) == 0)
        *user = (sg_str_t){colon + 1, (size_t)(cut - colon - 1)}; /* tel:+15551234567 */
}

typedef enum {
    H_OTHER,
    H_CALL_ID,
    H_CSEQ,
    H_FROM,
    H_TO,
    H_SERVER,
    H_USER_AGENT,
    H_AUTHORIZATION,
    H_PROXY_AUTHORIZATION,
    H_WWW_AUTHENTICATE,
    H_PROXY_AUTHENTICATE,
    H_REASON,
    H_RETRY_AFTER,
    H_WARNING,
    H_CONTENT_TYPE,
    H_CONTENT_LENGTH,
} header_t;

/* Whether the header line at p (up to le) is named word: word in any case,
 * blanks, then its colon (*colon). */
static inline bool named(const char *p, const char *le, const char *word, size_t n,
                         const char **colon)
{
    if ((size_t)(le - p) <= n || !same_ci(p, word, n))
        return false;
    for (p += n; *p != ':'; p++) /* p < le: the name is shorter than the line */
        if (!is_ws(*p) || p + 1 == le)
            return false; /* blanks only before the colon */
    *colon = p;
    return true;
}

/* Which of the headers sipguide reads a line is, and its colon; H_OTHER (and
 * no colon) for any other line.  Told by the first letter of the name and a
 * compare or two, without looking for the colon first: most lines (Via,
 * Contact, Max-Forwards, ...) are none of these. */
static header_t header_at(const char *line, const char *le, const char **colon)
{
#define NAMED(word, h)                                                                             \
    if (named(line, le, word, sizeof(word) - 1, colon))                                            \
    return h
    if (is_ws(*line)) { /* a blank line start that does not fold */
        while (line < le && is_ws(*line))
            line++;
        if (line == le)
            return H_OTHER;
    }
    /* ORing 0x20 lower-cases a letter (and only letters become letters) */
    switch (*line | 0x20) {
    case 'a':
        NAMED("authorization", H_AUTHORIZATION);
        break;
    case 'c':
        NAMED("call-id", H_CALL_ID);
        NAMED("cseq", H_CSEQ);
        NAMED("content-length", H_CONTENT_LENGTH);
        NAMED("content-type", H_CONTENT_TYPE);
        NAMED("c", H_CONTENT_TYPE);
        break;
    case 'f':
        NAMED("from", H_FROM);
        NAMED("f", H_FROM);
        break;
    case 'i':
        NAMED("i", H_CALL_ID);
        break;
    case 'l':
        NAMED("l", H_CONTENT_LENGTH);
        break;
    case 'p':
        NAMED("proxy-authenticate", H_PROXY_AUTHENTICATE);
        NAMED("proxy-authorization", H_PROXY_AUTHORIZATION);
        break;
    case 'r':
        NAMED("reason", H_REASON);
        NAMED("retry-after", H_RETRY_AFTER);
        break;
    case 's':
        NAMED("server", H_SERVER);
        break;
    case 't':
        NAMED("to", H_TO);
        NAMED("t", H_TO);
        break;
    case 'u':
        NAMED("user-agent", H_USER_AGENT);
        break;
    case 'w':
        NAMED("www-authenticate", H_WWW_AUTHENTICATE);
        NAMED("warning", H_WARNING);
        break;
    case '\0' | 0x20:
        /* a NUL name has always read as CSeq (it matched the empty compact
         * form of the long-only names): kept, results stay the same */
        NAMED("\0", H_CSEQ);
        break;
    default:
        break;
    }
#undef NAMED
    return H_OTHER;
}

/* A character of a SIP token: method names. */
static inline bool is_token(char c)
{
    return is(c, TOKEN);
}

/* The start line: "SIP/2.0 404 Not Found" or "INVITE sip:bob@x SIP/2.0". */
static bool start_line(sg_str_t line, sg_sip_t *m)
{
    static const char ver[] = "SIP/2.0 ";
    const char *sp1, *sp2;
    if (line.len >= 11 && memcmp(line.p, ver, 8) == 0) {
        const char *d = line.p + 8;
        if (!(d[0] >= '0' && d[0] <= '9' && d[1] >= '0' && d[1] <= '9' && d[2] >= '0' &&
              d[2] <= '9'))
            return false;
        if (line.len > 11 && d[3] != ' ' && d[3] != '\t')
            return false;
        m->code = (unsigned)((d[0] - '0') * 100 + (d[1] - '0') * 10 + (d[2] - '0'));
        m->status_line = line;
        return true;
    }
    /* the method: token characters up to the first space */
    for (sp1 = line.p; sp1 < line.p + line.len && is_token(*sp1); sp1++)
        ;
    if (sp1 == line.p || sp1 == line.p + line.len || *sp1 != ' ')
        return false;
    sp2 = memchr_c(sp1 + 1, line.len - (size_t)(sp1 + 1 - line.p), ' ');
    if (!sp2 || line.p + line.len - (sp2 + 1) != 7 || memcmp(sp2 + 1, "SIP/2.0", 7) != 0)
        return false;
    m->is_request = true;
    m->method = (sg_str_t){line.p, (size_t)(sp1 - line.p)};
    m->ruri = trim(sp1 + 1, (size_t)(sp2 - sp1 - 1));
    return true;
}

/* CSeq's value v (trimmed), unless one was read already. */
static inline void read_cseq(sg_sip_t *m, sg_str_t v)
{
    if (!m->has_cseq && read_uint(v, &m->cseq)) {
        /* v is trimmed, so it starts with the number's first digit */
        const char *c = v.p + 1, *e = v.p + v.len, *method;
        m->has_cseq = true;
        while (c < e && (is_ws(*c) || (*c >= '0' && *c <= '9')))
            c++;
        /* the method is a token, alone after the number (v is trimmed: up
         * to its end); junk names none */
        for (method = c; c < e && is_token(*c); c++)
            ;
        if (c > method && c == e)
            m->cseq_method = (sg_str_t){method, (size_t)(c - method)};
    }
}

static void header(sg_sip_t *m, header_t h, sg_str_t v, sg_str_t *ctype, uint32_t *clen,
                   bool *has_clen)
{
    sg_str_t s;
    switch (h) {
    case H_CALL_ID:
        if (!m->call_id.p)
            m->call_id = v;
        break;
    case H_CSEQ:
        read_cseq(m, v);
        break;
    case H_FROM:
        if (!m->from_tag.p && !m->from_user.p)
            name_addr(v, &m->from_user, &m->from_tag, NULL);
        break;
    case H_TO:
        if (!m->to_addr.p)
            name_addr(v, &m->to_user, &m->to_tag, &m->to_addr);
        break;
    case H_SERVER:
        if (!m->server.p)
            m->server = v;
        break;
    case H_USER_AGENT:
        if (!m->user_agent.p)
            m->user_agent = v;
        break;
    case H_AUTHORIZATION:
    case H_PROXY_AUTHORIZATION:
        if (!m->auth_user.p && !m->auth_realm.p) {
            m->auth_user = param(v, "username");
            m->auth_realm = param(v, "realm");
        }
        break;
    case H_WWW_AUTHENTICATE:
    case H_PROXY_AUTHENTICATE:
        if (!m->challenge_realm.p) {
            m->challenge_realm = param(v, "realm");
            s = param(v, "stale");
            m->stale = IS_CI(s, "true");
        }
        break;
    case H_REASON:
        if (!m->reason.p) {
            const char *semi = memchr_c(v.p, v.len, ';');
            sg_str_t proto = trim(v.p, semi ? (size_t)(semi - v.p) : v.len);
            m->reason = v;
            if (read_uint(param(v, "cause"), &m->reason_cause))
                m->reason_proto = IS_CI(proto, "q.850") ? 1 : IS_CI(proto, "sip") ? 2 : 0;
            m->reason_text = param(v, "text");
        }
        break;
    case H_RETRY_AFTER:
        if (!m->has_retry_after)
            m->has_retry_after = read_uint(v, &m->retry_after);
        break;
    case H_WARNING:
        if (!m->warning.p)
            m->warning = v;
        break;
    case H_CONTENT_TYPE:
        if (!ctype->p)
            *ctype = v;
        break;
    case H_CONTENT_LENGTH:
        if (!*has_clen)
            *has_clen = read_uint(v, clen);
        break;
    default:
        break;
    }
}

/* The m= and a= lines of an SDP body. */
static void sdp(sg_sip_t *m, const char *p, size_t n)
{
    const char *end = p + n;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end, *s = p;
        sg_str_t v;
        p = nl ? nl + 1 : end;
        while (s < le && is_ws(*s))
            s++;
        /* only m= and a= lines with a value: the others are not trimmed */
        if (le - s < 3 || s[1] != '=' || (s[0] != 'm' && s[0] != 'a'))
            continue;
        v = trim(s + 2, (size_t)(le - s - 2));
        if (!v.len)
            continue;
        if (s[0] == 'm') {
            if (m->nmedia < sizeof m->mlines / sizeof m->mlines[0])
                m->mlines[m->nmedia++] = v;
        } else if (m->nattr < SG_SIP_MAX_SDP_LINES) {
            m->attrs[m->nattr] = v;
            m->attr_media[m->nattr++] = (int)m->nmedia - 1;
        }
    }
}

/* The SDP of the body: the whole body for application/sdp, or the part of a
 * multipart body that says application/sdp. */
static void body(sg_sip_t *m, sg_str_t ctype, const char *p, size_t n)
{
    sg_str_t b = {p, n};
    const char *part, *start, *stop;
    if (!ctype.p || !n)
        return;
    if (IS_CI_PREFIX(ctype, "application/sdp")) {
        sdp(m, p, n);
        return;
    }
    if (!FIND_CI(ctype, "multipart/") || !(part = FIND_CI(b, "application/sdp")))
        return;
    b = (sg_str_t){part, n - (size_t)(part - p)};
    start = FIND_CI(b, "\n\n");
    if (!start) {
        start = FIND_CI(b, "\r\n\r\n");
        if (!start)
            return;
        start += 4;
    } else {
        start += 2;
    }
    b = (sg_str_t){start, (size_t)(p + n - start)};
    stop = FIND_CI(b, "\n--");
    sdp(m, start, stop ? (size_t)(stop - start) : b.len);
}

/* The line at p (p < end): where it ends (*le: its LF, or the message's
 * end), and where the next one starts. */
static const char *next_line(const char *p, const char *end, const char **le)
{
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    *le = nl ? nl : end;
    return nl ? nl + 1 : end;
}

static bool read_message(const char *buf, size_t len, sg_sip_t *m)
{
    const char *p, *le, *end;
    sg_str_t ctype = none;
    uint32_t clen = 0;
    bool has_clen = false;
    size_t n;

    if (!buf || !len)
        return false;
    end = buf + len;
    p = next_line(buf, end, &le);
    if (!start_line((sg_str_t){buf, (size_t)(le - buf) - (le > buf && le[-1] == '\r')}, m))
        return false;
    /* Header lines are taken to their LF: a CR before it is a blank, which
     * header_at() passes over and values are cut before. */
    while (p < end) {
        const char *line = p, *colon = NULL;
        header_t h;
        p = next_line(line, end, &le);
        /* the empty line ending the headers (most lines start with no blank) */
        if (is_ws(*line) && (*line == '\n' || (*line == '\r' && le == line + 1)))
            break;
        h = header_at(line, le, &colon);
        /* lines starting with a space or tab continue the value (folding) */
        if (p < end && is(*p, FOLD) && (colon || memchr(line, ':', (size_t)(le - line)))) {
            do {
                p = next_line(p, end, &le);
            } while (p < end && is(*p, FOLD));
        }
        if (h != H_OTHER) {
            if (le[-1] == '\r')
                le--;
            header(m, h, trim(colon + 1, (size_t)(le - colon - 1)), &ctype, &clen, &has_clen);
        }
    }
    if (p < end) {
        n = (size_t)(end - p);
        if (has_clen && clen < n)
            n = clen;
        body(m, ctype, p, n);
    }
    return true;
}

/* Every field is defined: zero, or NULL, when the message lacks it.  The SDP
 * arrays are 1.4 KB of sg_sip_t's 1.75 and most messages leave them empty:
 * they are cleared once the body is read, past what it filled, and the
 * fields before them first (a memset of the whole struct, its size known,
 * becomes rep stosq: an instruction per 8 bytes).  For that they must end
 * the struct: */
_Static_assert(sizeof(sg_sip_t) == offsetof(sg_sip_t, mlines) + sizeof(((sg_sip_t *)0)->mlines) +
                                       sizeof(((sg_sip_t *)0)->attrs) +
                                       sizeof(((sg_sip_t *)0)->attr_media),
               "the SDP arrays end sg_sip_t");

static void clear_unused_sdp(sg_sip_t *m)
{
    const size_t nmlines = sizeof m->mlines / sizeof m->mlines[0];
    if (!m->nattr) { /* one stretch: the unused m= lines to the end */
        char *from = (char *)(m->mlines + m->nmedia);
        memset(from, 0, (size_t)((char *)(m + 1) - from));
        return;
    }
    memset(m->mlines + m->nmedia, 0, (nmlines - m->nmedia) * sizeof m->mlines[0]);
    memset(m->attrs + m->nattr, 0, (SG_SIP_MAX_SDP_LINES - m->nattr) * sizeof m->attrs[0]);
    memset(m->attr_media + m->nattr, 0,
           (SG_SIP_MAX_SDP_LINES - m->nattr) * sizeof m->attr_media[0]);
}

bool sg_sip_parse(const char *buf, size_t len, sg_sip_t *m)
{
    bool ok;
    memset(m, 0, offsetof(sg_sip_t, mlines));
    ok = read_message(buf, len, m);
    clear_unused_sdp(m);
    return ok;
}

/* Whether the header line at p (up to le) is CSeq, as header_at() tells it,
 * and its colon. */
static bool cseq_at(const char *line, const char *le, const char **colon)
{
    while (line < le && is_ws(*line))
        line++;
    if (line == le)
        return false;
    if ((*line | 0x20) == 'c')
        return named(line, le, "cseq", 4, colon);
    return *line == '\0' && named(line, le, "\0", 1, colon);
}

/* "CSeq: 1 INVITE" alone on its line, the form nearly every message has, read
 * without looking for the line's end first; false for any other form (then
 * the line is read as read_message() reads it).  p is past the colon. */
static bool plain_cseq(const char *p, const char *end, sg_sip_t *m)
{
    const char *digits, *method;
    uint32_t v = 0;
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    /* nine digits at most: no overflow, and read_uint() stops no earlier */
    for (digits = p; p < end && p - digits < 9 && *p >= '0' && *p <= '9'; p++)
        v = v * 10 + (uint32_t)(*p - '0');
    if (p == digits || p == end || (*p != ' ' && *p != '\t'))
        return false;
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    /* a method starting with a digit would be read past (read_cseq) */
    for (method = p; p < end && is_token(*p); p++)
        ;
    if (p == method || (*method >= '0' && *method <= '9'))
        return false;
    if (p < end) { /* then the line's end, and no folded line after it */
        const char *lf = p + (*p == '\r');
        if (lf == end || *lf != '\n' || (lf + 1 < end && is(lf[1], FOLD)))
            return false;
    }
    m->has_cseq = true;
    m->cseq = v;
    m->cseq_method = (sg_str_t){method, (size_t)(p - method)};
    return true;
}

/* The header lines walked as read_message() walks them, up to the first CSeq
 * it reads, at one memchr a line: a line starting with none of 'c', 'C', a
 * blank, CR, LF or NUL (NOT_PLAIN) can be neither that CSeq, nor the empty
 * line, nor a folded line; nor can a line starting with 'c' not "cseq". */
bool sg_sip_parse_alone(const char *buf, size_t len, sg_sip_t *m)
{
    const char *line, *le, *end, *logical = NULL; /* the line the next may fold into */

    memset(m, 0, offsetof(sg_sip_t, mlines));
    if (!buf || !len)
        return false;
    end = buf + len;
    line = next_line(buf, end, &le);
    if (!start_line((sg_str_t){buf, (size_t)(le - buf) - (le > buf && le[-1] == '\r')}, m))
        return false;
    while (line < end) {
        const char *p, *colon = NULL;
        if (is(*line, NOT_PLAIN)) {
            if ((*line | 0x20) != 'c' || (end - line >= 5 && same_ci(line, "cseq", 4))) {
                if ((*line | 0x20) == 'c' && line[4] == ':' && plain_cseq(line + 5, end, m))
                    return true;
                goto as_read_message;
            }
        }
        logical = line;
        if (!(p = memchr(line, '\n', (size_t)(end - line))))
            break;
        line = p + 1;
        continue;

    as_read_message: /* any other line, as read_message() reads it */
        p = next_line(line, end, &le);
        /* logical ends before line: its LF is found */
        if (is(*line, FOLD) && logical &&
            memchr(logical, ':', (size_t)((const char *)memchr(logical, '\n', (size_t)(line - logical)) -
                                          logical))) {
            line = p; /* it folds into the line before, no CSeq */
            continue;
        }
        if (is_ws(*line) && (*line == '\n' || (*line == '\r' && le == line + 1)))
            break;
        logical = line;
        if (!cseq_at(line, le, &colon)) {
            line = p;
            continue;
        }
        while (p < end && is(*p, FOLD))
            p = next_line(p, end, &le);
        if (le[-1] == '\r')
            le--;
        read_cseq(m, trim(colon + 1, (size_t)(le - colon - 1)));
        if (m->has_cseq)
            return true;
        line = p;
    }
    return true;
}

char *sg_str_copy(sg_str_t s, char *out, size_t outlen)
{
    size_t n;
    if (!s.p || !outlen)
        return NULL;
    n = s.len < outlen - 1 ? s.len : outlen - 1;
    memcpy(out, s.p, n);
    out[n] = '\0';
    return out;
}
