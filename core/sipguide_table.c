/* sipguide_table.c - all of sipguide's knowledge, one row per response code.
 *
 * Sources, cited on every row:
 *  GUIDE: the voice gateway troubleshooting page
 *         (docs/voice-gateway-sip-response-codes.txt), title, description and
 *         every "What to Do" item copied verbatim.  tests/test_golden.py
 *         rebuilds the guide's lines from tshark's output of these rows and
 *         compares them with that file, so a typo here fails the tests.
 *         The guide speaks of calls: rows whose words are about a call
 *         (GUIDE_CALLS) apply in full to INVITE only; its success rows and
 *         rows whose words fit any request (GUIDE) apply to every method.
 *  REG:   the IANA "Response Codes" registry of the SIP Parameters
 *         registry group: phrase and defining RFC, all 75 codes.  The meaning
 *         and first action of codes the guide does not cover are sipguide's
 *         own words, written from the defining RFC.
 *  METHOD: sipguide's own meaning of a code answering some methods, written
 *         from the RFC cited in the row (ref), for where the code means
 *         something else than for a call.
 *
 * Severity is data too: a row's severity is the expert severity sipguide
 * gives it (SG_SEV_DEFAULT = the verdict decides, see sg_expert_severity and
 * the README's policy table), and routine rows are normal outcomes.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "sipguide_core.h"

#include <stdio.h>

#define LABEL_SIPGUIDE "phrase: IANA; meaning and action: sipguide, from "
#define LABEL_GUIDE "phrase: IANA; title, meaning and actions: the guide"

/* Registry row that the guide does not cover. */
#define REG(c, ph, r, m, a)                                                                        \
    {                                                                                              \
        .code = (c), .phrase = (ph), .rfc = (r), .meaning = (m), .actions = {(a)},                 \
        .source = SG_SOURCE_REGISTRY, .label = LABEL_SIPGUIDE r                                   \
    }
/* The same with a severity of its own (ordinary call outcomes: Note). */
#define REGS(c, ph, r, sev, m, a)                                                                  \
    {                                                                                              \
        .code = (c), .phrase = (ph), .rfc = (r), .meaning = (m), .actions = {(a)},                 \
        .source = SG_SOURCE_REGISTRY, .severity = (sev), .label = LABEL_SIPGUIDE r                \
    }
/* The same with a note. */
#define REGN(c, ph, r, ref_, m, n, a)                                                              \
    {                                                                                              \
        .code = (c), .phrase = (ph), .rfc = (r), .meaning = (m), .actions = {(a)}, .note = (n),    \
        .source = SG_SOURCE_REGISTRY, .ref = (ref_), .label = LABEL_SIPGUIDE ref_                 \
    }
/* Issue #12's policy: a server failure (5xx) needs a look whatever the
 * failure_severity preference says of the guide's other failures. */
#define GUIDE_SEVERITY(c) ((c) >= 500 && (c) < 600 ? SG_SEV_WARN : SG_SEV_DEFAULT)
/* Registry row that the guide covers, in words that fit any request: the
 * guide's words win on every method. */
#define GUIDE(c, ph, r, t, m, n, ...)                                                              \
    {                                                                                              \
        .code = (c), .phrase = (ph), .rfc = (r), .title = (t), .meaning = (m),                     \
        .actions = {__VA_ARGS__}, .note = (n), .source = SG_SOURCE_GUIDE, .label = LABEL_GUIDE,    \
        .severity = GUIDE_SEVERITY(c)                                                              \
    }
/* Registry row that the guide covers in words about calls: in full for INVITE;
 * other methods get a METHOD row ("*" at least) and the guide's row as a reference. */
#define GUIDE_CALLS(c, ph, r, t, m, n, ...)                                                        \
    {                                                                                              \
        .code = (c), .phrase = (ph), .rfc = (r), .title = (t), .meaning = (m),                     \
        .actions = {__VA_ARGS__}, .note = (n), .source = SG_SOURCE_GUIDE, .label = LABEL_GUIDE,    \
        .calls = true, .severity = GUIDE_SEVERITY(c)                                               \
    }
/* sipguide's meaning of code c answering the methods listed; ref cites the RFC. */
#define METHOD(c, ph, r, meth, ref_, rout, sev, m, a)                                              \
    {                                                                                              \
        .code = (c), .phrase = (ph), .rfc = (r), .meaning = (m), .actions = {(a)},                 \
        .source = SG_SOURCE_REGISTRY, .severity = (sev), .methods = (meth), .ref = (ref_),         \
        .label = LABEL_SIPGUIDE ref_, .routine = (rout)                                           \
    }

