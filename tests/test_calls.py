#!/usr/bin/env python3
"""Issue #14: the calls report (tshark -z sipguide,calls), the calls table
(-z sipguide,calltable, the GUI's Telephony > SIP Calls (sipguide)) and the
registrations section.  Expected rows of captures/crafted-calls.pcap come from
tests/crafted_expect.py (CALLS, CALL_TOTALS); on real captures the number of
calls is checked against tshark's own SIP fields, and one pass against two."""
import glob
import os
import re
import struct
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sgtest  # noqa: E402
import crafted_expect  # noqa: E402

STAGE = None
CRAFTED = "crafted-calls.pcap"
REAL_DIR = os.path.join(os.path.dirname(sgtest.SOURCE_DIR), "shared", "captures-real")
REGISTER_CAP = "goffinet__sip_captures__sip-register-wrong_user-401-403-404.pcapng"  # copied into captures/
CALL_COLUMNS = ["Start s", "Call-ID", "From -> To", "Outcome", "Code", "Responder", "Setup ms",
                "Answer ms", "Duration s", "Hangup", "First action / hangup Reason"]
AOR_COLUMNS = ["Address-of-record", "Attempts", "Registered", "Challenged", "Rejected", "Refused",
               "Last code", "Last user", "First s", "Last s"]
TABLE_COLUMNS = ["Start (s)", "Call-ID", "From", "To", "Outcome", "Code", "Responder", "Setup (ms)",
                 "Answer (ms)", "Duration (s)", "Hangup", "Hangup Reason", "First action", "Filter"]


def setUpModule():
    global STAGE
    STAGE = sgtest.Stage()


def capture_paths():
    """captures/ and ../shared/captures-real, one per file name."""
    seen, paths = set(), []
    for d in (sgtest.CAPTURES, REAL_DIR):
        for p in sorted(glob.glob(os.path.join(d, "*"))):
            name = os.path.basename(p)
            if re.search(r"\.(pcap|pcapng|cap)$", name) and name not in seen:
                seen.add(name)
                paths.append(p)
    return paths


def report(out):
    """The calls report in tshark's output: from its first ==== line on."""
    m = re.search(r"^=+\nSIP calls \(sipguide\)\n.*?^=+$", out, re.M | re.S)
    if not m:
        raise AssertionError("no sipguide,calls report in:\n" + out[-2000:])
    return m.group(0)


def columns(lines, names):
    """Rows of a fixed-width section: each cell from its header's column to the next."""
    header = lines[0]
    starts = [header.index(n) for n in names]
    rows = []
    for line in lines[1:]:
        cells = []
        for i, s in enumerate(starts):
            end = starts[i + 1] if i + 1 < len(starts) else None
            cells.append(line[s:end].strip())
        rows.append(dict(zip(names, cells)))
    return rows


def parse_report(text):
    """(totals, call rows, not tracked, registrations count, registration rows)."""
    lines = text.split("\n")
    m = re.search(r"^Calls: (\d+)   answered: (\d+)   failed: (\d+)   cancelled: (\d+)   "
                  r"no response: (\d+)$", text, re.M)
    totals = dict(zip(["calls", "answered", "failed", "cancelled", "no response"],
                      [int(x) for x in m.groups()]))
    nt = re.search(r"^Not tracked: (\d+) more calls", text, re.M)
    calls = []
    if any(l.startswith("Start s ") for l in lines):
        i = next(k for k, l in enumerate(lines) if l.startswith("Start s "))
        j = next(k for k in range(i, len(lines)) if lines[k].startswith("-----"))
        calls = columns(lines[i:j], CALL_COLUMNS)
    r = re.search(r"^Registrations \(per address-of-record\): (\d+)$", text, re.M)
    aors = []
    if any(l.startswith("Address-of-record ") for l in lines):
        i = next(k for k, l in enumerate(lines) if l.startswith("Address-of-record "))
        j = next(k for k in range(i, len(lines)) if lines[k].startswith("====="))
        aors = columns(lines[i:j], AOR_COLUMNS)
    return totals, calls, int(nt.group(1)) if nt else 0, int(r.group(1)), aors


