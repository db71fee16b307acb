#!/usr/bin/env python3
"""Issue #5: the user table, the preferences and the per-code report.
Each test runs tshark with a fresh profile (its own Stage)."""
import collections
import os
import re
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sgtest  # noqa: E402

SEV = {"chat": 0x00200000, "note": 0x00400000, "warn": 0x00600000, "error": 0x00800000}


def by_code(stage, cap, fields, extra=()):
    """{code: first row's values} for the given sipguide fields."""
    out = {}
    for r in stage.fields(cap, ["sipguide.code"] + fields, extra):
        for i, code in enumerate(r[0]):
            out.setdefault(int(code), [c[i] if i < len(c) else None for c in r[1:]] if len(r[0]) == 1 else r[1:])
    return out


def experts_by_code(stage, cap, extra=()):
    """{code: [(expert name, severity)]} of the sipguide subtrees (first response per code)."""
    out = {}
    for _, layers in stage.json_layers(cap, extra):
        for layer in layers:
            code = int(sgtest.pairs_get(layer, "sipguide.code")[0])
            items = [(e[0][0], int(dict(e)["_ws.expert.severity"])) for e in sgtest.pairs_get(layer, "_ws.expert")]
            out.setdefault(code, items)
    return out


class UserTable(unittest.TestCase):
    ROWS = ('"486","Callee busy","Our IVR answers busy when all agents are taken.","Retry in 5 minutes | Call the NOC","warn"\n'
            '"299","Carrier OK","Carrier X private success.","",""\n'
            '"404","My 404","Number not provisioned on our SBC.","Provision it","none"\n')

    def setUp(self):
        self.stage = sgtest.Stage()

    def test_override_and_addition_from_profile(self):
        self.stage.profile_file("sipguide_entries", self.ROWS)
        fields = ["sipguide.source", "sipguide.title", "sipguide.meaning", "sipguide.action",
                  "sipguide.verdict", "sipguide.phrase", "sipguide.documented"]
        rows = {int(r[0][0]): r[1:] for r in self.stage.fields("crafted-codes.pcap", ["sipguide.code"] + fields) if r[0]}
        self.assertEqual(rows[486][:4], [["user table"], ["Callee busy"],
                                         ["Our IVR answers busy when all agents are taken."],
                                         ["Retry in 5 minutes", "Call the NOC"]])
        self.assertEqual(rows[486][4:], [["documented failure"], ["Busy Here"], ["1"]])
        self.assertEqual(rows[299][:2], [["user table"], ["Carrier OK"]])
        self.assertEqual(rows[299][3], [])  # no action given, none invented
        self.assertEqual(rows[299][4], ["documented"])
        self.assertEqual(rows[404][:2], [["user table"], ["My 404"]])
        self.assertEqual(rows[408][:2], [["guide"], ["Request Timeout"]])  # built-in guide intact
        ex = experts_by_code(self.stage, "crafted-codes.pcap")
        self.assertIn(("sipguide.user.warn", SEV["warn"]), ex[486])
        self.assertEqual([e for e in ex[404] if e[0].startswith("sipguide.user") or e[0].startswith("sipguide.documented")], [])
        self.assertEqual([e for e in ex[299] if e[1] > SEV["chat"]], [])

    def test_set_from_command_line(self):
        row = '"489","Event package","We do not offer presence.","Remove the BLF key","note"'
        rows = {int(r[0][0]): r[1:] for r in self.stage.fields(
            "sipnab__b2bua-asterisk.pcapng", ["sipguide.code", "sipguide.source", "sipguide.title"],
            ["-o", "uat:sipguide_entries:" + row]) if r[0]}
        self.assertEqual(rows[489], [["user table"], ["Event package"]])
        self.assertNotEqual(rows[404][0], ["user table"])  # only the row's own code changes

    def test_empty_table_is_the_builtin_guide(self):
        self.stage.profile_file("sipguide_entries", "")
        rows = self.stage.fields("crafted-codes.pcap", ["sipguide.source"], ["-Y", "sipguide"])
        self.assertNotIn("user table", {s for r in rows for s in r[0]})

    BAD = ('"abc","x","y","z","note"\n'
           '"486","Callee busy","Busy.","Retry","warn"\n'
           '"404","","Empty title","a","note"\n'
           '"700","Too high","m","a","note"\n'
           '"487","T","M","A","Warning"\n'
           '"603","Declined","Callee said no.","a |  | b",""\n'
           '"48","","","a |  | b","loud"\n'
           '"489","Ev","Events off.","Check","chat"\n')

    def fields_with(self, extra=()):
        out, err = self.stage.tshark(self.stage.read_args("crafted-codes.pcap", list(extra) + [
            "-T", "fields", "-e", "sipguide.code", "-e", "sipguide.source", "-e", "sipguide.title"]))
        rows = {}
        for line in out.split("\n"):
            p = line.split("\t")
            if p[0] and p[0] not in rows:
                rows[p[0]] = p[1:]
        return rows, err

    def test_bad_rows_refused_by_name_rest_in_effect(self):
        self.stage.profile_file("sipguide_entries", self.BAD)
        rows, err = self.fields_with()
        for msg in ['row 1 (code "abc"): code "abc" is not a number from 100 to 699.',
                    'row 3 (code "404"): the title is empty.',
                    'row 4 (code "700"): code 700 is outside 100-699.',
                    'row 5 (code "487"): severity "Warning" is not one of none, chat, note, warn, error',
                    'row 6 (code "603"): action 2 is empty.',
                    # every problem of a row, in one line
                    'row 7 (code "48"): code 48 is outside 100-699; the title is empty; the meaning is '
                    'empty; action 2 is empty; severity "loud" is not one of none, chat, note, warn, error']:
            self.assertIn("sipguide_entries, " + msg, err)
        # one message for the whole table, shown once
        self.assertEqual(err.count("6 rows are not used; the other rows and the built-in guide stay in effect"), 1, err)
        self.assertIn("Fix or delete them in Edit > Preferences > Protocols > sipguide > Your guide entries", err)
        self.assertNotIn("Error loading table", err)  # Wireshark's own reader kept every row
        self.assertEqual(rows["486"], ["user table", "Callee busy"])
        self.assertEqual(rows["489"], ["user table", "Ev"])  # after the bad rows
        self.assertEqual(rows["404"], ["guide", "Not Found"])
        self.assertEqual(rows["487"], ["guide", "Request Terminated"])
        self.assertEqual(rows["603"], ["guide", "Decline"])

    def test_bad_row_in_the_middle_from_command_line(self):
        rows, err = self.fields_with([
            "-o", 'uat:sipguide_entries:"486","Callee busy","Busy.","Retry","warn"',
            "-o", 'uat:sipguide_entries:"4x4","","Meaning","a | ","loud"',
            "-o", 'uat:sipguide_entries:"489","Ev","Events off.","Check","chat"'])
        self.assertIn('sipguide_entries, row 2 (code "4x4"): code "4x4" is not a number from 100 to 699; '
                      'the title is empty; action 2 is empty; severity "loud" is not one of', err)
        self.assertNotIn("Error loading table", err)
        self.assertEqual(rows["486"], ["user table", "Callee busy"])
        self.assertEqual(rows["489"], ["user table", "Ev"])

    def test_refused_row_stays_in_the_file(self):
        path = self.stage.profile_file("sipguide_entries", self.BAD)
        self.fields_with()
        with open(path, encoding="utf-8") as f:
            self.assertEqual(f.read(), self.BAD)  # the user's text, untouched

    def test_in_tshark_fields_listing(self):
        out, _ = self.stage.tshark(["-G", "plugins"])
        self.assertIn("sipguide", out)
        out, _ = self.stage.tshark(["-G", "defaultprefs"])
        self.assertIn("sipguide.routine_codes", out)


