/* test_track.c - unit tests of the tracker (core/sipguide_track.c): facts in,
 * judgements and calls out, no Wireshark. */
#include "sipguide_track.h"

#include <stdio.h>
#include <string.h>

#include "check.h"

#define HAS(j, f) (((j).findings >> (f)) & 1u)

static const char *const A = "192.0.2.10", *const B = "198.51.100.20", *const P = "203.0.113.5";
static unsigned frame;

/* A request from src to dst at time t. */
static sg_msg_t req(const char *method, const char *call, unsigned cseq, const char *src,
                    const char *dst, double t)
{
    sg_msg_t m;
    memset(&m, 0, sizeof m);
    m.frame = ++frame;
    m.t = t;
    m.src = src;
    m.dst = dst;
    m.is_request = true;
    m.method = method;
    m.call_id = call;
    m.cseq = cseq;
    m.has_cseq = true;
    m.from_user = "alice";
    m.from_tag = "ft1";
    m.to_user = "bob";
    m.ruri = "sip:bob@example.com";
    return m;
}

/* A response from src to dst, answering method. */
static sg_judgement_t resp(sg_tracker_t *tr, unsigned code, const char *method, const char *call,
                           unsigned cseq, const char *src, const char *dst, double t,
                           const char *to_tag, bool *counts)
{
    sg_msg_t m = req(method, call, cseq, src, dst, t);
    sg_judgement_t j;
    bool c;
    m.is_request = false;
    m.code = code;
    m.to_tag = to_tag;
    sg_track_response(tr, &m, &j, counts ? counts : &c);
    return j;
}

static void test_right_request(void)
{
    sg_tracker_t *tr = sg_tracker_new();
    sg_msg_t inv = req("INVITE", "c1", 1, A, B, 0.0), can;
    sg_judgement_t j;
    sg_track_request(tr, &inv);
    resp(tr, 180, "INVITE", "c1", 1, B, A, 0.4, "tt", NULL);
    can = req("CANCEL", "c1", 1, A, B, 3.0);
    sg_track_request(tr, &can);
    j = resp(tr, 200, "CANCEL", "c1", 1, B, A, 3.02, "tt", NULL);
    CHECK(j.request_frame == can.frame, "200 answers the CANCEL (frame %u), got %u", can.frame,
          j.request_frame);
    j = resp(tr, 487, "INVITE", "c1", 1, B, A, 3.03, "tt", NULL);
    CHECK(j.request_frame == inv.frame, "487 answers the INVITE, got %u", j.request_frame);
    CHECK(j.response_time > 3.02 && j.response_time < 3.04, "response time %f", j.response_time);
    CHECK(HAS(j, SG_FIND_CANCELLED) && !HAS(j, SG_FIND_NO_CANCEL), "cancelled, not no-cancel");
    CHECK(j.cancel_frame == can.frame && strcmp(j.cancel_method, "CANCEL") == 0, "cancel frame");
    CHECK(j.outcome == SG_OUTCOME_CANCELLED, "the 487 to the caller decides: cancelled");
    /* the callee's own CSeq 1 re-INVITE is another transaction */
    j = resp(tr, 200, "INVITE", "c1", 1, A, B, 4.0, "ft1", NULL);
    CHECK(j.request_frame == 0, "a response in the other direction is not the caller's INVITE");
    sg_tracker_free(tr);
}

