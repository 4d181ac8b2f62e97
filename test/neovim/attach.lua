-- Run by test/neovim/neovim.test.ts inside `nvim --headless`: Neovim's own LSP client (0.7.2,
-- Debian's) starts `kuma-tls lsp --stdio`, attaches it to the opened file, waits for the pushed
-- diagnostics, asks for a hover and writes both as JSON for the test to read back.
local server = os.getenv('KUMA_TLS_SERVER')
local root = os.getenv('KUMA_TLS_ROOT')
local out = os.getenv('KUMA_TLS_OUT')
local hover_line = tonumber(os.getenv('KUMA_TLS_HOVER_LINE'))
local hover_character = tonumber(os.getenv('KUMA_TLS_HOVER_CHARACTER'))

local function finish(result)
  local file = io.open(out, 'w')
  file:write(vim.fn.json_encode(result))
  file:close()
  vim.cmd('qall!')
end

local bufnr = vim.api.nvim_get_current_buf()
local client_id = vim.lsp.start_client({
  name = 'kuma-tls',
  cmd = { 'node', server, 'lsp', '--stdio' },
  root_dir = root,
  workspace_folders = { { uri = vim.uri_from_fname(root), name = 'examples' } },
  settings = { kumaTls = { lint = { debounceMs = 0 } } },
})
if not client_id then
  finish({ error = 'start_client failed' })
  return
end
vim.lsp.buf_attach_client(bufnr, client_id)

local arrived = vim.wait(60000, function()
  return #vim.diagnostic.get(bufnr) > 0
end, 100)
local diagnostics = {}
for _, d in ipairs(vim.diagnostic.get(bufnr)) do
  local lsp = d.user_data and d.user_data.lsp or {}
  table.insert(diagnostics, { line = d.lnum, col = d.col, message = d.message, source = d.source, code = lsp.code, severity = d.severity })
end

local params = { textDocument = { uri = vim.uri_from_bufnr(bufnr) }, position = { line = hover_line, character = hover_character } }
local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', params, 20000) or {}
local hover = vim.NIL
for _, response in pairs(responses) do
  if response.result and response.result.contents then
    hover = response.result.contents.value or response.result.contents
  end
end

vim.lsp.stop_client(client_id)
finish({ arrived = arrived, diagnostics = diagnostics, hover = hover })
