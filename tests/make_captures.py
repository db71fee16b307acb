#!/usr/bin/env python3
"""Writes the crafted captures in captures/ for what no public capture holds:
codes 099/700/000/999, unregistered and unexpected codes, odd phrases, several
responses in one TCP segment.  Deterministic: running it again gives the same
bytes.  Usage: python3 tests/make_captures.py [OUTDIR]"""
import os
import struct
import sys

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "captures")
T0 = 1700000000  # fixed timestamps keep the files reproducible


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def ip4(a):
    return bytes(int(x) for x in a.split("."))


def ipv4(src, dst, proto, payload, ident=1):
    hdr = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), ident & 0xFFFF, 0, 64, proto, 0,
                      ip4(src), ip4(dst))
    hdr = hdr[:10] + struct.pack("!H", checksum(hdr)) + hdr[12:]
    return hdr + payload


def udp(src, sport, dst, dport, payload, ident=1):
    seg = struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload
    return ipv4(src, dst, 17, seg, ident)


def tcp(src, sport, dst, dport, seq, ack, payload, flags=0x18, ident=1):
    seg = struct.pack("!HHIIBBHHH", sport, dport, seq, ack, 5 << 4, flags, 65535, 0, 0) + payload
    pseudo = ip4(src) + ip4(dst) + struct.pack("!BBH", 0, 6, len(seg))
    seg = seg[:16] + struct.pack("!H", checksum(pseudo + seg)) + seg[18:]
    return ipv4(src, dst, 6, seg, ident)


def ether(ip_packet):
    return b"\x00\x11\x22\x33\x44\x55" + b"\x00\x66\x77\x88\x99\xaa" + b"\x08\x00" + ip_packet


def write_pcap(name, packets, times=None, caplens=None):
    path = os.path.join(OUT, name)
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
        for i, p in enumerate(packets):
            frame = ether(p)
            t = times[i] if times else float(i)
            sec, usec = int(t), int(round((t - int(t)) * 1e6))
            cap = min(caplens[i], len(frame)) if caplens and caplens[i] else len(frame)
            f.write(struct.pack("<IIII", T0 + sec, usec, cap, len(frame)))
            f.write(frame[:cap])
    print("wrote", path, len(packets), "packets")


def response(status, cseq="1 INVITE", call="c1", extra=b"", user=b"bob"):
    """A SIP response; status is the raw status line after 'SIP/2.0 ' (bytes)."""
    return (b"SIP/2.0 " + status + b"\r\n"
            b"Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK" + call.encode() + b"\r\n"
            b"From: <sip:alice@example.com>;tag=a1\r\n"
            b"To: <sip:" + user + b"@example.com>;tag=b1\r\n"
            b"Call-ID: " + call.encode() + b"@example.com\r\n"
            b"CSeq: " + cseq.encode() + b"\r\n" + extra +
            b"Content-Length: 0\r\n\r\n")


def request(method=b"INVITE", call="c1", cseq=1, user=b"bob"):
    return (method + b" sip:" + user + b"@example.com SIP/2.0\r\n"
            b"Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK" + call.encode() + b"\r\n"
            b"Max-Forwards: 70\r\n"
            b"From: <sip:alice@example.com>;tag=a1\r\n"
            b"To: <sip:" + user + b"@example.com>\r\n"
            b"Call-ID: " + call.encode() + b"@example.com\r\n"
            b"CSeq: " + str(cseq).encode() + b" " + method + b"\r\n"
            b"Content-Length: 0\r\n\r\n")


CLIENT, SERVER = "192.0.2.10", "198.51.100.20"

# One response per datagram: every verdict, odd phrases, a request and junk.
CODES = [
    b"100 Trying", b"183 Ringing", b"200 OK", b"202 Accepted", b"400 Bad Request",
    b"401 Unauthorized", b"404 Not Found", b"407 Proxy Authentication Required",
    b"408 Request Timeout", b"480 Temporarily Unavailable", b"487 Request Terminated",
    b"488 Not Acceptable Here", b"500 Server Internal Error", b"503 Service Unavailable",
    b"603 Decline", b"302 Moved Temporarily", b"403 Error", b"486 Busy Here", b"489 Bad Event",
    b"204 No Notification", b"299 Private Success", b"499 Private Failure", b"599 Private",
    b"699 Private Global", b"099 Too Low", b"700 Too High", b"480 ", b"480",
    b"486 " + b"B" * 1024, b"603 D\xe9clin\xe9 \xff\xfe", b"200 Ok",
]


