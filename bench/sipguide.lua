-- sipguide.lua - the Lua post-dissector a user would write for sipguide's job,
-- for the benchmark only (not shipped): the same table (generated from
-- sipguide's own by bench/lua_table.c), the same fields shown and hidden the
-- same way, the same summary line, context (request, Reason, Retry-After,
-- Warning), checks (phrase, 487 without CANCEL, scans) and expert items, all
-- computed on the first pass and kept per frame as the C plugin does.
-- Simplifications a user would make, all in Lua's favour: the n-th status code
-- goes with the n-th value of every other field (no message bounds), scan users
-- are not capped in text, and the Info hint is the only column work.
local TABLE_FILE = os.getenv("SIPGUIDE_LUA_TABLE") or "sipguide_table.lua"
local ENTRIES = dofile(TABLE_FILE)
local WARN = ENTRIES[0]

local p = Proto("sipguidelua", "SIP Response Guide (Lua)")
local P = "sipguidelua."
local f = {
    code = ProtoField.uint16(P .. "code", "Status code"),
    phrase = ProtoField.string(P .. "phrase", "Registered phrase"),
    wire_phrase = ProtoField.string(P .. "wire_phrase", "Phrase on the wire"),
    title = ProtoField.string(P .. "title", "Guide title"),
    meaning = ProtoField.string(P .. "meaning", "Meaning"),
    action = ProtoField.string(P .. "action", "Action"),
    note = ProtoField.string(P .. "note", "Guide note"),
    class = ProtoField.string(P .. "class", "Class"),
    documented = ProtoField.bool(P .. "documented", "Documented by the guide"),
    verdict = ProtoField.string(P .. "verdict", "Verdict"),
    source = ProtoField.string(P .. "source", "Source"),
    rfc = ProtoField.string(P .. "rfc", "Defined in"),
    context = ProtoField.string(P .. "context", "Context"),
    method = ProtoField.string(P .. "method", "Method"),
    request_frame = ProtoField.framenum(P .. "request_frame", "Request frame", base.NONE, frametype.REQUEST),
    response_time = ProtoField.uint32(P .. "response_time", "Response time (ms)"),
    reason_protocol = ProtoField.string(P .. "reason.protocol", "Reason protocol"),
    reason_cause = ProtoField.uint32(P .. "reason.cause", "Reason cause"),
    reason_cause_name = ProtoField.string(P .. "reason.cause_name", "Reason cause name"),
    reason_text = ProtoField.string(P .. "reason.text", "Reason text"),
    retry_after = ProtoField.uint32(P .. "retry_after", "Retry after (s)"),
    warning_code = ProtoField.uint16(P .. "warning.code", "Warning code"),
    warning_agent = ProtoField.string(P .. "warning.agent", "Warning agent"),
    warning_text = ProtoField.string(P .. "warning.text", "Warning text"),
    warning_meaning = ProtoField.string(P .. "warning.meaning", "Warning meaning"),
    scan_address = ProtoField.string(P .. "scan.address", "Scan address"),
    scan_count = ProtoField.uint32(P .. "scan.count", "Scan failures"),
    scan_users = ProtoField.uint32(P .. "scan.users", "Scan users tried"),
    scan_user_list = ProtoField.string(P .. "scan.user_list", "Scan user list"),
}
p.fields = f
local G = expert.group
local S = expert.severity
local e_doc = ProtoExpert.new(P .. "documented_failure", "Documented failure", G.RESPONSE_CODE, S.NOTE)
local e_unexp = ProtoExpert.new(P .. "unexpected", "Unexpected", G.RESPONSE_CODE, S.WARN)
local e_unreg = ProtoExpert.new(P .. "unregistered", "Unregistered", G.RESPONSE_CODE, S.WARN)
local e_inval = ProtoExpert.new(P .. "invalid_code", "Invalid", G.PROTOCOL, S.ERROR)
local e_phrase = ProtoExpert.new(P .. "phrase_differs", "Phrase differs", G.PROTOCOL, S.CHAT)
local e_cancel = ProtoExpert.new(P .. "no_cancel", "No CANCEL", G.SEQUENCE, S.NOTE)
local e_scan = ProtoExpert.new(P .. "scan", "Scan", G.SECURITY, S.WARN)
p.experts = { e_doc, e_unexp, e_unreg, e_inval, e_phrase, e_cancel, e_scan }

local F = {}
for k, name in pairs({ code = "sip.Status-Code", line = "sip.Status-Line", cseq_method = "sip.CSeq.method",
                       req = "sip.response-request", rtime = "sip.response-time",
                       q850 = "sip.reason_cause_q850", rsip = "sip.reason_cause_sip",
                       rtext = "sip.reason_text", retry = "sip.Retry-After", warning = "sip.Warning",
                       to_user = "sip.to.user", method = "sip.Method", call_id = "sip.Call-ID",
                       seq = "sip.CSeq.seq" }) do
    F[k] = Field.new(name)
end
local CLASSES = { "1xx Provisional", "2xx Success", "3xx Redirection", "4xx Client Failure",
                  "5xx Server Failure", "6xx Global Failure" }
local SCAN_CODES = { [403] = true, [404] = true }
local SCAN_THRESHOLD, SCAN_WINDOW = 10, 60

local frames, cancels, scans = {}, {}, {}
function p.init()
    frames, cancels, scans = {}, {}, {}
end

local function routine(code)
    return (code >= 100 and code <= 199) or code == 401 or code == 407
end

local function values(field)
    local t = {}
    for i, fi in ipairs({ field() }) do t[i] = fi end
    return t
end

-- first pass: what the SIP dissector found, and the checks that need history
local function collect(pinfo)
    local methods = values(F.method)
    local call_ids, seqs
    for i, m in ipairs(methods) do
        if m.value == "CANCEL" then
            call_ids, seqs = call_ids or values(F.call_id), seqs or values(F.seq)
            if call_ids[i] and seqs[i] then cancels[call_ids[i].value .. " " .. seqs[i].value] = true end
        end
    end
    local codes = values(F.code)
    if #codes == 0 then return nil end
    for _, fi in ipairs(codes) do
        if fi.value == 487 then call_ids, seqs = call_ids or values(F.call_id), seqs or values(F.seq) end
    end
    local lines, cm, req, rt = values(F.line), values(F.cseq_method), values(F.req), values(F.rtime)
    local q850, rsip, rtext, retry = values(F.q850), values(F.rsip), values(F.rtext), values(F.retry)
    local warning, to_user = values(F.warning), values(F.to_user)
    local out = {}
    for i, fi in ipairs(codes) do
        local r = { code = fi.value }
        local line = lines[i] and lines[i].value
        r.wire = line and line:match("^SIP/%S+%s+%d+%s*(.-)%s*$")
        r.method = cm[i] and cm[i].value
        r.req = req[i] and req[i].value
        r.rtime = rt[i] and rt[i].value
        if q850[i] then
            r.rproto, r.rcause = "Q.850", q850[i].value
            r.rname = q850[i].display:gsub(" %(%d+%)$", "")
        elseif rsip[i] then
            r.rproto, r.rcause = "SIP", rsip[i].value
            local e = ENTRIES[r.rcause]
            r.rname = e and e.phrase or "unregistered code"
        end
        r.rtext = r.rproto and rtext[i] and rtext[i].value
        r.retry = retry[i] and retry[i].value
        r.warning = warning[i] and warning[i].value
        if r.code == 487 and call_ids[i] and seqs[i] then
            r.no_cancel = not cancels[call_ids[i].value .. " " .. seqs[i].value]
        end
        if SCAN_CODES[r.code] then
            local addr = tostring(pinfo.dst)
            local now = pinfo.abs_ts
            local s = scans[addr] or { times = {}, users = {}, nusers = 0, warned = -1e18 }
            scans[addr] = s
            -- like sipguide, remember at most 4 x threshold times per address
            local kept, first = {}, math.max(1, #s.times - 4 * SCAN_THRESHOLD + 2)
            for j = first, #s.times do
                local t = s.times[j]
                if now - t <= SCAN_WINDOW then kept[#kept + 1] = t end
            end
            kept[#kept + 1] = now
            s.times = kept
            local user = to_user[i] and to_user[i].value
            if user and not s.users[user] then
                s.users[user] = true
                s.nusers = s.nusers + 1
                s.list = s.list and (s.list .. ", " .. user) or user
            end
            if #kept >= SCAN_THRESHOLD then
                r.scan = { addr = addr, count = #kept, users = s.nusers, list = s.list or "" }
                if now - s.warned >= SCAN_WINDOW then
                    r.scan.warn = true
                    s.warned = now
                end
            end
        end
        out[i] = r
    end
    return out
end

local function gen(tree, field, value)
    local it = tree:add(field, value)
    it:set_generated()
    return it
end

local function hidden(tree, field, value)
    local it = gen(tree, field, value)
    it:set_hidden()
    return it
end

local function add_response(tvb, pinfo, tree, r)
    local code = r.code
    local e = ENTRIES[code]
    local verdict, cls
    if code < 100 or code > 699 then verdict = "invalid"; cls = "invalid"
    else
        cls = CLASSES[math.floor(code / 100)]
        if e and e.guide then verdict = code >= 400 and "documented failure" or "documented"
        elseif routine(code) then verdict = "routine"
        elseif e then verdict = "unexpected"
        else verdict = "unregistered" end
    end
    local name = e and (e.title or e.phrase) or (verdict == "invalid" and "invalid code" or "unregistered")
    local meaning = e and e.meaning or string.format(
        "Code %d is not in the IANA registry. A SIP client treats an unknown code like the x00 code of its class.", code)
    local first = e and e.actions[1] or "Find the device that sent it."
    local parts = {}
    if r.method then
        parts[1] = "answers " .. r.method .. (r.req and string.format(" (frame %d%s)", r.req,
            r.rtime and string.format(", %d ms", r.rtime) or "") or "")
    end
    if r.rproto then parts[#parts + 1] = string.format('Reason: %s cause %d "%s"', r.rproto, r.rcause, r.rname) end
    if r.retry then parts[#parts + 1] = string.format("retry after %d s", r.retry) end
    local wcode, wagent, wtext
    if r.warning then
        wcode, wagent, wtext = r.warning:match('^(%d%d%d)%s+(%S+)%s+"(.*)"')
        if wcode then parts[#parts + 1] = string.format('Warning %s "%s"', wcode, wtext) end
    end
    if r.scan then parts[#parts + 1] = string.format("%d failures to %s in %d s", r.scan.count, r.scan.addr, SCAN_WINDOW) end
    local ctx = table.concat(parts, "; ")

    local st = tree:add(p, tvb(0, 0))
    st:set_text(string.format("SIP Response Guide: %d %s [%s]: %s%s", code, name, verdict, first,
                              ctx ~= "" and (" (" .. ctx .. ")") or ""))
    gen(st, f.code, code):append_text(string.format(" (%s; from the %s)", cls,
        e and (e.guide and "guide" or "registry") or "sipguide"))
    if e then hidden(st, f.phrase, e.phrase) end
    if r.wire then
        local it = gen(st, f.wire_phrase, r.wire)
        if e and r.wire == e.phrase then it:set_hidden() end
    end
    if e and e.title then gen(st, f.title, e.title) end
    gen(st, f.meaning, meaning)
    if e then
        for _, a in ipairs(e.actions) do gen(st, f.action, a) end
    else
        gen(st, f.action, first)
    end
    if e and e.note then gen(st, f.note, e.note) end
    hidden(st, f.class, cls)
    hidden(st, f.documented, e and e.guide or false)
    hidden(st, f.verdict, verdict)
    hidden(st, f.source, e and (e.guide and "guide" or "registry") or "sipguide")
    if e then hidden(st, f.rfc, e.rfc) end
    local ci = gen(st, f.context, ctx)
    if not (r.rproto or r.retry or wcode or r.scan) then ci:set_hidden() end
    if r.method then hidden(ci, f.method, r.method) end
    if r.req then hidden(ci, f.request_frame, r.req) end
    if r.rtime then hidden(ci, f.response_time, r.rtime) end
    if r.rproto then
        gen(ci, f.reason_protocol, r.rproto)
        gen(ci, f.reason_cause, r.rcause)
        gen(ci, f.reason_cause_name, r.rname)
        if r.rtext then gen(ci, f.reason_text, r.rtext) end
    end
    if r.retry then gen(ci, f.retry_after, r.retry) end
    if wcode then
        gen(ci, f.warning_code, tonumber(wcode))
        gen(ci, f.warning_agent, wagent)
        gen(ci, f.warning_text, wtext)
        gen(ci, f.warning_meaning, WARN[tonumber(wcode)] or "not a registered warn-code")
    end
    if r.scan then
        gen(ci, f.scan_address, r.scan.addr)
        gen(ci, f.scan_count, r.scan.count)
        gen(ci, f.scan_users, r.scan.users)
        gen(ci, f.scan_user_list, r.scan.list)
    end

    if verdict == "documented failure" then
        st:add_proto_expert_info(e_doc, string.format("%d %s: %s", code, name, first))
        pinfo.cols.info:append(string.format("[guide: %d %s] ", code, name))
    elseif verdict == "unexpected" or verdict == "unregistered" or verdict == "invalid" then
        local ex = verdict == "unexpected" and e_unexp or (verdict == "invalid" and e_inval or e_unreg)
        st:add_proto_expert_info(ex, string.format("%d %s is not covered by the guide: %s", code, name, meaning))
        pinfo.cols.info:append(string.format("[%s: %d] ", verdict, code))
    end
    if r.no_cancel then
        st:add_proto_expert_info(e_cancel, "487 Request Terminated with no CANCEL for this transaction earlier in the capture")
    end
    if e and r.wire and r.wire:lower() ~= e.phrase:lower() and (r.wire .. " (Deprecated)"):lower() ~= e.phrase:lower() then
        st:add_proto_expert_info(e_phrase, string.format('Reason phrase "%s" differs from the registered "%s" for %d',
                                                         r.wire, e.phrase, code))
    end
    if r.scan and r.scan.warn then
        st:add_proto_expert_info(e_scan, string.format(
            "Possible scan or brute force from %s: %d failure responses sent back within %d s, users tried: %d (%s)",
            r.scan.addr, r.scan.count, SCAN_WINDOW, r.scan.users, r.scan.list))
        pinfo.cols.info:append(string.format("[scan from %s] ", r.scan.addr))
    end
end

function p.dissector(tvb, pinfo, tree)
    local resp
    if not pinfo.visited then
        resp = collect(pinfo)
        frames[pinfo.number] = resp
    else
        resp = frames[pinfo.number]
    end
    if not resp then return end
    for _, r in ipairs(resp) do add_response(tvb, pinfo, tree, r) end
end

register_postdissector(p)
