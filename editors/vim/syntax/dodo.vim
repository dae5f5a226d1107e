" Vim syntax file
" Language:    dodo (the dialect compiled by dodoc; see docs/language.md)
" Filenames:   *.dodo *.doo (and *.do, see ftdetect/dodo.vim)

if exists('b:current_syntax')
  finish
endif

let s:cpo_save = &cpo
set cpo&vim

" Names may end in apostrophes (x', n''), so ' is part of a keyword here.
silent! syntax iskeyword @,48-57,_,39

syntax keyword dodoStatement   def use return throw yield break
syntax keyword dodoConditional if else
syntax keyword dodoRepeat      loop for in
syntax keyword dodoOperator    and or not
syntax keyword dodoBoolean     true false
syntax keyword dodoType        int bool String
" Reserved words: an error wherever they appear.
syntax keyword dodoReserved    new make fun method struct try catch self

" The console capability, declared in Run as `*Stdout out`.
syntax match dodoCapability    "\*Stdout\>"

" File header lines.
syntax match dodoPreProc       "\<__Module__\>"
syntax match dodoPreProc       "\<__Main__\>"
syntax match dodoError         "\<__Header__\>"

" Function names after def.
syntax match dodoFunction      "\%(\<def\s\+\)\@<=\a[A-Za-z0-9_]*'*\ze\s*("

" Integer literals: decimal, 0x hexadecimal, 0c octal, 0b binary.
syntax match dodoNumber        "\<\d\+\>"
syntax match dodoNumber        "\<0[xX]\x\+\>"
syntax match dodoNumber        "\<0[cC]\o\+\>"
syntax match dodoNumber        "\<0[bB][01]\+\>"

" Strings have no escape character: "" stands for one quote. Special
" characters are written outside strings: \n \t \q; any other is an error.
syntax region dodoString       start=+"+ skip=+""+ end=+"+ contains=@Spell
syntax match  dodoSpecialError "\\."
syntax match  dodoSpecial      "\\[ntq]"

" Comments: # to the end of the line, and #--- ... +++ block comments, which
" nest. A # followed by three dashes always opens a block comment.
syntax keyword dodoTodo        TODO FIXME XXX NOTE contained
syntax match  dodoComment      "#\%(---\)\@!.*$" contains=dodoTodo,@Spell
syntax region dodoBlockComment start="#---" end="+++" contains=dodoBlockComment,dodoTodo,@Spell fold

" Continuations and handlers.
syntax match dodoArrow         "->"

syntax sync minlines=200

highlight default link dodoStatement    Statement
highlight default link dodoConditional  Conditional
highlight default link dodoRepeat       Repeat
highlight default link dodoOperator     Operator
highlight default link dodoBoolean      Boolean
highlight default link dodoType         Type
highlight default link dodoReserved     Error
highlight default link dodoCapability   StorageClass
highlight default link dodoPreProc      PreProc
highlight default link dodoError        Error
highlight default link dodoFunction     Function
highlight default link dodoNumber       Number
highlight default link dodoString       String
highlight default link dodoSpecial      SpecialChar
highlight default link dodoSpecialError Error
highlight default link dodoTodo         Todo
highlight default link dodoComment      Comment
highlight default link dodoBlockComment Comment
highlight default link dodoArrow        Special

let b:current_syntax = 'dodo'

let &cpo = s:cpo_save
unlet s:cpo_save
