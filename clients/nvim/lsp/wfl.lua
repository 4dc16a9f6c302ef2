-- The wfl language server, for Neovim 0.11+ (`vim.lsp.config` / `vim.lsp.enable('wfl')`).
-- Override any field with `vim.lsp.config('wfl', {...})` or `require('wfl').setup({...})`.
---@type vim.lsp.Config
return {
  cmd = { 'wfl', 'serve' },
  filetypes = { 'wfl' },
  root_markers = { 'wfl.toml', '.git' },
  handlers = {
    -- Server notification `wfl/modelState` `{state, detail?}`: the generation model's state.
    ['wfl/modelState'] = function(err, result, ctx)
      require('wfl.state').on_model_state(err, result, ctx)
    end,
  },
}