static void test_retransmissions(void)
{
    sg_tracker_t *tr = sg_tracker_new();
    sg_msg_t inv = req("INVITE", "c2", 1, A, B, 0.0), ack;
    sg_judgement_t j1, j2, j3, j4;
    bool counts;
    sg_track_request(tr, &inv);
    j1 = resp(tr, 486, "INVITE", "c2", 1, B, A, 0.3, "t", &counts);
    CHECK(j1.retransmission_of == 0 && counts, "first 486 is no retransmission and counts");
    j2 = resp(tr, 486, "INVITE", "c2", 1, B, A, 0.8, "t", &counts);
    CHECK(j2.retransmission_of == j1.request_frame + 1, "second 486 resends the first (%u)",
          j2.retransmission_of);
    CHECK(!counts, "a resend does not count for the scan");
    CHECK(!HAS(j2, SG_FIND_NO_ACK), "one resend alone is no no-ack yet");
    j3 = resp(tr, 486, "INVITE", "c2", 1, B, A, 1.8, "t", NULL);
    CHECK(HAS(j3, SG_FIND_NO_ACK) && j3.sends == 3, "third send: no-ack, 3 sends (%u)", j3.sends);
    CHECK(j3.sends_span > 1.49 && j3.sends_span < 1.51, "over 1.5 s");
    CHECK(!(j3.quiet & (1u << SG_FIND_NO_ACK)), "raised once, here");
    j4 = resp(tr, 486, "INVITE", "c2", 1, B, A, 3.8, "t", NULL);
    CHECK(HAS(j4, SG_FIND_NO_ACK) && (j4.quiet & (1u << SG_FIND_NO_ACK)) && j4.sends == 4,
          "fourth send keeps the finding, quietly");
    /* with the ACK in between, no no-ack */
    inv = req("INVITE", "c3", 1, A, B, 10.0);
    sg_track_request(tr, &inv);
    resp(tr, 486, "INVITE", "c3", 1, B, A, 10.3, "t", NULL);
    ack = req("ACK", "c3", 1, A, B, 10.31);
    sg_track_request(tr, &ack);
    resp(tr, 486, "INVITE", "c3", 1, B, A, 10.8, "t", NULL);
    j3 = resp(tr, 486, "INVITE", "c3", 1, B, A, 11.8, "t", NULL);
    CHECK(!HAS(j3, SG_FIND_NO_ACK), "ACK seen: no no-ack");
    sg_tracker_free(tr);
}

static void test_request_resends_and_hops(void)
{
    sg_tracker_t *tr = sg_tracker_new();
    sg_msg_t inv = req("INVITE", "c4", 1, A, P, 0.0), fwd;
    sg_judgement_t j;
    sg_track_request(tr, &inv);
    /* the proxy forwards it: another hop, not a resend */
    fwd = req("INVITE", "c4", 1, P, B, 0.01);
    sg_track_request(tr, &fwd);
    inv.frame = ++frame;
    inv.t = 0.5;
    sg_track_request(tr, &inv);
    inv.frame = ++frame;
    inv.t = 1.5;
    sg_track_request(tr, &inv);
    inv.frame = ++frame;
    inv.t = 3.5;
    sg_track_request(tr, &inv);
    j = resp(tr, 408, "INVITE", "c4", 1, P, A, 4.0, "x", NULL);
    CHECK(HAS(j, SG_FIND_REQUEST_RETRANSMITTED) && j.resends == 3, "INVITE sent 4 times (%u)",
          j.resends + 1);
    CHECK(j.resends_span > 3.49 && j.resends_span < 3.51, "over 3.5 s");
    j = resp(tr, 408, "INVITE", "c4", 1, B, P, 4.0, "y", NULL);
    CHECK(!HAS(j, SG_FIND_REQUEST_RETRANSMITTED), "the far hop's INVITE was sent once");
    sg_tracker_free(tr);
}

static void test_conflicting_final(void)
{
    sg_tracker_t *tr = sg_tracker_new();
    sg_msg_t inv = req("INVITE", "c5", 1, A, B, 0.0);
    sg_judgement_t j1, j2;
    sg_track_request(tr, &inv);
    j1 = resp(tr, 600, "INVITE", "c5", 1, B, A, 0.5, "t", NULL);
    j2 = resp(tr, 500, "INVITE", "c5", 1, B, A, 0.6, "t", NULL);
    CHECK(!HAS(j1, SG_FIND_CONFLICTING_FINAL), "first final is fine");
    CHECK(HAS(j2, SG_FIND_CONFLICTING_FINAL) && j2.first_final_code == 600 &&
              j2.first_final_frame == inv.frame + 1,
          "second final names the first");
    CHECK(j1.outcome == SG_OUTCOME_FAILED && j2.outcome == SG_OUTCOME_NONE,
          "the first decides the call");
    sg_tracker_free(tr);
}

