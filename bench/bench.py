#!/usr/bin/env python3
"""sipguide benchmark: prints figures, asserts nothing.

  python3 bench/bench.py                 # everything (about 55 minutes on 2 cores)
  python3 bench/bench.py --quick         # smaller growth series
  python3 bench/bench.py --only=1,4      # some sections only

1. Instructions (valgrind --tool=callgrind, repeatable on a noisy machine) of
   tshark over the SIPp volume capture (8,989 packets, 5,082 responses):
   sipguide on, off (--disable-protocol sipguide) and the Lua post-dissector
   bench/sipguide.lua (the same job: table, fields, context, checks, expert
   items), each minus its own start-up cost measured on a one-packet capture;
   -T fields and -V; split into dissection and tshark's output.  In -T fields
   mode also the floor: bench/floor.c, a plugin adding only the five fields
   the command asks for; in -V mode also tshark with no plugin at all.
2. Wall time and peak memory (/usr/bin/time) over the same capture merged 21
   times (188,769 packets): -T fields, -V, -q -z sipguide,tree; on/off/Lua,
   best of 3 runs interleaved.
3. Growth: sipguide's cost per response over generated captures of 10k, 100k
   and 1M responses (--quick: 10k and 100k), in CPU time, and in instructions
   (callgrind) at 100k and 300k (--quick: 10k and 30k).
4. Flood: 100,000 failure responses, each to its own address (scan tracking
   capped at 10,000 addresses): peak memory on vs off.
Needs the build in build/, valgrind, GNU time, mergecap and editcap."""
import concurrent.futures
import os
import re
import shutil
import struct
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests"))
import sgtest  # noqa: E402

QUICK = "--quick" in sys.argv
ONLY = [a.split("=", 1)[1].split(",") for a in sys.argv if a.startswith("--only=")]
SECTIONS = ONLY[0] if ONLY else ["1", "2", "3", "4"]
SIPP = "sipnab__sipp-branch-scenario.pcapng"
# -T fields with the fields one filters and counts on, and with the guide's texts too
# (printing ~300 characters of meaning and actions per response is tshark's own
# cost, paid the same by the Lua script).
FIELDS_C = ["-T", "fields", "-e", "frame.number", "-e", "sip.Status-Code"] + sum(
    (["-e", "sipguide." + f] for f in ("code", "verdict", "class", "documented", "source")), [])
TEXTS_C = FIELDS_C + sum((["-e", "sipguide." + f] for f in ("title", "meaning", "action")), [])


def lua_fields(args):
    return [a.replace("sipguide.", "sipguidelua.") for a in args]


def need(tool, package):
    if not shutil.which(tool) and not os.path.exists(tool):
        raise SystemExit("bench needs %s (apt-get install %s)" % (tool, package))


def setup(stage):
    sipp = stage.capture(SIPP)
    one = stage.path("one.pcapng")
    subprocess.run(["editcap", "-r", sipp, one, "1"], check=True)
    big = stage.path("big.pcapng")
    subprocess.run(["mergecap", "-a", "-w", big] + [sipp] * 21, check=True)
    # the Lua post-dissector and its table, generated from sipguide's own
    exe = stage.path("lua_table")
    core = os.path.join(os.path.dirname(sgtest.PLUGIN), "libsipguide_core.a")
    glib = subprocess.run(["pkg-config", "--cflags", "--libs", "glib-2.0"], capture_output=True,
                          text=True, check=True).stdout.split()
    subprocess.run(["cc", "-O2", "-I", os.path.join(sgtest.SOURCE_DIR, "core"),
                    os.path.join(HERE, "lua_table.c"), core, "-o", exe] + glib, check=True)
    with open(stage.path("sipguide_table.lua"), "w") as f:
        subprocess.run([exe], stdout=f, check=True)
    shutil.copy(os.path.join(HERE, "sipguide.lua"), stage.path("sipguide.lua"))
    for name in ("one.pcapng", "big.pcapng", "sipguide_table.lua", "sipguide.lua"):
        os.chmod(stage.path(name), 0o644)
    return sipp, one, big


def no_plugin_stage():
    """A stage whose HOME holds no plugin at all: tshark as if sipguide were not installed."""
    none = sgtest.Stage()
    os.remove(os.path.join(none.plugin_dir, "sipguide.so"))
    return none


