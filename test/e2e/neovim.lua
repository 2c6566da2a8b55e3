-- The language server under headless Neovim 0.7 (a second, independent LSP client, over stdio).
-- Run by neovim.ts; prints one line per check: "ok NAME" or "not ok NAME: why", then quits.
-- Environment: XXGK_SERVER (dist/server.js), XXGK_FILE (the broken report), XXGK_LINE and
-- XXGK_CHARACTER (LSP position of the broken total), XXGK_EXPECTED (the correct total).
local env = os.getenv
local line = tonumber(env('XXGK_LINE'))
local character = tonumber(env('XXGK_CHARACTER'))
local expected = env('XXGK_EXPECTED')

local function say(s) io.stdout:write(s .. '\n') end
local function check(name, body)
  local ok, err = pcall(body)
  if ok then say('ok ' .. name) else say('not ok ' .. name .. ': ' .. tostring(err):gsub('\n', ' ')) end
end

vim.cmd('edit ' .. vim.fn.fnameescape(env('XXGK_FILE')))
local buf = vim.api.nvim_get_current_buf()
local uri = vim.uri_from_bufnr(buf)

-- keep the diagnostics exactly as the server published them (LSP form) for the code action context
local published = {}
local client_id = vim.lsp.start_client({
  name = 'xxgk',
  cmd = { 'node', env('XXGK_SERVER'), '--stdio' },
  root_dir = vim.fn.fnamemodify(env('XXGK_FILE'), ':h'),
  handlers = {
    ['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
      if result and result.uri == uri then published = result.diagnostics end
      return vim.lsp.diagnostic.on_publish_diagnostics(err, result, ctx, config)
    end,
  },
})
if not client_id then say('not ok server starts: vim.lsp.start_client returned nil'); vim.cmd('cquit 1') end
vim.lsp.buf_attach_client(buf, client_id)

local function find_sum_row()
  for _, d in ipairs(published) do
    if d.code == 'sum-row' then return d end
  end
end

local sum_row
check('diagnostics: sum-row from source xxgk, in Chinese, on the broken row', function()
  assert(vim.wait(30000, function() return find_sum_row() ~= nil end, 20), 'no sum-row diagnostic within 30 s')
  sum_row = find_sum_row()
  say('  diagnostic: ' .. sum_row.range.start.line .. ':' .. sum_row.range.start.character .. ' ' .. sum_row.message)
  assert(sum_row.source == 'xxgk', 'source is ' .. tostring(sum_row.source))
  assert(sum_row.range.start.line == line, 'on line ' .. sum_row.range.start.line .. ', expected ' .. line)
  assert(sum_row.message:find('[\228-\233][\128-\191][\128-\191]'), 'the message has no Chinese: ' .. sum_row.message)
  assert(#vim.diagnostic.get(buf) >= 1, 'Neovim shows no diagnostics in the buffer')
end)

check('hover: the broken total shows its derivation', function()
  local responses = vim.lsp.buf_request_sync(buf, 'textDocument/hover',
    { textDocument = { uri = uri }, position = { line = line, character = character } }, 10000) or {}
  local text
  for _, r in pairs(responses) do
    if r.result and r.result.contents then
      local c = r.result.contents
      text = type(c) == 'string' and c or c.value or vim.inspect(c)
    end
  end
  assert(text, 'no hover')
  say('  hover: ' .. text:gsub('\n', ' '):sub(1, 200))
  assert(text:find('sum-row', 1, true), 'the hover does not name the rule')
  assert(text:find('自然人', 1, true) and text:find('商业企业', 1, true), 'the hover does not list the addends')
end)

check('code action: the quick fix sets the total and the diagnostics clear', function()
  assert(sum_row, 'no diagnostic to fix')
  local responses = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', {
    textDocument = { uri = uri },
    range = sum_row.range,
    context = { diagnostics = { sum_row }, only = { 'quickfix' } },
  }, 10000) or {}
  local action
  for _, r in pairs(responses) do
    for _, a in ipairs(r.result or {}) do
      if not action and a.kind and a.kind:find('^quickfix') then action = a end
    end
  end
  assert(action, 'no quickfix code action')
  if not action.edit then
    local client = vim.lsp.get_client_by_id(client_id)
    local resolved = client.request_sync('codeAction/resolve', action, 10000, buf)
    action = resolved and resolved.result or action
  end
  assert(action.edit, 'the quick fix carries no edit: ' .. vim.inspect(action))
  say('  code action: ' .. action.title)
  vim.lsp.util.apply_workspace_edit(action.edit, 'utf-16')
  local fixed = vim.api.nvim_buf_get_lines(buf, line, line + 1, false)[1]
  assert(fixed:match('%f[%d]' .. expected .. '%s*|?%s*$'), 'the row now reads: ' .. fixed)
  assert(vim.wait(30000, function() return #published == 0 end, 20),
    'diagnostics remain after the fix: ' .. vim.inspect(vim.tbl_map(function(d) return d.code end, published)))
end)

vim.lsp.stop_client(client_id)
vim.cmd('qall!')
