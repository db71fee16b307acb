/* fuzz_core.c - libFuzzer harness for sipguide's pure-C parts: user-table row
 * checks, action splitting, code-range and status-line parsing, Warning
 * headers, phrase comparison and the scan tracker.  Built and run by
 * tests/fuzz_core.sh. */
#include "sipguide_core.h"
#include "sipguide_sip.h"
#include "sipguide_track.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Splits the input at NUL bytes into up to n strings (copies, NUL-terminated). */
static size_t split(const uint8_t *data, size_t size, char **out, size_t n)
{
    size_t k = 0, start = 0;
    for (size_t i = 0; i <= size && k < n; i++) {
        if (i == size || data[i] == 0) {
            out[k] = malloc(i - start + 1);
            memcpy(out[k], data + start, i - start);
            out[k][i - start] = 0;
            k++;
            start = i + 1;
        }
    }
    return k;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *f[6] = {0};
    size_t n = split(data, size, f, 6);
    char err[256];
    unsigned code;
    sg_severity_t sev;
    sg_user_row_t row = {f[0], f[1], f[2], f[3], f[4]};
    const char *starts[SIPGUIDE_MAX_ACTIONS], *phrase;
    size_t lens[SIPGUIDE_MAX_ACTIONS], plen;
    sg_codeset_t set;
    sg_warning_t w;

    if (sg_user_row_check(&row, &code, &sev, err, sizeof err) &&
        (code < 100 || code > 699 || sev > SG_SEV_ERROR))
        abort(); /* accepted a row it should have refused */
    sg_split_actions(f[3], starts, lens, SIPGUIDE_MAX_ACTIONS);
    if (n > 0) {
        size_t len = strlen(f[0]);
        if (sg_codeset_parse(&set, f[0], err, sizeof err) && sg_codeset_has(&set, 99))
            abort();
        if (sg_status_line_phrase(f[0], len, &phrase, &plen) &&
            (phrase < f[0] || phrase + plen > f[0] + len))
            abort();
        if (sg_parse_warning(f[0], len, &w) &&
            (w.text < f[0] || w.text + w.text_len > f[0] + len || w.code > 999))
            abort();
        sg_phrase_matches(sg_builtin_lookup(size % 700), f[0], len);
    }
    /* The SIP message reader over the raw bytes, in a buffer of exactly their
     * size (AddressSanitizer catches any read past it), then the tracker. */
    {
        char *msg = malloc(size ? size : 1);
        sg_sip_t m;
        memcpy(msg, data, size);
        if (sg_sip_parse(msg, size, &m)) {
            const sg_str_t *all[] = {&m.status_line, &m.method, &m.ruri, &m.call_id,
                                     &m.cseq_method, &m.from_user, &m.from_tag, &m.to_user,
                                     &m.to_tag, &m.to_addr, &m.server, &m.user_agent,
                                     &m.auth_user, &m.auth_realm, &m.challenge_realm, &m.reason,
                                     &m.reason_text, &m.warning};
            for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
                if (all[i]->p && (all[i]->p < msg || all[i]->p + all[i]->len > msg + size))
                    abort(); /* a piece outside the message */
            if (m.nmedia > 8 || m.nattr > SG_SIP_MAX_SDP_LINES)
                abort();
            {
                char cid[64], meth[32];
                sg_tracker_t *tr = sg_tracker_new();
                sg_msg_t f = {.frame = 1, .src = "a", .dst = "b", .is_request = m.is_request,
                              .code = m.code, .method = sg_str_copy(m.is_request ? m.method : m.cseq_method, meth, sizeof meth),
                              .call_id = sg_str_copy(m.call_id, cid, sizeof cid), .cseq = m.cseq,
                              .has_cseq = m.has_cseq};
                sg_judgement_t j;
                bool counts;
                sg_track_request(tr, &f);
                f.is_request = false;
                f.src = "b";
                f.dst = "a";
                sg_track_response(tr, &f, &j, &counts);
                sg_track_response(tr, &f, &j, &counts);
                sg_tracker_free(tr);
            }
        }
        free(msg);
    }
    /* The scan tracker, driven by the bytes: address, time step, user. */
    sg_scan_cfg_t cfg = {.threshold = 2 + size % 7, .window = 5, .max_addrs = 3};
    sg_scan_t *s = sg_scan_new(&cfg);
    sg_scan_hit_t hit;
    double t = 0;
    for (size_t i = 0; i + 2 < size; i += 3) {
        char addr[4] = {(char)('a' + data[i] % 5), 0};
        char user[2] = {(char)('0' + data[i + 2] % 40), 0};
        t += data[i + 1] % 4;
        sg_scan_record(s, addr, t, user, &hit);
        if (hit.count > 4 * cfg.threshold || sg_scan_tracked(s) > cfg.max_addrs ||
            strlen(hit.users_text) >= sizeof hit.users_text)
            abort();
    }
    sg_scan_free(s);
    for (size_t i = 0; i < n; i++)
        free(f[i]);
    return 0;
}
