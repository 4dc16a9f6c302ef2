-- Commands that work before (and without) `require('wfl').setup()`.
if vim.g.loaded_wfl then
  return
end
vim.g.loaded_wfl = 1
require('wfl').create_commands()