static const sg_entry_t builtin[] = {
    /* 1xx Provisional */
    REG(100, "Trying", "RFC 3261",
        "The next hop received the request and is working on it. For INVITE it stops the "
        "caller's retransmissions; other requests are resent until a final response (RFC 3261 "
        "section 17.1).",
        "None: a normal step. If no final response follows, look at the next hop."),
    REG(180, "Ringing", "RFC 3261", "The called party's device is alerting the user.",
        "None: a normal step. If the caller hears no ringback, check early media and 183."),
    REG(181, "Call Is Being Forwarded", "RFC 3261",
        "A proxy or the callee is forwarding the call to another destination.",
        "None usually; if the call lands in the wrong place, check the forwarding rules."),
    REG(182, "Queued", "RFC 3261",
        "The callee is temporarily unavailable and the call has been queued.",
        "None usually; if calls wait too long, check the queue and its capacity."),
    REG(183, "Session Progress", "RFC 3261",
        "Call progress information, often with SDP for early media (ringback, announcements).",
        "None usually; if the caller hears silence, check the SDP and that RTP flows."),
    REG(199, "Early Dialog Terminated", "RFC 6228",
        "The UAS or a forking proxy ended one early dialog before any final response.",
        "None usually; if the call fails afterwards, follow the other forked branches."),
    /* 2xx Success */
    GUIDE_CALLS(200, "OK", "RFC 3261", "OK", "The call was successfully answered.", NULL,
                "No specific actions are required."),
    GUIDE(202, "Accepted (Deprecated)", "RFC 6665", "OK",
          "The request has been accepted for processing, but the processing has not been "
          "completed.",
          "The guide titles 202 \"OK\"; the registered phrase is \"Accepted (Deprecated)\".",
          "No specific actions are required."),
    REG(204, "No Notification", "RFC 5839",
        "The subscription succeeded but no NOTIFY will follow, because nothing changed.",
        "None usually; if state looks stale, check the entity tags in SUBSCRIBE."),
    /* 3xx Redirection */
    REG(300, "Multiple Choices", "RFC 3261",
        "The address resolved to several locations, listed in Contact.",
        "Check that the caller (or the gateway) follows redirects, or pick one Contact."),
    REG(301, "Moved Permanently", "RFC 3261",
        "The user is no longer at the requested address; Contact has the new one.",
        "Update the stored address or routing to the Contact in this response."),
    REG(302, "Moved Temporarily", "RFC 3261",
        "The request should be retried at the address in Contact (call forwarding, redirect "
        "server).",
        "Check that the gateway follows redirects and that the Contact is reachable."),
    REG(305, "Use Proxy", "RFC 3261", "The request must go through the proxy given in Contact.",
        "Route the request through that proxy, or fix the outbound proxy setting."),
    REG(380, "Alternative Service", "RFC 3261",
        "The call failed, but alternative services are possible (for example emergency "
        "handling).",
        "Read the body and Contact for the alternative service offered."),
    /* 4xx Client Failure */
    REGN(400, "Bad Request", "RFC 3261", "RFC 3261 section 21.4.1",
         "The request is malformed: a syntax error, or a header that is missing or wrong. The "
         "phrase or a Warning header often names the fault.",
         "The guide's row titled \"400 Permission Denied\" describes 403 Forbidden (its text "
         "speaks of \"requests with status 403\"); sipguide shows that row on 403.",
         "Read the phrase and any Warning header for the faulty header; check the sender's SIP "
         "stack and any header rewriting on the way (SBC manipulation rules)."),
    REG(401, "Unauthorized", "RFC 3261",
        "The registrar or UAS asks for authentication (digest challenge in WWW-Authenticate).",
        "None if the next request carries credentials and succeeds; else check user and "
        "password."),
    REG(402, "Payment Required", "RFC 3261", "Reserved for future use; some carriers send it "
        "for an exhausted balance.",
        "Check the account balance or billing status with the carrier."),
    {
        /* The guide files this row under 400; its text is about 403 (see 400). */
        .code = 403, .phrase = "Forbidden", .rfc = "RFC 3261", .title = "Permission Denied",
        .meaning = "The server refuses to authorize the request due to various reasons, "
                   "including the user not having necessary permissions or having wrong "
                   "credentials.",
        .actions = {"Check the request credentials (for example, user name and password) and "
                    "permissions.",
                    "Ensure the request is being sent to the correct server and endpoint.",
                    "If there are a large number of requests with status 403 from the same IP, "
                    "consider blocking the IP."},
        .note = "The guide files this entry under 400 (\"400 Permission Denied\"), but its text "
                "describes a 403 (it speaks of \"requests with status 403\"); the registered "
                "phrase of 403 is \"Forbidden\", of 400 \"Bad Request\".",
        .source = SG_SOURCE_GUIDE,
        .label = LABEL_GUIDE " (filed there under 400)",
    },
    GUIDE_CALLS(404, "Not Found", "RFC 3261", "Not Found",
          "A call to a phone number not set up in the Voice Gateway Self-Service Portal may "
          "indicate a SIP spam attempt.",
          NULL,
          "Check the Carrier or Phone numbers configurations in the Self-Service-Portal.",
          "Verify the request URI provided in your Transfer Node is correct. The issue may be due "
          "to a mistyped address or an outdated record.",
          "Investigate further for troubleshooting and possible IP blocking."),
    REG(405, "Method Not Allowed", "RFC 3261",
        "The method is understood but not allowed for this address; Allow lists what is.",
        "Check the Allow header and the feature that sent this method."),
    REG(406, "Not Acceptable", "RFC 3261",
        "The response the request would produce is not acceptable per its Accept headers.",
        "Check the Accept headers of the request against what the server can produce."),
    REG(407, "Proxy Authentication Required", "RFC 3261",
        "A proxy asks for authentication (digest challenge in Proxy-Authenticate).",
        "None if the next request carries credentials and succeeds; else check the trunk "
        "credentials."),
    GUIDE(408, "Request Timeout", "RFC 3261", "Request Timeout",
          "The SIP endpoint was unresponsive, and the server did not receive a complete request "
          "message within the time it was prepared to wait.",
          NULL,
          "This often indicates network issues or a problem with the server. Try sending the "
          "request again after some time or investigate network connectivity problems on a lower "
          "level.",
          "Check and compare Voice Gateway PCAP for a specific call with your provider's PCAP for "
          "that call."),
    REG(410, "Gone", "RFC 3261", "The user existed but is no longer available here.",
        "Remove or update the number or address in routing and directories."),
    REG(412, "Conditional Request Failed", "RFC 3903",
        "A PUBLISH refresh referred to an entity tag the server no longer knows.",
        "Publish the full state again without SIP-If-Match."),
    REG(413, "Request Entity Too Large", "RFC 3261",
        "The request body is larger than this server is willing or able to process: its own "
        "size limit, whatever the transport.",
        "Shrink the body (SDP, multipart attachments) below the server's limit, or raise the "
        "limit; moving to TCP does not help."),
    REG(414, "Request-URI Too Long", "RFC 3261", "The Request-URI is longer than the server "
        "accepts.",
        "Check what builds the Request-URI (dial plan, appended parameters)."),
    REG(415, "Unsupported Media Type", "RFC 3261",
        "The body's type or encoding is not supported; Accept lists what is.",
        "Check Content-Type of the body against the Accept header in this response."),
    REG(416, "Unsupported URI Scheme", "RFC 3261",
        "The Request-URI scheme (for example tel: or sips:) is not supported.",
        "Use a scheme the server supports, usually sip:."),
    REG(417, "Unknown Resource-Priority", "RFC 4412",
        "The Resource-Priority namespace or value is not understood.",
        "Check the Resource-Priority header and the namespaces both sides accept."),
    REG(420, "Bad Extension", "RFC 3261",
        "An extension in Proxy-Require or Require is not supported; Unsupported names it.",
        "Remove that option tag from Require or enable the extension on the far end."),
    REG(421, "Extension Required", "RFC 3261",
        "The server needs an extension (listed in Require) that the request did not offer.",
        "Enable the extension named in Require (often 100rel or timer) on the caller."),
    REGS(422, "Session Interval Too Small", "RFC 4028", SG_SEV_NOTE,
        "The Session-Expires value is below the server's minimum (Min-SE).",
        "Raise the session timer to at least the Min-SE in this response."),
    REGS(423, "Interval Too Brief", "RFC 3261", SG_SEV_NOTE,
        "The registration or subscription expiry is shorter than the server allows.",
        "Raise Expires to at least the Min-Expires in this response."),
    REG(424, "Bad Location Information", "RFC 6442",
        "The location information in the request (Geolocation) was malformed or unsuitable.",
        "Check the Geolocation header and PIDF-LO body, common on emergency calls."),
    REG(425, "Bad Alert Message", "RFC 8876",
        "The alert message (emergency alert) in the request was not acceptable.",
        "Check the alert body and its content type."),
    REG(428, "Use Identity Header", "RFC 8224",
        "The server requires an Identity header (STIR/SHAKEN) and none was sent.",
        "Enable call signing (Identity header) on the originating side."),
    REG(429, "Provide Referrer Identity", "RFC 3892",
        "The transfer target refuses the referee's request (the one a REFER triggered) because "
        "it carries no valid Referred-By token (RFC 3892 section 5).",
        "Have the referrer sign the Referred-By token (S/MIME) so the referee can pass it on, or "
        "relax the transfer target's policy."),
    REG(430, "Flow Failed", "RFC 5626",
        "A SIP Outbound flow to the user agent has failed.",
        "Check the UA's keep-alives and its connection to the edge proxy."),
    REGS(433, "Anonymity Disallowed", "RFC 5079", SG_SEV_NOTE,
        "The callee refuses anonymous calls.",
        "Send the caller identity (Privacy, P-Asserted-Identity) or inform the caller."),
    REG(436, "Bad Identity Info", "RFC 8224",
        "The Identity header's info URI could not be used (unreachable or wrong type).",
        "Check the certificate URL in the Identity header and that it is reachable."),
    REG(437, "Unsupported Credential", "RFC 8224",
        "The certificate used to sign the Identity header is not accepted.",
        "Check the STIR/SHAKEN certificate and its chain of trust."),
    REG(438, "Invalid Identity Header", "RFC 8224",
        "The Identity header's signature did not verify.",
        "Check for headers altered in transit (From, To, Date) and the signing setup."),
    REG(439, "First Hop Lacks Outbound Support", "RFC 5626",
        "The registrar supports Outbound but the first-hop proxy does not.",
        "Register without Outbound, or enable it on the edge proxy."),
    REG(440, "Max-Breadth Exceeded", "RFC 5393",
        "Forking would exceed the Max-Breadth limit of the request.",
        "Check forking rules for loops or very wide parallel forking."),
    REG(469, "Bad Info Package", "RFC 6086",
        "The INFO request used an Info Package the receiver did not accept.",
        "Check Info-Package and Recv-Info negotiation (DTMF via INFO, for example)."),
    REG(470, "Consent Needed", "RFC 5360",
        "The relay needs the recipient's consent before it forwards the request.",
        "Obtain consent through the permission mechanism, or route differently."),
    GUIDE_CALLS(480, "Temporarily Unavailable", "RFC 3261", "Temporarily Unavailable",
          "There is no application configured for an incoming call, or if there are no more "
          "resources available to handle a call (the system is at maximum capacity).",
          NULL,
          "Check if an application is properly attached to the Phone number in the Self-Service "
          "Portal.",
          "Retry after some time. If the issue persists, contact the callee by other means to "
          "confirm their availability."),
    REG(481, "Call/Transaction Does Not Exist", "RFC 3261",
        "The request matched no existing dialog or transaction (for example a BYE or NOTIFY "
        "after the dialog ended).",
        "Check for lost or late messages, restarts, or timers that ended the dialog early."),
    REG(482, "Loop Detected", "RFC 3261",
        "The request came back to a server it had already passed (a routing loop).",
        "Check the routes and Via headers for the loop between proxies."),
    REG(483, "Too Many Hops", "RFC 3261", "Max-Forwards reached zero before the destination.",
        "Look for a routing loop, or too many proxies in the path."),
    REG(484, "Address Incomplete", "RFC 3261",
        "The dialled number or address is incomplete.",
        "Check the dial plan and number normalisation (missing digits or prefix)."),
    REG(485, "Ambiguous", "RFC 3261", "The address matches several users.",
        "Use a more specific address; Contact may list the candidates."),
    REGS(486, "Busy Here", "RFC 3261", SG_SEV_NOTE, "The callee was reached but is busy at this location.",
        "None if the user is really busy; if unexpected, check call limits on the endpoint."),
    GUIDE_CALLS(487, "Request Terminated", "RFC 3261", "Request Terminated",
          "A call is terminated by the caller before the connection is established.", NULL,
          "No specific action is needed if the termination was intentional. If unexpected, "
          "inspect the call Flow for issues, for example, faulty Code Nodes."),
    GUIDE_CALLS(488, "Not Acceptable Here", "RFC 3261", "Not Acceptable Here",
          "The incoming call requested a codec or a feature in the Session Description Protocol "
          "(SDP) that the Voice Gateway does not support, or it provided an unacceptable "
          "parameter.",
          NULL,
          "Check the codecs or any other session parameters being used and ensure they are "
          "supported by both the caller and callee."),
    REG(489, "Bad Event", "RFC 6665",
        "The SUBSCRIBE, PUBLISH (RFC 3903) or NOTIFY used an event package the receiver does "
        "not support.",
        "Check the Event header (presence, dialog, message-summary) against Allow-Events."),
    REGS(491, "Request Pending", "RFC 3261", SG_SEV_NOTE,
        "A request crossed another one still pending on the same dialog (glare, typically two "
        "re-INVITEs).",
        "None once: each side retries after a random delay (RFC 3261 section 14.1). Repeated "
        "491s mean retry timers that are not randomised, or a middlebox bouncing re-INVITEs."),
    REG(493, "Undecipherable", "RFC 3261",
        "An encrypted (S/MIME) body could not be decrypted.",
        "Check the certificates and keys used for S/MIME."),
    REG(494, "Security Agreement Required", "RFC 3329",
        "The server requires a security mechanism agreement (Security-Server).",
        "Negotiate a mechanism from Security-Server (common in IMS registration)."),
    /* 5xx Server Failure */
    GUIDE(500, "Server Internal Error", "RFC 3261", "Server Internal Error",
          "The application error. The server encountered an unexpected condition that prevented "
          "it from fulfilling the request. This is a server-side issue.",
          NULL,
          "Attempt the request later or contact the server "
          "administrator if the problem persists. For example, if the Voice Gateway responded "
          "with this code, contact Customer Support. If your carrier responded with this code, "
          "contact your provider."),
    REG(501, "Not Implemented", "RFC 3261", "The server does not implement the method.",
        "Check which side sent the method and whether the far end should support it."),
    REG(502, "Bad Gateway", "RFC 3261",
        "A gateway or proxy received an invalid response from the next server.",
        "Look at the downstream leg: the server behind this proxy answered badly."),
    GUIDE_CALLS(503, "Service Unavailable", "RFC 3261", "Service Unavailable",
          "Voice Gateway is unable to process the call due to specific reasons, including an "
          "inactive account status or reaching the maximum call limit.",
          NULL, "Contact Customer Support or your Customer Success Manager at Cognigy."),
    REG(504, "Server Time-out", "RFC 3261",
        "A server did not get a timely response from a server it contacted (DNS, next hop).",
        "Check reachability and response time of the next hop or its DNS."),
    REG(505, "Version Not Supported", "RFC 3261", "The SIP version in the request is not "
        "supported.",
        "Check the sender: it should send SIP/2.0."),
    REG(513, "Message Too Large", "RFC 3261", "The message is larger than the server accepts.",
        "Reduce headers or SDP, or use TCP instead of UDP."),
    REG(555, "Push Notification Service Not Supported", "RFC 8599",
        "The push notification service named by the UA is not supported.",
        "Check the pn-provider parameter the UA registers with."),
    REG(580, "Precondition Failure", "RFC 3312",
        "The QoS or security preconditions of the session could not be met.",
        "Check the precondition attributes in the SDP and the network resources."),
    /* 6xx Global Failure */
    REGS(600, "Busy Everywhere", "RFC 3261", SG_SEV_NOTE, "The callee is busy at every location.",
        "None if expected; Retry-After may say when to try again."),
    GUIDE_CALLS(603, "Decline", "RFC 3261", "Decline",
          "The callee's end system was contacted successfully but the user explicitly rejected the "
          "call, or there was an issue connecting to the Voice Gateway Endpoint.",
          NULL,
          "If it was a normal rejection of a call, no further action can be taken to establish "
          "the call. If necessary, try contacting the user through alternative means.",
          "If this response was not expected, check your Self-Service Portal configurations of "
          "your Carrier as well as the Alerts page.",
          "Check Cognigy AI logs for any error log messages that could indicate the root cause."),
    REGS(604, "Does Not Exist Anywhere", "RFC 3261", SG_SEV_NOTE, "The callee does not exist anywhere.",
        "Check the dialled number or address; it is known not to exist."),
    REG(606, "Not Acceptable", "RFC 3261",
        "The callee's agent cannot accept the session as described (media, bandwidth).",
        "Compare the offered SDP with what the callee supports."),
    REGS(607, "Unwanted", "RFC 8197", SG_SEV_NOTE, "The callee marked this call as unwanted (spam).",
        "Check the caller's reputation and whether the number is being spoofed."),
    REG(608, "Rejected", "RFC 8688",
        "An intermediary (call analytics, spam filter) rejected the call.",
        "Read the Call-Info in the response for who rejected it and how to appeal."),
};