static void test_bye_on_early_dialog(void)
{
    sg_tracker_t *tr = sg_tracker_new();
    sg_msg_t inv = req("INVITE", "c6", 1, A, B, 0.0), bye;
    sg_judgement_t j;
    sg_track_request(tr, &inv);
    resp(tr, 180, "INVITE", "c6", 1, B, A, 0.4, "tt", NULL);
    bye = req("BYE", "c6", 2, A, B, 2.0);
    bye.to_tag = "tt";
    sg_track_request(tr, &bye);
    resp(tr, 200, "BYE", "c6", 2, B, A, 2.01, "tt", NULL);
    j = resp(tr, 487, "INVITE", "c6", 1, B, A, 2.02, "tt", NULL);
    CHECK(HAS(j, SG_FIND_CANCELLED) && !HAS(j, SG_FIND_NO_CANCEL), "BYE counts like CANCEL");
    CHECK(j.cancel_frame == bye.frame && strcmp(j.cancel_method, "BYE") == 0, "names the BYE");
    /* and without: no-cancel */
    inv = req("INVITE", "c7", 1, A, B, 5.0);
    sg_track_request(tr, &inv);
    j = resp(tr, 487, "INVITE", "c7", 1, B, A, 6.0, "tt", NULL);
    CHECK(HAS(j, SG_FIND_NO_CANCEL) && !HAS(j, SG_FIND_CANCELLED), "no CANCEL, no BYE");
    CHECK(j.outcome == SG_OUTCOME_FAILED, "487 without CANCEL: failed");
    sg_tracker_free(tr);
}

static void test_credentials(void)
{
    sg_tracker_t *tr = sg_tracker_new();
    sg_msg_t r1 = req("REGISTER", "r1", 1, A, B, 0.0), r2;
    sg_judgement_t j;
    bool counts;
    sg_track_request(tr, &r1);
    j = resp(tr, 401, "REGISTER", "r1", 1, B, A, 0.1, "t", &counts);
    CHECK(!j.findings && !counts, "a first challenge is routine and does not count");
    r2 = req("REGISTER", "r1", 2, A, B, 0.2);
    r2.has_auth = true;
    r2.auth_user = "bob";
    r2.auth_realm = "example.com";
    sg_track_request(tr, &r2);
    j = resp(tr, 403, "REGISTER", "r1", 2, B, A, 0.3, "t", &counts);
    CHECK(HAS(j, SG_FIND_CREDENTIALS_REJECTED) && counts, "403 to credentials: rejected");
    CHECK(j.auth_user && strcmp(j.auth_user, "bob") == 0 && strcmp(j.auth_realm, "example.com") == 0,
          "names user and realm");
    /* stale nonce: routine */
    r2.cseq = 3;
    r2.frame = ++frame;
    sg_track_request(tr, &r2);
    {
        sg_msg_t m = req("REGISTER", "r1", 3, B, A, 0.5);
        m.is_request = false;
        m.code = 401;
        m.stale = true;
        sg_track_response(tr, &m, &j, &counts);
    }
    CHECK(HAS(j, SG_FIND_NONCE_EXPIRED) && !HAS(j, SG_FIND_CREDENTIALS_REJECTED) && !counts,
          "stale=true: nonce-expired, quiet");
    CHECK(sg_finding_info(SG_FIND_NONCE_EXPIRED)->severity == SG_SEV_NONE, "nonce-expired is quiet");
    CHECK(sg_tracker_aors(tr) == 1, "one address-of-record");
    sg_tracker_free(tr);
}

