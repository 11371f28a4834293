-- Run by neovim_test.sh after the compose file is open: writes what Neovim shows to
-- $PP_NVIM_OUT, a line per step, then quits.
local out = assert(io.open(os.getenv('PP_NVIM_OUT'), 'w'))
local buf = vim.api.nvim_get_current_buf()
local function report(step)
  local ok = vim.wait(20000, function() return step.until_(vim.diagnostic.get(buf)) end, 50)
  local shown = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(shown, string.format('%d:%d %s %s %s', d.lnum + 1, d.col + 1, d.severity, d.code or '', d.message))
  end
  out:write(step.name, ' ', ok and 'ok' or 'timeout', ' [', table.concat(shown, ' | '), ']\n')
end

-- On open: the diagnostic on the literal.
report({ name = 'open', until_ = function(ds) return #ds > 0 end })
-- Edited, not saved: the literal changed to a Dynamic/Private port clears it.
vim.api.nvim_buf_set_lines(buf, 4, 5, false, { '      - "51234:80"' })
report({ name = 'edited', until_ = function(ds) return #ds == 0 end })
-- An unsaved edit back to a reserved port shows it again.
vim.api.nvim_buf_set_lines(buf, 4, 5, false, { '      - "255:80"' })
report({ name = 'reserved-again', until_ = function(ds) return #ds > 0 end })
out:close()
vim.cmd('qa!')
