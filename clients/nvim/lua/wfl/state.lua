-- What the plugin has learned from the server at run time: the generation model's state, sent by
-- the server as the notification `wfl/modelState` with params `{ state = string, detail? = string }`
-- (`loading`, `ready`, `generating`, `fallback`, `off`). Each update fires `User WflModelState`.
local M = {}

---@class wfl.ModelState
---@field state string
---@field detail string|nil
---@field client_id integer|nil
---@field time number|nil  seconds (vim.uv.now() / 1000) when it arrived

---@type wfl.ModelState|nil
M.model = nil

function M.on_model_state(err, result, ctx)
  if err or type(result) ~= 'table' or type(result.state) ~= 'string' or result.state == '' then
    return
  end
  M.model = {
    state = result.state,
    detail = type(result.detail) == 'string' and result.detail ~= '' and result.detail or nil,
    client_id = ctx and ctx.client_id or nil,
    time = (vim.uv or vim.loop).now() / 1000,
  }
  vim.schedule(function()
    vim.api.nvim_exec_autocmds('User', { pattern = 'WflModelState', modeline = false, data = M.model })
  end)
end

--- `state` (and `detail`) as a short string, or nil when the server has sent nothing.
function M.describe()
  if not M.model then
    return nil
  end
  if M.model.detail then
    return ('%s (%s)'):format(M.model.state, M.model.detail)
  end
  return M.model.state
end

return M