class Preferences(unittest.TestCase):
    def setUp(self):
        self.stage = sgtest.Stage()

    def verdicts(self, cap, extra=()):
        return {k: v[0] for k, v in by_code(self.stage, cap, ["sipguide.verdict"], extra).items()}

    def test_routine_codes(self):
        v = self.verdicts("crafted-codes.pcap", ["-o", "sipguide.routine_codes:100-199,401,407,486"])
        self.assertEqual((v[486], v[489], v[401]), ("routine", "unexpected", "routine"))
        v = self.verdicts("crafted-codes.pcap", ["-o", "sipguide.routine_codes:"])
        self.assertEqual((v[100], v[401]), ("unexpected", "unexpected"))

    def test_routine_codes_absurd(self):
        out, err = self.stage.tshark(self.stage.read_args("crafted-codes.pcap", [
            "-o", "sipguide.routine_codes:1-99,486", "-T", "fields", "-e", "sipguide.code", "-e", "sipguide.verdict"]))
        self.assertIn("sipguide: preference sipguide.routine_codes: 1-99 is outside 100-699", err)
        self.assertIn("486\tunexpected", out)  # the default stays in effect
        self.assertIn("401\troutine", out)

    def test_failure_severity(self):
        for name, sev in [("warn", SEV["warn"]), ("chat", SEV["chat"]), ("error", SEV["error"]), ("note", SEV["note"]),
                          ("Warn", SEV["warn"])]:
            with self.subTest(name=name):
                ex = experts_by_code(self.stage, "crafted-codes.pcap", ["-o", "sipguide.failure_severity:" + name])
                items = [e for e in ex[404] if e[0].startswith("sipguide.documented_failure")]
                self.assertEqual([s for _, s in items], [sev])

    def test_failure_severity_is_a_drop_down(self):
        out, _ = self.stage.tshark(["-G", "defaultprefs"])
        block = out[:out.index("#sipguide.failure_severity:")].rsplit("\n\n", 1)[1]
        # an enum: the GUI shows a drop-down (4.0 lists the descriptions, 4.6 the names first)
        self.assertRegex(block, r"(?i)# One of: chat, note, warn, error\n")

    def test_failure_severity_old_free_text_in_preferences(self):
        # an earlier sipguide saved any text ("loud"): it no longer raises a message at every
        # start, the default stays, and Wireshark writes a valid value the next time it saves
        self.stage.profile_file("preferences", "sipguide.failure_severity: loud\n")
        _, err = self.stage.tshark(self.stage.read_args("crafted-codes.pcap"))
        self.assertNotIn("failure_severity", err)
        ex = experts_by_code(self.stage, "crafted-codes.pcap")
        self.assertEqual([s for n, s in ex[404] if n.startswith("sipguide.documented_failure")], [SEV["note"]])

    def test_failure_severity_absurd(self):
        cases = [([], "note", SEV["note"]),
                 (["-o", "sipguide.failure_severity:warn"], "warn", SEV["warn"])]
        for before, keep, sev in cases:
            with self.subTest(before=before):
                extra = before + ["-o", "sipguide.failure_severity:loud"]
                _, err = self.stage.tshark(self.stage.read_args("crafted-codes.pcap", extra))
                self.assertIn('sipguide: preference sipguide.failure_severity: "loud" is not one of chat, note, '
                              'warn, error; keeping %s' % keep, err)
                ex = experts_by_code(self.stage, "crafted-codes.pcap", extra)
                self.assertEqual([s for n, s in ex[404] if n.startswith("sipguide.documented_failure")], [sev])
        # a value from the preferences file stays in effect too
        self.stage.profile_file("preferences", "sipguide.failure_severity: error\n")
        extra = ["-o", "sipguide.failure_severity:loud"]
        _, err = self.stage.tshark(self.stage.read_args("crafted-codes.pcap", extra))
        self.assertIn('"loud" is not one of chat, note, warn, error; keeping error', err)
        ex = experts_by_code(self.stage, "crafted-codes.pcap", extra)
        self.assertEqual([s for n, s in ex[404] if n.startswith("sipguide.documented_failure")], [SEV["error"]])

    def scan_frames(self, cap, extra=()):
        return [int(r[0][0]) for r in self.stage.fields(cap, ["frame.number"], ["-Y", "sipguide.scan"] + list(extra))]

    def test_scan_switches(self):
        self.assertEqual(self.scan_frames("crafted-scan.pcap"), [20])
        self.assertEqual(self.scan_frames("crafted-scan.pcap", ["-o", "sipguide.scan_detect:FALSE"]), [])
        self.assertEqual(self.scan_frames("crafted-scan.pcap", ["-o", "sipguide.scan_threshold:5"]), [10])
        # only the 404s (odd failures) count: the 10th 404 is the 20th failure, frame 40 - none
        self.assertEqual(self.scan_frames("crafted-scan.pcap", ["-o", "sipguide.scan_codes:404"]), [])
        self.assertEqual(self.scan_frames("crafted-scan.pcap", ["-o", "sipguide.scan_codes:404", "-o", "sipguide.scan_threshold:5"]), [20])
        # failures 2 s apart: a 10 s window holds 6, never 10
        self.assertEqual(self.scan_frames("crafted-scan.pcap", ["-o", "sipguide.scan_window:10"]), [])
        # 10 s apart in crafted-no-scan: a 120 s window holds 12
        self.assertEqual(len(self.scan_frames("crafted-no-scan.pcap", ["-o", "sipguide.scan_window:120"])), 1)

    def test_scan_address_cap(self):
        self.assertEqual(len(self.scan_frames("crafted-two-scanners.pcap")), 2)
        self.assertEqual(self.scan_frames("crafted-two-scanners.pcap", ["-o", "sipguide.scan_max_addresses:1"]), [])

    def test_absurd_numbers_refused(self):
        for pref, value, keep in [("scan_threshold", "0", "10"), ("scan_threshold", "1000000", "10"),
                                  ("scan_window", "0", "60"), ("scan_max_addresses", "0", "10000")]:
            with self.subTest(pref=pref, value=value):
                out, err = self.stage.tshark(self.stage.read_args("crafted-scan.pcap", [
                    "-o", "sipguide.%s:%s" % (pref, value), "-Y", "sipguide.scan", "-T", "fields", "-e", "frame.number"]))
                self.assertIn("sipguide: preference sipguide.%s: %s is out of range" % (pref, value), err)
                self.assertIn("keeping %s" % keep, err)
                self.assertEqual(out.split(), ["20"])  # defaults in effect
        _, err = self.stage.tshark(self.stage.read_args("crafted-scan.pcap", ["-o", "sipguide.scan_window:soon"]), check=False)
        self.assertIn("sipguide.scan_window", err)

    def test_check_487(self):
        frames = lambda extra: [r[0][0] for r in self.stage.fields("crafted-context.pcap", ["frame.number"], ["-Y", "sipguide.no_cancel"] + extra)]
        self.assertEqual(frames([]), ["14"])
        self.assertEqual(frames(["-o", "sipguide.check_487:FALSE"]), [])