def codes_capture():
    pkts = [udp(CLIENT, 5060, SERVER, 5060, request(call="c0"), 1)]
    for i, status in enumerate(CODES):
        pkts.append(udp(SERVER, 5060, CLIENT, 5060, response(status, call="c%d" % i), i + 2))
    pkts.append(udp(CLIENT, 5060, SERVER, 5060, b"\x00\x01junk\xff", 99))
    write_pcap("crafted-codes.pcap", pkts)


def tcp_multi_capture():
    """Several SIP messages in single TCP segments, mixing requests and responses."""
    seg1 = response(b"100 Trying", call="t1") + response(b"486 Busy Here", call="t1") + \
        response(b"180 Ringing", call="t2")
    seg2 = request(b"ACK", call="t1") + response(b"404 Not Found", call="t3") + \
        request(b"BYE", call="t2", cseq=2) + response(b"699 Private", call="t4")
    pkts = [
        tcp(CLIENT, 40000, SERVER, 5060, 1000, 5000, request(call="t1"), ident=1),
        tcp(SERVER, 5060, CLIENT, 40000, 5000, 1000 + len(request(call="t1")), seg1, ident=2),
        tcp(SERVER, 5060, CLIENT, 40000, 5000 + len(seg1), 1000 + len(request(call="t1")), seg2,
            ident=3),
    ]
    write_pcap("crafted-tcp-multi.pcap", pkts)


def context_capture():
    """Responses whose headers explain them, and 487 with and without CANCEL."""
    c2s = lambda payload, i: udp(CLIENT, 5060, SERVER, 5060, payload, i)
    s2c = lambda payload, i: udp(SERVER, 5060, CLIENT, 5060, payload, i)
    pkts = [
        c2s(request(call="q850"), 1),
        s2c(response(b"100 Trying", call="q850"), 2),
        s2c(response(b"480 Temporarily Unavailable", call="q850",
                     extra=b'Reason: Q.850;cause=18;text="No user responding"\r\n'), 3),
        c2s(request(call="retry"), 4),
        s2c(response(b"503 Service Unavailable", call="retry", extra=b"Retry-After: 120\r\n"), 5),
        c2s(request(call="codec"), 6),
        s2c(response(b"488 Not Acceptable Here", call="codec",
                     extra=b'Warning: 305 gw.example.com "Incompatible media format"\r\n'), 7),
        c2s(request(call="cancelled"), 8),
        s2c(response(b"180 Ringing", call="cancelled"), 9),
        c2s(request(b"CANCEL", call="cancelled"), 10),
        s2c(response(b"200 OK", cseq="1 CANCEL", call="cancelled"), 11),
        s2c(response(b"487 Request Terminated", call="cancelled"), 12),
        c2s(request(call="nocancel"), 13),
        s2c(response(b"487 Request Terminated", call="nocancel",
                     extra=b"Reason: SIP;cause=600;text=\"Busy Everywhere\"\r\n"), 14),
        c2s(request(b"REGISTER", call="reg"), 15),
        s2c(response(b"403 Error", cseq="1 REGISTER", call="reg"), 16),
    ]
    write_pcap("crafted-context.pcap", pkts)


