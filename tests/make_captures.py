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


# ---------------------------------------------------------------------------
# Issues #12, #13, #14: whole SIP dialogs (transactions, evidence, calls).
# Messages carry realistic headers (Via/branch, tags, Contact, Max-Forwards,
# exact Content-Length); frames are sorted by time; addresses are
# documentation ranges.  The expected results are in tests/crafted_expect.py,
# the frame-by-frame tables in captures/MANIFEST-crafted.md.

import hashlib
import socket


def ipv6(src, dst, nh, payload):
    return struct.pack("!IHBB16s16s", 6 << 28, len(payload), nh, 64,
                       socket.inet_pton(socket.AF_INET6, src), socket.inet_pton(socket.AF_INET6, dst)) + payload


def l4sum6(src, dst, nh, seg):
    pseudo = (socket.inet_pton(socket.AF_INET6, src) + socket.inet_pton(socket.AF_INET6, dst) +
              struct.pack("!IxxxB", len(seg), nh))
    return checksum(pseudo + seg)


def udp6(src, sport, dst, dport, payload):
    seg = struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload
    seg = seg[:6] + struct.pack("!H", l4sum6(src, dst, 17, seg)) + seg[8:]
    return ipv6(src, dst, 17, seg)


def icmp4_unreachable(src, dst, quoted, ident, code=3):
    """ICMP destination unreachable (type 3; code 3 = port) quoting an IPv4 packet."""
    msg = struct.pack("!BBHI", 3, code, 0, 0) + quoted
    msg = msg[:2] + struct.pack("!H", checksum(msg)) + msg[4:]
    return ipv4(src, dst, 1, msg, ident)


def icmp6_unreachable(src, dst, quoted, code=4):
    """ICMPv6 destination unreachable (type 1; code 4 = port) quoting an IPv6 packet."""
    msg = struct.pack("!BBHI", 1, code, 0, 0) + quoted
    msg = msg[:2] + struct.pack("!H", l4sum6(src, dst, 58, msg)) + msg[4:]
    return ipv6(src, dst, 58, msg)


