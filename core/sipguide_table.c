/* sipguide_table.c - all of sipguide's knowledge, one row per response code.
 *
 * Sources, cited on every row:
 *  GUIDE: the voice gateway troubleshooting page
 *         (docs/voice-gateway-sip-response-codes.txt), title, description and
 *         every "What to Do" item copied verbatim.  tests/test_golden.py
 *         rebuilds the guide's lines from tshark's output of these rows and
 *         compares them with that file, so a typo here fails the tests.
 *  REG:   the IANA "Response Codes" registry of the SIP Parameters
 *         registry group: phrase and defining RFC, all 75 codes.  The meaning
 *         and first action of codes the guide does not cover are sipguide's
 *         own words, written from the defining RFC.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "sipguide_core.h"

/* Registry row that the guide does not cover. */
#define REG(c, ph, r, m, a)                                                                        \
    {                                                                                              \
        .code = (c), .phrase = (ph), .rfc = (r), .meaning = (m), .actions = {(a)},                 \
        .source = SG_SOURCE_REGISTRY                                                               \
    }
/* Registry row that the guide covers: the guide's words win. */
#define GUIDE(c, ph, r, t, m, n, ...)                                                              \
    {                                                                                              \
        .code = (c), .phrase = (ph), .rfc = (r), .title = (t), .meaning = (m),                     \
        .actions = {__VA_ARGS__}, .note = (n), .source = SG_SOURCE_GUIDE                           \
    }

