#!/usr/bin/env python3
"""Runs tshark with the plugin built in build/ on a capture, the way the tests
do (as root, tshark ignores personal plugins, so it runs as nobody with a
fresh HOME).  Usage: tests/demo.py CAPTURE [tshark options...]"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sgtest  # noqa: E402

if len(sys.argv) < 2:
    raise SystemExit(__doc__)
stage = sgtest.Stage()
out, err = stage.tshark(stage.read_args(os.path.abspath(sys.argv[1]), sys.argv[2:]), check=False)
sys.stdout.write(out)
sys.stderr.write(err)