def write_frames(name, frames):
    """frames: (time in s, Ethernet payload, ethertype); written in time order (stable)."""
    frames = sorted(frames, key=lambda f: f[0])
    path = os.path.join(OUT, name)
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
        for t, pkt, etype in frames:
            frame = b"\x00\x11\x22\x33\x44\x55" + b"\x00\x66\x77\x88\x99\xaa" + struct.pack("!H", etype) + pkt
            us = int(round(t * 1e6))
            f.write(struct.pack("<IIII", T0 + us // 1000000, us % 1000000, len(frame), len(frame)))
            f.write(frame)
    print("wrote", path, len(frames), "packets")


def sdp(ip, sess, media):
    """media: (kind, port, proto, formats, attributes) per m= line."""
    lines = ["v=0", "o=- %d %d IN IP4 %s" % (sess, sess, ip), "s=-", "c=IN IP4 %s" % ip, "t=0 0"]
    for kind, port, proto, fmts, attrs in media:
        lines.append("m=%s %d %s %s" % (kind, port, proto, " ".join(str(x) for x in fmts)))
        lines += ["a=" + a for a in attrs]
    return ("\r\n".join(lines) + "\r\n").encode()


RTPMAP = {0: "PCMU/8000", 8: "PCMA/8000", 9: "G722/8000", 18: "G729/8000",
          101: "telephone-event/8000", 96: "H264/90000"}


def audio(port, fmts, proto="RTP/AVP", extra=("sendrecv",)):
    attrs = ["rtpmap:%d %s" % (p, RTPMAP[p]) for p in fmts]
    if 101 in fmts:
        attrs.append("fmtp:101 0-16")
    return ("audio", port, proto, fmts, attrs + list(extra))


VIDEO = ("video", 51372, "RTP/AVP", [96], ["rtpmap:96 H264/90000", "fmtp:96 profile-level-id=42e01f", "sendrecv"])


def digest(header, user, realm, uri, nonce, **extra):
    resp = hashlib.md5(("%s:%s:%s:%s" % (user, realm, uri, nonce)).encode()).hexdigest()
    s = ('%s: Digest username="%s", realm="%s", nonce="%s", uri="%s", response="%s", algorithm=MD5'
         % (header, user, realm, nonce, uri, resp))
    for k, v in extra.items():
        s += ", %s=%s" % (k, v)
    return s


def challenge(header, realm, nonce, stale=False):
    return ('%s: Digest realm="%s", nonce="%s", algorithm=MD5, qop="auth"%s'
            % (header, realm, nonce, ", stale=true" if stale else ""))


class Party:
    """A SIP element: a user agent (User-Agent on its responses) or a server (Server)."""
    def __init__(self, user, ip, domain="example.com", agent="Linphone/5.2.0", server=None, port=5060):
        self.user, self.ip, self.domain, self.agent, self.server, self.port = user, ip, domain, agent, server, port

    def product_header(self):
        return ("Server: " + self.server) if self.server else ("User-Agent: " + self.agent)


class Capture:
    """Frames of one capture; labels name frames for crafted_expect.py."""
    def __init__(self):
        self.frames, self.ident, self.n = [], 0, 0

    def ip_frame(self, t, pkt, label, etype=0x0800):
        self.frames.append((t, pkt, etype, label))

    def send(self, t, src, dst, payload, label=None, sport=5060, dport=5060):
        self.ident += 1
        self.ip_frame(t, udp(src, sport, dst, dport, payload, self.ident), label)

    def next_id(self):
        self.n += 1
        return self.n

    def write(self, name):
        order = sorted(range(len(self.frames)), key=lambda i: self.frames[i][0])
        marks = {}
        for num, i in enumerate(order, 1):
            label = self.frames[i][3]
            if label:
                assert label not in marks, label
                marks[label] = num
        write_frames(name, [f[:3] for f in self.frames])
        return marks


def message(first, headers, body=b"", ctype="application/sdp"):
    lines = [first] + list(headers)
    if body:
        lines.append("Content-Type: " + ctype)
    lines.append("Content-Length: %d" % len(body))
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


class Dialog:
    """One Call-ID between a caller (sends the initial request) and the element that answers it.
    Requests return a record; responses copy Via, From, To, Call-ID and CSeq from it."""
    def __init__(self, cap, call_id, caller, callee, ruri=None, to_uri=None, peer=None):
        self.cap, self.call_id, self.caller, self.callee = cap, call_id, caller, callee
        self.peer = peer or callee          # the address requests are sent to
        self.ruri = ruri or "sip:%s@%s" % (callee.user, callee.domain)
        self.to_uri = to_uri or self.ruri
        self.ftag = hashlib.md5(call_id.encode()).hexdigest()[:8]
        self.ttag = None
        self.branches = 0

    def branch(self, who):
        self.branches += 1
        return "z9hG4bK-%s-%d" % (hashlib.md5((self.call_id + who).encode()).hexdigest()[:6], self.branches)

    def request(self, t, method, cseq, label=None, body=b"", extra=(), branch=None, to_tag=None,
                ruri=None, from_callee=False, dst=None, ctype="application/sdp", cseq_method=None):
        ua, other = (self.callee, self.caller) if from_callee else (self.caller, self.callee)
        src_ip = ua.ip if not from_callee else self.peer.ip
        dst_ip = dst or (self.peer.ip if not from_callee else self.caller.ip)
        branch = branch or self.branch(ua.user)
        via = "Via: SIP/2.0/UDP %s:%d;branch=%s;rport" % (src_ip, ua.port, branch)
        if from_callee:
            frm = "From: <sip:%s@%s>;tag=%s" % (ua.user, ua.domain, self.ttag)
            to = "To: <sip:%s@%s>;tag=%s" % (other.user, other.domain, self.ftag)
            uri = ruri or "sip:%s@%s:%d" % (other.user, other.ip, other.port)
        else:
            frm = '"%s" <sip:%s@%s>;tag=%s' % (ua.user.capitalize(), ua.user, ua.domain, self.ftag)
            frm = "From: " + frm
            to = "To: <%s>" % self.to_uri + (";tag=%s" % to_tag if to_tag else "")
            uri = ruri or self.ruri
        hdrs = [via, "Max-Forwards: 70", frm, to, "Call-ID: " + self.call_id,
                "CSeq: %d %s" % (cseq, cseq_method or method)]
        if method in ("INVITE", "SUBSCRIBE", "REGISTER", "NOTIFY", "REFER", "UPDATE"):
            hdrs.append("Contact: <sip:%s@%s:%d>" % (ua.user, src_ip, ua.port))
        hdrs += list(extra)
        hdrs.append(ua.product_header() if not ua.server else "User-Agent: " + ua.server)
        payload = message("%s %s SIP/2.0" % (method, uri), hdrs, body, ctype)
        self.cap.send(t, src_ip, dst_ip, payload, label)
        return {"method": method, "cseq": cseq, "hdrs": hdrs, "src": src_ip, "dst": dst_ip,
                "branch": branch, "from_callee": from_callee}

    def response(self, t, req, status, label=None, body=b"", extra=(), tag=True, responder=None,
                 src=None, ctype="application/sdp"):
        code = int(status.split()[0])
        answerer = responder or (self.caller if req["from_callee"] else self.callee)
        hdrs = []
        for h in req["hdrs"]:
            name = h.split(":")[0]
            if name == "To" and code > 100 and tag and ";tag=" not in h:
                if not self.ttag:
                    self.ttag = hashlib.md5((self.call_id + "callee%d" % self.branches).encode()).hexdigest()[:8]
                h += ";tag=" + self.ttag
            if name in ("Via", "From", "To", "Call-ID", "CSeq"):
                hdrs.append(h)
        if code < 300 and req["method"] == "REGISTER":
            hdrs += [h + ";expires=3600" for h in req["hdrs"] if h.startswith("Contact:")]
        elif code < 300 and code > 100 and req["method"] in ("INVITE", "SUBSCRIBE", "UPDATE"):
            hdrs.append("Contact: <sip:%s@%s:%d>" % (answerer.user, src or req["dst"], answerer.port))
        hdrs += list(extra)
        hdrs.append(answerer.product_header())
        payload = message("SIP/2.0 " + status, hdrs, body, ctype)
        self.cap.send(t, src or req["dst"], req["src"], payload, label)

    def ack(self, t, invite, label=None, to_tag=True, branch=None, ruri=None, dst=None):
        """ACK: for a failure, same branch as the INVITE; for a 2xx, a new one (pass branch=None)."""
        return self.request(t, "ACK", invite["cseq"], label, branch=branch, dst=dst, ruri=ruri,
                            to_tag=self.ttag if to_tag else None)

    def cancel(self, t, invite, label=None):
        return self.request(t, "CANCEL", invite["cseq"], label, branch=invite["branch"])


def offer(ip, sess=1001, fmts=(0, 8, 101), port=49170):
    return sdp(ip, sess, [audio(port, list(fmts))])


# The network of the crafted dialogs
PHONE = Party("alice", "192.0.2.10")
PBX = Party("pbx", "198.51.100.20", server="Asterisk PBX 18.12.0")
SBC = Party("sbc", "198.51.100.20", domain="gw.example.com", server="CarrierSBC/2.1")


def transactions_capture():
    """Issue #12: the right request, resends, two finals, ICMP quotes, BYE then 487, method
    probes."""
    cap = Capture()
    ua, pbx = PHONE, PBX
    bob = Party("bob", pbx.ip, agent="Yealink SIP-T46S 66.86.0.15")

    # a. INVITE, CANCEL and ACK share CSeq 1
    d = Dialog(cap, "a-cancel-1@192.0.2.10", ua, bob)
    inv = d.request(0.0, "INVITE", 1, "a.invite", body=offer(ua.ip))
    d.response(0.02, inv, "100 Trying", "a.100", tag=False)
    d.response(0.40, inv, "180 Ringing", "a.180")
    can = d.cancel(3.0, inv, "a.cancel")
    d.response(3.02, can, "200 OK", "a.200cancel", tag=True)
    d.response(3.03, inv, "487 Request Terminated", "a.487")
    d.ack(3.05, inv, "a.ack", branch=inv["branch"])

    # b. 486 resent by timer G, never ACKed
    d = Dialog(cap, "b-noack-1@192.0.2.10", ua, bob)
    inv = d.request(10.0, "INVITE", 1, "b.invite", body=offer(ua.ip))
    d.response(10.02, inv, "100 Trying", "b.100", tag=False)
    for i, dt in enumerate((0.0, 0.5, 1.5, 3.5)):
        d.response(10.30 + dt, inv, "486 Busy Here", "b.486.%d" % i)

    # c. 486 resent once, then the ACK
    d = Dialog(cap, "c-oneresend-1@192.0.2.10", ua, bob)
    inv = d.request(20.0, "INVITE", 1, "c.invite", body=offer(ua.ip))
    d.response(20.30, inv, "486 Busy Here", "c.486.0")
    d.response(20.80, inv, "486 Busy Here", "c.486.1")
    d.ack(20.81, inv, "c.ack", branch=inv["branch"])

    # d. two different finals to one INVITE
    gsm = Party("gsm", "198.51.100.30", domain="gw.example.com", agent="VoxStack GSM Gateway 2.1")
    d = Dialog(cap, "d-twofinals-1@192.0.2.10", ua, gsm)
    inv = d.request(30.0, "INVITE", 1, "d.invite", body=offer(ua.ip))
    d.response(30.50, inv, "600 Busy Everywhere", "d.600")
    d.response(30.60, inv, "500 Server Internal Error", "d.500")
    d.ack(30.61, inv, "d.ack", branch=inv["branch"])

    # e. ICMP quotes: an OPTIONS keep-alive answered to a closed port, and an IPv6 404
    # the PBX's Via names port 5070 where nothing listens: each 200 draws a port unreachable
    d = Dialog(cap, "e-options-1@198.51.100.20", Party("pbx", pbx.ip, server=pbx.server, port=5070),
               Party("alice", ua.ip))
    opt = d.request(40.0, "OPTIONS", 1, "e.options",
                    extra=["Accept: application/sdp"], ruri="sip:alice@192.0.2.10:5060")
    ok_extra = ["Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, REFER, NOTIFY, MESSAGE, SUBSCRIBE, UPDATE",
                "Accept: application/sdp, application/dtmf-relay, message/sipfrag",
                "Accept-Encoding: identity", "Accept-Language: en",
                "Supported: replaces, outbound, gruu, path, timer, norefersub, 100rel"]
    ok_hdrs = [h if not h.startswith("To:") else h + ";tag=e0ptn" for h in opt["hdrs"]
               if h.split(":")[0] in ("Via", "From", "To", "Call-ID", "CSeq")]
    ok = message("SIP/2.0 200 OK", ok_hdrs + ok_extra + ["User-Agent: Linphone/5.2.0"])
    pkt = udp(ua.ip, 5060, pbx.ip, 5070, ok, 900)
    cap.ip_frame(40.01, pkt, "e.200")                       # the 200 on the wire, to a closed port
    cap.ip_frame(40.0102, icmp4_unreachable(pbx.ip, ua.ip, pkt, 901), "e.icmp")   # whole quote
    opt2 = d.request(70.0, "OPTIONS", 2, "e.options2",
                     extra=["Accept: application/sdp"], ruri="sip:alice@192.0.2.10:5060")
    ok2 = ok.replace(b"CSeq: 1 OPTIONS", b"CSeq: 2 OPTIONS").replace(opt["branch"].encode(), opt2["branch"].encode())
    pkt2 = udp(ua.ip, 5060, pbx.ip, 5070, ok2, 902)
    cap.ip_frame(70.01, pkt2, "e.200b")
    # a router-style quote: the ICMP error's IP packet is cut at 576 bytes
    cap.ip_frame(70.0102, icmp4_unreachable(pbx.ip, ua.ip, pkt2[:576 - 28], 903), "e.icmp.cut")
    # IPv6: INVITE, 404 to a closed port, ICMPv6 port unreachable quoting it
    a6, p6 = "2001:db8::10", "2001:db8::20"
    inv6 = message("INVITE sip:carol@example.com SIP/2.0", [
        "Via: SIP/2.0/UDP [2001:db8::10]:5062;branch=z9hG4bK-v6inv-1", "Max-Forwards: 70",
        'From: "Alice" <sip:alice@example.com>;tag=v6a1', "To: <sip:carol@example.com>",
        "Call-ID: e-ipv6-1@2001:db8::10", "CSeq: 1 INVITE", "Contact: <sip:alice@[2001:db8::10]:5062>",
        "User-Agent: Linphone/5.2.0"], sdp(ua.ip, 1010, [audio(49170, [0, 8])]).replace(
            b"IN IP4 192.0.2.10", b"IN IP6 2001:db8::10"))
    nf6 = message("SIP/2.0 404 Not Found", [
        "Via: SIP/2.0/UDP [2001:db8::10]:5062;branch=z9hG4bK-v6inv-1", 'From: "Alice" <sip:alice@example.com>;tag=v6a1',
        "To: <sip:carol@example.com>;tag=v6p1", "Call-ID: e-ipv6-1@2001:db8::10", "CSeq: 1 INVITE",
        "Server: Asterisk PBX 18.12.0"])
    cap.ip_frame(41.0, udp6(a6, 5062, p6, 5060, inv6), "e6.invite", 0x86DD)
    p404 = udp6(p6, 5060, a6, 5062, nf6)
    cap.ip_frame(41.03, p404, "e6.404", 0x86DD)
    cap.ip_frame(41.0302, icmp6_unreachable(a6, p6, p404), "e6.icmp6", 0x86DD)

    # f. BYE on the early dialog, then 487
    d = Dialog(cap, "f-earlybye-1@192.0.2.10", ua, bob)
    inv = d.request(50.0, "INVITE", 1, "f.invite", body=offer(ua.ip))
    d.response(50.02, inv, "100 Trying", "f.100", tag=False)
    d.response(50.40, inv, "180 Ringing", "f.180")
    bye = d.request(52.0, "BYE", 2, "f.bye", to_tag=d.ttag)
    d.response(52.02, bye, "200 OK", "f.200bye")
    d.response(52.03, inv, "487 Request Terminated", "f.487")
    d.ack(52.05, inv, "f.ack", branch=inv["branch"])

    # g. method probes from a softphone to its PBX
    t = 60.0
    probes = [
        ("SUBSCRIBE", "404 Not found (no mailbox)", ["Event: message-summary", "Accept: application/simple-message-summary", "Expires: 3600"], b"", None, "g.sub-mwi"),
        ("SUBSCRIBE", "489 Bad Event", ["Event: presence", "Accept: application/pidf+xml", "Expires: 3600"], b"", None, "g.sub-presence"),
        ("PUBLISH", "489 Bad Event", ["Event: presence", "Expires: 3600"],
         b'<?xml version="1.0" encoding="UTF-8"?>\r\n<presence xmlns="urn:ietf:params:xml:ns:pidf" entity="sip:alice@example.com"><tuple id="t1"><status><basic>open</basic></status></tuple></presence>\r\n',
         "application/pidf+xml", "g.publish"),
        ("OPTIONS", "405 Method Not Allowed", ["Accept: application/sdp"], b"", None, "g.options"),
        ("NOTIFY", "488 Not Acceptable Here", ["Event: refer;id=1", "Subscription-State: active;expires=60"],
         b"SIP/2.0 180 Ringing\r\n", "message/sipfrag;version=2.0", "g.notify"),
        ("REGISTER", "480 No DNS results", ["Expires: 3600"], b"", None, "g.register"),
        ("BYE", "481 Call/Transaction Does Not Exist", [], b"", None, "g.bye"),
        ("INVITE", "483 Too Many Hops", [], offer(ua.ip), "application/sdp", "g.invite483"),
        ("INVITE", "486 Busy Here", [], offer(ua.ip), "application/sdp", "g.invite486"),
    ]
    for i, (method, status, extra, body, ctype, label) in enumerate(probes):
        target = Party("alice" if method in ("SUBSCRIBE", "PUBLISH", "REGISTER") else "bob", pbx.ip, server=pbx.server)
        ruri = "sip:example.com" if method == "REGISTER" else None
        d = Dialog(cap, "g-probe-%d@192.0.2.10" % (i + 1), ua, target, ruri=ruri,
                   to_uri="sip:%s@example.com" % target.user)
        to_tag = None
        if method in ("NOTIFY", "BYE"):
            to_tag = "gone%d" % i
            d.ttag = "gone%d" % i
        rq = d.request(t, method, 1 if method != "BYE" else 3, label, body=body, extra=extra,
                       ctype=ctype or "application/sdp", to_tag=to_tag)
        rextra = ["Allow: INVITE, ACK, CANCEL, BYE, REGISTER"] if status.startswith("405") else []
        if status.startswith("480"):
            rextra = ['Warning: 399 proxy.example.com "No other DNS entries to try"']
        d.response(t + 0.012, rq, status, label + ".resp", extra=rextra, responder=pbx)
        if method == "INVITE":
            d.ack(t + 0.02, rq, label + ".ack", branch=rq["branch"])
        t += 1.0
    return cap.write("crafted-transactions.pcap")


def register_attempt(cap, t, call_id, ua, registrar, user, auth_user, realm, nonce, second, label,
                     cseq=1, stale=False):
    """REGISTER without credentials, 401, REGISTER with credentials, then `second`."""
    d = Dialog(cap, call_id, Party(user, ua.ip, agent=ua.agent), Party(user, registrar.ip, server=registrar.server),
               ruri="sip:" + realm, to_uri="sip:%s@%s" % (user, realm))
    r1 = d.request(t, "REGISTER", cseq, label + ".reg1", extra=["Expires: 3600"])
    d.response(t + 0.01, r1, "401 Unauthorized", label + ".401",
               extra=[challenge("WWW-Authenticate", realm, nonce)], responder=registrar)
    d.ttag = None
    r2 = d.request(t + 0.05, "REGISTER", cseq + 1, label + ".reg2",
                   extra=["Expires: 3600", digest("Authorization", auth_user, realm, "sip:" + realm, nonce)])
    if second.startswith("401"):
        d.ttag = None
        d.response(t + 0.06, r2, second, label + ".final",
                   extra=[challenge("WWW-Authenticate", realm, nonce + "x", stale)], responder=registrar)
    else:
        d.response(t + 0.06, r2, second, label + ".final",
                   extra=["Expires: 3600"], responder=registrar)
    return d


def scan_auth_capture():
    """Issue #12: challenges answered by a good retry are no scan (h); rejected credentials
    from one address are (i)."""
    cap = Capture()
    reg = Party("registrar", "198.51.100.20", server="Asterisk PBX 18.12.0")
    good = Party("alice", "203.0.113.66", agent="Zoiper rv2.10.19.3")
    for i in range(12):   # h: alice re-registers every 4 s, each challenged then accepted
        register_attempt(cap, 4.0 * i, "h-reg-%d@203.0.113.66" % (i + 1), good, reg, "alice", "alice",
                         "example.com", "h%08x" % (0x5f000000 + i), "200 OK", "h%d" % (i + 1))
    bad = Party("x", "203.0.113.77", agent="friendly-scanner")
    for i in range(12):   # i: a new user and password every 2 s, each refused
        user = "%d" % (100 + i)
        register_attempt(cap, 100.0 + 2.0 * i, "i-brute-%d@203.0.113.77" % (i + 1), bad, reg, user, user,
                         "example.com", "i%08x" % (0x6f000000 + i), "401 Unauthorized", "i%d" % (i + 1))
    return cap.write("crafted-scan-auth.pcap")


def evidence_capture():
    """Issue #13: what each guide action asks for, in the capture itself."""
    cap = Capture()
    ua = PHONE
    reg = Party("registrar", "198.51.100.20", server="Asterisk PBX 18.12.0")

    def registration(call_id, user):
        return Dialog(cap, call_id, Party(user, ua.ip), Party(user, reg.ip, server=reg.server),
                      ruri="sip:example.com", to_uri="sip:%s@example.com" % user)

    # a. stale nonce, then fresh credentials
    d = registration("a-stale-1@192.0.2.10", "alice")
    r = d.request(0.0, "REGISTER", 10, "a.reg", extra=["Expires: 3600", digest(
        "Authorization", "alice", "example.com", "sip:example.com", "a0000001", qop="auth", nc="00000002", cnonce='"c1a2"')])
    d.response(0.01, r, "401 Unauthorized", "a.401", extra=[challenge("WWW-Authenticate", "example.com", "a0000002", True)])
    r = d.request(0.05, "REGISTER", 11, "a.reg2", extra=["Expires: 3600", digest(
        "Authorization", "alice", "example.com", "sip:example.com", "a0000002", qop="auth", nc="00000001", cnonce='"c1a3"')])
    d.response(0.06, r, "200 OK", "a.200", extra=["Expires: 3600"])

    # b. first challenge
    d = registration("b-first-1@192.0.2.10", "dave")
    r = d.request(5.0, "REGISTER", 1, "b.reg", extra=["Expires: 3600"])
    d.response(5.01, r, "401 Unauthorized", "b.401", extra=[challenge("WWW-Authenticate", "example.com", "b0000001")])

    # c. credentials answered with 403
    d = registration("c-forbidden-1@192.0.2.10", "bob")
    r = d.request(10.0, "REGISTER", 2, "c.reg", extra=["Expires: 3600", digest(
        "Authorization", "bob", "example.com", "sip:example.com", "c0000001")])
    d.response(10.01, r, "403 Forbidden", "c.403")

    # d. Proxy-Authorization answered with a fresh 407
    carol = Party("carol", ua.ip, domain="sip.example.net")
    proxy = Party("erin", "198.51.100.25", domain="sip.example.net", server="Kamailio (5.7.2 (x86_64/linux))")
    d = Dialog(cap, "d-407-1@192.0.2.10", carol, proxy)
    inv = d.request(15.0, "INVITE", 2, "d.invite", body=offer(ua.ip), extra=[digest(
        "Proxy-Authorization", "carol", "sip.example.net", "sip:erin@sip.example.net", "d0000001")])
    d.response(15.02, inv, "407 Proxy Authentication Required", "d.407",
               extra=[challenge("Proxy-Authenticate", "sip.example.net", "d0000002")])
    d.ack(15.03, inv, "d.ack", branch=inv["branch"])

    # e. answered, then a video re-INVITE refused
    bob = Party("bob", "198.51.100.30", agent="Yealink SIP-T46S 66.86.0.15")
    d = Dialog(cap, "e-reinvite-1@192.0.2.10", ua, bob)
    inv = d.request(20.0, "INVITE", 1, "e.invite", body=offer(ua.ip, 2001))
    d.response(20.02, inv, "100 Trying", "e.100", tag=False)
    d.response(20.40, inv, "180 Ringing", "e.180")
    d.response(22.00, inv, "200 OK", "e.200", body=offer(bob.ip, 3001, (0, 101), 30000))
    d.ack(22.05, inv, "e.ack", to_tag=True, ruri="sip:bob@198.51.100.30:5060")
    re = d.request(25.0, "INVITE", 2, "e.reinvite", to_tag=d.ttag, ruri="sip:bob@198.51.100.30:5060",
                   body=sdp(ua.ip, 2002, [audio(49170, [0, 8, 101]), VIDEO]))
    d.response(25.03, re, "488 Not Acceptable Here", "e.488",
               extra=['Warning: 304 198.51.100.30 "Media type not available"'])
    d.ack(25.05, re, "e.ack2", branch=re["branch"], ruri="sip:bob@198.51.100.30:5060")
    bye = d.request(30.0, "BYE", 3, "e.bye", to_tag=d.ttag, ruri="sip:bob@198.51.100.30:5060")
    d.response(30.02, bye, "200 OK", "e.200bye")

    # f.-h. 488 to an offer without SDP, an SRTP offer, an offer with every port zero
    for call, t, body, label in (
            ("f-nosdp-1@192.0.2.10", 35.0, b"", "f"),
            ("g-srtp-1@192.0.2.10", 40.0, sdp(ua.ip, 4001, [audio(4000, [0, 8, 101], "RTP/SAVP", (
                "crypto:1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|2^20|1:32",
                "sendrecv"))]), "g"),
            ("h-port0-1@192.0.2.10", 45.0, sdp(ua.ip, 5001, [audio(0, [0, 8], extra=("inactive",))]), "h")):
        d = Dialog(cap, call, ua, bob)
        inv = d.request(t, "INVITE", 1, label + ".invite", body=body)
        d.response(t + 0.02, inv, "100 Trying", label + ".100", tag=False)
        d.response(t + 0.05, inv, "488 Not Acceptable Here", label + ".488")
        d.ack(t + 0.06, inv, label + ".ack", branch=inv["branch"])

    # i. INVITE resent by timer A, then 408 from the carrier's SBC
    sbc = SBC
    far = Party("15557654321", sbc.ip, domain="gw.example.com")
    d = Dialog(cap, "i-408-1@192.0.2.10", ua, far)
    for k, dt in enumerate((0.0, 0.5, 1.5, 3.5)):
        inv_k = d.request(50.0 + dt, "INVITE", 1, "i.invite.%d" % k, body=offer(ua.ip, 6001),
                          branch="z9hG4bK-i408-1")
        inv = inv if k else inv_k
    d.response(54.0, inv, "408 Request Timeout", "i.408", responder=sbc)
    d.ack(54.01, inv, "i.ack", branch=inv["branch"])

    # j. CANCEL 2.0 s after the INVITE
    d = Dialog(cap, "j-cancel-1@192.0.2.10", ua, bob)
    inv = d.request(60.0, "INVITE", 1, "j.invite", body=offer(ua.ip, 7001))
    d.response(60.02, inv, "100 Trying", "j.100", tag=False)
    d.response(60.40, inv, "180 Ringing", "j.180")
    can = d.cancel(62.0, inv, "j.cancel")
    d.response(62.02, can, "200 OK", "j.200cancel")
    d.response(62.03, inv, "487 Request Terminated", "j.487")
    d.ack(62.05, inv, "j.ack", branch=inv["branch"])

    # k. BYE on the early dialog, then 487
    d = Dialog(cap, "k-earlybye-1@192.0.2.10", ua, bob)
    inv = d.request(65.0, "INVITE", 1, "k.invite", body=offer(ua.ip, 8001))
    d.response(65.02, inv, "100 Trying", "k.100", tag=False)
    d.response(65.40, inv, "180 Ringing", "k.180")
    bye = d.request(66.5, "BYE", 2, "k.bye", to_tag=d.ttag)
    d.response(66.52, bye, "200 OK", "k.200bye")
    d.response(66.53, inv, "487 Request Terminated", "k.487")
    d.ack(66.55, inv, "k.ack", branch=inv["branch"])

    # l. 404 for a number at the carrier
    num = Party("+15551234567", sbc.ip, domain="gw.example.com")
    d = Dialog(cap, "l-404-1@192.0.2.10", ua, num)
    inv = d.request(70.0, "INVITE", 1, "l.invite", body=offer(ua.ip, 9001))
    d.response(70.02, inv, "100 Trying", "l.100", tag=False, responder=sbc)
    d.response(70.25, inv, "404 Not Found", "l.404", responder=sbc)
    d.ack(70.26, inv, "l.ack", branch=inv["branch"])

    # m. a peer that answered PCMU/G729 earlier refuses a G722-only offer
    gw = Party("15550001111", "198.51.100.40", domain="gw2.example.com", agent="Cisco-SIPGateway/IOS-15.x")
    d = Dialog(cap, "m-first-1@192.0.2.10", ua, gw)
    inv = d.request(80.0, "INVITE", 1, "m.invite", body=offer(ua.ip, 10001, (0, 8, 18)))
    d.response(80.02, inv, "100 Trying", "m.100", tag=False)
    d.response(80.50, inv, "180 Ringing", "m.180")
    d.response(82.00, inv, "200 OK", "m.200", body=offer(gw.ip, 11001, (0, 18), 16384))
    d.ack(82.05, inv, "m.ack", ruri="sip:15550001111@198.51.100.40:5060")
    bye = d.request(90.0, "BYE", 2, "m.bye", to_tag=d.ttag, ruri="sip:15550001111@198.51.100.40:5060")
    d.response(90.02, bye, "200 OK", "m.200bye")
    gw2 = Party("15550002222", gw.ip, domain="gw2.example.com", agent=gw.agent)
    d = Dialog(cap, "m-second-1@192.0.2.10", ua, gw2)
    inv = d.request(100.0, "INVITE", 1, "m2.invite", body=offer(ua.ip, 12001, (9,)))
    d.response(100.02, inv, "100 Trying", "m2.100", tag=False)
    d.response(100.05, inv, "488 Not Acceptable Here", "m2.488",
               extra=['Warning: 305 198.51.100.40 "Incompatible media format"'])
    d.ack(100.06, inv, "m2.ack", branch=inv["branch"])
    return cap.write("crafted-evidence.pcap")


def calls_capture():
    """Issue #14: one call of each kind, started 5 s apart, distinct users."""
    cap = Capture()
    sbc = Party("sbc", "198.51.100.20", domain="example.com", server="CarrierSBC/2.1")
    phone = lambda user, n: Party(user, "192.0.2.%d" % (20 + n), agent="Linphone/5.2.0")
    far = lambda user: Party(user, sbc.ip, agent="Yealink SIP-T46S 66.86.0.15")

    def call(n, caller, callee, cid=None):
        return Dialog(cap, cid or "call%02d-%s@192.0.2.%d" % (n, caller, 20 + n), phone(caller, n), far(callee))

    def trying(d, inv, t):
        d.response(t + 0.020, inv, "100 Trying", None, tag=False, responder=sbc)

    def hangup(d, t, by_callee, label, reason=None):
        ruri = None if by_callee else "sip:%s@%s:5060" % (d.callee.user, d.peer.ip)
        bye = d.request(t, "BYE", 101 if by_callee else 3, label, to_tag=None if by_callee else d.ttag,
                        from_callee=by_callee, ruri=ruri, extra=[reason] if reason else [])
        d.response(t + 0.03, bye, "200 OK", label + ".200")

    # 1 answered, callee hangs up after 30 s
    t = 0.0
    d = call(1, "alice", "bob")
    inv = d.request(t, "INVITE", 1, "c1.invite", body=offer(d.caller.ip, 101))
    trying(d, inv, t)
    d.response(t + 0.4, inv, "180 Ringing", "c1.180")
    d.response(t + 3.2, inv, "200 OK", "c1.200", body=offer(sbc.ip, 201, (0, 101), 30000))
    d.ack(t + 3.26, inv, "c1.ack", ruri="sip:bob@198.51.100.20:5060")
    hangup(d, t + 33.2, True, "c1.bye", "Reason: Q.850;cause=16;text=\"Normal call clearing\"")

    # 2 busy
    t = 5.0
    d = call(2, "carol", "dave")
    inv = d.request(t, "INVITE", 1, "c2.invite", body=offer(d.caller.ip, 102))
    trying(d, inv, t)
    d.response(t + 0.35, inv, "486 Busy Here", "c2.486")
    d.ack(t + 0.36, inv, "c2.ack", branch=inv["branch"])

    # 3 488
    t = 10.0
    d = call(3, "erin", "frank")
    inv = d.request(t, "INVITE", 1, "c3.invite", body=offer(d.caller.ip, 103, (9,)))
    trying(d, inv, t)
    d.response(t + 0.12, inv, "488 Not Acceptable Here", "c3.488", responder=sbc,
               extra=['Warning: 305 198.51.100.20 "Incompatible media format"'])
    d.ack(t + 0.13, inv, "c3.ack", branch=inv["branch"])

    # 4 cancelled by the caller
    t = 15.0
    d = call(4, "grace", "heidi")
    inv = d.request(t, "INVITE", 1, "c4.invite", body=offer(d.caller.ip, 104))
    trying(d, inv, t)
    d.response(t + 0.4, inv, "180 Ringing", "c4.180")
    can = d.cancel(t + 6.0, inv, "c4.cancel")
    d.response(t + 6.02, can, "200 OK", "c4.200cancel")
    d.response(t + 6.03, inv, "487 Request Terminated", "c4.487")
    d.ack(t + 6.05, inv, "c4.ack", branch=inv["branch"])

    # 5 no response: 7 sends (timer A), nothing back
    t = 20.0
    d = Dialog(cap, "call05-ivan@192.0.2.25", phone("ivan", 5), Party("judy", "198.51.100.50"))
    for k, dt in enumerate((0.0, 0.5, 1.5, 3.5, 7.5, 15.5, 31.5)):
        d.request(t + dt, "INVITE", 1, "c5.invite.%d" % k, body=offer(d.caller.ip, 105), branch="z9hG4bK-c5-1")

    # 6 challenge (407), then answered
    t = 25.0
    d = call(6, "mallory", "niaj")
    inv = d.request(t, "INVITE", 1, "c6.invite", body=offer(d.caller.ip, 106))
    d.response(t + 0.03, inv, "407 Proxy Authentication Required", "c6.407", responder=sbc,
               extra=[challenge("Proxy-Authenticate", "example.com", "c6000001")])
    d.ack(t + 0.04, inv, "c6.ack", branch=inv["branch"])
    d.ttag = None
    inv = d.request(t + 0.10, "INVITE", 2, "c6.invite2", body=offer(d.caller.ip, 106), extra=[digest(
        "Proxy-Authorization", "mallory", "example.com", "sip:niaj@example.com", "c6000001")])
    trying(d, inv, t + 0.10)
    d.response(t + 0.50, inv, "180 Ringing", "c6.180")
    d.response(t + 2.60, inv, "200 OK", "c6.200", body=offer(sbc.ip, 206, (0,), 30010))
    d.ack(t + 2.65, inv, "c6.ack2", ruri="sip:niaj@198.51.100.20:5060")
    hangup(d, t + 22.6, False, "c6.bye")

    # 7 challenge, then the credentials refused (403)
    t = 30.0
    d = call(7, "olivia", "peggy")
    inv = d.request(t, "INVITE", 1, "c7.invite", body=offer(d.caller.ip, 107))
    d.response(t + 0.03, inv, "407 Proxy Authentication Required", "c7.407", responder=sbc,
               extra=[challenge("Proxy-Authenticate", "example.com", "c7000001")])
    d.ack(t + 0.04, inv, "c7.ack", branch=inv["branch"])
    d.ttag = None
    inv = d.request(t + 0.10, "INVITE", 2, "c7.invite2", body=offer(d.caller.ip, 107), extra=[digest(
        "Proxy-Authorization", "olivia", "example.com", "sip:peggy@example.com", "c7000001")])
    d.response(t + 0.13, inv, "403 Forbidden", "c7.403", responder=sbc)
    d.ack(t + 0.14, inv, "c7.ack2", branch=inv["branch"])

    # 8 redirect (302), then answered at the new Contact
    t = 35.0
    d = call(8, "rupert", "sybil")
    inv = d.request(t, "INVITE", 1, "c8.invite", body=offer(d.caller.ip, 108))
    trying(d, inv, t)
    d.response(t + 0.05, inv, "302 Moved Temporarily", "c8.302", responder=sbc,
               extra=["Contact: <sip:sybil@198.51.100.60:5060>"])
    d.ack(t + 0.06, inv, "c8.ack", branch=inv["branch"])
    d.ttag = None
    d.peer = Party("sybil", "198.51.100.60", agent="Grandstream GXP2170 1.0.11.23")
    d.callee = d.peer
    inv = d.request(t + 0.10, "INVITE", 2, "c8.invite2", body=offer(d.caller.ip, 108),
                    ruri="sip:sybil@198.51.100.60:5060")
    d.response(t + 0.12, inv, "100 Trying", None, tag=False)
    d.response(t + 0.60, inv, "180 Ringing", "c8.180")
    d.response(t + 4.10, inv, "200 OK", "c8.200", body=offer(d.peer.ip, 208, (0,), 31000))
    d.ack(t + 4.15, inv, "c8.ack2", ruri="sip:sybil@198.51.100.60:5060")
    hangup(d, t + 19.1, False, "c8.bye")

    # 9 503 with Retry-After
    t = 40.0
    d = call(9, "trent", "victor")
    inv = d.request(t, "INVITE", 1, "c9.invite", body=offer(d.caller.ip, 109))
    trying(d, inv, t)
    d.response(t + 0.08, inv, "503 Service Unavailable", "c9.503", responder=sbc, extra=["Retry-After: 120"])
    d.ack(t + 0.09, inv, "c9.ack", branch=inv["branch"])

    # 10 603 after ringing
    t = 45.0
    d = call(10, "walter", "wendy")
    inv = d.request(t, "INVITE", 1, "c10.invite", body=offer(d.caller.ip, 110))
    trying(d, inv, t)
    d.response(t + 0.4, inv, "180 Ringing", "c10.180")
    d.response(t + 5.6, inv, "603 Decline", "c10.603")
    d.ack(t + 5.62, inv, "c10.ack", branch=inv["branch"])

    # 11 487 without a CANCEL in the capture
    t = 50.0
    d = call(11, "yves", "zoe")
    inv = d.request(t, "INVITE", 1, "c11.invite", body=offer(d.caller.ip, 111))
    trying(d, inv, t)
    d.response(t + 0.4, inv, "180 Ringing", "c11.180")
    d.response(t + 4.4, inv, "487 Request Terminated", "c11.487", responder=sbc)
    d.ack(t + 4.42, inv, "c11.ack", branch=inv["branch"])

    # 12 answered; the video re-INVITE refused (488); caller hangs up
    t = 55.0
    d = call(12, "amy", "ben")
    inv = d.request(t, "INVITE", 1, "c12.invite", body=offer(d.caller.ip, 112))
    trying(d, inv, t)
    d.response(t + 0.4, inv, "180 Ringing", "c12.180")
    d.response(t + 2.4, inv, "200 OK", "c12.200", body=offer(sbc.ip, 212, (0, 101), 30020))
    d.ack(t + 2.45, inv, "c12.ack", ruri="sip:ben@198.51.100.20:5060")
    re = d.request(t + 10.0, "INVITE", 2, "c12.reinvite", to_tag=d.ttag, ruri="sip:ben@198.51.100.20:5060",
                   body=sdp(d.caller.ip, 113, [audio(49170, [0, 8, 101]), VIDEO]))
    d.response(t + 10.03, re, "488 Not Acceptable Here", "c12.488")
    d.ack(t + 10.05, re, "c12.ack2", branch=re["branch"], ruri="sip:ben@198.51.100.20:5060")
    hangup(d, t + 20.0, False, "c12.bye")
    return cap.write("crafted-calls.pcap")


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    codes_capture()
    tcp_multi_capture()
    context_capture()
    scan_captures()
    extreme_captures()
    transactions_capture()
    scan_auth_capture()
    evidence_capture()
    calls_capture()
