-- wfl for Neovim: starts the wfl language server for *.wfl buffers and adds :WflGenerate.
--
--   require('wfl').setup({
--     cmd = { 'wfl', 'serve' },                      -- or { '/path/to/python', '-m', 'wfl', 'serve' }
--     settings = { environment = 'home.yaml', diagnosticDelay = 200 },   -- the server's `wfl` section
--   })
--
-- Neovim 0.11+: configures `vim.lsp.config('wfl', ...)` (defaults in lsp/wfl.lua) and calls
-- `vim.lsp.enable('wfl')`. Neovim 0.10: a FileType autocmd calls `vim.lsp.start`.
local M = {}

local NAME = 'wfl'
local has_011 = vim.fn.has('nvim-0.11') == 1

---@class wfl.GenerateOptions
---@field kinds string[]|nil  code action kinds asked for (`context.only`); nil or {} asks for all
---@field title string  Lua pattern the action titles must match

---@class wfl.Options
---@field cmd string[]|function|nil  server command (default `{ 'wfl', 'serve' }`)
---@field filetypes string[]|nil
---@field root_markers string[]|nil  (default `{ 'wfl.toml', '.git' }`)
---@field settings table|nil  the `wfl` settings section: environment, diagnosticDelay, model = {path}, budget = {conditionMs, workflowMs}
---@field init_options table|nil  initializationOptions (default: the settings)
---@field on_attach function|nil
---@field capabilities table|nil
---@field enable boolean|nil  start the server for wfl buffers (default true)
---@field generate wfl.GenerateOptions|nil

---@type wfl.Options
M.defaults = {
  enable = true,
  settings = {},
  init_options = {},
  generate = {
    kinds = { 'refactor.rewrite' },
    title = '^Generate workflow',
  },
}

---@type wfl.Options
M.options = vim.deepcopy(M.defaults)

local function notify(msg, level)
  vim.notify('wfl: ' .. msg, level or vim.log.levels.INFO, { title = 'wfl' })
end

--- `client:method(...)` on 0.11, `client.method(...)` on 0.10.
local function call(client, method, ...)
  if has_011 then
    return client[method](client, ...)
  end
  return client[method](...)
end

--- The built-in server configuration (lsp/wfl.lua on the runtimepath).
function M.base_config()
  local file = vim.api.nvim_get_runtime_file('lsp/wfl.lua', false)[1]
  if not file then
    return { cmd = { 'wfl', 'serve' }, filetypes = { 'wfl' }, root_markers = { 'wfl.toml', '.git' } }
  end
  return dofile(file)
end

--- The configuration this plugin adds to lsp/wfl.lua.
local function overrides(opts)
  local cfg = {}
  for _, key in ipairs({ 'cmd', 'filetypes', 'root_markers', 'on_attach', 'capabilities' }) do
    if opts[key] ~= nil then
      cfg[key] = opts[key]
    end
  end
  local settings = opts.settings or {}
  if next(settings) ~= nil then
    cfg.settings = { wfl = settings }
  end
  local init = vim.tbl_deep_extend('force', vim.deepcopy(settings), opts.init_options or {})
  if next(init) ~= nil then
    cfg.init_options = init
  end
  return cfg
end

--- The configuration in force (what `vim.lsp.config.wfl` resolves to on 0.11).
function M.resolved_config()
  if has_011 then
    local ok, cfg = pcall(function()
      return vim.lsp.config[NAME]
    end)
    if ok and cfg then
      return cfg
    end
  end
  return vim.tbl_deep_extend('force', M.base_config(), overrides(M.options))
end

local warned = false
local function warn_if_not_executable()
  if warned then
    return
  end
  local cmd = M.resolved_config().cmd
  if type(cmd) == 'table' and cmd[1] and vim.fn.executable(cmd[1]) == 0 then
    warned = true
    notify(
      ('`%s` is not executable: install wfl (pip install wfl) or pass `cmd` to require("wfl").setup(); see :checkhealth wfl'):format(
        cmd[1]
      ),
      vim.log.levels.WARN
    )
  end