/* What a code means answering other methods than the one the per-code row is
 * written for.  sg_advise picks, for a code and a CSeq method: a row listing
 * the method, else the per-code row when it applies (any row but a
 * GUIDE_CALLS row to a request other than INVITE), else the code's "*" row.
 * Every GUIDE_CALLS code has a "*" row (tests/test_core.c checks it). */
static const sg_entry_t method_rows[] = {
    /* 200: the guide's words, but they are about calls. */
    {
        .code = 200, .phrase = "OK", .rfc = "RFC 3261", .title = "OK",
        .meaning = "The call was successfully answered.",
        .actions = {"No specific actions are required."},
        .note = "\"The call was successfully answered\" is the guide's wording for calls; to "
                "this request a 200 means the request succeeded (RFC 3261 section 21.2.1).",
        .source = SG_SOURCE_GUIDE, .methods = "*", .ref = "RFC 3261 section 21.2.1",
        .label = LABEL_GUIDE " (its call wording)",
    },
    METHOD(200, "OK", "RFC 3261", "CANCEL", "RFC 3261 section 9.2", true, SG_SEV_DEFAULT,
           "The CANCEL matched a pending INVITE, which now ends with 487 Request Terminated. "
           "This 200 concerns the CANCEL only: the call was not answered.",
           "None: the call's outcome is the INVITE's final response (487, or a 200 that crossed "
           "the CANCEL and needs ACK and BYE)."),

    /* Capability probes: a softphone asking what the server supports. */
    METHOD(405, "Method Not Allowed", "RFC 3261", "SUBSCRIBE PUBLISH", "RFC 3261 section 21.4.6",
           true, SG_SEV_CHAT,
           "The server does not allow this method here (Allow lists what it does): the usual "
           "answer when a softphone probes for presence, BLF or message-waiting support.",
           "None if the feature is not used; else allow SUBSCRIBE/PUBLISH on the server, or turn "
           "the feature (presence, BLF, MWI) off in the client."),
    METHOD(501, "Not Implemented", "RFC 3261", "SUBSCRIBE PUBLISH", "RFC 3261 section 21.5.2",
           true, SG_SEV_CHAT,
           "The server does not implement this method: the usual answer when a softphone probes "
           "for presence, BLF or message-waiting support.",
           "None if the feature is not used; else use a server that implements SUBSCRIBE/PUBLISH "
           "(RFC 6665, RFC 3903), or turn the feature off in the client."),
    METHOD(489, "Bad Event", "RFC 6665", "SUBSCRIBE PUBLISH", "RFC 6665, RFC 3903",
           true, SG_SEV_CHAT,
           "The server does not support the event package named in Event (presence, dialog, "
           "message-summary, ...): the usual answer when a softphone probes what the server "
           "offers. Allow-Events lists the packages it supports.",
           "None if the feature is not used; else enable the package on the server, or turn the "
           "feature (presence, BLF, MWI) off in the client."),
    METHOD(420, "Bad Extension", "RFC 3261", "SUBSCRIBE PUBLISH OPTIONS",
           "RFC 3261 section 21.4.15", true, SG_SEV_CHAT,
           "The server does not support an extension the client put in Require or Proxy-Require "
           "(Unsupported names it): a client probing for an option.",
           "None if the client carries on without it; else enable the extension named in "
           "Unsupported on the server, or drop it from the client's Require."),

    /* OPTIONS keep-alives: any answer proves the peer is up. */
    METHOD(405, "Method Not Allowed", "RFC 3261", "OPTIONS", "RFC 3261 section 11.2", true,
           SG_SEV_CHAT,
           "The peer does not allow OPTIONS here. It answered, so it is reachable: as a "
           "keep-alive this still proves the peer is up.",
           "None for a keep-alive; if the sender counts only 200 as alive, send the OPTIONS to an "
           "address of the peer that answers them with 200."),
    METHOD(501, "Not Implemented", "RFC 3261", "OPTIONS", "RFC 3261 section 11", true,
           SG_SEV_CHAT,
           "The peer does not implement OPTIONS, which every UA should. It answered, so as a "
           "keep-alive this still proves the peer is up.",
           "None for a keep-alive; read the peer's capabilities from Allow and Supported in its "
           "other responses."),
    METHOD(404, "Not Found", "RFC 3261", "OPTIONS", "RFC 3261 section 11.2", true, SG_SEV_CHAT,
           "The peer is up (it answered) but has no user at the Request-URI; many peers answer "
           "keep-alives to an unknown user this way. Not a call and not spam.",
           "None for a keep-alive; if the sender counts only 200 as alive, send the OPTIONS to a "
           "URI the peer knows (its domain without a user part)."),
    METHOD(480, "Temporarily Unavailable", "RFC 3261", "OPTIONS", "RFC 3261 section 21.4.18",
           false, SG_SEV_DEFAULT,
           "The peer is up but reports itself, or the user in the Request-URI, temporarily "
           "unavailable; some gateways answer keep-alives this way while out of service, and a "
           "sender that reads it as down routes calls elsewhere.",
           "Check the peer's state (maintenance, trunk out of service, no registered user); "
           "Retry-After says for how long."),
    METHOD(503, "Service Unavailable", "RFC 3261", "OPTIONS",
           "RFC 3261 section 21.5.4, RFC 3263", false, SG_SEV_DEFAULT,
           "The peer is up but out of service: overloaded, in maintenance or without a route. "
           "Proxies and SBCs take a 503 keep-alive as \"trunk down\" and route calls elsewhere.",
           "Check the peer's state and load; Retry-After says for how long."),

    /* REGISTER */
    METHOD(404, "Not Found", "RFC 3261", "REGISTER", "RFC 3261 section 10.3", false,
           SG_SEV_DEFAULT,
           "The registrar does not know the address of record in To: no such user in its domain. "
           "Not a call and not spam.",
           "Check the user name (or number) and domain the device registers with against the "
           "registrar's accounts."),
    METHOD(480, "Temporarily Unavailable", "RFC 3261", "REGISTER",
           "RFC 3261 section 21.4.18, RFC 3263", false, SG_SEV_DEFAULT,
           "The registrar, or a proxy on the way, cannot handle the registration now; a phrase "
           "such as \"No DNS results\" says a proxy could not resolve the next hop.",
           "Read the phrase and any Warning; check DNS (NAPTR, SRV, A) for the registrar's domain "
           "and that the registrar is up."),
    METHOD(503, "Service Unavailable", "RFC 3261", "REGISTER",
           "RFC 3261 section 21.5.4, RFC 3263", false, SG_SEV_DEFAULT,
           "The registrar, or a proxy before it, is overloaded or in maintenance; the device "
           "should try the next registrar from DNS or wait for Retry-After. Not about an "
           "account's call limit.",
           "Check the registrar's state and load; after an outage, devices re-registering at once "
           "can keep it at 503: stagger them with Retry-After."),

    /* SUBSCRIBE / NOTIFY */
    METHOD(404, "Not Found", "RFC 3261", "SUBSCRIBE", "RFC 3261 section 21.4.5, RFC 3842", false,
           SG_SEV_NOTE,
           "The notifier has no resource for this subscription: for message-summary (voicemail) "
           "usually no mailbox for this user (\"Not found (no mailbox)\"), for presence or dialog "
           "no such user. Not a call and not spam.",
           "Give the user a mailbox, or turn message-waiting (or that BLF or presence entry) off "
           "on the phone; check the subscribed URI if the user should exist."),
    METHOD(480, "Temporarily Unavailable", "RFC 3261", "SUBSCRIBE",
           "RFC 3261 section 21.4.18, RFC 6665", false, SG_SEV_NOTE,
           "Nobody can take this subscription now: the proxy found no registered target for it "
           "(for message-summary, no voicemail server registered or routed for this user; for "
           "presence or dialog, the watched user is offline). Not about calls.",
           "If the voicemail light or BLF should work, route these SUBSCRIBEs to the voicemail or "
           "presence server; else turn the subscription off on the phone."),
    METHOD(481, "Call/Transaction Does Not Exist", "RFC 3261", "SUBSCRIBE", "RFC 6665", false,
           SG_SEV_NOTE,
           "The notifier no longer knows the subscription this SUBSCRIBE refreshes or ends: it "
           "expired, was terminated, or the notifier restarted.",
           "None if the subscriber then sends a new SUBSCRIBE outside the old dialog; if refreshes "
           "keep failing, check the refresh interval against Expires and for notifier restarts."),
    METHOD(489, "Bad Event", "RFC 6665", "NOTIFY", "RFC 6665 section 4.1.3", false, SG_SEV_NOTE,
           "The subscriber does not understand the NOTIFY's event package; common with "
           "unsolicited NOTIFYs (message-summary, check-sync) to a phone that never subscribed.",
           "If the phone should take the event (voicemail light, for example), enable that "
           "package on it; else stop the server sending it unsolicited NOTIFYs."),
    METHOD(488, "Not Acceptable Here", "RFC 3261", "NOTIFY",
           "RFC 3515 section 2.4.4, RFC 3261 section 21.4.26", false, SG_SEV_NOTE,
           "The receiver refused this NOTIFY, typically the message/sipfrag NOTIFY that reports a "
           "transfer's progress. No SDP is involved: not a codec problem.",
           "Check the NOTIFY's Event and body type against what the receiver accepts; the "
           "transfer itself may still have worked: see the calls that follow."),
    METHOD(481, "Call/Transaction Does Not Exist", "RFC 3261", "NOTIFY", "RFC 6665 section 4.1.3",
           false, SG_SEV_NOTE,
           "The subscriber has no subscription for this NOTIFY: it ended (expired, unsubscribed, "
           "or the subscriber restarted); the notifier should now end the subscription.",
           "None if the subscription was ending; if NOTIFYs keep getting 481, look for a "
           "subscriber restart or lost SUBSCRIBE refreshes."),

    /* BYE / CANCEL races */
    METHOD(481, "Call/Transaction Does Not Exist", "RFC 3261", "BYE", "RFC 3261 section 15.1.2",
           false, SG_SEV_NOTE,
           "The far end no longer knows this dialog: it had ended already (BYEs crossed, the far "
           "end timed out, or a resent BYE whose 200 was lost).",
           "None if both sides were hanging up; if calls drop or lose audio before this, look for "
           "the far end's earlier BYE, a restart or a session timer expiry."),
    METHOD(481, "Call/Transaction Does Not Exist", "RFC 3261", "CANCEL", "RFC 3261 section 9.2",
           false, SG_SEV_NOTE,
           "The INVITE this CANCEL refers to is unknown or already finished: the CANCEL crossed "
           "the INVITE's final response.",
           "None if a final response to the INVITE crossed the CANCEL; else check that the "
           "CANCEL's Request-URI, Via branch and CSeq number match the INVITE's."),
    METHOD(487, "Request Terminated", "RFC 3261", "CANCEL", "RFC 3261 section 9.2", false,
           SG_SEV_NOTE,
           "A CANCEL is answered with 200 or 481; 487 belongs to the INVITE being cancelled. "
           "Answering the CANCEL itself with 487 is the far end's error.",
           "Report it to the far end's vendor; the call's outcome is the INVITE's final "
           "response."),

    /* MESSAGE */
    METHOD(404, "Not Found", "RFC 3261", "MESSAGE", "RFC 3428, RFC 3261 section 21.4.5", false,
           SG_SEV_DEFAULT, "The server has no recipient at the Request-URI of this message.",
           "Check the recipient's address (user part and domain)."),
    METHOD(480, "Temporarily Unavailable", "RFC 3261", "MESSAGE",
           "RFC 3428, RFC 3261 section 21.4.18", false, SG_SEV_NOTE,
           "The recipient is known but not reachable now (not registered, offline); a page-mode "
           "MESSAGE is not stored unless the server offers offline messaging.",
           "Check the recipient's registration; resend when it is online."),
    METHOD(405, "Method Not Allowed", "RFC 3261", "MESSAGE", "RFC 3428, RFC 3261 section 21.4.6",
           false, SG_SEV_NOTE, "The far end does not take instant messages (MESSAGE) here.",
           "None if messaging is not used; else allow MESSAGE on the far end or send through a "
           "server that relays it."),
    METHOD(501, "Not Implemented", "RFC 3261", "MESSAGE", "RFC 3428, RFC 3261 section 21.5.2",
           false, SG_SEV_NOTE, "The far end does not implement instant messages (MESSAGE).",
           "None if messaging is not used; else send through a server that relays MESSAGE."),
    METHOD(415, "Unsupported Media Type", "RFC 3261", "MESSAGE",
           "RFC 3428, RFC 3261 section 21.4.13", false, SG_SEV_NOTE,
           "The recipient does not accept the message's Content-Type (for example "
           "application/im-iscomposing+xml or text/html); Accept lists what it takes.",
           "Send a type from Accept, or fall back to text/plain."),

    /* REFER (a 403 gets the guide's Permission Denied row, a 202 the guide's row) */
    METHOD(405, "Method Not Allowed", "RFC 3261", "REFER", "RFC 3515, RFC 3261 section 21.4.6",
           false, SG_SEV_DEFAULT,
           "The far end does not allow REFER here: transfer by REFER is not available on this "
           "leg.",
           "Transfer another way (the PBX or gateway bridges the call), or allow REFER on the far "
           "end or the carrier trunk."),
    METHOD(501, "Not Implemented", "RFC 3261", "REFER", "RFC 3515, RFC 3261 section 21.5.2", false,
           SG_SEV_DEFAULT,
           "The far end does not implement REFER: transfer by REFER is not available on this "
           "leg.",
           "Transfer another way (the PBX or gateway bridges the call), or enable REFER on the far "
           "end or the carrier trunk."),

    /* INFO (DTMF and other mid-call events) */
    METHOD(415, "Unsupported Media Type", "RFC 3261", "INFO", "RFC 6086 section 4.2.2", false,
           SG_SEV_DEFAULT,
           "The receiver does not accept this INFO's body type (for example "
           "application/dtmf-relay): DTMF by SIP INFO is not supported or not negotiated.",
           "Send DTMF as RFC 4733 telephone-events in RTP, or enable the same INFO DTMF body type "
           "on both ends."),
    METHOD(405, "Method Not Allowed", "RFC 3261", "INFO", "RFC 6086, RFC 3261 section 21.4.6",
           false, SG_SEV_DEFAULT,
           "The receiver does not allow INFO: DTMF or other events sent by INFO are lost on this "
           "leg.",
           "Send DTMF as RFC 4733 telephone-events in RTP, or allow INFO on the receiver."),
    METHOD(501, "Not Implemented", "RFC 3261", "INFO", "RFC 6086, RFC 3261 section 21.5.2", false,
           SG_SEV_DEFAULT,
           "The receiver does not implement INFO: DTMF or other events sent by INFO are lost on "
           "this leg.",
           "Send DTMF as RFC 4733 telephone-events in RTP instead of INFO."),

    /* UPDATE / PRACK */
    METHOD(488, "Not Acceptable Here", "RFC 3261", "UPDATE", "RFC 3311 section 5.2", false,
           SG_SEV_DEFAULT,
           "The far end rejected the SDP offer in this UPDATE; the session keeps its previous "
           "media.",
           "Compare the offered codecs and parameters with the far end's last answer; check what "
           "changed (hold, codec switch)."),
    METHOD(405, "Method Not Allowed", "RFC 3261", "UPDATE PRACK",
           "RFC 3311, RFC 3262, RFC 3261 section 21.4.6", false, SG_SEV_DEFAULT,
           "The far end does not allow this method, though a UA should send UPDATE or PRACK only "
           "to a peer that lists it in Allow or Supported.",
           "Check the far end's Allow and Supported (100rel, update) and stop using the extension "
           "towards it."),
    METHOD(501, "Not Implemented", "RFC 3261", "UPDATE PRACK",
           "RFC 3311, RFC 3262, RFC 3261 section 21.5.2", false, SG_SEV_DEFAULT,
           "The far end does not implement this method, though a UA should send UPDATE or PRACK "
           "only to a peer that lists it in Allow or Supported.",
           "Check the far end's Allow and Supported (100rel, update) and stop using the extension "
           "towards it."),
    METHOD(481, "Call/Transaction Does Not Exist", "RFC 3261", "PRACK", "RFC 3262 section 3",
           false, SG_SEV_DEFAULT,
           "The PRACK matched no unacknowledged reliable provisional response: the 1xx was "
           "acknowledged already, or RAck is wrong.",
           "Check RAck (RSeq and CSeq) against the reliable 1xx it acknowledges; look for a B2BUA "
           "rewriting RSeq."),

    /* Any other method, for the codes whose guide rows speak of calls. */
    METHOD(404, "Not Found", "RFC 3261", "*", "RFC 3261 section 21.4.5", false, SG_SEV_DEFAULT,
           "The server has no user or resource at the Request-URI of this request.",
           "Check the Request-URI (user part and domain) against the accounts and routes on the "
           "server."),
    METHOD(480, "Temporarily Unavailable", "RFC 3261", "*", "RFC 3261 section 21.4.18", false,
           SG_SEV_DEFAULT,
           "The target exists but is not reachable now: not registered, or a proxy could not "
           "forward the request (a phrase such as \"No DNS results\" says why).",
           "Read the phrase and any Warning or Reason; check the target's registration and DNS "
           "for the next hop; Retry-After says when to retry."),
    METHOD(487, "Request Terminated", "RFC 3261", "*", "RFC 3261 section 15.1.2", false,
           SG_SEV_NOTE,
           "This request was still pending when its dialog ended: a UAS answers pending "
           "requests with 487 after a BYE.",
           "None if the dialog was ending; else find who sent the BYE and why."),
    METHOD(488, "Not Acceptable Here", "RFC 3261", "*", "RFC 3261 section 21.4.26", false,
           SG_SEV_DEFAULT,
           "The request's body or parameters are not acceptable to this resource; to a request "
           "without SDP this is not about codecs.",
           "Read any Warning header for the reason; check the body type and parameters against "
           "what the receiver accepts."),
    METHOD(503, "Service Unavailable", "RFC 3261", "*",
           "RFC 3261 section 21.5.4, RFC 3263", false, SG_SEV_DEFAULT,
           "The server is temporarily unable to handle the request (overload or maintenance); a "
           "client should try another server or wait for Retry-After.",
           "Check the server's state and load; Retry-After says for how long."),
    METHOD(603, "Decline", "RFC 3261", "*", "RFC 3261 section 21.6.2, RFC 6665", false,
           SG_SEV_NOTE,
           "The recipient, or its agent, declined the request and will not accept it elsewhere "
           "either; to a SUBSCRIBE: the subscription was refused (policy or authorisation).",
           "Check the recipient's policy (presence authorisation, block lists) if the request "
           "should have been accepted."),
};