static void test_offer(void)
{
    static const char *const ml[] = {"audio 0 RTP/AVP 0 8 101", "video 0 RTP/AVP 96"};
    static const char *const at[] = {"inactive", "rtpmap:101 telephone-event/8000",
                                     "rtpmap:96 H264/90000"};
    static const int am[] = {-1, 0, 1};
    static const char *const ml2[] = {"audio 4000 RTP/SAVP 18"};
    static const char *const at2[] = {"crypto:1 AES_CM_128_HMAC_SHA1_80 inline:xyz"};
    static const int am2[] = {0};
    sg_offer_t o;
    sg_tracker_t *tr = sg_tracker_new();
    sg_msg_t inv;
    sg_judgement_t j;

    sg_offer_parse(&o, ml, 2, at, am, 3);
    CHECK(o.nmedia == 2 && strcmp(o.media[0], "audio 0 RTP/AVP inactive") == 0,
          "media line with the session direction: %s", o.media[0]);
    CHECK(o.ncodecs == 4 && strcmp(o.codecs[0], "PCMU/8000") == 0 &&
              strcmp(o.codecs[1], "PCMA/8000") == 0 &&
              strcmp(o.codecs[2], "telephone-event/8000") == 0 &&
              strcmp(o.codecs[3], "H264/90000") == 0,
          "codecs by static name and rtpmap");
    CHECK(o.all_port_zero && !o.secure, "all on port 0, plain RTP");
    sg_offer_parse(&o, ml2, 1, at2, am2, 1);
    CHECK(o.secure && !o.all_port_zero && strcmp(o.codecs[0], "G729/8000") == 0, "SRTP offer");
    CHECK(sg_static_payload_name(18) && !sg_static_payload_name(96), "static payload names");

    inv = req("INVITE", "o1", 1, A, B, 0.0);
    inv.has_sdp = true;
    inv.sdp = "v=0\nm=audio 4000 RTP/SAVP 18\na=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:xyz\n"
              "a=ptime:20\na=sendonly\n";
    sg_offer_from_sdp(&o, "a=inactive\nm=audio 0 RTP/AVP 0 8 101\nm=video 0 RTP/AVP 96\na=rtpmap:96 H264/90000");
    CHECK(o.nmedia == 2 && o.ncodecs == 4 && o.all_port_zero && strcmp(o.codecs[3], "H264/90000") == 0 &&
              strcmp(o.media[0], "audio 0 RTP/AVP inactive") == 0,
          "offer from SDP text: %s", o.media[0]);
    sg_track_request(tr, &inv);
    j = resp(tr, 488, "INVITE", "o1", 1, B, A, 0.1, "t", NULL);
    CHECK(HAS(j, SG_FIND_OFFER_SECURE_MEDIA) && j.offer_frame == inv.frame && j.offer &&
              j.offer->ncodecs == 1 && strcmp(j.offer->media[0], "audio 4000 RTP/SAVP sendonly") == 0,
          "488 shows the refused offer");
    inv = req("INVITE", "o2", 1, A, B, 1.0);
    sg_track_request(tr, &inv);
    j = resp(tr, 488, "INVITE", "o2", 1, B, A, 1.1, "t", NULL);
    CHECK(HAS(j, SG_FIND_OFFER_NO_SDP) && !j.offer, "late offer");
    j = resp(tr, 200, "INVITE", "o2", 1, B, A, 1.2, "u", NULL);
    CHECK(!HAS(j, SG_FIND_OFFER_NO_SDP), "a 2xx says nothing about offers");
    sg_tracker_free(tr);
}

