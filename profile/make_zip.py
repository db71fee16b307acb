#!/usr/bin/env python3
"""Writes profile/SIP-troubleshooting.zip from the folder beside it, for
Wireshark's Edit > Configuration Profiles > Import > from zip file.
The zip holds the folder "SIP troubleshooting/" with its files; fixed
timestamps, so the same files always give the same zip."""
import os
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
NAME = "SIP troubleshooting"
FILES = sorted(os.listdir(os.path.join(HERE, NAME)))


def build(path=os.path.join(HERE, "SIP-troubleshooting.zip")):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        d = zipfile.ZipInfo(NAME + "/", (2026, 1, 1, 0, 0, 0))
        d.external_attr = 0o40755 << 16
        z.writestr(d, b"")
        for f in FILES:
            info = zipfile.ZipInfo(NAME + "/" + f, (2026, 1, 1, 0, 0, 0))
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            with open(os.path.join(HERE, NAME, f), "rb") as src:
                z.writestr(info, src.read())
    return path


if __name__ == "__main__":
    print("wrote", build())
