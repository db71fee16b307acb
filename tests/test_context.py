#!/usr/bin/env python3
"""Issue #4: the context of each response and the checks that need the capture's
history (487 without CANCEL, phrase differs, scans).  Expected values come from
tshark's own SIP fields or from the crafted captures' construction
(tests/make_captures.py)."""
import os
import re
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sgtest  # noqa: E402

STAGE = None
SEV_CHAT, SEV_NOTE, SEV_WARN = 0x00200000, 0x00400000, 0x00600000
GROUP_SEQUENCE, GROUP_PROTOCOL, GROUP_SECURITY = 0x02000000, 0x09000000, 0x0A000000
CLASS = {"1": "Provisional", "2": "Successful", "3": "Redirection", "4": "Request Failure",
         "5": "Server Failure", "6": "Global Failures"}  # RFC 3261 section 21


def setUpModule():
    global STAGE
    STAGE = sgtest.Stage()


def expert_items(cap, name, extra=()):
    """{frame: [(severity, group, message)]} of one sipguide expert item."""
    found = {}
    for num, layers in STAGE.json_layers(cap, extra):
        for layer in layers:
            for e in sgtest.pairs_get(layer, "_ws.expert"):
                if e[0][0] == name:
                    d = dict(e)
                    found.setdefault(num, []).append((int(d["_ws.expert.severity"]),
                                                      int(d["_ws.expert.group"]),
                                                      d["_ws.expert.message"]))
    return found


class ContextMatchesTshark(unittest.TestCase):
    """The request answered: the method is the response's CSeq method, and the
    request frame is a request with the same Call-ID, CSeq number and method
    (issue #12) -- Wireshark's own sip.response-request where that is right,
    never the ACK or CANCEL that shares the number."""

    def test_all_captures(self):
        names = ["frame.number", "sip.Status-Code", "sip.Method", "sip.Call-ID", "sip.CSeq.seq",
                 "sip.CSeq.method", "sip.response-request", "sipguide.method",
                 "sipguide.request_frame", "frame.protocols", "sip.CSeq"]
        wrong_in_wireshark = 0
        agreed = 0
        for cap in sgtest.all_captures():
            with self.subTest(cap=cap):
                rows = STAGE.fields(cap, names)
                requests = {}
                for r in rows:
                    if len(r[2]) == 1 and len(r[1]) == 0 and r[3] and r[4]:
                        requests[int(r[0][0])] = (r[2][0], r[3][0], r[4][0])
                for r in rows:
                    if not r[1]:
                        self.assertEqual(r[7], [], "sipguide.method on a frame without response")
                        continue
                    if len(r[1]) != 1 or r[2] or "icmp" in r[9][0]:
                        continue  # several messages share the frame, or an ICMP quote
                    if r[10] and re.match(r"\s*\d+\s+\S", r[10][0]):
                        # (junk like "CSeq:%s" has no number, so no CSeq for sipguide)
                        self.assertEqual(r[7], r[5], "method is the CSeq method")
                    ours = int(r[8][0]) if r[8] else None
                    theirs = int(r[6][0]) if r[6] else None
                    key = (r[5][0], r[3][0], r[4][0]) if r[3] and r[4] and r[5] else None
                    if ours is not None:
                        self.assertEqual(requests.get(ours), key, "frame %s: frame %d is its request" % (r[0][0], ours))
                    if ours == theirs:
                        agreed += ours is not None
                    elif theirs is None:
                        pass  # Wireshark found none (its match took the ACK/CANCEL); ours is checked above
                    elif requests.get(theirs) != key:
                        wrong_in_wireshark += 1  # Wireshark matched an ACK/CANCEL sharing the number
                    else:
                        # both name a right request: a resend, or its copy on another hop
                        self.assertIsNotNone(ours, "frame %s: Wireshark found %s" % (r[0][0], theirs))
        self.assertGreater(agreed, 1000)
        self.assertGreater(wrong_in_wireshark, 0)

    def test_multi_message_segment(self):
        rows = {r[0][0]: r[1:] for r in STAGE.fields("crafted-tcp-multi.pcap", ["frame.number", "sipguide.code", "sipguide.method"])}
        self.assertEqual(rows["2"], [["100", "486", "180"], ["INVITE", "INVITE", "INVITE"]])
        self.assertEqual(rows["3"], [["404", "699"], ["INVITE", "INVITE"]])  # not ACK/BYE beside them


