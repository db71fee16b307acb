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
        # the guide's title where its row applies (the 480s here answer SUBSCRIBEs: no title)
        self.assertIn("Not Found", titles)
        index_lines = [l for l in out.split("\n") if l.startswith('{"index"')]
        self.assertEqual(len(index_lines), len(docs))  # ready for the _bulk API

    def test_json_carries_the_fields(self):
        codes = [sgtest.pairs_get(l, "sipguide.code")[0] for _, ls in STAGE.json_layers(self.CAP) for l in ls]
        self.assertEqual(codes, self.own_codes())


PROFILE = "SIP troubleshooting"
PROFILE_DIR = os.path.join(sgtest.SOURCE_DIR, "profile", PROFILE)
PROFILE_ZIP = os.path.join(sgtest.SOURCE_DIR, "profile", "SIP-troubleshooting.zip")
# Fields the profile uses that another part of sipguide adds; until a build has them,
# and only then, a rule or button naming them may fail to compile.
NEWER_FIELDS = ("sipguide.finding", "sipguide.call.outcome")


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def missing_fields(stage):
    out, _ = stage.tshark(["-G", "fields"])
    have = {l.split("\t")[2] for l in out.split("\n") if l.startswith("F\t")}
    return {f for f in NEWER_FIELDS if f not in have}


def rules(path):
    """(name, filter, disabled) of a colorfilters file, in order."""
    out = []
    for line in read(path).split("\n"):
        m = re.match(r"^(!?)@([^@]*)@([^@]*)@\[", line)
        if m:
            out.append((m.group(2), m.group(3), m.group(1) == "!"))
    return out


def buttons(path):
    """(enabled, label, expression) of a dfilter_buttons file."""
    out = []
    for line in read(path).split("\n"):
        m = re.match(r'^"(TRUE|FALSE)","([^"]*)","([^"]*)","([^"]*)"$', line.rstrip("\n"))
        if m:
            out.append((m.group(1) == "TRUE", m.group(2), m.group(3).replace("\\x22", '"')))
    return out


def install_profile(stage, missing=()):
    """Copies the profile into the stage's profiles folder, leaving out the rules and
    buttons that name a field this build does not have yet."""
    dst = os.path.join(stage.home, ".config", "wireshark", "profiles", PROFILE)
    os.makedirs(dst, exist_ok=True)
    for name in os.listdir(PROFILE_DIR):
        with open(os.path.join(PROFILE_DIR, name), encoding="utf-8") as f:
            lines = [l for l in f if not any(m in l for m in missing)]
        with open(os.path.join(dst, name), "w", encoding="utf-8") as f:
            f.writelines(lines)
    stage._open_up()
    return dst


