-- *.wfl files are wfl workflows.
vim.filetype.add({ extension = { wfl = 'wfl' } })