class HistoryOnlyWhenNeeded(unittest.TestCase):
    """Issue #16: a one-pass tshark that asks only for what a response says
    alone (code, verdict, texts, method) makes sipguide skip the capture's
    history; what it gives must be exactly what it gives with the history
    (asked for through a field that needs it, or with -2), and a field that
    needs the history must get it in one pass and in two."""
    ALONE = ["frame.number", "sipguide.code", "sipguide.verdict", "sipguide.title",
             "sipguide.meaning", "sipguide.action", "sipguide.method", "sipguide.class",
             "sipguide.phrase", "sipguide.wire_phrase", "sipguide.documented", "sipguide.guide_ref"]

    TWO_PASSES = ("sipnab__sipp-branch-scenario.pcapng", "crafted-transactions.pcap",
                  "crafted-codes.pcap", "crafted-tcp-multi.pcap")

    def test_alone_fields_same_with_and_without_history(self):
        compared = 0
        for cap in sgtest.all_captures():
            with self.subTest(cap=cap):
                lean = STAGE.fields(cap, self.ALONE)
                kept = STAGE.fields(cap, self.ALONE + ["sipguide.request_frame"])
                self.assertEqual(lean, [r[:-1] for r in kept])
                if cap in self.TWO_PASSES:
                    self.assertEqual(lean, STAGE.fields(cap, self.ALONE, ["-2"]))
                compared += sum(len(r[1]) for r in lean)
        self.assertGreater(compared, 5000)

    def test_code_alone_read_from_the_status_code(self):
        """Asked only for the code (and class), sipguide asks the SIP dissector
        for its status codes instead of its messages; the codes are the SIP
        dissector's own, response by response, as with the history."""
        compared = 0
        want = ["frame.number", "sip.Status-Code", "sipguide.code", "sipguide.class"]
        for cap in sgtest.all_captures():
            with self.subTest(cap=cap):
                lean = STAGE.fields(cap, want)
                kept = STAGE.fields(cap, want + ["sipguide.request_frame"])
                self.assertEqual(lean, [r[:-1] for r in kept])
                for r in lean:
                    if r[2]:  # as many codes as the SIP dissector's, and the same
                        self.assertEqual(r[2], [str(int(c)) for c in r[1]])
                        self.assertEqual(r[3], [c[0] + "xx " + CLASS[c[0]] if 100 <= int(c) <= 699
                                                else "invalid" for c in r[2]])
                compared += sum(len(r[2]) for r in lean)
        self.assertGreater(compared, 5000)

    def test_said_when_read_alone(self):
        """The mode is announced at the info log level, and only when it applies."""
        cap = "sipnab__sipp-branch-scenario.pcapng"
        for extra, expect in ((["-e", "sipguide.code"], "status code only"),
                              (["-e", "sipguide.verdict"], "status line and CSeq"),
                              (["-e", "sipguide.request_frame"], None),
                              (["-2", "-e", "sipguide.code"], None)):
            with self.subTest(extra=extra):
                _, err = STAGE.tshark(STAGE.read_args(cap, ["--log-level", "info", "-T", "fields",
                                                            "-E", "aggregator=;"] + extra))
                said = re.search(r"each response is read alone \((.*?)\)", err)
                self.assertEqual(said.group(1) if said else None, expect)

    def test_protocol_filter_without_history(self):
        """"-Y sipguide" needs the protocol item even when nothing else does."""
        cap = "crafted-codes.pcap"
        one = STAGE.fields(cap, ["frame.number", "sipguide.code"], ["-Y", "sipguide"])
        two = STAGE.fields(cap, ["frame.number", "sipguide.code"], ["-2", "-Y", "sipguide"])
        self.assertEqual(one, two)
        self.assertGreater(len(one), 10)

    def test_history_in_one_pass_and_in_two(self):
        cap = "crafted-transactions.pcap"
        want = ["frame.number", "sipguide.finding", "sipguide.request_frame"]
        one = STAGE.fields(cap, want)
        two = STAGE.fields(cap, want, ["-2"])
        filtered = STAGE.fields(cap, ["frame.number"], ["-2", "-Y", "sipguide.finding"])
        self.assertEqual(one, two)
        with_findings = [r[0] for r in one if r[1]]
        self.assertGreater(len(with_findings), 5)
        self.assertEqual([r[0] for r in filtered], with_findings)


