-- wfl buffers: `#` comments, two-space indentation (the formatter's layout).
if vim.b.did_ftplugin then
  return
end
vim.b.did_ftplugin = 1

vim.bo.commentstring = '# %s'
vim.bo.comments = ':#'
vim.bo.shiftwidth = 2
vim.bo.softtabstop = 2
vim.bo.tabstop = 2
vim.bo.expandtab = true
vim.bo.iskeyword = '@,48-57,_,192-255'
-- Keep `gq` and auto-wrap to comments.
vim.bo.formatoptions = vim.bo.formatoptions:gsub('t', '') .. 'croql'

vim.b.undo_ftplugin = 'setlocal commentstring< comments< shiftwidth< softtabstop< tabstop< expandtab< iskeyword< formatoptions<'
