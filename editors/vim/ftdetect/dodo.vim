" Vim filetype detection for dodo sources (dodoc).
" .dodo and .doo are always dodo. .do is also Stata's extension, so a .do
" file is taken as dodo only when its first non-blank, non-comment line
" looks like dodo (use, def, __Module__, __Main__).
autocmd BufRead,BufNewFile *.dodo,*.doo setfiletype dodo
autocmd BufRead,BufNewFile *.do call s:DetectDodo()

function! s:DetectDodo() abort
  for line in getline(1, min([line('$'), 50]))
    if line =~# '^\s*\%(#.*\)\=$'
      continue
    endif
    if line =~# '^\s*\%(use\s\+\l\|def\s\+\a\|__Module__\>\|__Main__\>\)'
      set filetype=dodo
    endif
    return
  endfor
endfunction