class PlainTextDetails(unittest.TestCase):
    """Issue #16: where tshark prints the details as plain text (-V, -O), hidden
    items are never printed, so sipguide adds only those something reads (a
    filter, a column); JSON, PDML and EK export hidden items and get them all,
    and so does plain text when the hidden-items preference is on."""
    CAP = "sipnab__sipp-branch-scenario.pcapng"

    def test_said_only_for_plain_text(self):
        for extra, expect in ((["-V"], True), (["-O", "sipguide"], True),
                              (["-T", "text", "-V"], True), (["-T", "json"], False),
                              (["-T", "pdml"], False), (["-T", "ek"], False),
                              (["-V", "-o", "protocols.display_hidden_proto_items:TRUE"], False)):
            with self.subTest(extra=extra):
                _, err = STAGE.tshark(STAGE.read_args(self.CAP, ["--log-level", "info", "-c", "5"]
                                                      + extra))
                self.assertEqual("prints plain text: hidden items only where asked for" in err,
                                 expect)

    def test_hidden_fields_still_filter(self):
        """A filter on a hidden field picks the same frames in plain text as
        where every hidden item is added (the preference that prints them)."""
        for cap in (self.CAP, "crafted-transactions.pcap", "crafted-codes.pcap"):
            for flt in ('sipguide.method == "INVITE"', 'sipguide.verdict == "routine"',
                        'sipguide.class == "2xx Successful"', "sipguide.context",
                        "sipguide.documented", 'sipguide.source == "guide"'):
                with self.subTest(cap=cap, flt=flt):
                    frames = []
                    for pref in ("FALSE", "TRUE"):
                        out, _ = STAGE.tshark(STAGE.read_args(cap, [
                            "-V", "-Y", flt, "-o", "protocols.display_hidden_proto_items:" + pref]))
                        frames.append(re.findall(r"^Frame (\d+):", out, re.M))
                    self.assertEqual(frames[0], frames[1])
                    self.assertGreater(len(frames[0]), 3)

    def test_exports_keep_hidden_items(self):
        layers = [l for _, ls in STAGE.json_layers(self.CAP, ["-c", "300"]) for l in ls]
        self.assertGreater(len(layers), 100)
        for layer in layers:
            keys = dict(layer)
            for f in ("sipguide.verdict", "sipguide.class", "sipguide.source", "sipguide.code"):
                self.assertIn(f, keys)

    def test_hidden_items_printed_when_the_preference_says_so(self):
        codes = [c for r in STAGE.fields(self.CAP, ["sipguide.code"]) for c in r[0]]
        out, _ = STAGE.tshark(STAGE.read_args(
            self.CAP, ["-V", "-o", "protocols.display_hidden_proto_items:TRUE"]))
        self.assertEqual(len(re.findall(r"^    \[Verdict: ", out, re.M)), len(codes))
        self.assertEqual(len(re.findall(r"^    \[Class: ", out, re.M)), len(codes))