size_t sg_method_row_count(void)
{
    return sizeof method_rows / sizeof method_rows[0];
}

const sg_entry_t *sg_method_row_at(size_t i)
{
    return i < sg_method_row_count() ? &method_rows[i] : NULL;
}

static const char *builtin_phrase(unsigned code)
{
    for (size_t i = 0; i < sizeof builtin / sizeof builtin[0]; i++)
        if (builtin[i].code == code)
            return builtin[i].phrase;
    return "";
}

size_t sg_builtin_count(void)
{
    return sizeof builtin / sizeof builtin[0];
}

const sg_entry_t *sg_builtin_at(size_t i)
{
    return i < sg_builtin_count() ? &builtin[i] : NULL;
}

/* Warning header codes (warn-code): IANA "Warning Codes (warn-codes)" of the
 * SIP Parameters registry group; text and reference as registered (RFC 3261
 * section 20.43; 308 from RFC 8373; 380 and 381 from RFC 5630). */
static const struct {
    unsigned code;
    const char *text;
    const char *rfc;
} warn_codes[] = {
    {300, "Incompatible network protocol", "RFC 3261"},
    {301, "Incompatible network address formats", "RFC 3261"},
    {302, "Incompatible transport protocol", "RFC 3261"},
    {303, "Incompatible bandwidth units", "RFC 3261"},
    {304, "Media type not available", "RFC 3261"},
    {305, "Incompatible media format", "RFC 3261"},
    {306, "Attribute not understood", "RFC 3261"},
    {307, "Session description parameter not understood", "RFC 3261"},
    {308, "Incompatible language specification", "RFC 8373"},
    {330, "Multicast not available", "RFC 3261"},
    {331, "Unicast not available", "RFC 3261"},
    {370, "Insufficient bandwidth", "RFC 3261"},
    {380, "SIPS Not Allowed", "RFC 5630"},
    {381, "SIPS Required", "RFC 5630"},
    {399, "Miscellaneous warning", "RFC 3261"},
};

