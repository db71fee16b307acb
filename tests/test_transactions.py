#!/usr/bin/env python3
"""Issues #12 and #13: each response judged in its transaction, and the guide's
actions answered from the capture.  Expectations are data in
tests/crafted_expect.py (crafted captures from tests/make_captures.py and the
real captures the issues name); this file runs the real tshark with the
plugin and compares, field by field, on one pass and on two."""
import os
import re
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import crafted_expect  # noqa: E402
import sgtest  # noqa: E402

STAGE = None
SEV = {0x00200000: "chat", 0x00400000: "note", 0x00600000: "warning", 0x00800000: "error"}

# expectation key -> sipguide field; single values unless listed in LISTS
FIELDS = [
    ("code", "sipguide.code"),
    ("method", "sipguide.method"),
    ("request_frame", "sipguide.request_frame"),
    ("retransmission_of", "sipguide.retransmission_of"),
    ("findings", "sipguide.finding"),
    ("retransmissions", "sipguide.retransmissions"),
    ("cancel_frame", "sipguide.cancel_frame"),
    ("auth_user", "sipguide.auth.user"),
    ("auth_realm", "sipguide.auth.realm"),
    ("offer_frame", "sipguide.offer.frame"),
    ("offer_media", "sipguide.offer.media"),
    ("offer_codecs", "sipguide.offer.codec"),
    ("request_uri", "sipguide.request_uri"),
    ("responder", "sipguide.responder"),
    ("scan_address", "sipguide.scan.address"),
    ("scan_count", "sipguide.scan.count"),
]
LISTS = {"findings", "offer_media", "offer_codecs"}
UNORDERED = {"findings"}


def setUpModule():
    global STAGE
    STAGE = sgtest.Stage()


def rows_of(cap, extra=()):
    """{frame: {field: [values]}} for frames with exactly one SIP response."""
    names = ["frame.number", "sip.Status-Code"] + [f for _, f in FIELDS]
    out = {}
    for r in STAGE.fields(cap, names, extra):
        if len(r[1]) > 1:
            continue  # several responses share the frame: their fields interleave
        out[int(r[0][0])] = dict(zip(names[2:], r[2:]))
    return out


def expected_value(key, value):
    if value is None:
        return []
    if key in LISTS:
        return [str(v) for v in value]
    return [str(value)]


class Expectations(unittest.TestCase):
    """Every listed response of every capture in crafted_expect.CAPTURES."""

    def check_capture(self, cap, spec, extra=()):
        rows = rows_of(cap, list(spec.get("options", [])) + list(extra))
        for exp in spec["responses"]:
            frame = exp["frame"]
            with self.subTest(cap=cap, frame=frame):
                got = rows.get(frame)
                if exp.get("annotated") is False:
                    self.assertTrue(got is None or got["sipguide.code"] == [],
                                    "an ICMP quote is not a response")
                    continue
                self.assertIsNotNone(got, "frame %d not found" % frame)
                for key, field in FIELDS:
                    if key not in exp and key != "findings":
                        continue
                    want = expected_value(key, exp.get(key))
                    have = got[field]
                    if key in UNORDERED:
                        want, have = sorted(want), sorted(have)
                    self.assertEqual(have, want, "%s (%s)" % (key, field))

    def test_crafted_transactions(self):
        self.check_capture("crafted-transactions.pcap", crafted_expect.CAPTURES["crafted-transactions.pcap"])

    def test_crafted_scan_auth(self):
        self.check_capture("crafted-scan-auth.pcap", crafted_expect.CAPTURES["crafted-scan-auth.pcap"])

    def test_crafted_evidence(self):
        self.check_capture("crafted-evidence.pcap", crafted_expect.CAPTURES["crafted-evidence.pcap"])

    def test_crafted_calls(self):
        self.check_capture("crafted-calls.pcap", crafted_expect.CAPTURES["crafted-calls.pcap"])

    def test_real_captures(self):
        for cap, spec in crafted_expect.CAPTURES.items():
            if not cap.startswith("crafted-"):
                self.check_capture(cap, spec)