static const sg_entry_t builtin[] = {
    /* 1xx Provisional */
    REG(100, "Trying", "RFC 3261",
        "The next hop received the request and is working on it; it stops retransmissions.",
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
    GUIDE(200, "OK", "RFC 3261", "OK", "The call was successfully answered.", NULL,
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
    GUIDE(400, "Bad Request", "RFC 3261", "Permission Denied",
          "The server refuses to authorize the request due to various reasons, including the user "
          "not having necessary permissions or having wrong credentials.",
          "The guide titles 400 \"Permission Denied\" and its text describes a 403 Forbidden; "
          "the registered phrase for 400 is \"Bad Request\" (malformed syntax).",
          "Check the request credentials (for example, user name and password) and permissions.",
          "Ensure the request is being sent to the correct server and endpoint.",
          "If there are a large number of requests with status 403 from the same IP, consider "
          "blocking the IP."),
    REG(401, "Unauthorized", "RFC 3261",
        "The registrar or UAS asks for authentication (digest challenge in WWW-Authenticate).",
        "None if the next request carries credentials and succeeds; else check user and "
        "password."),
    REG(402, "Payment Required", "RFC 3261", "Reserved for future use; some carriers send it "
        "for an exhausted balance.",
        "Check the account balance or billing status with the carrier."),
    REG(403, "Forbidden", "RFC 3261",
        "The server understood the request but refuses it; credentials will not help. The "
        "guide's 400 \"Permission Denied\" entry describes this case.",
        "Check permissions, allowed IPs and the trunk configuration; many 403s from one IP "
        "suggest scanning."),
    GUIDE(404, "Not Found", "RFC 3261", "Not Found",
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
    REG(413, "Request Entity Too Large", "RFC 3261", "The request body is larger than the server "
        "accepts.",
        "Shrink the SDP or body, or move to TCP if UDP fragmentation is involved."),
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
    REG(422, "Session Interval Too Small", "RFC 4028",
        "The Session-Expires value is below the server's minimum (Min-SE).",
        "Raise the session timer to at least the Min-SE in this response."),
    REG(423, "Interval Too Brief", "RFC 3261",
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
        "A REFER was refused because it carried no valid Referred-By token.",
        "Add a Referred-By header on transfers, or relax the policy."),
    REG(430, "Flow Failed", "RFC 5626",
        "A SIP Outbound flow to the user agent has failed.",
        "Check the UA's keep-alives and its connection to the edge proxy."),
    REG(433, "Anonymity Disallowed", "RFC 5079",
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
    GUIDE(480, "Temporarily Unavailable", "RFC 3261", "Temporarily Unavailable",
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
    REG(486, "Busy Here", "RFC 3261", "The callee was reached but is busy at this location.",
        "None if the user is really busy; if unexpected, check call limits on the endpoint."),
    GUIDE(487, "Request Terminated", "RFC 3261", "Request Terminated",
          "A call is terminated by the caller before the connection is established.", NULL,
          "No specific action is needed if the termination was intentional. If unexpected, "
          "inspect the call Flow for issues, for example, faulty Code Nodes."),
    GUIDE(488, "Not Acceptable Here", "RFC 3261", "Not Acceptable Here",
          "The incoming call requested a codec or a feature in the Session Description Protocol "
          "(SDP) that the Voice Gateway does not support, or it provided an unacceptable "
          "parameter.",
          NULL,
          "Check the codecs or any other session parameters being used and ensure they are "
          "supported by both the caller and callee."),
    REG(489, "Bad Event", "RFC 6665",
        "The SUBSCRIBE or NOTIFY used an event package the server does not support.",
        "Check the Event header (presence, dialog, message-summary) against Allow-Events."),
    REG(491, "Request Pending", "RFC 3261",
        "A re-INVITE crossed another pending one on the same dialog (glare).",
        "None usually: the UA retries after a random delay; repeated 491s mean a loop."),
    REG(493, "Undecipherable", "RFC 3261",
        "An encrypted (S/MIME) body could not be decrypted.",
        "Check the certificates and keys used for S/MIME."),
    REG(494, "Security Agreement Required", "RFC 3329",
        "The server requires a security mechanism agreement (Security-Server).",
        "Negotiate a mechanism from Security-Server (common in IMS registration)."),
    /* 5xx Server Failure */
    GUIDE(500, "Server Internal Error", "RFC 3261", "Server Internal Error",
          "The application error. The server encountered an unexpected condition that prevented "
          "it from fulfilling the request.",
          NULL,
          "This is a server-side issue. Attempt the request later or contact the server "
          "administrator if the problem persists. For example, if the Voice Gateway responded "
          "with this code, contact Customer Support. If your carrier responded with this code, "
          "contact your provider."),
    REG(501, "Not Implemented", "RFC 3261", "The server does not implement the method.",
        "Check which side sent the method and whether the far end should support it."),
    REG(502, "Bad Gateway", "RFC 3261",
        "A gateway or proxy received an invalid response from the next server.",
        "Look at the downstream leg: the server behind this proxy answered badly."),
    GUIDE(503, "Service Unavailable", "RFC 3261", "Service Unavailable",
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
    REG(600, "Busy Everywhere", "RFC 3261", "The callee is busy at every location.",
        "None if expected; Retry-After may say when to try again."),
    GUIDE(603, "Decline", "RFC 3261", "Decline",
          "The callee's end system was contacted successfully but the user explicitly rejected the "
          "call, or there was an issue connecting to the Voice Gateway Endpoint.",
          NULL,
          "If it was a normal rejection of a call, no further action can be taken to establish "
          "the call. If necessary, try contacting the user through alternative means.",
          "If this response was not expected, check your Self-Service Portal configurations of "
          "your Carrier as well as the Alerts page.",
          "Check Cognigy AI logs for any error log messages that could indicate the root cause."),
    REG(604, "Does Not Exist Anywhere", "RFC 3261", "The callee does not exist anywhere.",
        "Check the dialled number or address; it is known not to exist."),
    REG(606, "Not Acceptable", "RFC 3261",
        "The callee's agent cannot accept the session as described (media, bandwidth).",
        "Compare the offered SDP with what the callee supports."),
    REG(607, "Unwanted", "RFC 8197", "The callee marked this call as unwanted (spam).",
        "Check the caller's reputation and whether the number is being spoofed."),
    REG(608, "Rejected", "RFC 8688",
        "An intermediary (call analytics, spam filter) rejected the call.",
        "Read the Call-Info in the response for who rejected it and how to appeal."),
};

size_t sg_builtin_count(void)
{
    return sizeof builtin / sizeof builtin[0];
}

const sg_entry_t *sg_builtin_at(size_t i)
{
    return i < sg_builtin_count() ? &builtin[i] : NULL;
}

/* Warning header codes (warn-code): IANA "Warning Codes (warn-codes)" of the
 * SIP Parameters registry group; text as registered (RFC 3261 section 20.43,
 * 380 and 381 from RFC 5630). */
static const struct {
    unsigned code;
    const char *text;
} warn_codes[] = {
    {300, "Incompatible network protocol"},
    {301, "Incompatible network address formats"},
    {302, "Incompatible transport protocol"},
    {303, "Incompatible bandwidth units"},
    {304, "Media type not available"},
    {305, "Incompatible media format"},
    {306, "Attribute not understood"},
    {307, "Session description parameter not understood"},
    {308, "Incompatible language specification"},
    {330, "Multicast not available"},
    {331, "Unicast not available"},
    {370, "Insufficient bandwidth"},
    {380, "SIPS Not Allowed"},
    {381, "SIPS Required"},
    {399, "Miscellaneous warning"},
};

const char *sg_warn_code_text(unsigned code)
{
    for (size_t i = 0; i < sizeof warn_codes / sizeof warn_codes[0]; i++)
        if (warn_codes[i].code == code)
            return warn_codes[i].text;
    return NULL;
}
