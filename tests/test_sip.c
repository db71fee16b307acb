/* test_sip.c - unit tests of the SIP message reader (core/sipguide_sip.c). */
#include "sipguide_sip.h"

#include <stdio.h>
#include <string.h>

#include "check.h"

static bool is(sg_str_t s, const char *want)
{
    return want ? s.p && s.len == strlen(want) && memcmp(s.p, want, s.len) == 0 : s.p == NULL;
}

static sg_sip_t parse(const char *text)
{
    sg_sip_t m;
    CHECK(sg_sip_parse(text, strlen(text), &m), "parses: %.40s", text);
    return m;
}

static void test_response(void)
{
    sg_sip_t m = parse("SIP/2.0 401 Unauthorized\r\n"
                       "Via: SIP/2.0/UDP 192.0.2.10;branch=z9hG4bK1\r\n"
                       "f: \"Alice\" <sip:alice@example.com>;tag=ft1\r\n"
                       "t: <sip:alice@example.com;transport=udp>;TAG=tt9\r\n"
                       "i:  abc@192.0.2.10 \r\n"
                       "CSeq: 2 REGISTER\r\n"
                       "WWW-Authenticate: Digest realm=\"example.com\", nonce=\"n\",\r\n"
                       "  stale=TRUE, algorithm=MD5\r\n"
                       "Server: CarrierSBC/2.1\r\n"
                       "Retry-After: 120 (busy)\r\n"
                       "Warning: 305 gw \"Incompatible media format\"\r\n"
                       "l: 0\r\n\r\n");
    CHECK(!m.is_request && m.code == 401, "code 401");
    CHECK(is(m.status_line, "SIP/2.0 401 Unauthorized"), "status line");
    CHECK(is(m.from_user, "alice") && is(m.from_tag, "ft1"), "compact From: user and tag");
    CHECK(is(m.to_user, "alice") && is(m.to_tag, "tt9") && is(m.to_addr, "sip:alice@example.com"),
          "To: tag in any case, address without URI parameters");
    CHECK(is(m.call_id, "abc@192.0.2.10"), "compact Call-ID, trimmed");
    CHECK(m.has_cseq && m.cseq == 2 && is(m.cseq_method, "REGISTER"), "CSeq");
    CHECK(is(m.challenge_realm, "example.com") && m.stale, "a folded challenge: realm, stale");
    CHECK(is(m.server, "CarrierSBC/2.1"), "Server");
    CHECK(m.has_retry_after && m.retry_after == 120, "Retry-After with a comment");
    CHECK(is(m.warning, "305 gw \"Incompatible media format\""), "Warning");
}

static void test_request_with_sdp(void)
{
    sg_sip_t m = parse("INVITE sip:+15551234567@gw.example.com;user=phone SIP/2.0\n"
                       "From: <tel:+15550001111>;tag=a\n"
                       "To: sip:+15551234567@gw.example.com\n"
                       "Call-ID: x1\n"
                       "CSeq: 7 INVITE\n"
                       "Proxy-Authorization: Digest username=\"carol\",realm=\"sip.example.net\"\n"
                       "Reason: Q.850;cause=16;text=\"Normal call clearing\"\n"
                       "Content-Type: application/sdp\n"
                       "Content-Length: 95\n"
                       "\n"
                       "v=0\n"
                       "c=IN IP4 192.0.2.10\n"
                       "a=inactive\n"
                       "m=audio 0 RTP/AVP 0 101\n"
                       "a=rtpmap:101 telephone-event/8000\n"
                       "NOT PART OF THE BODY: past Content-Length\n");
    CHECK(m.is_request && is(m.method, "INVITE"), "request");
    CHECK(is(m.ruri, "sip:+15551234567@gw.example.com;user=phone"), "Request-URI");
    CHECK(is(m.from_user, "+15550001111") && is(m.from_tag, "a"), "tel: From");
    CHECK(is(m.to_user, "+15551234567") && is(m.to_tag, NULL), "addr-spec To without tag");
    CHECK(is(m.auth_user, "carol") && is(m.auth_realm, "sip.example.net"), "credentials");
    CHECK(m.reason_proto == 1 && m.reason_cause == 16 && is(m.reason_text, "Normal call clearing"),
          "Reason");
    CHECK(m.nmedia == 1 && is(m.mlines[0], "audio 0 RTP/AVP 0 101"), "m= line");
    CHECK(m.nattr == 2 && m.attr_media[0] == -1 && m.attr_media[1] == 0 &&
              is(m.attrs[1], "rtpmap:101 telephone-event/8000"),
          "a= lines, session and media level");
}