static void test_calls(void)
{
    sg_tracker_t *tr = sg_tracker_new();
    sg_msg_t inv = req("INVITE", "k1", 1, A, B, 100.0), bye, inv2;
    sg_judgement_t j;
    const sg_call_t *c;

    /* challenge then answered: one call, answered */
    sg_track_request(tr, &inv);
    j = resp(tr, 407, "INVITE", "k1", 1, B, A, 100.1, "t", NULL);
    CHECK(j.outcome == SG_OUTCOME_NONE, "a challenge decides nothing");
    inv2 = req("INVITE", "k1", 2, A, B, 100.2);
    inv2.has_auth = true;
    inv2.auth_user = "alice";
    sg_track_request(tr, &inv2);
    resp(tr, 180, "INVITE", "k1", 2, B, A, 100.6, "t2", NULL);
    j = resp(tr, 200, "INVITE", "k1", 2, B, A, 102.0, "t2", NULL);
    CHECK(j.outcome == SG_OUTCOME_ANSWERED && j.setup_ms == 600 && j.answer_ms == 2000,
          "answered after the challenge: setup %ld, answer %ld", j.setup_ms, j.answer_ms);
    bye = req("BYE", "k1", 1, B, A, 132.0);
    bye.from_tag = "t2";
    sg_track_request(tr, &bye);
    /* a refused re-INVITE leaves it answered */
    inv = req("INVITE", "k1", 3, A, B, 110.0);
    inv.to_tag = "t2";
    sg_track_request(tr, &inv);
    resp(tr, 488, "INVITE", "k1", 3, B, A, 110.1, "t2", NULL);
    /* no response at all */
    inv = req("INVITE", "k2", 1, A, B, 200.0);
    sg_track_request(tr, &inv);

    CHECK(sg_tracker_calls(tr) == 2, "two calls (%zu)", sg_tracker_calls(tr));
    c = sg_tracker_call(tr, 0);
    CHECK(c->outcome == SG_OUTCOME_ANSWERED && c->final_code == 200, "call 1 answered");
    CHECK(c->duration > 29.9 && c->duration < 30.1 && strcmp(c->hangup_by, "callee") == 0,
          "30 s, the callee hung up");
    c = sg_tracker_call(tr, 1);
    CHECK(c->outcome == SG_OUTCOME_NO_RESPONSE && c->final_code == 0, "call 2: no response");
    CHECK(strcmp(sg_outcome_name(SG_OUTCOME_NO_RESPONSE), "no response") == 0, "outcome words");
    sg_tracker_free(tr);
}

static void test_bounds(void)
{
    sg_tracker_t *tr = sg_tracker_new();
    char id[32];
    for (unsigned i = 0; i < SG_MAX_TXNS + 1000; i++) {
        sg_msg_t m;
        snprintf(id, sizeof id, "flood-%u", i);
        m = req("INVITE", id, 1, A, B, i * 0.001);
        sg_track_request(tr, &m);
    }
    CHECK(sg_tracker_txns(tr) == SG_MAX_TXNS, "transactions capped at %d (%zu)", SG_MAX_TXNS,
          sg_tracker_txns(tr));
    CHECK(sg_tracker_calls(tr) == SG_MAX_CALLS && sg_tracker_calls_dropped(tr) == 1000,
          "calls capped, the rest counted");
    {
        /* the oldest is forgotten: its response is judged without it */
        sg_judgement_t j = resp(tr, 486, "INVITE", "flood-0", 1, B, A, 99.0, "t", NULL);
        CHECK(j.request_frame == 0, "forgotten request: no guess");
    }
    sg_tracker_free(tr);
}

/* Finished transactions are forgotten after 32 s (64*T1) without a message,
 * and only then: the context a response needs is never lost. */
