-- basic.lua - "a basic Lua post-dissector": what a user would write in an
-- afternoon for sipguide's core job, for the benchmark only (not shipped).
-- The same knowledge table as sipguide (generated from sipguide's core by
-- bench/lua_table.c, file named by $SIPGUIDE_LUA_TABLE), one lookup per
-- sip.Status-Code, and code / title / meaning / action fields; nothing else
-- (no verdict, context, checks, expert items, hidden fields or storage).
local ENTRIES = dofile(os.getenv("SIPGUIDE_LUA_TABLE") or "sipguide_table.lua")

local p = Proto("sipbasic", "SIP Response Guide (basic Lua)")
local f_code = ProtoField.uint16("sipbasic.code", "Status code")
local f_title = ProtoField.string("sipbasic.title", "Title")
local f_meaning = ProtoField.string("sipbasic.meaning", "Meaning")
local f_action = ProtoField.string("sipbasic.action", "Action")
p.fields = { f_code, f_title, f_meaning, f_action }

local status_code = Field.new("sip.Status-Code")

function p.dissector(tvb, pinfo, tree)
    for _, fi in ipairs({ status_code() }) do
        local code = fi.value
        local e = ENTRIES[code]
        local st = tree:add(p, tvb(0, 0))
        st:add(f_code, code)
        if e then
            st:add(f_title, e.title or e.phrase)
            if e.meaning then st:add(f_meaning, e.meaning) end
            for _, a in ipairs(e.actions) do st:add(f_action, a) end
        end
    end
end

register_postdissector(p)
