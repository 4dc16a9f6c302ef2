" Vim syntax file
" Language: wfl (workflows for home automation)
" The language server adds semantic highlighting (nodes, properties, actions, enum members) on top.

if exists('b:current_syntax')
  finish
endif

scriptencoding utf-8

let s:cpo_save = &cpo
set cpo&vim

syn case match

" Comments and strings
syn keyword wflTodo contained TODO FIXME XXX NOTE
syn match   wflComment "#.*$" contains=wflTodo,@Spell
syn match   wflEscape contained "\\."
syn region  wflString start=+"+ skip=+\\\\\|\\"+ end=+"+ end=+$+ contains=wflEscape,@Spell oneline

" Keywords
syn keyword wflWorkflow workflow nextgroup=wflWorkflowName skipwhite
syn match   wflWorkflowName contained "\<\h\w*\>"
syn keyword wflTrigger when at every on changes becomes for
syn keyword wflConditional if else
syn keyword wflAction do wait
syn keyword wflOperatorWord and or not in
syn keyword wflBoolean true false
syn keyword wflSun sunrise sunset
syn match   wflDay "\<\%(mon\|tue\|wed\|thu\|fri\|sat\|sun\|monday\|tuesday\|wednesday\|thursday\|friday\|saturday\|sunday\|weekdays\|weekends\|daily\)\>\%(\s*[.(:]\)\@!"

" node.property references, node.action( calls, name: arguments
syn match   wflRef "\<\h\w*\.\%(\h\w*\)\=" contains=wflNode,wflDot,wflProperty
syn match   wflNode contained "\<\h\w*\ze\."
syn match   wflDot contained "\."
syn match   wflProperty contained "\.\@1<=\h\w*"
syn match   wflCall "\<\h\w*\.\h\w*\ze\s*(" contains=wflNode,wflDot,wflActionName
syn match   wflActionName contained "\.\@1<=\h\w*"
syn match   wflArgument "\<\h\w*\ze\s*:\%(\d\)\@!"

" Numbers with units (25 °C, 0.4 EUR/kWh, 70 %), durations (5 min, 1 h 30 min), times (07:30).
" Later definitions win where several start at one place: time units over other units, times over numbers.
syn match   wflNumber "\%(\w\|\.\)\@<!\d\+\%(\.\d\+\)\=" nextgroup=wflUnit,wflTimeUnit skipwhite
syn match   wflUnit contained "\%(%\|°[CF]\=\|℃\|℉\)"
syn match   wflUnit contained "\<\%(and\>\|or\>\|not\>\|in\>\|for\>\|do\>\|if\>\|else\>\|on\>\|at\>\|when\>\|every\>\|wait\>\|true\>\|false\>\|changes\>\|becomes\>\|workflow\>\)\@!\a[[:alpha:]²³·]*\%(/\a[[:alpha:]²³]*\)\=\>\%([.(_]\)\@!"
syn match   wflTimeUnit contained "\<\%(ms\|s\|sec\|second\|seconds\|min\|minute\|minutes\|h\|hr\|hour\|hours\|d\|day\|days\|week\|weeks\)\>\%([.(_]\)\@!"
syn match   wflTime "\<\d\{1,2}:\d\d\%(:\d\d\)\=\>"

" Operators
syn match   wflOperator "==\|!=\|<=\|>=\|<\|>"
syn match   wflError "\%([=!<>]\)\@<!=\%(=\)\@!"

hi def link wflComment      Comment
hi def link wflTodo         Todo
hi def link wflString       String
hi def link wflEscape       SpecialChar
hi def link wflWorkflow     Keyword
hi def link wflWorkflowName Function
hi def link wflTrigger      Keyword
hi def link wflConditional  Conditional
hi def link wflAction       Statement
hi def link wflOperatorWord Operator
hi def link wflBoolean      Boolean
hi def link wflSun          Constant
hi def link wflDay          Constant
hi def link wflNode         Identifier
hi def link wflDot          Delimiter
hi def link wflProperty     Identifier
hi def link wflActionName   Function
hi def link wflArgument     Special
hi def link wflTime         Number
hi def link wflNumber       Number
hi def link wflTimeUnit     Type
hi def link wflUnit         Type
hi def link wflOperator     Operator
hi def link wflError        Error

let b:current_syntax = 'wfl'

let &cpo = s:cpo_save
unlet s:cpo_save