static void test_expiry(void)
{
    sg_tracker_t *tr = sg_tracker_new();
    sg_msg_t inv = req("INVITE", "e1", 1, A, B, 100.0), reg, m;
    sg_judgement_t j, first;
    size_t before;

    /* a 486 without ACK, sent again at T2 steps for 30 s: every copy is
     * recognised, and the transaction stays while it is being resent */
    sg_track_request(tr, &inv);
    first = resp(tr, 486, "INVITE", "e1", 1, B, A, 100.5, "t", NULL);
    for (double t = 104.5; t <= 130.5; t += 4.0) {
        m = req("OPTIONS", "other", 1, P, B, t - 0.1); /* unrelated traffic moves the clock */
        sg_track_request(tr, &m);
        j = resp(tr, 486, "INVITE", "e1", 1, B, A, t, "t", NULL);
        CHECK(j.retransmission_of == first.request_frame + 1 && j.request_frame == inv.frame,
              "486 resent at %.1f s still belongs to the INVITE", t);
    }
    CHECK(HAS(j, SG_FIND_NO_ACK) && j.sends == 8, "no-ack over the whole run (%u sends)", j.sends);

    /* a request resent 20 s after its final response: still the same transaction */
    reg = req("REGISTER", "e2", 1, A, P, 200.0);
    sg_track_request(tr, &reg);
    first.request_frame = reg.frame;
    resp(tr, 200, "REGISTER", "e2", 1, P, A, 200.1, "r", NULL);
    m = req("OPTIONS", "tick", 1, P, B, 219.9);
    sg_track_request(tr, &m);
    reg.frame = ++frame;
    reg.t = 220.0;
    sg_track_request(tr, &reg);
    j = resp(tr, 200, "REGISTER", "e2", 1, P, A, 220.1, "r", NULL);
    CHECK(j.retransmission_of != 0 && j.request_frame == first.request_frame && j.resends == 1,
          "REGISTER resent 20 s later: a resend, its 200 a retransmission (%u, %u)",
          j.retransmission_of, j.resends);

    /* 40 s after its last message, the finished REGISTER is gone (the
     * INVITE went earlier); the unanswered OPTIONS stay... */
    before = sg_tracker_txns(tr);
    m = req("OPTIONS", "tick", 2, P, B, 262.0);
    sg_track_request(tr, &m);
    m = req("OPTIONS", "tick", 3, P, B, 262.5);
    sg_track_request(tr, &m);
    CHECK(sg_tracker_txns(tr) == before + 1, "two OPTIONS in, the REGISTER out (%zu, was %zu)",
          sg_tracker_txns(tr), before);
    /* ...and a later unrelated message is judged as before */
    inv = req("INVITE", "e3", 1, A, B, 263.0);
    sg_track_request(tr, &inv);
    j = resp(tr, 180, "INVITE", "e3", 1, B, A, 263.2, "t3", NULL);
    CHECK(j.request_frame == inv.frame && !j.retransmission_of && !j.findings,
          "an unrelated INVITE after the expiry is judged alone");
    j = resp(tr, 200, "INVITE", "e3", 1, B, A, 264.0, "t3", NULL);
    CHECK(j.outcome == SG_OUTCOME_ANSWERED && j.answer_ms == 1000, "and answered");
    /* the calls are the report: expiry keeps them */
    CHECK(sg_tracker_calls(tr) == 2 && sg_tracker_call(tr, 0)->final_code == 486,
          "both calls kept, the first failed with 486");
    /* what was forgotten: a 486 of the first INVITE now would stand alone */
    j = resp(tr, 486, "INVITE", "e1", 1, B, A, 265.0, "t", NULL);
    CHECK(j.request_frame == 0 && !j.retransmission_of, "the finished INVITE is forgotten");
    sg_tracker_free(tr);

    /* an unfinished transaction is never expired: its final response may come late */
    tr = sg_tracker_new();
    inv = req("INVITE", "e4", 1, A, B, 0.0);
    sg_track_request(tr, &inv);
    resp(tr, 180, "INVITE", "e4", 1, B, A, 0.2, "t", NULL);
    for (int i = 1; i <= 10; i++) {
        m = req("OPTIONS", "tick", (unsigned)i, P, B, i * 30.0);
        sg_track_request(tr, &m);
    }
    j = resp(tr, 200, "INVITE", "e4", 1, B, A, 301.0, "t", NULL);
    CHECK(j.request_frame == inv.frame && j.outcome == SG_OUTCOME_ANSWERED,
          "answered after 5 minutes of ringing: the INVITE is still known");
    sg_tracker_free(tr);

    /* time that jumps back (files appended, clock steps) or one packet
     * stamped far ahead expires nothing */
    tr = sg_tracker_new();
    inv = req("INVITE", "e5", 1, A, B, 1000.0);
    sg_track_request(tr, &inv);
    first = resp(tr, 486, "INVITE", "e5", 1, B, A, 1000.5, "t", NULL);
    m = req("OPTIONS", "tick", 1, P, B, 5.0); /* back in time */
    sg_track_request(tr, &m);
    m = req("OPTIONS", "tick", 2, P, B, 9000.0); /* one packet far ahead */
    sg_track_request(tr, &m);
    j = resp(tr, 486, "INVITE", "e5", 1, B, A, 1002.5, "t", NULL);
    CHECK(j.retransmission_of == first.request_frame + 1,
          "after a jump back and one packet far ahead, the resend is still recognised");
    sg_tracker_free(tr);
}