def parse_table(out):
    """Rows of tshark's print of the calls table (-z sipguide,calltable)."""
    m = re.search(r"^SIP Calls \(sipguide\):\n.*?\nSIP calls\n(.*?)^=+$", out, re.M | re.S)
    if not m:
        raise AssertionError("no sipguide,calltable table in:\n" + out[-2000:])
    rows = []
    for line in m.group(1).split("\n"):
        if line:
            cells = [c.strip() for c in line.split(" |")][:len(TABLE_COLUMNS)]
            rows.append(dict(zip(TABLE_COLUMNS, cells)))
    return rows


def run_reports(cap, extra=()):
    out, _ = STAGE.tshark(STAGE.read_args(cap, ["-q", "-z", "sipguide,calls", "-z", "sipguide,calltable"] + list(extra)))
    return out


def dash(v, fmt="%s"):
    return "-" if v is None else fmt % v


class CallsReport(unittest.TestCase):
    """-z sipguide,calls on the crafted capture: totals and the exact rows."""

    @classmethod
    def setUpClass(cls):
        cls.out = run_reports(CRAFTED)
        cls.totals, cls.calls, cls.dropped, cls.naors, cls.aors = parse_report(report(cls.out))

    def test_totals(self):
        self.assertEqual(self.totals, crafted_expect.CALL_TOTALS)
        self.assertEqual(self.dropped, 0)
        self.assertNotIn("Not tracked", self.out)

    def test_rows_in_start_order(self):
        exp = crafted_expect.CALLS
        self.assertEqual([r["Call-ID"] for r in self.calls], [c["call_id"] for c in exp])
        starts = [float(r["Start s"]) for r in self.calls]
        self.assertEqual(starts, sorted(starts))

    def test_rows(self):
        for row, c in zip(self.calls, crafted_expect.CALLS):
            with self.subTest(call=c["call_id"]):
                self.assertAlmostEqual(float(row["Start s"]), c["start"], places=3)
                self.assertEqual(row["From -> To"], "%s -> %s" % (c["from_user"], c["to_user"]))
                self.assertEqual(row["Outcome"], c["outcome"])
                self.assertEqual(row["Code"], dash(c["final_code"]))
                self.assertEqual(row["Responder"], dash(c["responder"]))
                self.assertEqual(row["Setup ms"], dash(c["setup_ms"]))
                self.assertEqual(row["Answer ms"], dash(c["answer_ms"]))
                self.assertEqual(row["Duration s"], dash(c["duration_s"], "%.1f"))
                self.assertEqual(row["Hangup"], dash(c["hangup_by"]))

    def test_first_action(self):
        """Failed and cancelled calls: the first action sipguide shows on the final response
        (it answers the INVITE); answered calls: the BYE's Reason, if any; unanswered: none."""
        frames = {int(r[0][0]): r[1] for r in STAGE.fields(CRAFTED, ["frame.number", "sipguide.action"],
                                                          ["-Y", "sipguide.code >= 300"])}
        for row, c in zip(self.calls, crafted_expect.CALLS):
            with self.subTest(call=c["call_id"]):
                if c["outcome"] in ("failed", "cancelled"):
                    first = frames[c["final_frame"]][0]
                    shown = row["First action / hangup Reason"]
                    self.assertTrue(shown, row)
                    if shown.endswith("..."):
                        self.assertTrue(first.startswith(shown[:-3]), (shown, first))
                        self.assertLessEqual(len(shown), 72)
                    else:
                        self.assertEqual(shown, first)
                elif c.get("hangup_reason"):
                    self.assertEqual(row["First action / hangup Reason"], "Reason: " + c["hangup_reason"])
                else:
                    self.assertEqual(row["First action / hangup Reason"], "")

    def test_no_registrations(self):
        self.assertEqual((self.naors, self.aors), (0, []))