def floor_stage(stage):
    """A second stage whose only plugin is bench/floor.c: the five fields of
    FIELDS_C and nothing else, the least any plugin giving them can cost."""
    so = stage.path("floor.so")
    core = os.path.join(os.path.dirname(sgtest.PLUGIN), "libsipguide_core.a")
    flags = subprocess.run(["pkg-config", "--cflags", "--libs", "wireshark", "glib-2.0"],
                           capture_output=True, text=True, check=True).stdout.split()
    subprocess.run(["cc", "-shared", "-fPIC", "-O2", "-I", os.path.join(sgtest.SOURCE_DIR, "core"),
                    "-I", os.path.join(sgtest.SOURCE_DIR, "include"),
                    os.path.join(HERE, "floor.c"), core, "-o", so] + flags, check=True)
    return sgtest.Stage(so)


def variant_args(stage, variant):
    if variant in ("on", "floor", "none"):
        return []
    if variant == "off":
        return ["--disable-protocol", "sipguide"]
    return ["--disable-protocol", "sipguide", "-X", "lua_script:" + stage.path("sipguide.lua")]


def env_for(stage):
    env = stage.env()
    env["SIPGUIDE_LUA_TABLE"] = stage.path("sipguide_table.lua")
    return env


# Where the instructions go, from callgrind's inclusive costs: dissection (all
# dissectors, post-dissectors included) and tshark writing its output.
PARTS = {"dissection": ("epan_dissect_run_with_taps", "epan_dissect_run"),
         "output": ("write_fields_proto_tree", "proto_tree_print", "write_json_proto_tree")}


def callgrind(stage, cap, mode_args, variant):
    """Instructions of one tshark run: {"total": n, "dissection": n, "output": n}."""
    out = stage.path("callgrind.%s.%d.out" % (variant, os.getpid()))
    args = ["-r", cap] + variant_args(stage, variant) + mode_args
    cmd = stage.argv(args, ["valgrind", "--tool=callgrind", "--callgrind-out-file=" + out])
    p = subprocess.run(cmd, env=env_for(stage), cwd=stage.dir, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, text=True)
    m = re.search(r"Collected : (\d+)", p.stderr)
    if not m:
        raise SystemExit("callgrind failed: " + p.stderr[-2000:])
    res = {"total": int(m.group(1)), "dissection": 0, "output": 0}
    ann = subprocess.run(["callgrind_annotate", "--inclusive=yes", "--threshold=100", out],
                         capture_output=True, text=True).stdout
    for line in ann.split("\n"):
        m = re.match(r"\s*([\d,]+) \([^)]*\)\s+\S*:(\w+) ", line)
        if m:
            for part, funcs in PARTS.items():
                if m.group(2) in funcs:
                    res[part] += int(m.group(1).replace(",", ""))
    os.remove(out)
    return res


def timed(stage, cap, mode_args, variant):
    out = stage.path("time.txt")
    args = ["-r", cap] + variant_args(stage, variant) + mode_args
    cmd = stage.argv(args, ["/usr/bin/time", "-o", out, "-f", "%e %M %U %S"])
    subprocess.run(cmd, env=env_for(stage), cwd=stage.dir, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=True)
    with open(out) as f:
        secs, kb, user, system = f.read().split()[-4:]
    return float(secs), int(kb), float(user) + float(system)


def generated(stage, n, flood=False):
    """n UDP responses cycling over 16 codes, 1 ms apart; with flood, n 403/404
    responses, each to its own address."""
    path = stage.path("%s-%d.pcap" % ("flood" if flood else "gen", n))
    codes = [b"100 Trying", b"180 Ringing", b"200 OK", b"401 Unauthorized", b"403 Forbidden",
             b"404 Not Found", b"480 Temporarily Unavailable", b"486 Busy Here",
             b"487 Request Terminated", b"488 Not Acceptable Here", b"503 Service Unavailable",
             b"603 Decline", b"183 Session Progress", b"407 Proxy Authentication Required",
             b"302 Moved Temporarily", b"500 Server Internal Error"]
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
        for i in range(n):
            status = (b"403 Forbidden", b"404 Not Found")[i % 2] if flood else codes[i % 16]
            sip = (b"SIP/2.0 " + status + b"\r\nVia: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK%d\r\n"
                   b"From: <sip:a@x>;tag=1\r\nTo: <sip:b@x>;tag=2\r\nCall-ID: %d@x\r\n"
                   b"CSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n") % (i, i)
            udp = struct.pack("!HHHH", 5060, 5060, 8 + len(sip), 0) + sip
            src = bytes([10, 1 + (i >> 16) % 200, (i >> 8) & 255, i & 255])  # destination
            ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), 0, 0, 64, 17, 0,
                             bytes([10, 0, 0, 1]), src) + udp
            frame = b"\x00\x11\x22\x33\x44\x55\x00\x66\x77\x88\x99\xaa\x08\x00" + ip
            f.write(struct.pack("<IIII", 1700000000 + i // 1000, (i % 1000) * 1000, len(frame),
                                len(frame)))
            f.write(frame)
    os.chmod(path, 0o644)
    return path


