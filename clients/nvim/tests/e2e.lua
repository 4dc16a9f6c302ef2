-- End-to-end check of the plugin in a real (headless) Neovim against the real server.
--
--   WFL_E2E_PLUGIN=clients/nvim WFL_E2E_FILE=/tmp/x/lights.wfl WFL_E2E_OUT=/tmp/x/result.json \
--   WFL_E2E_CMD='["/path/python", "-m", "wfl", "serve"]' nvim --headless --clean -S clients/nvim/tests/e2e.lua
--
-- Writes a JSON object to WFL_E2E_OUT: every step's observations (`steps`), the timings (`timings`,
-- milliseconds) and `errors` (failed expectations; empty when all passed). tests/test_nvim_e2e.py
-- runs it and asserts on the result. Always exits Neovim, also on errors.
local uv = vim.uv or vim.loop
local result = { steps = vim.empty_dict(), timings = vim.empty_dict(), errors = {}, notifications = {} }
local out_path = assert(os.getenv('WFL_E2E_OUT'), 'WFL_E2E_OUT is not set')

local function write_result()
  local f = assert(io.open(out_path, 'w'))
  f:write(vim.json.encode(result))
  f:close()
end

local function ms_since(t0)
  return (uv.hrtime() - t0) / 1e6
end

local function fail(msg)
  table.insert(result.errors, msg)
end

local function expect(cond, msg)
  if not cond then
    fail(msg)
  end
  return cond
end

local function wait_for(what, timeout, predicate)
  local ok = vim.wait(timeout, predicate, 20)
  if not ok then
    error('timed out waiting for ' .. what, 0)
  end
end