class ColoringRules(unittest.TestCase):
    def test_every_rule_is_a_valid_filter_that_matches(self):
        path = os.path.join(sgtest.SOURCE_DIR, "docs", "sipguide.colorfilters")
        ours = rules(path)
        self.assertEqual([n for n, _, _ in ours], [n for n, _, _ in rules(os.path.join(PROFILE_DIR, "colorfilters"))][:5])
        missing = missing_fields(STAGE)
        caps = {"scan": "crafted-scan.pcap", "unexpected": "crafted-codes.pcap", "documented failure": "crafted-codes.pcap",
                "finding": None, "failed call": None}
        for name, flt, _ in ours:
            with self.subTest(rule=name):
                cap = [c for k, c in caps.items() if k in name][0] or "crafted-codes.pcap"
                _, err = STAGE.tshark(STAGE.read_args(cap, ["-Y", flt, "-c", "1"]), check=False)
                if any(f in flt for f in missing):
                    continue  # names a field this build does not have yet
                self.assertNotIn("isn't a valid display filter", err)
                self.assertNotIn("neither a field nor a protocol", err)
                if caps[[k for k in caps if k in name][0]]:
                    rows = STAGE.fields(cap, ["frame.number"], ["-Y", flt])
                    self.assertTrue(rows, "%s matched nothing" % flt)
        # scan: every failure in an active scan, not only the crossing frame
        scan = [f for n, f, _ in ours if "scan" in n][0]
        self.assertGreater(len(STAGE.fields("crafted-scan.pcap", ["frame.number"], ["-Y", scan])),
                           len(STAGE.fields("crafted-scan.pcap", ["frame.number"], ["-Y", "sipguide.scan"])))
        unexpected = [f for n, f, _ in ours if "unexpected" in n][0]
        verdicts = STAGE.fields("crafted-codes.pcap", ["sipguide.verdict"], ["-Y", unexpected])
        self.assertTrue(all(set(v[0]) & {"unexpected", "unregistered", "invalid"} for v in verdicts))
        self.assertGreaterEqual(len(verdicts), 10)

    # The "SIP troubleshooting" configuration profile: its files parse and say what
    # the README says.
    def setUp(self):
        self.stage = sgtest.Stage()
        self.missing = missing_fields(self.stage)

    def compiles(self, flt):
        _, err = self.stage.tshark(self.stage.read_args("crafted-codes.pcap", ["-Y", flt, "-c", "1"]), check=False)
        return err.strip() == "", err

    def test_coloring_rules_first_and_distinct(self):
        rs = rules(os.path.join(PROFILE_DIR, "colorfilters"))
        names = [n for n, _, _ in rs]
        self.assertEqual(names[:5], ["sipguide: scan or brute force", "sipguide: finding", "sipguide: failed call",
                                     "sipguide: unexpected response", "sipguide: documented failure"])
        self.assertFalse(any(n.startswith("sipguide") for n in names[5:]))
        self.assertFalse(any(d for _, _, d in rs[:5]))
        # then Wireshark's own default rules, in their order
        default = "/usr/share/wireshark/colorfilters"
        if sgtest.ws_series() == "4.0" and os.path.exists(default):
            self.assertEqual(names[5:], [n for n, _, _ in rules(default)])
        filters = dict((n, f) for n, f, _ in rs)
        self.assertEqual(filters["sipguide: scan or brute force"], "sipguide.scan.address")
        self.assertEqual(filters["sipguide: finding"], "sipguide.finding")
        self.assertEqual(filters["sipguide: failed call"], 'sipguide.call.outcome == "failed"')
        colors = re.findall(r"^@sipguide[^@]*@[^@]*@(\[[^]]*\])", read(os.path.join(PROFILE_DIR, "colorfilters")), re.M)
        self.assertEqual(len(set(colors)), 5)  # five distinct backgrounds
        default_bgs = set(re.findall(r"@(\[[^]]*\])\[", read(default))) if os.path.exists(default) else set()
        self.assertFalse(set(colors) & default_bgs)
        for n, f, _ in rs:
            ok, err = self.compiles(f)
            if not ok and any(m in f for m in self.missing):
                continue  # the field is not in this build yet
            self.assertTrue(ok, "%s: %s" % (n, err))

    def test_buttons(self):
        bs = buttons(os.path.join(PROFILE_DIR, "dfilter_buttons"))
        self.assertEqual([(e, l) for e, l, _ in bs], [(True, "Failures"), (True, "Unexpected"), (True, "Findings"),
                                                    (True, "Failed calls"), (True, "Scans")])
        self.assertEqual([x for _, _, x in bs], ["sipguide.code >= 400", 'sipguide.verdict == "unexpected"',
                                                 "sipguide.finding", 'sipguide.call.outcome == "failed"',
                                                 "sipguide.scan.address"])
        for _, label, flt in bs:
            ok, err = self.compiles(flt)
            if not ok and any(m in flt for m in self.missing):
                continue
            self.assertTrue(ok, "%s: %s" % (label, err))

    def test_profile_opens_without_complaint_and_shows_the_columns(self):
        install_profile(self.stage)
        out, err = self.stage.tshark(["-C", PROFILE, "--color"] + self.stage.read_args(
            "crafted-codes.pcap", ["-Y", "sipguide.code == 404"]))
        complaints = [l for l in err.split("\n") if l.strip()]
        if self.missing:  # only the rules naming a field this build lacks may be refused
            complaints = [l for l in complaints if not any(m in l for m in self.missing)
                          and "Could not compile" not in l]
        self.assertEqual(complaints, [], err)
        self.assertRegex(out, r"SIP\s+documented failure\s+Not Found\s+Status: 404")  # Verdict and Title columns
        with open(os.path.join(PROFILE_DIR, "preferences"), encoding="utf-8") as f:
            prefs = f.read()
        for col in ['"Verdict", "%Cus:sipguide.verdict:0:R"', '"Title", "%Cus:sipguide.title:0:R"',
                    '"Finding", "%Cus:sipguide.finding:0:R"']:
            self.assertIn(col, prefs)

    def test_zip_holds_the_profile(self):
        import zipfile
        with zipfile.ZipFile(PROFILE_ZIP) as z:
            names = sorted(n for n in z.namelist() if not n.endswith("/"))
            self.assertEqual(names, sorted(PROFILE + "/" + f for f in os.listdir(PROFILE_DIR)))
            for f in os.listdir(PROFILE_DIR):
                with open(os.path.join(PROFILE_DIR, f), "rb") as src:
                    self.assertEqual(z.read(PROFILE + "/" + f), src.read(), "%s: run python3 profile/make_zip.py" % f)