class HeadersThatSayWhy(unittest.TestCase):
    def setUp(self):
        self.rows = {int(r[0][0]): r[1:] for r in STAGE.fields("crafted-context.pcap", [
            "frame.number", "sipguide.code", "sipguide.context", "sipguide.reason.protocol",
            "sipguide.reason.cause", "sipguide.reason.cause_name", "sipguide.reason.text",
            "sipguide.retry_after", "sipguide.warning.code", "sipguide.warning.agent",
            "sipguide.warning.text", "sipguide.warning.meaning"])}

    def test_q850_reason_on_480(self):
        r = self.rows[3]
        self.assertEqual(r[0], ["480"])
        self.assertEqual(r[2:6], [["Q.850"], ["18"], ["No user responding"], ["No user responding"]])
        self.assertIn('Reason: Q.850 cause 18 "No user responding"', r[1][0])
        # the cause name is Wireshark's own for cause 18
        out, _ = STAGE.tshark(STAGE.read_args("crafted-context.pcap", ["-V", "-Y", "frame.number==3"]))
        self.assertIn("Cause: No user responding (18)", out)

    def test_sip_reason_on_487(self):
        r = self.rows[14]
        self.assertEqual(r[2:5], [["SIP"], ["600"], ["Busy Everywhere"]])

    def test_retry_after_on_503(self):
        r = self.rows[5]
        self.assertEqual((r[0], r[6]), (["503"], ["120"]))
        self.assertIn("retry after 120 s", r[1][0])
        out, _ = STAGE.tshark(STAGE.read_args("crafted-context.pcap", ["-V", "-Y", "frame.number==5"]))
        self.assertRegex(out, r"SIP Response Guide: 503 Service Unavailable .*retry after 120 s")

    def test_warning_on_488(self):
        r = self.rows[7]
        self.assertEqual(r[7:], [["305"], ["gw.example.com"], ["Incompatible media format"], ["Incompatible media format"]])
        self.assertIn('Warning 305 "Incompatible media format"', r[1][0])

    def test_nothing_invented(self):
        r = self.rows[9]  # 180 Ringing with no Reason, Retry-After or Warning
        self.assertEqual(r[2:], [[]] * 9)


class Check487(unittest.TestCase):
    def test_without_cancel_note_with_cancel_quiet(self):
        items = expert_items("crafted-context.pcap", "sipguide.no_cancel")
        codes = {int(r[0][0]): r[1] for r in STAGE.fields("crafted-context.pcap", ["frame.number", "sipguide.code"])}
        self.assertEqual(codes[12], ["487"])  # after CANCEL (frame 10)
        self.assertEqual(codes[14], ["487"])  # no CANCEL
        self.assertEqual(list(items), [14])
        sev, grp, msg = items[14][0]
        self.assertEqual((sev, grp), (SEV_NOTE, GROUP_SEQUENCE))
        self.assertIn("no CANCEL", msg)
        self.assertIn("inspect the call Flow", msg)

    def test_real_487s_after_cancel(self):
        # heplify's port-6060 capture: both 487s follow a CANCEL.
        cap = "heplify__sip_ipv4_tcp_fragmented.pcap"
        codes = [c for r in STAGE.fields(cap, ["sip.Status-Code"]) for c in r[0]]
        self.assertEqual(codes.count("487"), 2)
        cancels = [r for r in STAGE.fields(cap, ["sip.Method"], ["-Y", 'sip.Method == "CANCEL"'])]
        self.assertGreaterEqual(len(cancels), 2)
        self.assertEqual(expert_items(cap, "sipguide.no_cancel"), {})

    def test_switched_off(self):
        self.assertEqual(expert_items("crafted-context.pcap", "sipguide.no_cancel",
                                      ["-o", "sipguide.check_487:FALSE"]), {})