end

local start_010_group

local function start_010(bufnr)
  local config = vim.tbl_deep_extend('force', M.base_config(), overrides(M.options))
  config.name = NAME
  -- Neovim 0.10 may advertise pull diagnostics without pulling: ask the server to push.
  config.init_options = vim.tbl_extend('keep', config.init_options or {}, { diagnostics = 'push' })
  local markers = config.root_markers
  config.root_markers = nil
  config.filetypes = nil
  config.root_dir = markers and vim.fs.root(bufnr, markers) or nil
  local ok, err = pcall(vim.lsp.start, config, { bufnr = bufnr })
  if not ok then
    notify('cannot start the server: ' .. tostring(err), vim.log.levels.ERROR)
  end
end

--- Configure and enable the server. May be called again to change options.
---@param opts wfl.Options|nil
function M.setup(opts)
  M.options = vim.tbl_deep_extend('force', vim.deepcopy(M.defaults), opts or {})
  -- ftdetect/ is sourced only for plugins on the runtimepath at startup.
  vim.filetype.add({ extension = { wfl = 'wfl' } })
  M.create_commands()

  local group = vim.api.nvim_create_augroup('wfl.setup', { clear = true })
  if M.options.enable ~= false then
    vim.api.nvim_create_autocmd('FileType', {
      group = group,
      pattern = 'wfl',
      callback = warn_if_not_executable,
    })
  end

  if has_011 then
    vim.lsp.config(NAME, overrides(M.options))
    vim.lsp.enable(NAME, M.options.enable ~= false)
    return
  end

  start_010_group = vim.api.nvim_create_augroup('wfl.start', { clear = true })
  if M.options.enable == false then
    return
  end
  local filetypes = M.options.filetypes or M.base_config().filetypes or { 'wfl' }
  vim.api.nvim_create_autocmd('FileType', {
    group = start_010_group,
    pattern = filetypes,
    callback = function(args)
      start_010(args.buf)
    end,
  })
  for _, buf in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(buf) and vim.tbl_contains(filetypes, vim.bo[buf].filetype) then
      start_010(buf)
    end
  end
end

---@return vim.lsp.Client[]
function M.clients(bufnr)
  return vim.lsp.get_clients({ name = NAME, bufnr = bufnr })
end

--- The generation model's state as the server last reported it (`wfl/modelState`), or nil.
function M.model_state()
  return require('wfl.state').model
end

--- For statuslines: `wfl: ready`, or '' when no model state is known or the model is off.
function M.statusline()
  local model = require('wfl.state').model
  if not model or model.state == 'off' then
    return ''
  end
  return 'wfl: ' .. model.state
end

-- ------------------------------------------------------------------ restart

function M.restart()
  local buffers = {}
  for _, client in ipairs(M.clients()) do
    for buf in pairs(client.attached_buffers or {}) do
      buffers[buf] = true
    end
    call(client, 'stop')
  end
  vim.wait(3000, function()
    for _, client in ipairs(M.clients()) do
      if not call(client, 'is_stopped') then
        return false
      end
    end
    return true
  end, 50)
  for buf in pairs(buffers) do
    if vim.api.nvim_buf_is_valid(buf) then
      vim.api.nvim_exec_autocmds('FileType', { buffer = buf, modeline = false })
    end
  end
  notify('server restarted')
end

-- ------------------------------------------------------------------ generation

local function col_in_encoding(line, encoding)
  if encoding == 'utf-8' then
    return #line
  end
  if has_011 then
    return vim.str_utfindex(line, encoding)
  end
  local utf32, utf16 = vim.str_utfindex(line)
  return encoding == 'utf-32' and utf32 or utf16
end

local function apply_action(client, action, bufnr)
  if action.edit then
    vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding)
  end
  local command = action.command
  if type(command) == 'string' then
    command = action -- a bare Command
  end
  if type(command) == 'table' and command.command then
    if client.exec_cmd then
      call(client, 'exec_cmd', command, { bufnr = bufnr })
    elseif client._exec_cmd then
      client._exec_cmd(command, { bufnr = bufnr })
    else
      call(client, 'request', 'workspace/executeCommand', command, function() end, bufnr)
    end
  end
