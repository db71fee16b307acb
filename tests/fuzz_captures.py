#!/usr/bin/env python3
"""Fuzzing with captures: every capture in captures/ (and ../shared/captures-public
when present) corrupted by `editcap -E` at several error rates and seeds, run
through tshark -V with sipguide built with AddressSanitizer and
UndefinedBehaviorSanitizer (build-asan/).  Prints what ran and every report;
fails if any report involves sipguide.

  python3 tests/fuzz_captures.py            # long run: 3 rates x 5 seeds
  python3 tests/fuzz_captures.py --short    # CI: 2 rates x 1 seed"""
import glob
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sgtest  # noqa: E402

SHORT = "--short" in sys.argv
RATES = ["0.005", "0.05"] if SHORT else ["0.002", "0.02", "0.1"]
SEEDS = [1] if SHORT else [1, 2, 3, 4, 5]
ASAN_DIR = os.path.join(sgtest.SOURCE_DIR, "build-asan")
REPORT = re.compile(r"ERROR: AddressSanitizer|runtime error:|ERROR: LeakSanitizer")


def build():
    subprocess.run(["cmake", "-S", sgtest.SOURCE_DIR, "-B", ASAN_DIR, "-DSIPGUIDE_SANITIZE=ON",
                    "-DCMAKE_BUILD_TYPE=Debug"], check=True, stdout=subprocess.DEVNULL)
    subprocess.run(["cmake", "--build", ASAN_DIR, "--target", "sipguide", "-j2"], check=True,
                   stdout=subprocess.DEVNULL)
    return os.path.join(ASAN_DIR, "sipguide.so")


def captures():
    caps = {os.path.basename(p): p for p in glob.glob(os.path.join(sgtest.CAPTURES, "*"))
            if re.search(r"\.(pcap|pcapng|cap)$", p)}
    shared = os.path.join(sgtest.SOURCE_DIR, "..", "shared", "captures-public")
    for p in glob.glob(os.path.join(shared, "*")):
        if re.search(r"\.(pcap|pcapng|cap)$", p):
            caps.setdefault(os.path.basename(p), p)
    return sorted(caps.items())


def packets(path):
    out = subprocess.run(["capinfos", "-c", "-M", "-T", path], capture_output=True, text=True).stdout
    rows = [l.split("\t") for l in out.split("\n") if l and not l.startswith("File")]
    return int(rows[0][1]) if rows else 0


def main():
    stage = sgtest.Stage(build())
    libasan = subprocess.run(["gcc", "-print-file-name=libasan.so"], capture_output=True,
                             text=True).stdout.strip()
    env = stage.env()
    env.update({"LD_PRELOAD": libasan,
                "ASAN_OPTIONS": "detect_leaks=0:abort_on_error=0:halt_on_error=1",
                "UBSAN_OPTIONS": "print_stacktrace=1:halt_on_error=1"})
    runs = npackets = 0
    ours, others = [], []
    for name, path in captures():
        for rate in RATES:
            for seed in SEEDS:
                bad = stage.path("fuzzed-%s" % name)
                subprocess.run(["editcap", "-E", rate, "--seed", str(seed), path, bad], check=True,
                               capture_output=True)
                os.chmod(bad, 0o644)
                args = ["-r", bad, "-V"] + sgtest.DECODE_AS.get(name, [])
                p = subprocess.run(stage.argv(args), env=env, cwd=stage.dir,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=900)
                err = p.stderr.decode("utf-8", "replace")
                runs += 1
                npackets += packets(bad)
                crashed = p.returncode < 0 or p.returncode > 2
                if REPORT.search(err) or crashed:
                    where = "%s rate %s seed %s (exit %d)" % (name, rate, seed, p.returncode)
                    (ours if "sipguide" in err else others).append((where, err[-3000:]))
                os.remove(bad)
    print("fuzzed %d captures: %d runs, %d packets, rates %s, seeds %s" %
          (len(captures()), runs, npackets, ",".join(RATES), ",".join(map(str, SEEDS))))
    for where, err in others:
        print("report not involving sipguide: %s\n%s" % (where, err))
    for where, err in ours:
        print("REPORT INVOLVING SIPGUIDE: %s\n%s" % (where, err))
    print("%d reports involving sipguide, %d others" % (len(ours), len(others)))
    return 1 if ours else 0


if __name__ == "__main__":
    sys.exit(main())