class Install(unittest.TestCase):
    def test_personal_install_and_uninstall(self):
        home = tempfile.mkdtemp(prefix="sipguide-home-")
        build = tempfile.mkdtemp(prefix="sipguide-build-")
        try:
            env = dict(os.environ, HOME=home)
            env.pop("XDG_CONFIG_HOME", None)
            subprocess.run(["cmake", "-S", sgtest.SOURCE_DIR, "-B", build], env=env, check=True, stdout=subprocess.DEVNULL)
            subprocess.run(["cmake", "--build", build, "--target", "sipguide", "-j2"], env=env, check=True, stdout=subprocess.DEVNULL)
            subprocess.run(["cmake", "--install", build], env=env, check=True, stdout=subprocess.DEVNULL)
            so = os.path.join(home, ".local", "lib", "wireshark", "plugins", sgtest.ws_series(), "epan", "sipguide.so")
            self.assertTrue(os.path.isfile(so))
            prof = os.path.join(home, ".config", "wireshark", "profiles", PROFILE)
            self.assertEqual(sorted(os.listdir(prof)), sorted(os.listdir(PROFILE_DIR)))  # the profile came along
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
    """The real Wireshark under Xvfb, as its user would run it: the plugin, the
    "SIP troubleshooting" profile, a sipguide display filter and every sipguide
    report; no error or warning dialog, no warning from sipguide in the log."""

    CAP = "sipnab__sip-routing-error.pcapng"
    FILTER = "sipguide.code >= 400"

    def x(self, *args, check=False):
        return subprocess.run(["xdotool"] + list(args), env=self.xenv, capture_output=True, text=True,
                              check=check).stdout

    def windows(self):
        """{id: name} of the visible windows that have a name."""
        out = {}
        for w in self.x("search", "--onlyvisible", "--name", "").split():
            name = self.x("getwindowname", w).strip()
            if name:
                out[w] = name
        return out

    def wait_for(self, pattern, seconds):
        end = time.time() + seconds
        while time.time() < end:
            found = [w for w, n in self.windows().items() if re.search(pattern, n)]
            if found:
                return found[0]
            time.sleep(1)
        return None

    def start_xvfb(self, displays):
        """An Xvfb on a free display of our own: (process, ":N")."""
        for n in displays:
            if os.path.exists("/tmp/.X%d-lock" % n) or os.path.exists("/tmp/.X11-unix/X%d" % n):
                continue
            xvfb = subprocess.Popen(["Xvfb", ":%d" % n, "-screen", "0", "1400x1000x24", "-nolisten", "tcp"],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            self.xenv = dict(os.environ, DISPLAY=":%d" % n)
            for _ in range(50):
                if self.x("getdisplaygeometry").strip() == "1400 1000" or xvfb.poll() is not None:
                    break
                time.sleep(0.2)
            if xvfb.poll() is None:
                return xvfb, ":%d" % n
        self.fail("could not start Xvfb")

    def test_gui_with_profile_filter_and_reports(self):
        for tool in ("wireshark", "Xvfb", "xdotool", "import"):
            if not shutil.which(tool):
                self.fail("%s is not installed (apt-get install wireshark-qt xvfb xdotool imagemagick)" % tool)
        stage = sgtest.Stage()
        install_profile(stage, missing_fields(stage))
        with open(os.path.join(stage.home, ".config", "wireshark", "recent_common"), "w") as f:
            f.write("gui.geometry_main_x: 0\ngui.geometry_main_y: 0\ngui.geometry_main_width: 1400\n"
                    "gui.geometry_main_height: 1000\ngui.geometry_main_maximized: TRUE\n")
        stage._open_up()
        cap = stage.capture(self.CAP)
        out, err = stage.tshark(["-z", "help"], check=False)
        calltable = "sipguide,calltable" in out + err
        shot = os.path.join(os.path.dirname(os.path.abspath(sgtest.PLUGIN)), "gui-test.png")
        log = stage.path("gui.log")

        xvfb, display = self.start_xvfb(range(90, 140))
        env = stage.env()
        env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb")
        cmd = stage.argv([])
        cmd = cmd[:cmd.index("tshark")] + ["wireshark", "-C", PROFILE, "-r", cap, "-Y", self.FILTER,
                                           "-o", "gui.ask_unsaved:FALSE", "--log-level", "info"]
        if calltable:
            cmd += ["-z", "sipguide,calltable"]  # Telephony > SIP Calls (sipguide)
        p = None
        try:
            with open(log, "wb") as f:
                p = subprocess.Popen(cmd, env=env, cwd=stage.dir, stdout=f, stderr=subprocess.STDOUT,
                                     start_new_session=True)
                main = self.wait_for(r"sip-routing-error", 90)
                self.assertTrue(main, "the main window did not appear (a dialog in front of it?); windows: %s\n%s"
                                % (self.windows(), read(log)[-3000:]))
                self.x("windowsize", main, "1400", "1000")
                self.x("windowmove", main, "0", "0")
                time.sleep(4)
                # Statistics > SIP Response Guide: the last item of the Statistics menu
                self.x("mousemove", "5", "5")
                self.x("windowfocus", main)
                self.x("key", "alt+s")
                time.sleep(1)
                self.x("key", "Up")
                self.x("key", "Return")
                report = self.wait_for(r"SIP Response Guide", 30)
                self.assertTrue(report, "Statistics > SIP Response Guide did not open: %s" % self.windows())
                if calltable:
                    self.assertTrue(self.wait_for(r"SIP Calls", 30), "the calls table did not open: %s" % self.windows())
                time.sleep(4)
                subprocess.run(["import", "-window", "root", shot], env=self.xenv, check=True)
                extra = {w: n for w, n in self.windows().items()
                         if not re.search(r"sip-routing-error|SIP Response Guide|SIP Calls", n)}
                alive = p.poll() is None
        finally:
            if p is not None:
                try:
                    os.killpg(p.pid, signal.SIGTERM)
                    p.wait(20)
                except ProcessLookupError:
                    pass
                except subprocess.TimeoutExpired:
                    os.killpg(p.pid, signal.SIGKILL)
                    p.wait()
            xvfb.terminate()
            xvfb.wait(20)
        text = read(log)
        print("\nscreenshot: %s" % shot)
        self.assertTrue(alive, "wireshark exited early:\n" + text[-3000:])
        self.assertEqual(extra, {}, "a dialog besides the main window and the reports (an error or warning?)")
        self.assertIn("SIP Response Guide 0.1.0 registered", text)  # the GUI loaded this build
        self.assertIn("Compiled display filter: " + self.FILTER, text)
        bad = [l for l in text.split("\n") if re.search(r"sipguide|plugin|colorfilters|dfilter_buttons|profile", l, re.I)
               and re.search(r"error|warn|couldn't|could not|failed|critical", l, re.I)
               and "Compiled display filter:" not in l]
        self.assertEqual(bad, [], text[-3000:])
        # the profile's colours are on screen: every sipguide rule that is the first match
        # of a displayed frame paints it with its background
        hist = subprocess.run(["convert", shot, "-format", "%c", "histogram:info:-"], capture_output=True,
                              text=True).stdout.replace(" ", "")
        shown = {r[0][0] for r in stage.fields(self.CAP, ["frame.number"], ["-Y", self.FILTER])}
        ruled = set()
        colorfilters = os.path.join(stage.home, ".config", "wireshark", "profiles", PROFILE, "colorfilters")
        for name, flt, _ in rules(colorfilters)[:5]:
            frames = {r[0][0] for r in stage.fields(self.CAP, ["frame.number"], ["-Y", flt])} & shown - ruled
            ruled |= frames
            if frames:
                bg = re.search(re.escape("@" + flt + "@") + r"\[(\d+),(\d+),(\d+)\]", read(colorfilters))
                rgb = "(%d,%d,%d)" % tuple(round(int(v) / 257) for v in bg.groups())
                self.assertIn(rgb, hist, "%s: frames %s, but no %s on screen (%s)" % (name, sorted(frames), rgb, shot))
        self.assertTrue(ruled)


    def test_user_table_editor_marks_bad_cells(self):
        """The user-table editor, opened from the packet details' context menu (Protocol
        Preferences > Your guide entries...) with a bad row in the middle of the file: one
        message at start, the dialog's title, the bad cells red."""
        for tool in ("wireshark", "Xvfb", "xdotool", "import"):
            if not shutil.which(tool):
                self.fail("%s is not installed" % tool)
        stage = sgtest.Stage()
        stage.profile_file("sipguide_entries", '"486","Callee busy","Busy.","Retry","warn"\n'
                                               '"4x4","","Meaning","a |  | b","loud"\n'
                                               '"489","Ev","Events off.","Check","chat"\n')
        stage.profile_file("recent_common", "gui.geometry_main_x: 0\ngui.geometry_main_y: 0\n"
                                            "gui.geometry_main_width: 1400\ngui.geometry_main_height: 1000\n")
        stage.profile_file("recent", "gui.byte_view_show: FALSE\n")
        cap = stage.capture(self.CAP)
        shot = os.path.join(os.path.dirname(os.path.abspath(sgtest.PLUGIN)), "gui-user-table.png")
        gui = self
        xvfb, display = self.start_xvfb(range(140, 190))
        env = stage.env()
        env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb")
        cmd = stage.argv([])
        cmd = cmd[:cmd.index("tshark")] + ["wireshark", "-r", cap, "-g", "20", "-o", "gui.ask_unsaved:FALSE"]
        p = None
        try:
            p = subprocess.Popen(cmd, env=env, cwd=stage.dir, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                 start_new_session=True)
            # at start, one message names the bad row with every problem; dismiss it
            box = gui.wait_for(r"^Wireshark$", 90)
            self.assertTrue(box, "no message about the bad row: %s" % gui.windows())
            gui.x("mousemove", "--window", box, "20", "20")
            gui.x("key", "Return")
            main = gui.wait_for(r"sip-routing-error", 30)
            self.assertTrue(main, gui.windows())
            gui.x("windowsize", main, "1400", "1000")
            gui.x("windowmove", main, "0", "0")
            time.sleep(3)
            # right-click "SIP Response Guide" (last row of the details), Protocol Preferences,
            # Your guide entries...
            for act, x, y in [("3", 160, 630), ("1", 254, 539), ("1", 640, 766)]:
                gui.x("mousemove", str(x), str(y), "click", act)
                time.sleep(1.5)
            editor = gui.wait_for(r"^SIP Response Guide: your entries$", 15)
            subprocess.run(["import", "-window", "root", shot], env=gui.xenv, check=True)
            self.assertTrue(editor, "the editor did not open (menu positions moved?): %s; see %s" % (gui.windows(), shot))
            hist = subprocess.run(["convert", shot, "-format", "%c", "histogram:info:-"], capture_output=True,
                                  text=True).stdout.replace(" ", "")
            red = re.search(r"(\d+):\(255,192,203\)", hist)
            self.assertTrue(red and int(red.group(1)) > 500, "no red (refused) cells in the editor: %s" % shot)
        finally:
            if p is not None:
                try:
                    os.killpg(p.pid, signal.SIGTERM)
                    p.wait(20)
                except ProcessLookupError:
                    pass
                except subprocess.TimeoutExpired:
                    os.killpg(p.pid, signal.SIGKILL)
                    p.wait()
            xvfb.terminate()
            xvfb.wait(20)


if __name__ == "__main__":
    unittest.main(verbosity=2)
