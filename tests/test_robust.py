#!/usr/bin/env python3
"""Issue #7: hostile and broken input never crash, leak or mislead."""
import os
import re
import shutil
import subprocess
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sgtest  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
STAGE = None
SEV_ERROR = 0x00800000


def setUpModule():
    global STAGE
    STAGE = sgtest.Stage()


class Extremes(unittest.TestCase):
    CAPS = ["crafted-extremes.pcap", "crafted-tcp-200.pcap", "crafted-64k-phrase.pcap"]

    def test_codes_match_and_no_complaint(self):
        for cap in self.CAPS:
            with self.subTest(cap=cap):
                out, err = STAGE.tshark(STAGE.read_args(cap, ["-V"]))
                self.assertNotIn("sipguide", err)
                rows = STAGE.fields(cap, ["sip.Status-Code", "sipguide.code"])
                for sip, ours in rows:
                    self.assertEqual(ours, sip)
                self.assertEqual(len(re.findall(r"^SIP Response Guide: ", out, re.M)),
                                 sum(len(r[0]) for r in rows))

    def test_codes_000_and_999_are_invalid_errors(self):
        for _, layers in STAGE.json_layers("crafted-extremes.pcap"):
            for layer in layers:
                code = int(sgtest.pairs_get(layer, "sipguide.code")[0])
                if code in (0, 999):
                    self.assertEqual(sgtest.pairs_get(layer, "sipguide.verdict"), ["invalid"])
                    self.assertEqual(sgtest.pairs_get(layer, "sipguide.class"), ["invalid"])
                    self.assertEqual(sgtest.pairs_get(layer, "sipguide.phrase"), [])  # no meaning invented
                    self.assertEqual([int(s) for s in sgtest.pairs_get(layer, "_ws.expert.severity")], [SEV_ERROR])

    def test_response_without_cseq(self):
        rows = STAGE.fields("crafted-extremes.pcap", ["frame.number", "sipguide.code", "sipguide.method", "sipguide.meaning"])
        r = [x for x in rows if x[0] == ["3"]][0]
        self.assertEqual(r[1:3], [["486"], []])  # annotated, no method made up
        self.assertEqual(r[3], ["The callee was reached but is busy at this location."])

    def test_truncated_last_packet(self):
        rows = STAGE.fields("crafted-extremes.pcap", ["frame.number", "sip.Status-Code", "sipguide.code", "sipguide.title"])
        self.assertEqual(rows[-1], [["4"], ["404"], ["404"], ["Not Found"]])

    def test_200_responses_in_one_segment(self):
        rows = STAGE.fields("crafted-tcp-200.pcap", ["sip.Status-Code", "sipguide.code", "sipguide.verdict"])
        self.assertEqual(len(rows[0][1]), 200)
        self.assertEqual(rows[0][1], rows[0][0])
        self.assertEqual(rows[0][2].count("invalid"), 20)  # every 700

    def test_64k_phrase(self):
        rows = STAGE.fields("crafted-64k-phrase.pcap", ["sipguide.code", "sipguide.wire_phrase", "sipguide.retry_after", "_ws.expert.message"], ["-Y", "sipguide"])
        self.assertEqual(len(rows), 1)
        code, phrase, retry, msgs = rows[0]
        self.assertEqual((code, retry), (["503"], ["30"]))
        self.assertEqual(phrase, ["X" * 512])
        self.assertIn("Reason phrase of 65536 bytes: sipguide shows the first 512", msgs)


class Leaks(unittest.TestCase):
    """valgrind memcheck: no leak and no memory error from sipguide."""
    CAPS = ["crafted-codes.pcap", "crafted-context.pcap", "crafted-tcp-multi.pcap", "crafted-scan.pcap",
            "crafted-extremes.pcap", "suricata-verify__sip-method__sip.pcap", "sipnab__b2bua-asterisk.pcapng"]

    def test_memcheck(self):
        if not shutil.which("valgrind"):
            self.fail("valgrind is not installed (apt-get install valgrind)")
        row = '"486","Busy","Busy here.","Retry | Call","warn"'
        for cap in self.CAPS:
            with self.subTest(cap=cap):
                log = STAGE.path("vg-%s.txt" % cap)
                args = STAGE.read_args(cap, ["-V", "-2", "-o", "uat:sipguide_entries:" + row, "-z", "sipguide,tree"])
                cmd = STAGE.argv(args, ["valgrind", "--leak-check=full", "--show-leak-kinds=definite,indirect",
                                        "--num-callers=40", "--keep-debuginfo=yes",
                                        "--log-file=" + log])
                subprocess.run(cmd, env=STAGE.env(), cwd=STAGE.dir, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, check=True, timeout=900)
                with open(log) as f:
                    text = f.read()
                self.assertIn("ERROR SUMMARY", text)
                records = re.split(r"\n==\d+== \n", text)
                ours = [r for r in records if "sipguide" in r and
                        re.search(r"definitely lost|indirectly lost|Invalid (read|write|free)|uninitialised|Mismatched", r)]
                self.assertEqual(ours, [], "\n".join(ours)[:4000])


class FuzzCaptures(unittest.TestCase):
    def test_short_run(self):
        p = subprocess.run([sys.executable, os.path.join(HERE, "fuzz_captures.py"), "--short"],
                           capture_output=True, text=True, timeout=1800)
        print(p.stdout[-2000:])
        self.assertEqual(p.returncode, 0, p.stdout[-4000:] + p.stderr[-2000:])
        self.assertRegex(p.stdout, r"fuzzed \d+ captures: \d+ runs")
        self.assertIn("0 reports involving sipguide", p.stdout)


class LibFuzzer(unittest.TestCase):
    def test_core_for_20_seconds(self):
        if not shutil.which("clang"):
            self.fail("clang is not installed (apt-get install clang libclang-rt-14-dev)")
        p = subprocess.run(["bash", os.path.join(HERE, "fuzz_core.sh"), "20"], capture_output=True,
                           text=True, timeout=600)
        self.assertEqual(p.returncode, 0, p.stdout[-4000:] + p.stderr[-2000:])
        self.assertRegex(p.stdout, r"Done \d+ runs")


if __name__ == "__main__":
    unittest.main(verbosity=2)