def report(stage, cap, extra=()):
    """The -z sipguide,tree report as {node name: count}, with each node's depth."""
    out, _ = stage.tshark(stage.read_args(cap, ["-q", "-z", "sipguide,tree"] + list(extra)))
    nodes = {}
    for line in out.split("\n"):
        m = re.match(r"^( *)(\S.*?)\s{2,}(\d+)\s", line)
        if m and m.group(2) != "Topic / Item":
            nodes[(len(m.group(1)), m.group(2))] = int(m.group(3))
    return nodes, out


class Report(unittest.TestCase):
    CAPS = ["sipnab__sipp-branch-scenario.pcapng", "suricata-verify__sip-method__sip.pcap",
            "crafted-codes.pcap", "crafted-tcp-multi.pcap", "heplify__erspan_sip_ipv4_udp.pcapng",
            "heplify__sip_ipv4_tcp_fragmented.pcap", "nDPI__http_on_sip_port.pcap"]

    def setUp(self):
        self.stage = sgtest.Stage()

    def test_counts_equal_tshark_own(self):
        for cap in self.CAPS:
            own = collections.Counter(int(c) for r in self.stage.fields(cap, ["sip.Status-Code"]) for c in r[0])
            for extra in ([], ["-2"]):
                with self.subTest(cap=cap, extra=extra):
                    nodes, out = report(self.stage, cap, extra)
                    codes = collections.Counter()
                    for (depth, name), n in nodes.items():
                        m = re.match(r"^(\d+) .*\[", name)
                        if depth == 3 and m:
                            codes[int(m.group(1))] += n
                    self.assertEqual(codes, own, out)
                    self.assertEqual(nodes.get((0, "SIP responses"), 0), sum(own.values()))
                    verdicts = sum(n for (d, name), n in nodes.items() if d == 2 and name in
                                   ("documented", "documented failure", "routine", "unexpected", "unregistered", "invalid"))
                    self.assertEqual(verdicts, sum(own.values()))

    def test_sipp_volume_answers_what_to_do(self):
        nodes, out = report(self.stage, "sipnab__sipp-branch-scenario.pcapng")
        self.assertEqual(nodes[(0, "SIP responses")], 5082)
        self.assertEqual(nodes[(3, "200 OK [guide]")], 2565)
        # issue #15: the guide's "400 Permission Denied" row describes 403
        self.assertEqual(nodes[(3, "403 Permission Denied [guide]")], 1148)
        self.assertEqual(nodes[(2, "documented failure")], 1148)
        todo = [k for k in nodes if k[0] == 2 and k[1].startswith("403 Permission Denied: ")]
        self.assertEqual(len(todo), 1)
        self.assertEqual(nodes[todo[0]], 1148)

    def test_guide_title_and_first_action(self):
        nodes, _ = report(self.stage, "crafted-codes.pcap")
        rows = sgtest.guide_rows()
        first_404 = rows[404][0].split(" - ", 1)[1]
        todo = [name for (d, name) in nodes if d == 2 and name.startswith("404 Not Found: ")]
        self.assertEqual(len(todo), 1)
        action = todo[0][len("404 Not Found: "):]
        self.assertTrue(action.endswith("...") and first_404.startswith(action[:-3]), todo)
        self.assertEqual(nodes[(2, todo[0])], 1)
        self.assertEqual(nodes[(3, "403 Permission Denied [guide]")], 1)  # the guide's row that describes 403

    def test_names_fit_so_count_is_visible(self):
        # the statistics dialog sizes its first column to the longest name
        for cap in ["crafted-codes.pcap", "sipnab__sipp-branch-scenario.pcapng"]:
            nodes, out = report(self.stage, cap, ["-o", 'uat:sipguide_entries:"486","A title far too long for a '
                                                   'report column, really","Busy.","An action far too long for a '
                                                   'report column as well, really much too long","warn"'])
            longest = max(len(name) for _, name in nodes)
            self.assertLessEqual(longest, 64, out)
            self.assertTrue(any(name.startswith("What to do") for _, name in nodes))

    def test_user_table_in_report(self):
        nodes, _ = report(self.stage, "crafted-codes.pcap",
                          ["-o", 'uat:sipguide_entries:"486","Callee busy","Busy.","Retry later","warn"'])
        self.assertEqual(nodes[(3, "486 Callee busy [your table]")], 2)
        self.assertEqual(nodes[(2, "486 Callee busy: Retry later")], 2)


if __name__ == "__main__":
    unittest.main(verbosity=2)