class ScanWithChallenges(unittest.TestCase):
    """With 401 among the scan codes, a challenge answered by a successful retry is no
    failure: only the brute force (rejected retries) is a scan, warned where it crosses."""

    def test_crossing(self):
        cap = "crafted-scan-auth.pcap"
        spec = crafted_expect.CAPTURES[cap]
        warned = set()
        for num, layers in STAGE.json_layers(cap, spec["options"]):
            for layer in layers:
                for e in sgtest.pairs_get(layer, "_ws.expert"):
                    if e[0][0] == "sipguide.scan":
                        warned.add(num)
        crossing = {e["frame"] for e in spec["responses"] if e.get("scan_crossing")}
        self.assertTrue(crossing)
        self.assertTrue(crossing <= warned, (crossing, warned))
        scanned = {e.get("scan_address") for e in spec["responses"] if "scan" in e.get("findings", [])}
        self.assertEqual(scanned, {"203.0.113.77"})
        # without 401 among the scan codes (the default 403,404) nothing here is a scan
        rows = STAGE.fields(cap, ["sipguide.scan.address"])
        self.assertEqual([r for r in rows if r[0]], [])


class TwoPasses(unittest.TestCase):
    """One pass equals two passes, on every capture the expectations name."""

    def test_same(self):
        names = ["frame.number"] + [f for _, f in FIELDS] + [
            "sipguide.call.outcome", "sipguide.call.setup_time", "sipguide.call.answer_time"]
        for cap, spec in crafted_expect.CAPTURES.items():
            with self.subTest(cap=cap):
                opts = list(spec.get("options", []))
                one = STAGE.fields(cap, names, opts)
                two = STAGE.fields(cap, names, opts + ["-2"])
                self.assertEqual(one, two)


class Severities(unittest.TestCase):
    """Issue #12's severity policy where the expectations name one; resent responses
    raise nothing of their own."""

    def test_policy(self):
        for cap, spec in crafted_expect.CAPTURES.items():
            want = {e["frame"]: e for e in spec["responses"]
                    if "severity" in e or e.get("retransmission_of")}
            if not want:
                continue
            with self.subTest(cap=cap):
                layers = dict(STAGE.json_layers(cap, list(spec.get("options", []))))
                for frame, exp in want.items():
                    sevs = []
                    for layer in layers.get(frame, []):
                        for e in sgtest.pairs_get(layer, "_ws.expert"):
                            d = dict(e)
                            sevs.append((SEV[int(d["_ws.expert.severity"])], e[0][0]))
                    if exp.get("retransmission_of"):
                        others = [s for s in sevs if s[1] != "sipguide.no_ack"]
                        self.assertEqual(others, [], "frame %d resent: %s" % (frame, sevs))
                        continue
                    levels = {s for s, _ in sevs}
                    if exp["severity"] == "note-or-chat":
                        self.assertTrue(levels and levels <= {"note", "chat"}, "frame %d: %s" % (frame, sevs))
                    else:
                        self.assertIn(exp["severity"], levels, "frame %d: %s" % (frame, sevs))


class Icmp(unittest.TestCase):
    """A SIP response quoted in an ICMP error is not a response: the per-code report
    counts what Wireshark's own SIP statistics count."""

    def test_report_counts_match_sip_stat(self):
        for cap in ["crafted-transactions.pcap", "goffinet__sip_captures__private-test-sip.pcapng"]:
            with self.subTest(cap=cap):
                ours, _ = STAGE.tshark(STAGE.read_args(cap, ["-q", "-z", "sipguide,tree"]))
                theirs, _ = STAGE.tshark(STAGE.read_args(cap, ["-q", "-z", "sip,stat"]))
                total = int([l for l in ours.split("\n") if l.startswith("SIP responses")][0].split()[2])
                quoted = STAGE.fields(cap, ["sip.Status-Code"], ["-Y", "icmp || icmpv6"])
                wire = STAGE.fields(cap, ["sip.Status-Code"], ["-Y", "sip.Status-Code && !(icmp || icmpv6)"])
                self.assertGreater(len(quoted), 0, "the capture has ICMP quotes")
                self.assertEqual(total, sum(len(r[0]) for r in wire))
                # Wireshark's SIP statistics count responses by code, outside ICMP too
                counted = 0
                for line in theirs.split("\n"):
                    m = re.match(r"\s*SIP (\d{3}) .*:\s+(\d+) Packets", line)
                    if m:
                        counted += int(m.group(2))
                self.assertEqual(total, counted, theirs)


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0]] + sys.argv[1:], verbosity=2)