static void test_multipart(void)
{
    sg_sip_t m = parse("INVITE sip:b@x SIP/2.0\r\n"
                       "Content-Type: multipart/mixed;boundary=zz\r\n\r\n"
                       "--zz\r\nContent-Type: application/isup\r\n\r\nxx\r\n"
                       "--zz\r\nContent-Type: application/sdp\r\n\r\n"
                       "v=0\r\nm=audio 4000 RTP/SAVP 18\r\na=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:k\r\n"
                       "--zz--\r\n");
    CHECK(m.nmedia == 1 && is(m.mlines[0], "audio 4000 RTP/SAVP 18") && m.nattr == 1,
          "the SDP part of a multipart body");
}

static void test_not_sip(void)
{
    static const char *const junk[] = {
        "", "\r\n", "HTTP/1.1 200 OK\r\n\r\n", "SIP/2.0 4x4 Nope\r\n", "SIP/2.0 4040 x\r\n",
        "INVITE sip:b@x HTTP/1.1\r\n", "GET / HTTP/1.1\r\nHost: x\r\n\r\n", "Continuation data",
    };
    sg_sip_t m;
    for (size_t i = 0; i < sizeof junk / sizeof junk[0]; i++)
        CHECK(!sg_sip_parse(junk[i], strlen(junk[i]), &m), "not SIP: \"%s\"", junk[i]);
    CHECK(!sg_sip_parse(NULL, 0, &m), "NULL");
    /* a message cut anywhere still reads without running past its end */
    {
        const char *msg = "SIP/2.0 200 OK\r\nCall-ID: q\r\nCSeq: 1 INVITE\r\nFrom: <sip:a@b>;tag=1\r\n"
                          "WWW-Authenticate: Digest realm=\"r";
        for (size_t n = 0; n <= strlen(msg); n++) {
            char buf[256];
            memcpy(buf, msg, n); /* no terminator: reads must stay within n */
            sg_sip_parse(buf, n, &m);
        }
        CHECK(sg_sip_parse(msg, strlen(msg), &m) && is(m.challenge_realm, "r"),
              "an unterminated quote ends at the message's end");
    }
    CHECK(sg_sip_parse("SIP/2.0 099 Low\r\n", 17, &m) && m.code == 99, "three digits: 099");
    CHECK(sg_sip_parse("SIP/2.0 200 OK\r\nCSeq: 1 /EGIS\xff\r\n", 31, &m) && m.has_cseq &&
              m.cseq == 1 && m.cseq_method.p == NULL,
          "a CSeq whose method is no token names none");
    CHECK(sg_sip_parse("SIP/2.0 180", 11, &m) && m.code == 180, "no phrase");
}

/* The edges of header lines and SDP lines the reader walks fast. */
static void test_line_edges(void)
{
    static const char msg[] = "SIP/2.0 200 OK\r\n"
                              "From:\r\n"
                              "From: <sip:a@b>;tag=f2\r\n"
                              "To : <sip:bob@x>;tag=t1\r\n"
                              "No colon on this line\r\n"
                              " Call-ID: c1\r\n"
                              "Via: SIP/2.0/UDP x\r\n"
                              " ;received=y\r\n"
                              "Authorization:\r\n"
                              "Reason:\r\n"
                              "CSeq:\r\n"
                              "CSeq: 7\r\n"
                              "  BYE\r\n"
                              "Content-Length:\r\n"
                              "Content-Type: Application/SDP; charset=x\r\n"
                              "\r\n"
                              " a=session \r\n"
                              "m=\r\n"
                              "m=audio 9 RTP/AVP 0\r\n"
                              "a=\r\n";
    sg_sip_t m = parse(msg);
    CHECK(is(m.from_user, "a") && is(m.from_tag, "f2"), "an empty From, then one with a tag");
    CHECK(is(m.to_user, "bob") && is(m.to_tag, "t1"), "blanks before a header's colon");
    CHECK(is(m.call_id, "c1"), "a blank-led line after one without a colon is no fold");
    CHECK(m.has_cseq && m.cseq == 7 && is(m.cseq_method, "BYE"), "a folded CSeq");
    CHECK(!m.auth_user.p && !m.auth_realm.p && !m.reason.p && !m.reason_proto,
          "empty Authorization and Reason");
    CHECK(m.nmedia == 1 && is(m.mlines[0], "audio 9 RTP/AVP 0") && m.nattr == 1 &&
              is(m.attrs[0], "session") && m.attr_media[0] == -1 && !m.attrs[1].p && !m.mlines[1].p,
          "SDP lines: blanks trimmed, empty ones skipped, no Content-Length");
}