/* Many calls in flight, each finishing while others are still going: the
 * finished list stays whole, transactions go as they age, and every
 * response still finds its request. */
static void test_expiry_many(void)
{
    sg_tracker_t *tr = sg_tracker_new();
    char id[32];
    unsigned lost = 0;
    for (unsigned i = 0; i < 4000; i++) {
        double t = i * 0.1; /* ten calls a second for 400 s, each lasting 5 s */
        sg_msg_t inv, ack, bye;
        sg_judgement_t j;
        snprintf(id, sizeof id, "many-%u", i);
        inv = req("INVITE", id, 1, A, B, t);
        sg_track_request(tr, &inv);
        resp(tr, 180, "INVITE", id, 1, B, A, t + 0.1, "t", NULL);
        j = resp(tr, 200, "INVITE", id, 1, B, A, t + 0.5, "t", NULL);
        lost += j.request_frame != inv.frame;
        ack = req("ACK", id, 1, A, B, t + 0.6);
        sg_track_request(tr, &ack);
        bye = req("BYE", id, 2, A, B, t + 5.0);
        sg_track_request(tr, &bye);
        j = resp(tr, 200, "BYE", id, 2, B, A, t + 5.01, "t", NULL);
        lost += j.request_frame != bye.frame;
    }
    CHECK(lost == 0, "every response found its request (%u lost)", lost);
    /* about 32 s of them: 2 transactions per call, 10 calls a second */
    CHECK(sg_tracker_txns(tr) > 600 && sg_tracker_txns(tr) < 800,
          "only the last ~32 s of transactions kept (%zu)", sg_tracker_txns(tr));
    CHECK(sg_tracker_calls(tr) == 4000, "every call kept for the report");
    sg_tracker_free(tr);
}

static void test_findings_table(void)
{
    for (int f = 0; f < SG_FIND_COUNT; f++) {
        const sg_finding_info_t *i = sg_finding_info((sg_finding_t)f);
        CHECK(i && i->id && i->explain && i->answers && strchr(i->id, ' ') == NULL,
              "finding %d has an id, an explanation and a source", f);
        for (int g = 0; g < f; g++)
            CHECK(strcmp(i->id, sg_finding_info((sg_finding_t)g)->id) != 0, "ids are unique");
    }
    CHECK(sg_finding_info(SG_FIND_COUNT) == NULL, "no row past the end");
}

int main(void)
{
    test_right_request();
    test_retransmissions();
    test_request_resends_and_hops();
    test_conflicting_final();
    test_bye_on_early_dialog();
    test_credentials();
    test_offer();
    test_calls();
    test_bounds();
    test_expiry();
    test_expiry_many();
    test_findings_table();
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
