-- Drives Neovim's built-in LSP client (headless) against the OpsLens language server:
-- opens one file of a workspace, waits for the server's diagnostics in vim.diagnostic,
-- asks for a hover and the code lenses on one line, and writes what it got as JSON.
-- Uses only APIs Neovim 0.7 (Debian bookworm) has: vim.lsp.start_client, not vim.lsp.start.
--
-- Parameters come from the environment (set by test/unit/server/neovimClient.test.ts):
--   OPSLENS_NVIM_SERVER  the server command, JSON array (e.g. ["node", "bin/…", "--stdio"])
--   OPSLENS_NVIM_ROOT    the workspace folder
--   OPSLENS_NVIM_FILE    the file to open, relative to the root
--   OPSLENS_NVIM_LINE    the 1-based line to hover
--   OPSLENS_NVIM_MODE    "configuration": settings answered through workspace/configuration;
--                        "initOptions": the client says it has no workspace/configuration
--                        and passes the settings as initializationOptions
--   OPSLENS_NVIM_SETTINGS  the `opslens` settings section, JSON
--   OPSLENS_NVIM_OUT     where the JSON result goes

local env = vim.env
local out = { errors = {}, log = {} }
local timeout = 20000

local function finish()
  vim.fn.writefile({ vim.fn.json_encode(out) }, env.OPSLENS_NVIM_OUT)
  vim.cmd('qall!')
end

local function run()
  local root = env.OPSLENS_NVIM_ROOT
  local settings = { opslens = vim.fn.json_decode(env.OPSLENS_NVIM_SETTINGS) }
  local capabilities = vim.lsp.protocol.make_client_capabilities()
  local config = {
    name = 'opslens',
    cmd = vim.fn.json_decode(env.OPSLENS_NVIM_SERVER),
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = 'demo' } },
    capabilities = capabilities,
    -- The server's log (window/logMessage), kept for the test's failure messages.
    handlers = {
      ['window/logMessage'] = function(_, result)
        table.insert(out.log, result.message)
      end,
    },
    on_init = function(client)
      out.initialized = true
      out.hoverProvider = client.server_capabilities.hoverProvider == true
      out.codeLensProvider = client.server_capabilities.codeLensProvider ~= nil
    end,
  }
  if env.OPSLENS_NVIM_MODE == 'initOptions' then
    capabilities.workspace.configuration = false
    config.init_options = settings
    -- Like a client without the request: asking anyway gets "method not found".
    config.handlers['workspace/configuration'] = function()
      out.configurationAsked = true
      return nil, vim.lsp.rpc.rpc_response_error(vim.lsp.protocol.ErrorCodes.MethodNotFound)
    end
  else
    -- Neovim answers workspace/configuration from `settings` but 0.7 does not advertise it.
    capabilities.workspace.configuration = true
    config.settings = settings
  end

  vim.cmd('edit ' .. vim.fn.fnameescape(root .. '/' .. env.OPSLENS_NVIM_FILE))
  local bufnr = vim.api.nvim_get_current_buf()
  local client_id = vim.lsp.start_client(config)
  vim.lsp.buf_attach_client(bufnr, client_id)
  local client = vim.lsp.get_client_by_id(client_id)

  vim.wait(timeout, function() return out.initialized == true end, 20)
  local got = vim.wait(timeout, function() return #vim.diagnostic.get(bufnr) > 0 end, 20)
  out.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(out.diagnostics, { lnum = d.lnum, message = d.message, severity = d.severity, source = d.source })
  end
  if not got then table.insert(out.errors, 'no diagnostics within ' .. timeout .. ' ms') end
  -- Errors raised while Neovim showed what the server sent (a range it cannot draw, say).
  if vim.v.errmsg ~= '' then table.insert(out.errors, 'neovim: ' .. vim.v.errmsg) end

  local line = tonumber(env.OPSLENS_NVIM_LINE) - 1
  local params = { textDocument = { uri = vim.uri_from_bufnr(bufnr) }, position = { line = line, character = 0 } }
  local hover, hover_err = client.request_sync('textDocument/hover', params, timeout, bufnr)
  if hover and hover.err then table.insert(out.errors, 'hover: ' .. vim.inspect(hover.err)) end
  if not hover then table.insert(out.errors, 'hover: ' .. tostring(hover_err)) end
  out.hover = hover and hover.result or vim.NIL

  local lenses = client.request_sync('textDocument/codeLens', { textDocument = params.textDocument }, timeout, bufnr)
  out.codeLens = lenses and lenses.result or vim.NIL

  client.stop()
  vim.wait(5000, function() return client.is_stopped() end, 20)
end

local ok, err = pcall(run)
if not ok then table.insert(out.errors, tostring(err)) end
finish()