class CallTable(unittest.TestCase):
    """-z sipguide,calltable (the GUI's table): full values, sortable types, a filter per call;
    one pass prints what two passes print."""

    @classmethod
    def setUpClass(cls):
        cls.one = run_reports(CRAFTED)
        cls.two = run_reports(CRAFTED, ["-2"])
        cls.rows = parse_table(cls.one)

    def test_rows(self):
        exp = crafted_expect.CALLS
        self.assertEqual(len(self.rows), len(exp))
        for row, c in zip(self.rows, exp):
            with self.subTest(call=c["call_id"]):
                self.assertEqual(row["Call-ID"], c["call_id"])
                self.assertAlmostEqual(float(row["Start (s)"]), c["start"], places=3)
                self.assertEqual((row["From"], row["To"]), (c["from_user"], c["to_user"]))
                self.assertEqual(row["Outcome"], c["outcome"])
                self.assertEqual(int(row["Code"]), c["final_code"] or 0)
                self.assertEqual(row["Responder"], c["responder"] or "")
                self.assertEqual(int(row["Setup (ms)"]), -1 if c["setup_ms"] is None else c["setup_ms"])
                self.assertEqual(int(row["Answer (ms)"]), -1 if c["answer_ms"] is None else c["answer_ms"])
                self.assertAlmostEqual(float(row["Duration (s)"]),
                                       -1 if c["duration_s"] is None else c["duration_s"], places=1)
                self.assertEqual(row["Hangup"], c["hangup_by"] or "")
                self.assertEqual(row["Hangup Reason"], c.get("hangup_reason") or "")
                self.assertEqual(row["Filter"], 'sip.Call-ID == "%s"' % c["call_id"])
                self.assertEqual(bool(row["First action"]), c["outcome"] in ("failed", "cancelled"))

    def test_row_filter_shows_the_call(self):
        c = crafted_expect.CALLS[3]
        row = next(r for r in self.rows if r["Call-ID"] == c["call_id"])
        ids = STAGE.fields(CRAFTED, ["sip.Call-ID"], ["-Y", row["Filter"]])
        self.assertTrue(ids)
        self.assertEqual({i for r in ids for i in r[0]}, {c["call_id"]})

    def test_one_pass_equals_two(self):
        self.assertEqual(parse_table(self.one), parse_table(self.two))
        self.assertEqual(report(self.one), report(self.two))

    def test_display_filter_narrows_rows(self):
        """With a filter (the dialog's Display filter), a call has its row when its first
        INVITE or its deciding final response passes: here the failed and cancelled calls.
        The tracker is complete (-2, as in the GUI)."""
        out, _ = STAGE.tshark(STAGE.read_args(CRAFTED, ["-q", "-2", "-z", "sipguide,calltable,sip.Status-Code >= 400"]))
        self.assertEqual([r["Call-ID"] for r in parse_table(out)],
                         [c["call_id"] for c in crafted_expect.CALLS if c["outcome"] in ("failed", "cancelled")])


