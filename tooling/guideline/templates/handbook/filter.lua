-- Presentation of the handbook's own blocks for each pandoc output (typst, docx, epub).
-- The document marks structure with fenced divs; this filter turns them into Typst
-- functions defined in template.typ, Word styles or XHTML classes.

local typst = FORMAT == "typst"
local docx = FORMAT == "docx"

local function raw_typst(code)
  return pandoc.RawBlock("typst", code)
end

local function typst_string(s)
  return '"' .. s:gsub('\\', '\\\\'):gsub('"', '\\"') .. '"'
end

-- Wrap blocks in a Typst function call: #name(args)[ blocks ]
local function typst_call(name, args, blocks)
  local out = { raw_typst("#" .. name .. "(" .. args .. ")[") }
  for _, b in ipairs(blocks) do table.insert(out, b) end
  table.insert(out, raw_typst("]"))
  return out
end

local function page_break()
  if typst then return raw_typst("#pagebreak(weak: true)") end
  if docx then return pandoc.RawBlock("openxml", '<w:p><w:r><w:br w:type="page"/></w:r></w:p>') end
  return pandoc.RawBlock("html", '<div class="page-break"></div>')
end

-- Contributors write headings from ## inside their file; move them below the container.
local function shift_headings(div, by)
  return div:walk({ Header = function(h) h.level = math.min(h.level + by, 6); return h end })
end

-- No raw block or inline of any format reaches a writer from the document (typeset.safe
-- already removes them; this filter makes its own raw Typst/OOXML/HTML afterwards).
local function drop_raw(_)
  return {}
end

local function callout(div)
  local kind, title = div.attributes.kind or "note", div.attributes.title or ""
  if typst then
    return typst_call("callout", "kind: " .. typst_string(kind) .. ", title: " .. typst_string(title), div.content)
  end
  table.insert(div.content, 1, pandoc.Para({ pandoc.Strong({ pandoc.Str(title) }) }))
  -- kind and title are ours, not XHTML attributes (epubcheck refuses them); the class carries the kind.
  div.attributes.kind, div.attributes.title = nil, nil
  if docx then div.attributes["custom-style"] = "Callout" end
  div.classes:insert("callout-" .. kind)
  return div
end

local function checklist(div)
  local title = div.attributes.title or ""
  if typst then
    return typst_call("checklist", "title: " .. typst_string(title), div.content)
  end
  local blocks = { pandoc.Para({ pandoc.Strong({ pandoc.Str(title) }) }) }
  for _, b in ipairs(div.content) do
    if b.t == "BulletList" then
      for _, item in ipairs(b.content) do
        local first = item[1]
        if first and (first.t == "Plain" or first.t == "Para") then
          first.content:insert(1, pandoc.Str("□ "))
        end
      end
    end
    table.insert(blocks, b)
  end
  if docx then return pandoc.Div(blocks, pandoc.Attr("", {}, { ["custom-style"] = "Checklist" })) end
  return pandoc.Div(blocks, pandoc.Attr("", { "checklist" }))
end

local function Div(div)
  if div.classes:includes("body") then
    return shift_headings(div, tonumber(div.attributes.shift or "0")).content
  end
  if div.classes:includes("callout") then return callout(div) end
  if div.classes:includes("checklist") then return checklist(div) end
  if div.classes:includes("pagebreak") then return page_break() end
  if div.classes:includes("mainmatter") then return typst and raw_typst("#show: mainmatter") or {} end
  if typst then
    for _, name in ipairs({ "cover", "draft", "meta", "attribution", "card", "toc" }) do
      if div.classes:includes(name) then return typst_call(name, "", div.content) end
    end
  elseif div.classes:includes("toc") then
    -- Word: a contents field here, after the edition block (filled in by docx_toc below);
    -- EPUB readers build their own from the navigation document.
    return docx and pandoc.RawBlock("openxml", "<!--guideline-toc-->") or {}
  elseif docx then
    for _, name in ipairs({ "cover", "draft", "meta", "attribution" }) do
      if div.classes:includes(name) then
        div.attributes["custom-style"] = name:sub(1, 1):upper() .. name:sub(2)
        return div
      end
    end
  end
  return nil
end

-- GitHub shows unaligned columns left-aligned; pandoc's Typst writer would leave them to
-- the centred figure around the table. Explicit alignments (:---:, ---:) are kept.
local function Table(t)
  for i, spec in ipairs(t.colspecs) do
    if spec[1] == "AlignDefault" then t.colspecs[i] = { "AlignLeft", spec[2] } end
  end
  return t
end

local function xml_escape(s)
  return (s:gsub("&", "&amp;"):gsub("<", "&lt;"):gsub(">", "&gt;"))
end

-- The Word contents page: titled 目录, a TOC field that Word refreshes when the file opens
-- (updateFields in the reference document's settings), and already holding the chapter and
-- procedure titles, so that it is never empty (LibreOffice, phones) even before an update.
local function docx_toc(doc)
  if not docx then return nil end
  local entries = {}
  for _, b in ipairs(doc.blocks) do
    if b.t == "Header" and b.level <= 2 and not b.classes:includes("unlisted") and not b.classes:includes("unnumbered") then
      local style = b.level == 1 and "TOC1" or "TOC2"
      table.insert(entries, '<w:p><w:pPr><w:pStyle w:val="' .. style .. '"/></w:pPr><w:r><w:t xml:space="preserve">'
        .. xml_escape(pandoc.utils.stringify(b.content)) .. '</w:t></w:r></w:p>')
    end
  end
  local field = '<w:p><w:pPr><w:pStyle w:val="TOCHeading"/></w:pPr><w:r><w:t>目录</w:t></w:r></w:p>'
    .. '<w:p><w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r>'
    .. '<w:r><w:instrText xml:space="preserve"> TOC \\o "1-2" \\h \\z \\u </w:instrText></w:r>'
    .. '<w:r><w:fldChar w:fldCharType="separate"/></w:r></w:p>'
    .. table.concat(entries)
    .. '<w:p><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
  return doc:walk({ RawBlock = function(el)
    if el.format == "openxml" and el.text == "<!--guideline-toc-->" then return pandoc.RawBlock("openxml", field) end
  end })
end

-- Typst reads a code block's language as a name: ```c++ would stop the build. Other
-- languages keep their class (EPUB and Word show them as plain code).
local function CodeBlock(cb)
  if typst and cb.classes[1] and not cb.classes[1]:match("^[%w_-]+$") then
    cb.classes = {}
    return cb
  end
  return nil
end

-- Pandoc's Typst writer prints these inlines as code (#link("…"), #strike[…], …) and the
-- text after them follows directly: ".alert(1)" or "(1)" would continue the expression as a
-- method call or an argument list (a stopped build, or code). A semicolon ends an embedded
-- expression and is not printed.
local function end_code(el)
  return { el, pandoc.RawInline("typst", ";") }
end
local code_inlines = typst and {
  Link = end_code, Strikeout = end_code, Superscript = end_code, Subscript = end_code,
  Underline = end_code, SmallCaps = end_code, Note = end_code, Image = end_code, Cite = end_code,
} or {}

-- Body divs go first so that headings are shifted before callouts wrap their content.
return {
  { RawInline = drop_raw, RawBlock = drop_raw, Table = Table, CodeBlock = CodeBlock },
  { Div = Div },
  code_inlines,
  { Pandoc = docx_toc },
}