end

local function resolve_and_apply(client, action, bufnr)
  local caps = client.server_capabilities or {}
  local provider = caps.codeActionProvider
  local can_resolve = type(provider) == 'table' and provider.resolveProvider
  if not action.edit and not action.command and can_resolve then
    call(client, 'request', 'codeAction/resolve', action, function(err, resolved)
      if err or not resolved then
        notify('could not resolve the action: ' .. (err and err.message or 'no result'), vim.log.levels.ERROR)
        return
      end
      apply_action(client, resolved, bufnr)
    end, bufnr)
  else
    apply_action(client, action, bufnr)
  end
end

--- Send lines `line1`..`line2` (1-based; default: the current line) to the server's
--- "Generate workflow…" code action and apply the one chosen.
---@param opts { line1: integer|nil, line2: integer|nil, bufnr: integer|nil, on_done: function|nil }|nil
function M.generate(opts)
  opts = opts or {}
  local bufnr = opts.bufnr or vim.api.nvim_get_current_buf()
  local done = opts.on_done or function() end
  local client = M.clients(bufnr)[1]
  if not client then
    notify('no wfl server is attached to this buffer (see :checkhealth wfl)', vim.log.levels.WARN)
    return done('no-client')
  end
  local cursor = vim.api.nvim_win_get_cursor(0)[1]
  local first = (opts.line1 or cursor) - 1
  local last = (opts.line2 or opts.line1 or cursor) - 1
  local lines = vim.api.nvim_buf_get_lines(bufnr, first, last + 1, false)
  if vim.trim(table.concat(lines, '\n')) == '' then
    notify('nothing to generate from: write the description on the current line, or select it')
    return done('empty')
  end
  local encoding = client.offset_encoding or 'utf-16'
  local params = {
    textDocument = vim.lsp.util.make_text_document_params(bufnr),
    range = {
      start = { line = first, character = 0 },
      ['end'] = { line = last, character = col_in_encoding(lines[#lines] or '', encoding) },
    },
    context = {
      diagnostics = {},
      triggerKind = 1, -- Invoked
    },
  }
  local kinds = M.options.generate and M.options.generate.kinds
  if kinds and #kinds > 0 then
    params.context.only = kinds
  end
  local pattern = (M.options.generate and M.options.generate.title) or M.defaults.generate.title
  call(client, 'request', 'textDocument/codeAction', params, function(err, result)
    if err then
      notify('code action request failed: ' .. (err.message or vim.inspect(err)), vim.log.levels.ERROR)
      return done('error')
    end
    local actions = {}
    for _, action in ipairs(result or {}) do
      if type(action.title) == 'string' and action.title:find(pattern) then
        table.insert(actions, action)
      end
    end
    if #actions == 0 then
      notify(
        'the server offered no "Generate workflow…" action for this text (workflow generation needs a wfl server that provides it)',
        vim.log.levels.WARN
      )
      return done('none')
    end
    if #actions == 1 then
      resolve_and_apply(client, actions[1], bufnr)
      return done('applied', actions[1])
    end
    vim.ui.select(actions, {
      prompt = 'Generate workflow:',
      format_item = function(action)
        return action.title
      end,
    }, function(choice)
      if choice then
        resolve_and_apply(client, choice, bufnr)
        return done('applied', choice)
      end
      return done('cancelled')
    end)
  end, bufnr)
end

-- ------------------------------------------------------------------ commands

function M.create_commands()
  vim.api.nvim_create_user_command('WflGenerate', function(args)
    M.generate({ line1 = args.line1, line2 = args.line2 })
  end, {
    range = true,
    desc = 'wfl: generate a workflow from the description on this line (or the selected lines)',
  })
  vim.api.nvim_create_user_command('WflRestart', function()
    M.restart()
  end, { desc = 'wfl: restart the language server' })
end

return M
