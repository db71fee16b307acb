-- sipguide.lua - the Lua post-dissector a user would write for the same job:
-- same table (generated from sipguide's own by bench/lua_table.c), same fields,
-- same verdicts and expert items.  Benchmark only, not shipped as a product.
local TABLE_FILE = os.getenv("SIPGUIDE_LUA_TABLE") or "sipguide_table.lua"
local ENTRIES = dofile(TABLE_FILE)

local p = Proto("sipguidelua", "SIP Response Guide (Lua)")
local f = {
    code = ProtoField.uint16("sipguidelua.code", "Status code"),
    phrase = ProtoField.string("sipguidelua.phrase", "Registered phrase"),
    wire_phrase = ProtoField.string("sipguidelua.wire_phrase", "Phrase on the wire"),
    title = ProtoField.string("sipguidelua.title", "Guide title"),
    meaning = ProtoField.string("sipguidelua.meaning", "Meaning"),
    action = ProtoField.string("sipguidelua.action", "Action"),
    note = ProtoField.string("sipguidelua.note", "Guide note"),
    class = ProtoField.string("sipguidelua.class", "Class"),
    documented = ProtoField.bool("sipguidelua.documented", "Documented by the guide"),
    verdict = ProtoField.string("sipguidelua.verdict", "Verdict"),
    source = ProtoField.string("sipguidelua.source", "Source"),
    rfc = ProtoField.string("sipguidelua.rfc", "Defined in"),
}
p.fields = f
local e_doc = ProtoExpert.new("sipguidelua.documented_failure", "Documented failure", expert.group.RESPONSE_CODE, expert.severity.NOTE)
local e_unexp = ProtoExpert.new("sipguidelua.unexpected", "Unexpected", expert.group.RESPONSE_CODE, expert.severity.WARN)
local e_unreg = ProtoExpert.new("sipguidelua.unregistered", "Unregistered", expert.group.RESPONSE_CODE, expert.severity.WARN)
local e_inval = ProtoExpert.new("sipguidelua.invalid_code", "Invalid", expert.group.PROTOCOL, expert.severity.ERROR)
p.experts = { e_doc, e_unexp, e_unreg, e_inval }

local status_code = Field.new("sip.Status-Code")
local status_line = Field.new("sip.Status-Line")
local CLASSES = { "1xx Provisional", "2xx Success", "3xx Redirection", "4xx Client Failure",
                  "5xx Server Failure", "6xx Global Failure" }

local function routine(code)
    return (code >= 100 and code <= 199) or code == 401 or code == 407
end

function p.dissector(tvb, pinfo, tree)
    local codes = { status_code() }
    if #codes == 0 then return end
    local lines = { status_line() }
    for i, fi in ipairs(codes) do
        local code = fi.value
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
        local name = e and (e.title or e.phrase) or verdict
        local first = e and e.actions[1] or "Find the device that sent it."
        local meaning = e and e.meaning or ("Code " .. code .. " is not in the IANA registry.")
        local st = tree:add(p, tvb(0, 0), string.format("SIP Response Guide: %d %s [%s]: %s", code, name, verdict, first))
        st:add(f.code, code):set_generated()
        if e then st:add(f.phrase, e.phrase):set_generated() end
        local line = lines[i] and lines[i].value
        if line then
            local phrase = line:match("^SIP/%S+%s+%d+%s*(.*)$")
            if phrase then st:add(f.wire_phrase, phrase):set_generated() end
        end
        if e and e.title then st:add(f.title, e.title):set_generated() end
        st:add(f.meaning, meaning):set_generated()
        local at = st:add(p, tvb(0, 0), "What to do")
        if e then
            for _, a in ipairs(e.actions) do at:add(f.action, a):set_generated() end
        else
            at:add(f.action, first):set_generated()
        end
        if e and e.note then st:add(f.note, e.note):set_generated() end
        st:add(f.class, cls):set_generated()
        st:add(f.documented, e and e.guide or false):set_generated()
        st:add(f.verdict, verdict):set_generated()
        st:add(f.source, e and (e.guide and "guide" or "registry") or "sipguide"):set_generated()
        if e then st:add(f.rfc, e.rfc):set_generated() end
        if verdict == "documented failure" then
            st:add_proto_expert_info(e_doc, string.format("%d %s: %s", code, name, first))
            pinfo.cols.info:append(string.format("[guide: %d %s] ", code, name))
        elseif verdict == "unexpected" or verdict == "unregistered" or verdict == "invalid" then
            local ex = verdict == "unexpected" and e_unexp or (verdict == "invalid" and e_inval or e_unreg)
            st:add_proto_expert_info(ex, string.format("%d %s is not covered by the guide: %s", code, name, meaning))
            pinfo.cols.info:append(string.format("[%s: %d] ", verdict, code))
        end
    end
end

register_postdissector(p)