local function main()
  local plugin = assert(os.getenv('WFL_E2E_PLUGIN'), 'WFL_E2E_PLUGIN is not set')
  local file = assert(os.getenv('WFL_E2E_FILE'), 'WFL_E2E_FILE is not set')
  local cmd = vim.json.decode((assert(os.getenv('WFL_E2E_CMD'), 'WFL_E2E_CMD is not set')))
  vim.opt.runtimepath:prepend(plugin)
  result.nvim_version = tostring(vim.version())

  -- Capture messages the plugin shows.
  local real_notify = vim.notify
  vim.notify = function(msg, level, opts)
    table.insert(result.notifications, { msg = msg, level = level })
    return real_notify(msg, level, opts)
  end

  -- Record every diagnostics result for any buffer (pushed or pulled), with its time.
  local diag_events = {}
  local function record(kind)
    local original = vim.lsp.handlers[kind]
    vim.lsp.handlers[kind] = function(err, res, ctx, config)
      local uri = (res and res.uri) or (ctx and ctx.params and ctx.params.textDocument and ctx.params.textDocument.uri)
      table.insert(diag_events, { kind = kind, t = uv.hrtime(), err = err, uri = uri })
      return original(err, res, ctx, config)
    end
  end
  record('textDocument/publishDiagnostics')
  record('textDocument/diagnostic')

  require('wfl').setup({ cmd = cmd, settings = { diagnosticDelay = 50 } })

  -- Open the file: filetype, ftplugin, syntax, client, first diagnostics.
  local t_open = uv.hrtime()
  vim.cmd.edit(vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  result.steps.filetype = {
    filetype = vim.bo[bufnr].filetype,
    commentstring = vim.bo[bufnr].commentstring,
    shiftwidth = vim.bo[bufnr].shiftwidth,
    expandtab = vim.bo[bufnr].expandtab,
    syntax = vim.b[bufnr].current_syntax,
  }

  -- Syntax groups of a few tokens of the example file (first occurrence of `line` containing `token`).
  local probes = {
    { '# A dim hallway', '#' },
    { 'workflow hallway_night_light', 'workflow' },
    { 'workflow hallway_night_light', 'hallway_night_light' },
    { 'when hallway_motion.occupancy', 'when' },
    { 'when hallway_motion.occupancy', 'hallway_motion' },
    { 'when hallway_motion.occupancy', 'occupancy' },
    { 'becomes true', 'true' },
    { 'turn_on(brightness_pct: 30 %', 'turn_on' },
    { 'turn_on(brightness_pct: 30 %', 'brightness_pct' },
    { 'turn_on(brightness_pct: 30 %', '30' },
    { 'turn_on(brightness_pct: 30 %', '%' },
    { 'wait 2 min', 'wait' },
    { 'wait 2 min', 'min' },
    { 'at sunset - 30 min', 'sunset' },
    { '"Living room lights before sunset"', '"Living' },
    { 'color_temp_kelvin: 2700 K', 'K' },
    { 'living_room_light.state == off', '==' },
  }
  local syntax = {}
  local all = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  for _, probe in ipairs(probes) do
    local group = 'not found'
    for lnum, text in ipairs(all) do
      local at = text:find(probe[1], 1, true)
      if at then
        local col = text:find(probe[2], at, true)
        group = vim.fn.synIDattr(vim.fn.synID(lnum, col, 1), 'name')
        break
      end
    end
    syntax[probe[1] .. ' :: ' .. probe[2]] = group
  end
  result.steps.syntax = syntax

  local client
  wait_for('the wfl client to attach', 20000, function()
    client = require('wfl').clients(bufnr)[1]
    return client ~= nil and client.initialized == true
  end)
  result.timings.open_to_attach_ms = ms_since(t_open)
  local uri = vim.uri_from_bufnr(bufnr)
  local first_diag
  wait_for('the first diagnostics of the file', 20000, function()
    for _, event in ipairs(diag_events) do
      if event.uri == uri and not event.err then
        first_diag = event
        return true
      end
    end
    return false
  end)
  result.timings.open_to_first_diagnostics_ms = (first_diag.t - t_open) / 1e6
  result.steps.attach = {
    client_name = client.name,
    root_dir = client.root_dir,
    server = client.server_info,
    diagnostics_via = first_diag.kind,
    other_uris = vim.tbl_map(function(e)
      return e.uri
    end, vim.tbl_filter(function(e)
      return e.uri ~= uri
    end, diag_events)),
    initial = vim.tbl_map(function(d)
      return { code = d.code, message = d.message }
    end, vim.diagnostic.get(bufnr)),
  }

  -- 1. A deliberate error: a typo in a node name.
  local n = vim.api.nvim_buf_line_count(bufnr)
  local typo_line = n + 3 -- 1-based line of `do kitchen_ligth...`
  vim.api.nvim_buf_set_lines(bufnr, n, n, false, {
    '',
    'workflow e2e_typo {',
    '  when kitchen_motion.motion becomes true',
    '  do kitchen_ligth.turn_on()',
    '}',
  })
  typo_line = n + 4
  local t_edit = uv.hrtime()
  local typo
  wait_for('the unknown-node diagnostic', 15000, function()
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      if d.code == 'unknown-node' and d.lnum == typo_line - 1 then
        typo = d
        return true
      end
    end
    return false
  end)
  result.timings.edit_to_diagnostic_ms = ms_since(t_edit)
  result.steps.error = {
    code = typo.code,
    message = typo.message,
    lnum = typo.lnum,
    col = typo.col,
    end_col = typo.end_col,
    severity = typo.severity,
    source = typo.source,
  }

  -- 2. Quick fix through Neovim's own code action UI (vim.lsp.buf.code_action, applied).
  vim.api.nvim_win_set_cursor(0, { typo_line, typo.col + 2 })
  local before = vim.api.nvim_buf_get_lines(bufnr, typo_line - 1, typo_line, false)[1]
  local titles = {}
  vim.lsp.buf.code_action({
    apply = true,
    filter = function(action)
      table.insert(titles, action.title)
      return action.title == 'Replace with `kitchen_light`'
    end,
  })
  wait_for('the quick fix to change the buffer', 10000, function()
    return vim.api.nvim_buf_get_lines(bufnr, typo_line - 1, typo_line, false)[1] ~= before
  end)
  local after = vim.api.nvim_buf_get_lines(bufnr, typo_line - 1, typo_line, false)[1]
  wait_for('the unknown-node diagnostic to go away', 15000, function()
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      if d.code == 'unknown-node' then
        return false
      end
    end
    return true
  end)
  result.steps.quickfix = { offered = titles, before = before, after = after }

  -- 3. Completion after typing `kitchen_` in a new condition line.
  local if_line = typo_line -- insert before the `do` line
  vim.api.nvim_buf_set_lines(bufnr, if_line - 1, if_line - 1, false, { '  if kitchen_' })
  vim.api.nvim_win_set_cursor(0, { if_line, #'  if kitchen_' })
  local params = vim.lsp.util.make_position_params(0, client.offset_encoding)
  params.context = { triggerKind = 1 }
  local response = client:request_sync('textDocument/completion', params, 10000, bufnr)
  assert(response and not response.err, 'completion failed: ' .. vim.inspect(response))
  local items = response.result and (response.result.items or response.result) or {}
  local labels = {}
  for _, item in ipairs(items) do
    table.insert(labels, item.label)
  end
  -- What the completion menu would show for the typed prefix (Neovim filters by the word before the cursor).
  local matching = vim.tbl_filter(function(label)
    return vim.startswith(label, 'kitchen_')
  end, labels)
  result.steps.completion = { labels = labels, matching = matching }
  -- Make the line valid again for the next steps.
  vim.api.nvim_buf_set_lines(bufnr, if_line - 1, if_line, false, {})

  -- 4. Hover on a node: its properties.
  vim.api.nvim_win_set_cursor(0, { typo_line, #'  do kitch' })
  local hparams = vim.lsp.util.make_position_params(0, client.offset_encoding)
  local hover = client:request_sync('textDocument/hover', hparams, 10000, bufnr)
  assert(hover and not hover.err, 'hover failed: ' .. vim.inspect(hover))
  local contents = hover.result and hover.result.contents
  local text = ''
  if type(contents) == 'table' then
    text = contents.value or table.concat(vim.tbl_map(function(c)
      return type(c) == 'string' and c or c.value
    end, contents), '\n')
  elseif type(contents) == 'string' then
    text = contents
  end
  result.steps.hover = { text = text }

  -- 5. :WflGenerate on a description line: the server's "Generate workflow from this comment".
  vim.api.nvim_buf_set_lines(bufnr, -1, -1, false, { '# turn on the kitchen light when motion is detected' })
  local last = vim.api.nvim_buf_line_count(bufnr)
  local outcome
  require('wfl').generate({
    line1 = last,
    line2 = last,
    bufnr = bufnr,
    on_done = function(status, action)
      outcome = { status = status, title = action and action.title or nil }
    end,
  })
  wait_for(':WflGenerate to finish', 10000, function()
    return outcome ~= nil
  end)
  if outcome.status == 'applied' then
    -- The action is resolved (the model runs) and applied asynchronously: wait for the workflow.
    wait_for('the generated workflow in the buffer', 30000, function()
      local text = table.concat(vim.api.nvim_buf_get_lines(bufnr, last, -1, false), '\n')
      return text:find('workflow turn_on_the_kitchen', 1, true) ~= nil and text:find('}', 1, true) ~= nil
    end)
    outcome.inserted = table.concat(vim.api.nvim_buf_get_lines(bufnr, last, -1, false), '\n')
  end
  result.steps.generate = outcome

  -- 6. :checkhealth wfl
  vim.cmd('checkhealth wfl')
  local health_lines = vim.api.nvim_buf_get_lines(0, 0, -1, false)
  result.steps.health = { text = table.concat(health_lines, '\n') }
  vim.cmd('tabclose')

  result.steps.final_text = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n')

  -- 7. :WflRestart: a new client attaches to the open buffer.
  local old_id = client.id
  vim.cmd('WflRestart')
  local restarted
  wait_for('a new client after :WflRestart', 20000, function()
    restarted = require('wfl').clients(bufnr)[1]
    return restarted ~= nil and restarted.id ~= old_id and restarted.initialized == true
  end)
  result.steps.restart = {
    old_id = old_id,
    new_id = restarted.id,
    commands = {
      WflGenerate = vim.fn.exists(':WflGenerate'),
      WflRestart = vim.fn.exists(':WflRestart'),
    },
  }
  vim.notify = real_notify
end

local ok, err = xpcall(main, debug.traceback)
if not ok then
  fail('script error: ' .. tostring(err))
end
for _, c in ipairs(vim.lsp.get_clients({ name = 'wfl' })) do
  c:stop(true)
end
write_result()
vim.cmd('qall!')
