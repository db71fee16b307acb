#!/usr/bin/env python3
"""Issue #8: install, JSON/EK output, coloring rules, and the GUI with the plugin."""
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sgtest  # noqa: E402

STAGE = None


def setUpModule():
    global STAGE
    STAGE = sgtest.Stage()


class JsonAndEk(unittest.TestCase):
    CAP = "sipnab__sip-routing-error.pcapng"

    def own_codes(self):
        return [c for r in STAGE.fields(self.CAP, ["sip.Status-Code"]) for c in r[0]]

    def test_ek_carries_the_fields(self):
        out, _ = STAGE.tshark(STAGE.read_args(self.CAP, ["-T", "ek", "-Y", "sipguide"]))
        docs = [json.loads(l) for l in out.split("\n") if l.startswith('{"timestamp"')]
        codes, titles = [], []
        for d in docs:
            sg = d["layers"]["sipguide"]
            sg = sg if isinstance(sg, list) else [sg]
            for x in sg:
                codes.append(str(x["sipguide_sipguide_code"]))
                titles.append(x.get("sipguide_sipguide_title"))
        self.assertEqual(codes, self.own_codes())
        self.assertIn("Temporarily Unavailable", titles)
        index_lines = [l for l in out.split("\n") if l.startswith('{"index"')]
        self.assertEqual(len(index_lines), len(docs))  # ready for the _bulk API

    def test_json_carries_the_fields(self):
        codes = [sgtest.pairs_get(l, "sipguide.code")[0] for _, ls in STAGE.json_layers(self.CAP) for l in ls]
        self.assertEqual(codes, self.own_codes())


class ColoringRules(unittest.TestCase):
    def test_every_rule_is_a_valid_filter_that_matches(self):
        path = os.path.join(sgtest.SOURCE_DIR, "docs", "sipguide.colorfilters")
        rules = [l.split("@")[1:3] for l in open(path) if l.startswith("@")]
        self.assertEqual(len(rules), 3)
        caps = {"scan": "crafted-scan.pcap", "unexpected": "crafted-codes.pcap", "documented failure": "crafted-codes.pcap"}
        for name, flt in rules:
            with self.subTest(rule=name):
                cap = [c for k, c in caps.items() if k in name][0]
                rows = STAGE.fields(cap, ["frame.number"], ["-Y", flt])
                self.assertTrue(rows, "%s matched nothing" % flt)
        frames = STAGE.fields("crafted-codes.pcap", ["frame.number"], ["-Y", rules[1][1]])
        verdicts = STAGE.fields("crafted-codes.pcap", ["sipguide.verdict"], ["-Y", rules[1][1]])
        self.assertTrue(all(set(v[0]) & {"unexpected", "unregistered", "invalid"} for v in verdicts))
        self.assertGreaterEqual(len(frames), 10)


class Install(unittest.TestCase):
    def test_personal_install_and_uninstall(self):
        home = tempfile.mkdtemp(prefix="sipguide-home-")
        build = tempfile.mkdtemp(prefix="sipguide-build-")
        try:
            env = dict(os.environ, HOME=home)
            subprocess.run(["cmake", "-S", sgtest.SOURCE_DIR, "-B", build], env=env, check=True, stdout=subprocess.DEVNULL)
            subprocess.run(["cmake", "--build", build, "--target", "sipguide", "-j2"], env=env, check=True, stdout=subprocess.DEVNULL)
            subprocess.run(["cmake", "--install", build], env=env, check=True, stdout=subprocess.DEVNULL)
            so = os.path.join(home, ".local", "lib", "wireshark", "plugins", sgtest.ws_series(), "epan", "sipguide.so")
            self.assertTrue(os.path.isfile(so))
            # as its user, tshark lists it (the stage is another user's HOME: use it through a copy)
            stage = sgtest.Stage(so)
            out, _ = stage.tshark(["-G", "plugins"])
            self.assertRegex(out, r"sipguide\.so\s+0\.1\.0\s+dissector")
            subprocess.run(["cmake", "--build", build, "--target", "uninstall"], env=env, check=True, stdout=subprocess.DEVNULL)
            self.assertFalse(os.path.exists(so))
        finally:
            shutil.rmtree(home, True)
            shutil.rmtree(build, True)


class Gui(unittest.TestCase):
    """The real Wireshark under Xvfb loads the plugin without a plugin error."""

    def test_gui_starts_with_plugin(self):
        for tool in ("wireshark", "xvfb-run"):
            if not shutil.which(tool):
                self.fail("%s is not installed (apt-get install wireshark-qt xvfb)" % tool)
        cap = STAGE.capture("sipnab__sip-routing-error.pcapng")
        log = STAGE.path("gui.log")
        env = STAGE.env()
        env["QT_QPA_PLATFORM"] = "xcb"
        cmd = STAGE.argv([], [])
        cmd = cmd[:cmd.index("tshark")] + ["xvfb-run", "-a", "wireshark", "-r", cap, "-g", "6",
                                           "-o", "gui.ask_unsaved:FALSE", "--log-level", "info"]
        with open(log, "wb") as f:
            # its own session, so wireshark and Xvfb go with xvfb-run at the end
            p = subprocess.Popen(cmd, env=env, cwd=STAGE.dir, stdout=f, stderr=subprocess.STDOUT,
                                 start_new_session=True)
            time.sleep(15)
            alive = p.poll() is None
            try:
                os.killpg(p.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                p.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
                p.wait()
        text = open(log, encoding="utf-8", errors="replace").read()
        self.assertTrue(alive, "wireshark exited early:\n" + text[-3000:])
        self.assertIn("SIP Response Guide 0.1.0 registered", text)  # the GUI loaded this build
        bad = [l for l in text.split("\n") if re.search(r"sipguide|plugin", l, re.I)
               and re.search(r"error|warn|couldn't|failed|critical", l, re.I)]
        self.assertEqual(bad, [], text[-3000:])


if __name__ == "__main__":
    unittest.main(verbosity=2)