class PhraseDiffers(unittest.TestCase):
    def test_finding_for_other_words_not_for_case(self):
        rows = {int(r[0][0]): (r[1][0], r[2]) for r in
                STAGE.fields("crafted-codes.pcap", ["frame.number", "sip.Status-Line", "sipguide.finding"])
                if r[1]}
        flagged = sorted(line for line, findings in rows.values() if "phrase-differs" in findings)
        self.assertIn("SIP/2.0 403 Error", flagged)
        self.assertIn("SIP/2.0 183 Ringing", flagged)
        self.assertNotIn("SIP/2.0 200 Ok", flagged)
        self.assertNotIn("SIP/2.0 200 OK", flagged)
        self.assertNotIn("SIP/2.0 202 Accepted", flagged)  # registered: Accepted (Deprecated)
        # the finding item says it; no Chat expert item repeats it (issue #16)
        self.assertEqual(expert_items("crafted-codes.pcap", "sipguide.phrase_differs"), {})
        out, _ = STAGE.tshark(STAGE.read_args("crafted-codes.pcap", ["-O", "sipguide"]))
        self.assertIn('[Finding: phrase-differs: reason phrase "Error" differs from the registered "Forbidden"]',
                      out)
        self.assertNotIn('Expert Info (Chat/Protocol): 403 reason phrase', out)
        # the expert field stays registered: a filter naming it still parses
        self.assertEqual(STAGE.fields("crafted-codes.pcap", ["frame.number"], ["-Y", "sipguide.phrase_differs"]), [])

    def test_sipp_403_error_every_one(self):
        cap = "sipnab__sipp-branch-scenario.pcapng"
        rows = STAGE.fields(cap, ["sip.Status-Line", "sipguide.finding"], ["-Y", "sipguide.code == 403"])
        self.assertEqual(len(rows), 1148)
        self.assertTrue(all(r[0] == ["SIP/2.0 403 Error"] and "phrase-differs" in r[1] for r in rows))


class Scan(unittest.TestCase):
    def test_scan_from_one_address(self):
        items = expert_items("crafted-scan.pcap", "sipguide.scan")
        # 15 failures 2 s apart: the 10th (frame 20) crosses 10 within 60 s;
        # the scan lasts 29 s, so the warning is not repeated.
        self.assertEqual(list(items), [20])
        sev, grp, msg = items[20][0]
        self.assertEqual((sev, grp), (SEV_WARN, GROUP_SECURITY))
        self.assertIn("203.0.113.66", msg)
        self.assertIn("10 failure responses", msg)
        self.assertIn("users tried: 10 (1000, 1001", msg)
        rows = {int(r[0][0]): r[1:] for r in STAGE.fields("crafted-scan.pcap", ["frame.number", "sipguide.scan.count", "sipguide.scan.address"])}
        self.assertEqual(rows[18], [[], []])
        self.assertEqual(rows[30], [["15"], ["203.0.113.66"]])
        self.assertEqual(rows[32], [[], []])  # the lone 403 to another address
        self.assertIn("[scan from 203.0.113.66]", STAGE.info("crafted-scan.pcap", "frame.number==20")[0])

    def test_no_scan_when_spread_or_slow(self):
        self.assertEqual(expert_items("crafted-no-scan.pcap", "sipguide.scan"), {})
        rows = STAGE.fields("crafted-no-scan.pcap", ["sipguide.scan.count"])
        self.assertFalse(any(r[0] for r in rows))

    def test_lone_failures_quiet_in_real_captures(self):
        for cap in ["sipnab__sip-auth-failure.pcapng", "rtcagent__dump.pcap", "heplify__sip_sctp.pcap"]:
            with self.subTest(cap=cap):
                self.assertEqual(expert_items(cap, "sipguide.scan"), {})

    def test_sipp_load_test_is_flagged(self):
        # 1148 x "403 Error" back to 127.0.0.1 within seconds: a scan by the rule.
        cap = "sipnab__sipp-branch-scenario.pcapng"
        rows = STAGE.fields(cap, ["frame.number"], ["-Y", "sipguide.scan"])
        self.assertGreaterEqual(len(rows), 1)
        first = STAGE.fields(cap, ["frame.number"], ["-Y", "sipguide.code == 403"])[9][0][0]
        self.assertEqual(rows[0][0][0], first)  # on the 10th 403


if __name__ == "__main__":
    unittest.main(verbosity=2)
