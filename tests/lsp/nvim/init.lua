-- A minimal Neovim configuration that runs `portpolicy lsp` for the files it reads
-- (Neovim 0.7 and later; from 0.8 on, vim.lsp.start does the same in one call).
vim.api.nvim_create_autocmd('FileType', {
  pattern = { 'yaml', 'json', 'toml', 'dockerfile', 'sh', 'conf', 'nginx', 'systemd', 'terraform', 'hcl',
              'python', 'go', 'javascript', 'typescript', 'java', 'c', 'cpp', 'rust', 'ruby', 'php', 'cs' },
  callback = function(args)
    local id = vim.lsp.start_client({ name = 'portpolicy', cmd = { 'portpolicy', 'lsp' }, root_dir = vim.fn.getcwd() })
    if id then vim.lsp.buf_attach_client(args.buf, id) end
  end,
})
