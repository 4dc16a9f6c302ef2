-- :checkhealth wfl
local M = {}

local health = vim.health

--- The command line that prints the version: the server command up to `serve`, then `--version`.
--- `{ 'wfl', 'serve' }` -> `{ 'wfl', '--version' }`; `{ py, '-m', 'wfl', 'serve' }` -> `{ py, '-m', 'wfl', '--version' }`.
function M.version_command(cmd)
  if type(cmd) ~= 'table' or not cmd[1] then
    return { 'wfl', '--version' }
  end
  local out = {}
  for _, part in ipairs(cmd) do
    if part == 'serve' then
      break
    end
    table.insert(out, part)
  end
  table.insert(out, '--version')
  return out
end

local function run(argv)
  local ok, obj = pcall(function()
    return vim.system(argv, { text = true }):wait(10000)
  end)
  if not ok then
    return nil, tostring(obj)
  end
  if obj.code ~= 0 then
    return nil, vim.trim((obj.stderr or '') .. (obj.stdout or ''))
  end
  return vim.trim(obj.stdout or ''), nil
end

--- The interpreter a script runs with (its `#!` line), if it is a script.
local function shebang(path)
  local f = io.open(path, 'r')
  if not f then
    return nil
  end
  local first = f:read('*l')
  f:close()
  if first and first:sub(1, 2) == '#!' then
    return vim.trim(first:sub(3))
  end
  return nil
end

--- `environment = "x"` or `environment = ["a", "b"]` from wfl.toml (a small reader for this one key).
function M.read_environment(path)
  local f = io.open(path, 'r')
  if not f then
    return nil, 'cannot read'
  end
  local text = f:read('*a')
  f:close()
  -- Drop comments (not inside strings; good enough for this key).
  local cleaned = {}
  for line in (text .. '\n'):gmatch('(.-)\r?\n') do
    local out, in_string = {}, false
    for ch in line:gmatch('.') do
      if ch == '"' then
        in_string = not in_string
      elseif ch == '#' and not in_string then
        break
      end
      table.insert(out, ch)
    end
    table.insert(cleaned, table.concat(out))
  end
  text = table.concat(cleaned, '\n')
  local single = text:match('^%s*environment%s*=%s*"([^"]*)"') or text:match('\n%s*environment%s*=%s*"([^"]*)"')
  if single then
    return { single }
  end
  local list = text:match('^%s*environment%s*=%s*(%b[])') or text:match('\n%s*environment%s*=%s*(%b[])')
  if list then
    local files = {}
    for name in list:gmatch('"([^"]*)"') do
      table.insert(files, name)
    end
    return files
  end
  return {}
end

local function is_absolute(path)
  return path:sub(1, 1) == '/' or path:match('^%a:[/\\]') ~= nil or path:sub(1, 1) == '~'
end

local function check_executable(cfg)
  health.start('wfl: server executable')
  local cmd = cfg and cfg.cmd
  if type(cmd) == 'function' then
    health.info('cmd is a function (a custom transport); not checked')
    return
  end
  if type(cmd) ~= 'table' or not cmd[1] then
    health.error('no server command configured', { "require('wfl').setup({ cmd = { 'wfl', 'serve' } })" })
    return
  end
  health.info('cmd: `' .. table.concat(cmd, ' ') .. '`')
  local exe = vim.fn.exepath(cmd[1])
  if exe == '' then
    health.error(('`%s` is not executable'):format(cmd[1]), {
      'Install wfl into a Python environment: pip install wfl',
      "Or point the plugin at it: require('wfl').setup({ cmd = { '/path/to/python', '-m', 'wfl', 'serve' } })",
    })
    return
  end
  health.ok(('`%s` found: %s'):format(cmd[1], exe))
  local python = shebang(exe)
  if python then
    health.info('python (from the script): ' .. python)
  elseif vim.fn.fnamemodify(exe, ':t'):match('^python') then
    health.info('python: ' .. exe)
  end
  local argv = M.version_command(cmd)
  local version, err = run(argv)
  if version then
    health.ok(('`%s`: %s'):format(table.concat(argv, ' '), version))
  else
    health.error(('`%s` failed: %s'):format(table.concat(argv, ' '), err or '?'), {
      'Is wfl installed in that environment? pip install wfl',
    })
  end
end