class RealCaptures(unittest.TestCase):
    """Every capture: one call per distinct Call-ID with an INVITE (as tshark's SIP dissector
    sees them, not counting INVITEs quoted in ICMP errors); one pass = two passes."""

    def test_calls_match_tshark(self):
        for path in capture_paths():
            name = os.path.basename(path)
            with self.subTest(cap=name):
                args = STAGE.read_args(path, ["-Y", 'sip.Method == "INVITE" && !(icmp || icmpv6)',
                                              "-T", "fields", "-E", "aggregator=" + sgtest.AGG,
                                              "-e", "frame.number", "-e", "sip.Call-ID",
                                              "-z", "sipguide,calls", "-z", "sipguide,calltable"])
                one, _ = STAGE.tshark(args)
                text = report(one)
                ids = set()
                for line in one.split("\n"):  # the fields, then the reports
                    m = re.match(r"^\d+\t(.*)$", line)
                    if not m:
                        break
                    if m.group(1):
                        ids.update(m.group(1).split(sgtest.AGG))
                totals, calls, dropped, _, _ = parse_report(text)
                self.assertEqual(dropped, 0)
                self.assertEqual(totals["calls"], len(ids), sorted(ids))
                self.assertEqual(len(calls), len(ids))
                self.assertEqual(totals["calls"], totals["answered"] + totals["failed"] +
                                 totals["cancelled"] + totals["no response"])
                table = parse_table(one)
                self.assertEqual({r["Call-ID"] for r in table}, ids)
                two = run_reports(path, ["-2"])
                self.assertEqual(report(two), text)
                self.assertEqual(parse_table(two), table)


class Registrations(unittest.TestCase):
    """goffinet sip-register-wrong_user: REGISTER challenged (401), the retry with the
    credentials of "telephone0" refused (403); the SUBSCRIBE's 404 is no registration.
    The address-of-record is the To URI in canonical form, without URI parameters
    (RFC 3261 §10.3 step 5): the To here is <sip:telephone0@172.16.98.101;transport=UDP>."""

    def test_wrong_user(self):
        totals, calls, _, naors, aors = parse_report(report(run_reports(REGISTER_CAP)))
        self.assertEqual(totals["calls"], 0)
        self.assertEqual(naors, 1)
        self.assertEqual(aors, [{
            "Address-of-record": "sip:telephone0@172.16.98.101",  # RFC 3261 §10.3: no URI parameters
            "Attempts": "2", "Registered": "0", "Challenged": "1", "Rejected": "1", "Refused": "0",
            "Last code": "403", "Last user": "telephone0", "First s": "0.000", "Last s": "0.001"}])

    def test_one_pass_equals_two(self):
        self.assertEqual(report(run_reports(REGISTER_CAP)), report(run_reports(REGISTER_CAP, ["-2"])))


class Bounded(unittest.TestCase):
    """A flood of INVITEs with distinct Call-IDs: the tracker follows SG_MAX_CALLS (65536) calls,
    the report counts the rest as not tracked."""
    CAP = 65536

    def test_flood(self):
        n = self.CAP + 100
        path = STAGE.path("flood-invites.pcap")
        with open(path, "wb") as f:
            f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
            for i in range(n):
                sip = (b"INVITE sip:b%d@x SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK%d\r\n"
                       b"From: <sip:a@x>;tag=1\r\nTo: <sip:b%d@x>\r\nCall-ID: %d@x\r\n"
                       b"CSeq: 1 INVITE\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n") % (i, i, i, i)
                udp = struct.pack("!HHHH", 5060, 5060, 8 + len(sip), 0) + sip
                ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), 0, 0, 64, 17, 0,
                                 bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2])) + udp
                frame = b"\x00\x11\x22\x33\x44\x55\x00\x66\x77\x88\x99\xaa\x08\x00" + ip
                f.write(struct.pack("<IIII", 1700000000 + i // 1000, (i % 1000) * 1000, len(frame), len(frame)))
                f.write(frame)
        os.chmod(path, 0o644)
        out, _ = STAGE.tshark(["-r", path, "-q", "-z", "sipguide,calls"])
        totals, calls, dropped, _, _ = parse_report(report(out))
        self.assertEqual(totals["calls"], self.CAP)
        self.assertEqual(totals["no response"], self.CAP)
        self.assertEqual(len(calls), self.CAP)
        self.assertEqual(dropped, 100)
        self.assertEqual(calls[0]["Call-ID"], "0@x")
        self.assertEqual(calls[0]["Start s"], "0.000")


if __name__ == "__main__":
    unittest.main(verbosity=2)