def main():
    for tool, pkg in (("valgrind", "valgrind"), ("/usr/bin/time", "time"), ("mergecap", "wireshark-common")):
        need(tool, pkg)
    stage = sgtest.Stage()
    sipp, one, big = setup(stage)
    ver = subprocess.run(["tshark", "--version"], capture_output=True, text=True).stdout.split("\n")[0]
    cpu = [l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")]
    print("sipguide benchmark, %s" % time.strftime("%Y-%m-%d"))
    print("%s; %s x%d; %.0f GiB" % (ver, cpu[0] if cpu else "?", len(cpu),
                                    os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30))

    if "1" in SECTIONS:
        section_callgrind(stage, sipp, one)
    if "2" in SECTIONS:
        section_wall(stage, big)
    if "3" in SECTIONS:
        section_growth(stage)
    if "4" in SECTIONS:
        section_flood(stage)


def section_callgrind(stage, sipp, one):
    print("\n1. Instructions (callgrind), %s, start-up subtracted" % SIPP)
    print("   whole run = everything tshark does; dissection = inside epan_dissect_run*, where")
    print("   sipguide and the Lua script run; output = tshark writing the fields or the details")
    print("   whole +%: overhead / whole run off; dissect +%: dissection overhead / dissection off;")
    print("   output +%: output overhead / whole run off")
    print("%-7s %-5s %15s %15s %15s %9s %10s %10s" % ("mode", "run", "whole run", "dissection", "output",
                                                     "whole +%", "dissect +%", "output +%"))
    modes = {"fields": FIELDS_C, "texts": TEXTS_C, "-V": ["-V"]}
    jobs = []
    for mode, margs in modes.items():
        for variant in ("off", "on", "lua"):
            a = lua_fields(margs) if variant == "lua" else margs
            jobs += [(mode, variant, "full", sipp, a), (mode, variant, "start", one, a)]
    # two at a time: callgrind counts instructions, so runs sharing the CPU count the same
    stages = {"floor": floor_stage(stage), "none": no_plugin_stage()}
    jobs += [("fields", "floor", "full", sipp, FIELDS_C), ("fields", "floor", "start", one, FIELDS_C),
             ("-V", "none", "full", sipp, ["-V"]), ("-V", "none", "start", one, ["-V"])]
    with concurrent.futures.ProcessPoolExecutor(2) as pool:
        done = dict(zip([j[:3] for j in jobs],
                        pool.map(callgrind, *zip(*[(stages.get(j[1], stage), j[3], j[4], j[1])
                                                   for j in jobs]))))
    for mode in modes:
        d = {}
        for variant in ("off", "on", "lua", "floor", "none"):
            if (mode, variant, "full") not in done:
                continue
            full, start = done[(mode, variant, "full")], done[(mode, variant, "start")]
            d[variant] = {k: full[k] - start[k] for k in full}
            x = d[variant]
            extra = ("" if variant == "off" else "%9.2f %10.2f %10.2f" % (
                100.0 * (x["total"] - d["off"]["total"]) / d["off"]["total"],
                100.0 * (x["dissection"] - d["off"]["dissection"]) / d["off"]["dissection"],
                100.0 * (x["output"] - d["off"]["output"]) / d["off"]["total"]))
            print("%-7s %-5s %15d %15d %15d %s" % (mode, variant, x["total"], x["dissection"], x["output"], extra))
        for k, label in (("total", "whole run"), ("dissection", "dissection")):
            c, lua = d["on"][k] - d["off"][k], d["lua"][k] - d["off"][k]
            print("%-7s %s: sipguide overhead / Lua overhead = %.3f (Lua costs %.1fx as much)"
                  % (mode, label, c / lua, lua / max(c, 1)))
        if "none" in d:
            print("%-7s none = no plugin loaded: off (disabled) still costs %.2f%% over it, as Wireshark "
                  "keeps priming the SIP fields sipguide reads; sipguide on vs none: %.2f%% of the whole run"
                  % (mode, 100.0 * (d["off"]["total"] - d["none"]["total"]) / d["none"]["total"],
                     100.0 * (d["on"]["total"] - d["none"]["total"]) / d["none"]["total"]))
        if "floor" in d:
            print("%-7s floor (bench/floor.c: only the five fields asked for) costs %.2f%% of the whole run, "
                  "%.2f%% of dissection; tshark writing the requested values alone: %.2f%%"
                  % (mode, 100.0 * (d["floor"]["total"] - d["off"]["total"]) / d["off"]["total"],
                     100.0 * (d["floor"]["dissection"] - d["off"]["dissection"]) / d["off"]["dissection"],
                     100.0 * (d["floor"]["output"] - d["off"]["output"]) / d["off"]["total"]))


def section_wall(stage, big):
    print("\n2. Wall time and peak memory, %s x21 (188,769 packets), best of 3, runs interleaved" % SIPP)
    print("%-8s %-5s %9s %11s %9s %9s" % ("mode", "run", "seconds", "peak KiB", "time x", "memory x"))
    tmodes = {"fields": FIELDS_C, "texts": TEXTS_C, "-V": ["-V"],
              "report": ["-q", "-z", "sipguide,tree"]}
    none = no_plugin_stage()
    for mode, margs in tmodes.items():
        variants = ["off", "on"] + ([] if mode == "report" else ["lua"])  # the Lua script has no report
        if mode == "-V":
            variants.append("none")  # without the plugin, -e sipguide.* would be an error
        runs = {v: [] for v in variants}
        for _ in range(3):  # interleaved, so the machine's drift hits every variant alike
            for variant in variants:
                a = lua_fields(margs) if variant == "lua" else margs
                runs[variant].append(timed(none if variant == "none" else stage, big, a, variant)[:2])
        base = None
        for variant in variants:
            secs, kb = min(r[0] for r in runs[variant]), max(r[1] for r in runs[variant])
            if base is None:
                base = (secs, kb)
            print("%-8s %-5s %9.2f %11d %9.3f %9.3f" % (mode, variant, secs, kb, secs / base[0], kb / base[1]))


def section_growth(stage):
    print("\n3. Growth: sipguide's cost per response, -T fields, CPU seconds (user+sys), best of 3")
    print("%10s %9s %9s %14s %11s %11s %12s" % ("responses", "off s", "on s", "us/response", "off KiB",
                                                 "on KiB", "B/response"))
    for n in ([10000, 100000] if QUICK else [10000, 100000, 1000000]):
        gen = generated(stage, n)
        runs = {"off": [], "on": []}
        for _ in range(3):  # interleaved, so drift hits both alike
            for variant in ("off", "on"):
                runs[variant].append(timed(stage, gen, FIELDS_C, variant))
        off = (min(r[2] for r in runs["off"]), max(r[1] for r in runs["off"]))
        on = (min(r[2] for r in runs["on"]), max(r[1] for r in runs["on"]))
        print("%10d %9.2f %9.2f %14.2f %11d %11d %12.0f" % (n, off[0], on[0], 1e6 * (on[0] - off[0]) / n,
                                                           off[1], on[1], 1024.0 * (on[1] - off[1]) / n))
        os.remove(gen)
    # CPU time includes what a bigger heap costs (cache and TLB misses); instructions per
    # response show whether sipguide's own work grows.
    sizes = [10000, 30000] if QUICK else [100000, 300000]
    print("   instructions per response (callgrind, on - off): " + ", ".join(
        "%d at %d responses" % ((callgrind(stage, gen, FIELDS_C, "on")["total"] -
                                 callgrind(stage, gen, FIELDS_C, "off")["total"]) / n, n)
        for n, gen in ((n, generated(stage, n)) for n in sizes)))


def section_flood(stage):
    n = 100000
    print("\n4. Flood: %d failure responses to %d distinct addresses, -T fields and -q -z sipguide,tree" % (n, n))
    print("%-8s %9s %9s %11s %11s %9s" % ("mode", "off s", "on s", "off KiB", "on KiB", "memory x"))
    gen = generated(stage, n, flood=True)
    for mode, margs in (("fields", FIELDS_C), ("report", ["-q", "-z", "sipguide,tree"])):
        off = min(timed(stage, gen, margs, "off")[:2] for _ in range(2))
        on = min(timed(stage, gen, margs, "on")[:2] for _ in range(2))
        print("%-8s %9.2f %9.2f %11d %11d %9.3f" % (mode, off[0], on[0], off[1], on[1], on[1] / off[1]))
    os.remove(gen)


if __name__ == "__main__":
    main()