local function check_clients()
  health.start('wfl: language server')
  local clients = vim.lsp.get_clients({ name = 'wfl' })
  if #clients == 0 then
    health.warn('no wfl client is running', { 'Open a .wfl file; if it stays so, check :LspInfo and the log (:lua vim.cmd.edit(vim.lsp.get_log_path()))' })
    return clients
  end
  for _, client in ipairs(clients) do
    local buffers = vim.tbl_keys(client.attached_buffers or {})
    local names = {}
    for _, buf in ipairs(buffers) do
      table.insert(names, vim.fn.fnamemodify(vim.api.nvim_buf_get_name(buf), ':~:.'))
    end
    local info = client.server_info or (client.initialize_result and client.initialize_result.serverInfo)
    local server = info and (info.name .. ' ' .. (info.version or '')) or 'server'
    if #buffers > 0 then
      health.ok(('client %d (%s) attached to %d buffer(s): %s'):format(client.id, vim.trim(server), #buffers, table.concat(names, ', ')))
    else
      health.warn(('client %d (%s) is running but attached to no buffer'):format(client.id, vim.trim(server)))
    end
    health.info('root: ' .. (client.root_dir or client.config.root_dir or '(none: single-file mode)'))
  end
  return clients
end

local function check_environment(cfg, clients)
  health.start('wfl: environment')
  local settings = cfg and cfg.settings and cfg.settings.wfl or {}
  local init = cfg and cfg.init_options or {}
  local configured = settings.environment or init.environment
  local base
  if configured ~= nil and configured ~= '' and not (type(configured) == 'table' and #configured == 0) then
    local files = type(configured) == 'table' and configured or { configured }
    base = (clients[1] and clients[1].root_dir) or vim.fn.getcwd()
    health.info('environment from the plugin settings (overrides wfl.toml): ' .. table.concat(files, ', '))
    for _, file in ipairs(files) do
      local path = is_absolute(file) and vim.fn.expand(file) or (base .. '/' .. file)
      if vim.uv.fs_stat(path) then
        health.ok('found ' .. path)
      else
        health.error('missing ' .. path)
      end
    end
    return
  end
  local start = (clients[1] and clients[1].root_dir)
  if not start then
    local name = vim.api.nvim_buf_get_name(0)
    start = (name ~= '' and vim.fs.dirname(name)) or vim.fn.getcwd()
  end
  local found = vim.fs.find('wfl.toml', { upward = true, path = start, type = 'file' })[1]
  if not found then
    health.warn('no wfl.toml found from ' .. start .. ' upwards: only syntax is checked', {
      'Create wfl.toml next to your workflows: environment = "home.yaml"',
      'Or set it in the plugin: require("wfl").setup({ settings = { environment = "home.yaml" } })',
    })
    return
  end
  health.ok('wfl.toml: ' .. found)
  local files, err = M.read_environment(found)
  if not files then
    health.error('cannot read ' .. found .. ': ' .. (err or '?'))
    return
  end
  if #files == 0 then
    health.warn('wfl.toml names no environment (environment = "home.yaml")')
    return
  end
  local dir = vim.fs.dirname(found)
  for _, file in ipairs(files) do
    local path = is_absolute(file) and vim.fn.expand(file) or (dir .. '/' .. file)
    if vim.uv.fs_stat(path) then
      health.ok('environment file: ' .. path)
    else
      health.error('environment file missing: ' .. path, { 'Fix the path in ' .. found })
    end
  end
end

local function check_model()
  health.start('wfl: generation model')
  local state = require('wfl.state')
  local described = state.describe()
  if not described then
    health.info('model state: unknown (the server has not sent wfl/modelState)')
  elseif state.model.state == 'fallback' then
    health.warn('model state: ' .. described)
  else
    health.ok('model state: ' .. described)
  end
end

function M.check()
  health.start('wfl: Neovim')
  if vim.fn.has('nvim-0.11') == 1 then
    health.ok('Neovim 0.11+: configured through vim.lsp.config / vim.lsp.enable')
  elseif vim.fn.has('nvim-0.10') == 1 then
    health.ok('Neovim 0.10: started with vim.lsp.start')
  else
    health.error('Neovim 0.10 or newer is needed')
  end
  if vim.filetype.match({ filename = 'x.wfl' }) == 'wfl' then
    health.ok('*.wfl files are detected as filetype wfl')
  else
    health.warn('*.wfl files are not detected', { "Call require('wfl').setup()" })
  end
  local cfg = require('wfl').resolved_config()
  check_executable(cfg)
  local clients = check_clients()
  check_environment(cfg, clients)
  check_model()
end

return M