def scan_captures():
    """A scanner trying many users from one address, and the same number of
    failures spread over many addresses or too slowly to be a scan."""
    scanner = "203.0.113.66"
    pkts, times = [], []
    for i in range(15):  # 15 users in 29 s: the 10th failure crosses 10-in-60 s
        user = b"%d" % (1000 + i)
        call = "scan%d" % i
        pkts.append(udp(scanner, 5060, SERVER, 5060, request(b"INVITE", call, user=user), 2 * i))
        pkts.append(udp(SERVER, 5060, scanner, 5060,
                        response(b"404 Not Found" if i % 2 else b"403 Forbidden", call=call, user=user),
                        2 * i + 1))
        times += [2.0 * i, 2.0 * i + 0.01]
    # a lone 403 to someone else
    pkts.append(udp("192.0.2.77", 5060, SERVER, 5060, request(b"REGISTER", "lone"), 100))
    pkts.append(udp(SERVER, 5060, "192.0.2.77", 5060, response(b"403 Forbidden", "1 REGISTER", "lone"), 101))
    times += [40.0, 40.01]
    write_pcap("crafted-scan.pcap", pkts, times)

    pkts, times = [], []
    for i in range(15):  # the same failures, each to its own address
        addr = "198.18.0.%d" % (10 + i)
        pkts.append(udp(addr, 5060, SERVER, 5060, request(b"INVITE", "s%d" % i, user=b"%d" % i), 2 * i))
        pkts.append(udp(SERVER, 5060, addr, 5060, response(b"404 Not Found", call="s%d" % i), 2 * i + 1))
        times += [2.0 * i, 2.0 * i + 0.01]
    for i in range(12):  # one address, one failure every 10 s: 6 per minute, under 10
        pkts.append(udp(SERVER, 5060, "198.18.1.1", 5060, response(b"403 Forbidden", call="slow%d" % i), 100 + i))
        times.append(100.0 + 10 * i)
    write_pcap("crafted-no-scan.pcap", pkts, times)

    pkts, times = [], []
    for i in range(12):  # two scanners taking turns: 12 failures each within 24 s
        for j, addr in enumerate(["203.0.113.10", "203.0.113.20"]):
            pkts.append(udp(SERVER, 5060, addr, 5060,
                            response(b"404 Not Found", call="two%d-%d" % (j, i), user=b"%d" % (200 + i)),
                            2 * i + j + 1))
            times.append(2.0 * i + 0.5 * j)
    write_pcap("crafted-two-scanners.pcap", pkts, times)


def tcp_stream(payload, mss=1460, first_seq=7000):
    """A server-to-client TCP stream carrying payload in MSS-sized segments."""
    pkts, off = [], 0
    while off < len(payload):
        chunk = payload[off:off + mss]
        pkts.append(tcp(SERVER, 5060, CLIENT, 40001, first_seq + off, 1, chunk, ident=len(pkts) + 1))
        off += len(chunk)
    return pkts


def extreme_captures():
    """Issue #7's extremes: codes 000 and 999, no CSeq, a truncated last packet,
    200 responses in one TCP segment, a 64 KB reason phrase."""
    no_cseq = response(b"486 Busy Here", call="nocseq").replace(b"CSeq: 1 INVITE\r\n", b"")
    last = response(b"404 Not Found", call="cut")
    pkts = [
        udp(SERVER, 5060, CLIENT, 5060, response(b"000 Zero", call="zero"), 1),
        udp(SERVER, 5060, CLIENT, 5060, response(b"999 Nine", call="nine"), 2),
        udp(SERVER, 5060, CLIENT, 5060, no_cseq, 3),
        udp(SERVER, 5060, CLIENT, 5060, last, 4),
    ]
    # the last packet is cut in the middle of its Via header
    write_pcap("crafted-extremes.pcap", pkts, caplens=[0, 0, 0, 14 + 20 + 8 + 40])

    statuses = [b"100 Trying", b"180 Ringing", b"200 OK", b"404 Not Found", b"486 Busy Here",
                b"487 Request Terminated", b"503 Service Unavailable", b"603 Decline",
                b"299 Private", b"700 Too High"]
    seg = b"".join(response(statuses[i % len(statuses)], call="m%d" % i) for i in range(200))
    write_pcap("crafted-tcp-200.pcap", [tcp(SERVER, 5060, CLIENT, 40000, 1, 1, seg)])

    big = response(b"503 " + b"X" * 65536, call="big", extra=b"Retry-After: 30\r\n")
    write_pcap("crafted-64k-phrase.pcap", tcp_stream(big))


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    codes_capture()
    tcp_multi_capture()
    context_capture()
    scan_captures()
    extreme_captures()