static bool same_str(sg_str_t a, sg_str_t b)
{
    return a.p == b.p && a.len == b.len;
}

/* sg_sip_parse_alone reads the start line and CSeq exactly as the full
 * reader does, and nothing else. */
static void test_alone(void)
{
    static const char *const msgs[] = {
        "SIP/2.0 486 Busy Here\r\nCall-ID: x\r\nFrom: <sip:a@b>;tag=1\r\nCSeq: 12 INVITE\r\n"
        "CSeq: 13 BYE\r\n\r\nv=0\r\nm=audio 4 RTP/AVP 0\r\n",
        "SIP/2.0 200 OK\r\nCSeq:\r\nCSeq: 7\r\n  BYE\r\n\r\n",
        "INVITE sip:b@x SIP/2.0\r\nCSeq: 1 INVITE\r\nContent-Type: application/sdp\r\n\r\n"
        "m=audio 4 RTP/AVP 0\r\n",
        "SIP/2.0 200 OK\r\nCSeq: 1 /EGIS\xff\r\n",
        "SIP/2.0 180",
        "SIP/2.0 100 Trying\nVia: x\n\nCSeq: 1 INVITE\n",
        "HTTP/1.1 200 OK\r\n\r\n",
        /* the lines the alone reader does not pass with one memchr */
        "SIP/2.0 200 OK\r\ncseq : 3 bye\r\n",
        "SIP/2.0 200 OK\r\n CSeq: 4 ACK\r\n",
        "SIP/2.0 200 OK\r\nNo colon\r\n\tCSeq: 5 ACK\r\n",
        "SIP/2.0 200 OK\r\nVia: x\r\n CSeq: 6 ACK\r\nCSeq: 7 BYE\r\n",
        "SIP/2.0 200 OK\r\nCSeq: 8 1NVITE\r\n",
        "SIP/2.0 200 OK\r\nCSeq: 9 INVITE\r\n continued\r\n",
        "SIP/2.0 200 OK\r\nCSeq: 1234567890 INVITE\r\n",
        "SIP/2.0 200 OK\r\nCSeq: 12 INVITE\r",
        "SIP/2.0 200 OK\r\nCSeq: 12 INVITE x\r\n",
        "SIP/2.0 200 OK\r\n\rCSeq: 13 BYE\r\n",
        "SIP/2.0 200 OK\r\n\r\r\nCSeq: 14 BYE\r\n",
        "SIP/2.0 200 OK\r\nCSeq",
        "SIP/2.0 200 OK\r\nCall-ID: c\r\nCSeq:",
        "INVITE sip:b@x SIP/2.0\nCSeq: 15\tINVITE",
    };
    for (size_t i = 0; i < sizeof msgs / sizeof msgs[0]; i++) {
        sg_sip_t full, alone;
        size_t n = strlen(msgs[i]);
        bool a = sg_sip_parse(msgs[i], n, &full), b = sg_sip_parse_alone(msgs[i], n, &alone);
        CHECK(a == b && full.is_request == alone.is_request && full.code == alone.code &&
                  same_str(full.status_line, alone.status_line) && same_str(full.method, alone.method) &&
                  same_str(full.ruri, alone.ruri) && full.has_cseq == alone.has_cseq &&
                  full.cseq == alone.cseq && same_str(full.cseq_method, alone.cseq_method),
              "alone reads the start line and CSeq as the full reader: %.30s", msgs[i]);
        CHECK(!alone.call_id.p && !alone.from_tag.p && alone.nmedia == 0 && alone.nattr == 0,
              "alone reads nothing else: %.30s", msgs[i]);
    }
    {
        /* a header named by a NUL byte reads as CSeq, in both readers */
        static const char nul[] = "SIP/2.0 200 OK\r\n\0 : 16 BYE\r\n";
        sg_sip_t full, alone;
        CHECK(sg_sip_parse(nul, sizeof nul - 1, &full) && sg_sip_parse_alone(nul, sizeof nul - 1, &alone) &&
                  full.has_cseq && full.cseq == 16 && alone.has_cseq && alone.cseq == 16 &&
                  same_str(full.cseq_method, alone.cseq_method),
              "a NUL-named header reads as CSeq alone too");
    }
}

int main(void)
{
    test_response();
    test_request_with_sdp();
    test_multipart();
    test_not_sip();
    test_line_edges();
    test_alone();
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