const char *sg_warn_code_text(unsigned code)
{
    for (size_t i = 0; i < sizeof warn_codes / sizeof warn_codes[0]; i++)
        if (warn_codes[i].code == code)
            return warn_codes[i].text;
    return NULL;
}

const char *sg_warn_code_rfc(unsigned code)
{
    for (size_t i = 0; i < sizeof warn_codes / sizeof warn_codes[0]; i++)
        if (warn_codes[i].code == code)
            return warn_codes[i].rfc;
    return NULL;
}

/* Codes no row covers.  RFC 3261 section 8.1.3.2: an unknown final response
 * is treated as the x00 code of its class, an unknown provisional one as 183. */
void sg_unlisted_text(unsigned code, char *buf, size_t len, const char **action)
{
    if (code < SIPGUIDE_MIN_CODE || code > SIPGUIDE_MAX_CODE) {
        snprintf(buf, len,
                 "Status code %u is outside 100-699, so this is not a valid SIP response (RFC "
                 "3261 section 7.2).",
                 code);
        *action = "Find the device that sent it: its status line is malformed and peers may drop "
                  "or misread it.";
    } else if (code < 200) {
        snprintf(buf, len,
                 "Code %u is not in the IANA registry. A SIP client treats an unknown "
                 "provisional response like 183 Session Progress (RFC 3261 section 8.1.3.2).",
                 code);
        *action = "Find the device that sent it and why it uses a private code; expect peers to "
                  "handle it as 183.";
    } else {
        snprintf(buf, len,
                 "Code %u is not in the IANA registry. A SIP client treats an unknown code like the "
                 "x00 code of its class, here %u %s (RFC 3261 section 8.1.3.2).",
                 code, code / 100 * 100, builtin_phrase(code / 100 * 100));
        *action = "Find the device that sent it and why it uses a private code; expect peers to "
                  "handle it as the x00 code.";
    }
}
