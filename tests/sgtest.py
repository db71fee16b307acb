"""Shared test harness: runs the real tshark with the freshly built plugin,
isolated from the user's plugins and profile.

tshark started as root ignores personal plugin folders, so as root it runs as
nobody (setpriv) with HOME pointed at a world-readable temporary folder that
holds only the fresh build and copies of the captures."""
import atexit
import glob
import json
import os
import re
import shutil
import subprocess
import tempfile

SOURCE_DIR = os.environ.get("SIPGUIDE_SOURCE_DIR") or os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PLUGIN = os.environ.get("SIPGUIDE_PLUGIN") or os.path.join(SOURCE_DIR, "build", "sipguide.so")
CAPTURES = os.path.join(SOURCE_DIR, "captures")
GUIDE = os.path.join(SOURCE_DIR, "docs", "voice-gateway-sip-response-codes.txt")
AGG = "\x1f"  # -T fields aggregator: guide texts contain commas

# Booleans print as 1/0 in Wireshark 4.0 and True/False from 4.2 on.
BOOLS = {"True": "1", "False": "0"}

# Captures that need a decode-as to show their SIP (see captures/MANIFEST-public.md).
DECODE_AS = {"heplify__sip_ipv4_tcp_fragmented.pcap": ["-d", "tcp.port==6060,sip"]}


def ws_series():
    s = os.environ.get("SIPGUIDE_WS_SERIES")
    if s:
        return s
    out = subprocess.run(["tshark", "--version"], capture_output=True, text=True).stdout
    m = re.search(r"\(Wireshark\) (\d+)\.(\d+)", out)
    return "%s.%s" % (m.group(1), m.group(2))


class Stage:
    """A world-readable folder with HOME (holding only the plugin) and captures."""

    def __init__(self, plugin=PLUGIN):
        if not os.path.isfile(plugin):
            raise SystemExit("plugin not built: %s (run cmake --build build)" % plugin)
        self.dir = tempfile.mkdtemp(prefix="sipguide-test-")
        atexit.register(shutil.rmtree, self.dir, True)
        self.home = os.path.join(self.dir, "home")
        self.plugin_dir = os.path.join(self.home, ".local", "lib", "wireshark", "plugins", ws_series(), "epan")
        os.makedirs(self.plugin_dir)
        os.makedirs(os.path.join(self.home, ".config", "wireshark"))
        shutil.copy(plugin, os.path.join(self.plugin_dir, "sipguide.so"))
        self.cap_dir = os.path.join(self.dir, "captures")
        os.makedirs(self.cap_dir)
        self._open_up()

    def _open_up(self):
        for root, dirs, files in os.walk(self.dir):
            os.chmod(root, 0o777)
            for f in files:
                os.chmod(os.path.join(root, f), 0o644)

    def profile_file(self, name, text):
        """Writes a file into the staged personal profile (e.g. a user table)."""
        path = os.path.join(self.home, ".config", "wireshark", name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        os.chmod(path, 0o666)
        return path

    def path(self, name):
        """A world-writable path in the stage for files made by the caller."""
        return os.path.join(self.dir, name)

    def capture(self, name):
        """Path of a staged copy of captures/NAME (or of an absolute path)."""
        src = name if os.path.isabs(name) else os.path.join(CAPTURES, name)
        dst = os.path.join(self.cap_dir, os.path.basename(src))
        if not os.path.exists(dst):
            shutil.copy(src, dst)
            os.chmod(dst, 0o644)
        return dst

    def env(self):
        return {"PATH": "/usr/bin:/bin", "HOME": self.home, "LANG": "C.UTF-8",
                "XDG_CONFIG_HOME": os.path.join(self.home, ".config")}

    def argv(self, args, wrapper=()):
        """The command that runs tshark (behind wrapper, e.g. valgrind) as the test user."""
        cmd = list(wrapper) + ["tshark"] + list(args)
        if os.geteuid() == 0:
            cmd = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] + cmd
        return cmd

    def tshark(self, args, check=True, timeout=600):
        p = subprocess.run(self.argv(args), env=self.env(), cwd=self.dir, capture_output=True,
                           timeout=timeout)
        out, err = p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")
        if check and p.returncode != 0:
            raise AssertionError("tshark %s failed (%d): %s" % (" ".join(args), p.returncode, err))
        return out, err

    def read_args(self, name, extra=()):
        return ["-r", self.capture(name)] + DECODE_AS.get(os.path.basename(name), []) + list(extra)

    def fields(self, name, fields, extra=()):
        """-T fields rows: one list per frame, each cell a list of occurrences."""
        args = self.read_args(name, extra) + ["-T", "fields", "-E", "aggregator=" + AGG]
        for f in fields:
            args += ["-e", f]
        out, _ = self.tshark(args)
        rows = []
        for line in out.split("\n"):
            if line == "":
                continue
            rows.append([[BOOLS.get(v, v) for v in c.split(AGG)] if c else [] for c in line.split("\t")])
        return rows

    def info(self, name, display_filter):
        """The packet list lines (with the Info column) tshark prints for the filter;
        the summary output fills Info the same way on every Wireshark version."""
        out, _ = self.tshark(self.read_args(name, ["-Y", display_filter]))
        return [l for l in out.split("\n") if l.strip()]

    def json_layers(self, name, extra=()):
        """Per frame, the list of sipguide subtrees as lists of (key, value) pairs."""
        out, _ = self.tshark(self.read_args(name, extra) + ["-T", "json"])
        frames = json.loads(out, object_pairs_hook=lambda pairs: [
            (k, BOOLS.get(v, v) if isinstance(v, str) else v) for k, v in pairs])
        result = []
        for frame in frames:
            layers = dict(dict(frame)["_source"])["layers"]
            num = int(dict(dict(layers)["frame"])["frame.number"])
            result.append((num, [v for k, v in layers if k == "sipguide"]))
        return result


def all_captures():
    return sorted(os.path.basename(p) for p in glob.glob(os.path.join(CAPTURES, "*"))
                  if re.search(r"\.(pcap|pcapng|cap)$", p))


def pairs_get(pairs, key):
    """All values of key in a json object kept as pairs, searched recursively."""
    found = []
    for k, v in pairs:
        if k == key:
            found.append(v)
        elif isinstance(v, list) and v and isinstance(v[0], tuple):
            found.extend(pairs_get(v, key))
    return found


def guide_rows():
    """The guide's table as {code: [lines]}: a row starts with a 3-digit code,
    and '- ' lines continue the row above."""
    rows, code = {}, None
    with open(GUIDE, encoding="utf-8") as f:
        lines = f.read().split("\n")
    start = lines.index("Code Error Description What to Do?") + 1
    for line in lines[start:]:
        m = re.match(r"^(\d{3}) ", line)
        if m:
            code = int(m.group(1))
            rows[code] = [line]
        elif line.startswith("- ") and code is not None:
            rows[code].append(line)
        elif line.strip():
            break
    return rows
