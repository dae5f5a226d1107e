/* The dodo grammar (language.md §1–8). A pure, reentrant LALR(1) parser that
 * builds the tree of compiler/ast.h in the compilation's arena. Statement
 * separators (newline or ';') come from the token filter in compiler/lex.c,
 * which has already dropped the newlines that do not end a statement. */
%require "3.8"
%define api.pure full
%locations
%define api.location.type {Loc}
%define parse.error custom
%define parse.lac full
%param {Lexer *lx}
%expect 0

%code requires {
#include <stdint.h>
#include "ast.h"
#include "loc.h"
typedef struct Lexer Lexer;
typedef struct Ctx Ctx;

/* Lists built left to right while parsing. */
typedef struct NodeList { Node *head, *tail; } NodeList;
typedef struct NameItem { const char *name; Loc loc; struct NameItem *next; } NameItem;
}

%code provides {
Program *parse_program(Ctx *ctx);
}

%code {
#include <stdio.h>
#include <string.h>

#include "lex.h"

#define ARENA (&lx->ctx->arena)

# define YYLLOC_DEFAULT(Cur, Rhs, N)                                  \
  do {                                                                \
    if (N) {                                                          \
      (Cur).first_line = YYRHSLOC(Rhs, 1).first_line;                 \
      (Cur).first_column = YYRHSLOC(Rhs, 1).first_column;             \
      (Cur).offset = YYRHSLOC(Rhs, 1).offset;                         \
      (Cur).last_line = YYRHSLOC(Rhs, N).last_line;                   \
      (Cur).last_column = YYRHSLOC(Rhs, N).last_column;               \
    } else {                                                          \
      (Cur).first_line = (Cur).last_line = YYRHSLOC(Rhs, 0).last_line; \
      (Cur).first_column = (Cur).last_column = YYRHSLOC(Rhs, 0).last_column; \
      (Cur).offset = YYRHSLOC(Rhs, 0).offset;                         \
    }                                                                 \
  } while (0)

/* Enough for any program within AST_MAX_DEPTH (a level takes at most a few
 * entries). Chains like `else if` are right-recursive, so a chain too long
 * for AST_MAX_DEPTH can fill the stack before fin() sees it: yyerror() then
 * reports the same nesting diagnostic. */
#define YYMAXDEPTH 200000

static Node *fin(Lexer *lx, Node *n);
static void nesting_error(Lexer *lx, Loc loc);
static Node *new_call(Lexer *lx, Loc loc, const char *name, Node *args, bool keyword);
static Node *new_str(Lexer *lx, Loc loc);
static void str_add(Lexer *lx, Node *s, StrPiece **tail, const char *text, size_t len,
                    Node *expr);
static Node *new_decl(Lexer *lx, Loc loc, TypeRef *tref, const char *name, Node *init);
static TypeRef *new_tref(Lexer *lx, Loc loc, const char *name, bool ptr);
static Handler *new_handler(Lexer *lx, Loc loc, NameItem *names, Node *body);
static NameItem *new_name(Lexer *lx, Loc loc, const char *name, NameItem *prev);
static void add_func(Lexer *lx, Func *f);
static void section(Lexer *lx, Section s, Loc at);
static Node *negate(Lexer *lx, Loc loc, Node *operand);
static Node *name_node(Lexer *lx, Loc loc, const char *name);
static Node *new_field(Lexer *lx, Node *base, Loc loc, const char *name);
static void set_path(Lexer *lx, Node *assign, NameItem *path);
static void yyerror(const YYLTYPE *loc, Lexer *lx, const char *msg);
}

%union {
  uint64_t num;
  struct { const char *text; size_t len; } str;
  Node *node;
  NodeList list;
  TypeRef *tref;
  struct { TypeRef *head, *tail; int n; } trefs;
  struct { Param *head, *tail; int n; } params;
  struct { ContSig *head, *tail; int n; bool given; } conts;
  ContSig *cont;
  Param *param;
  struct { Handler *head, *tail; int n; } handlers;
  Handler *handler;
  NameItem *names;
  struct { Node *body; bool is_expr; bool given; } fbody;
  const char *name;
  struct { Node *node; StrPiece *tail; } strb; /* a string and its last piece */
}

/* What each token is, how it is spelled and what messages call it is
 * DODO_TOKENS (compiler/tokens.h); parse_tokens_check() and the unit test
 * tests/unit/test_tokens.c keep these lines and that table in step. */
%token <num> INTLIT
%token <str> STRING SPECIAL LNAME UNAME RESERVED
%token NEWLINE ARROW ELLIPSIS POW LE GE NE DOTCLOSE INTERP_OPEN
%token MODULE_KW MAIN_KW HEADER_KW
%token DEF USE IF ELSE LOOP BREAK FOR IN RETURN THROW YIELD
%token AND OR NOT TRUE FALSE INT_KW BOOL_KW NEW STRUCT

%type <node> expr binexpr unary primary call method stmt instr branch block
%type <node> field new_base struct_def new_expr field_init
%type <list> field_inits field_inits_opt struct_fields struct_body
%type <strb> string
%type <node> top_const
%type <list> stmt_list stmt_seq args args_opt decl_items
%type <tref> type
%type <trefs> types types_opt
%type <params> params params_opt
%type <conts> conts conts_opt
%type <cont> cont
%type <param> param_one
%type <handlers> handlers
%type <handler> handler
%type <names> hnames apath
%type <fbody> fbody_opt
%type <name> fname cont_name any_name

/* Lowest first. An `if` without `else` and a call's handler list both end
 * as late as possible: `else` and `|` bind to the innermost construct. */
%precedence LOWER_THAN_ELSE
%precedence ELSE
%precedence HANDLED
%precedence '|'
%left OR
%left AND
%nonassoc '<' LE '>' GE '=' NE
%left '+' '-'
%left '*' '/' '%'
%right POW

%%

program
  : opt_seps header top_items
  ;

header
  : %empty
  | MODULE_KW any_name seps
      { lx->ctx->prog->module = $2; lx->ctx->prog->module_loc = @2; }
  ;

any_name : LNAME { $$ = $1.text; } | UNAME { $$ = $1.text; } ;

top_items
  : %empty
  | top_seq opt_seps
  ;

top_seq
  : top_item
  | top_seq seps top_item
  ;

/* `__Header__` and `__Main__` open the module's public and private
 * sections (language.md §12); what follows each belongs to it. */
top_item
  : HEADER_KW         { section(lx, SECTION_HEADER, @1); }
  | MAIN_KW           { section(lx, SECTION_MAIN, @1); lx->ctx->prog->has_main_marker = true; }
  | USE any_name
      {
        /* §12: before `__Header__`; tier 1 files may open with `__Main__` */
        if (lx->ctx->prog->has_header)
          diag_error(&lx->ctx->diag, @1, "'use' must come first in the file, before '__Header__'");
        else if (lx->last_func || lx->last_const)
          diag_error(&lx->ctx->diag, @1, "'use' must come first in the file, before the declarations");
        Use *u = ARENA_NEW(ARENA, Use);
        u->loc = @2; u->name = $2;
        if (lx->last_use) lx->last_use->next = u;
        else lx->ctx->prog->uses = u;
        lx->last_use = u;
      }
  | top_const
      {
        $1->decl.in_header = lx->section == SECTION_HEADER;
        if (lx->last_const) lx->last_const->next = $1;
        else lx->ctx->prog->consts = $1;
        lx->last_const = $1;
      }
  | DEF fname '(' params_opt ')' conts_opt fbody_opt
      {
        Func *f = ARENA_NEW(ARENA, Func);
        f->loc = @1; f->name_loc = @2; f->name = $2;
        f->params = $4.head; f->nparams = $4.n;
        f->conts = $6.head; f->nconts = $6.n; f->conts_omitted = !$6.given;
        f->body = $7.body; f->body_is_expr = $7.is_expr;
        f->in_header = lx->section == SECTION_HEADER;
        add_func(lx, f);
      }
  | error
  ;

top_const
  : DEF LNAME '=' expr
      { $$ = new_decl(lx, @2, NULL, $2.text, $4); $$->decl.is_const = true; }
  ;

fname : LNAME { $$ = $1.text; } | UNAME { $$ = $1.text; } ;

fbody_opt
  : %empty        { $$.body = NULL; $$.is_expr = false; $$.given = false; }
  | '=' expr      { $$.body = $2; $$.is_expr = true; $$.given = true; }
  | block         { $$.body = $1; $$.is_expr = false; $$.given = true; }
  ;

params_opt
  : %empty        { $$.head = $$.tail = NULL; $$.n = 0; }
  | params
  ;

params
  : param_one             { $$.head = $$.tail = $1; $$.n = 1; }
  | params ',' param_one  { $$ = $1; $$.tail->next = $3; $$.tail = $3; $$.n++; }
  ;

/* `int a, b`: an untyped parameter takes the previous one's type (checker). */
param_one
  : type LNAME
      { $$ = ARENA_NEW(ARENA, Param); $$->loc = @2; $$->tref = $1; $$->name = $2.text; }
  | LNAME
      { $$ = ARENA_NEW(ARENA, Param); $$->loc = @1; $$->name = $1.text; }
  ;

type
  : INT_KW        { $$ = new_tref(lx, @1, "int", false); }
  | BOOL_KW       { $$ = new_tref(lx, @1, "bool", false); }
  | UNAME         { $$ = new_tref(lx, @1, $1.text, false); }
  | LNAME         { $$ = new_tref(lx, @1, $1.text, false); } /* int8 … uint64; `string s`:
                                                                 not a type, which the checker
                                                                 says with the nearest one */
  | UNAME '(' types_opt ')'
      { /* Generator(int): the checker says which names take types */
        $$ = new_tref(lx, @$, $1.text, false);
        $$->args = $3.head; $$->nargs = $3.n; $$->has_args = true;
      }
  | '*' UNAME     { $$ = new_tref(lx, @$, $2.text, true); }
  | LNAME '.' LNAME
      { /* geometry.square: a struct type of another module (§11, §12) */
        $$ = new_tref(lx, @3, $3.text, false); $$->module = $1.text;
      }
  ;

conts_opt
  : %empty        { $$.head = $$.tail = NULL; $$.n = 0; $$.given = false; }
  | ARROW conts   { $$ = $2; $$.given = true; }
  ;

conts
  : cont          { $$.head = $$.tail = $1; $$.n = 1; $$.given = true; }
  | conts '|' cont { $$ = $1; $$.tail->next = $3; $$.tail = $3; $$.n++; }
  ;

cont
  : cont_name '(' types_opt ')'
      {
        $$ = ARENA_NEW(ARENA, ContSig);
        $$->loc = @1; $$->name = $1; $$->types = $3.head; $$->ntypes = $3.n;
      }
  ;

cont_name
  : LNAME         { $$ = $1.text; }
  | RETURN        { $$ = "return"; }
  | YIELD         { $$ = "yield"; }
  ;

types_opt
  : %empty        { $$.head = $$.tail = NULL; $$.n = 0; }
  | types
  ;

types
  : type          { $$.head = $$.tail = $1; $$.n = 1; }
  | types ',' type { $$ = $1; $$.tail->next = $3; $$.tail = $3; $$.n++; }
  ;

block
  : '{' stmt_list '}'
      { $$ = ast_node(ARENA, ND_BLOCK, @$); $$->block.stmts = $2.head; $$ = fin(lx, $$); }
  | ':' stmt_list DOTCLOSE
      { $$ = ast_node(ARENA, ND_BLOCK, @$); $$->block.stmts = $2.head; $$ = fin(lx, $$); }
  ;

stmt_list
  : opt_seps                    { $$.head = $$.tail = NULL; }
  | opt_seps stmt_seq opt_seps  { $$ = $2; }
  ;

stmt_seq
  : stmt                  { $$.head = $$.tail = NULL; ast_append(&$$.head, &$$.tail, $1); }
  | stmt_seq seps stmt    { $$ = $1; ast_append(&$$.head, &$$.tail, $3); }
  ;

seps : sep | seps sep ;
sep : NEWLINE | ';' ;
opt_seps : %empty | seps ;
opt_nl : %empty | NEWLINE ;

stmt
  : DEF LNAME '=' expr          { $$ = new_decl(lx, @2, NULL, $2.text, $4); }
  | type decl_items
      {
        for (Node *d = $2.head; d; d = d->next) d->decl.tref = $1;
        $$ = $2.head;
      }
  | instr
  ;

/* Statements other than declarations: what an `if` arm or a handler may be
 * without braces (a declaration there would be out of scope at once). */
instr
  : '.' LNAME apath '=' expr
      {
        $$ = ast_node(ARENA, ND_ASSIGN, @2);
        $$->assign.name = $2.text; $$->assign.value = $5;
        set_path(lx, $$, $3);
        $$ = fin(lx, $$);
      }
  | LOOP block
      { $$ = ast_node(ARENA, ND_LOOP, @1); $$->loop.body = $2; $$ = fin(lx, $$); }
  | BREAK                       { $$ = ast_node(ARENA, ND_BREAK, @1); }
  | FOR hnames IN expr ELLIPSIS expr block
      {
        $$ = ast_node(ARENA, ND_FOR_RANGE, @1);
        if ($2->next)
          diag_error(&lx->ctx->diag, $2->next->loc, "a range loop binds one name");
        $$->for_range.var_name = $2->name; $$->for_range.var_loc = $2->loc;
        $$->for_range.lo = $4; $$->for_range.hi = $6; $$->for_range.body = $7;
        $$ = fin(lx, $$);
      }
  | FOR hnames IN expr block
      {
        $$ = ast_node(ARENA, ND_FOR_EACH, @1);
        $$->for_each.var_name = $2->name; $$->for_each.var_loc = $2->loc;
        int k = 0;
        for (NameItem *i = $2; i; i = i->next) k++;
        $$->for_each.nnames = k;
        $$->for_each.names = ARENA_ARRAY(ARENA, const char *, k);
        $$->for_each.name_locs = ARENA_ARRAY(ARENA, Loc, k);
        k = 0;
        for (NameItem *i = $2; i; i = i->next, k++) {
          $$->for_each.names[k] = i->name; $$->for_each.name_locs[k] = i->loc;
        }
        $$->for_each.call = $4; $$->for_each.body = $5;
        $$ = fin(lx, $$);
      }
  | THROW expr
      { $$ = ast_node(ARENA, ND_THROW, @1); $$->throw_.value = $2; $$ = fin(lx, $$); }
  | RETURN                      { $$ = new_call(lx, @1, "return", NULL, true); }
  | RETURN expr                 { $$ = new_call(lx, @1, "return", $2, true); }
  | RETURN '(' ')'              { $$ = new_call(lx, @1, "return", NULL, true); }
  | RETURN '(' expr ',' args ')'
      { $3->next = $5.head; $$ = new_call(lx, @1, "return", $3, true); }
  | YIELD                       { $$ = new_call(lx, @1, "yield", NULL, true); }
  | YIELD expr                  { $$ = new_call(lx, @1, "yield", $2, true); }
  | YIELD '(' ')'               { $$ = new_call(lx, @1, "yield", NULL, true); }
  | YIELD '(' expr ',' args ')'
      { $3->next = $5.head; $$ = new_call(lx, @1, "yield", $3, true); }
  | expr
  | error                       { $$ = NULL; }
  ;

decl_items
  : LNAME
      { $$.head = $$.tail = NULL; ast_append(&$$.head, &$$.tail, new_decl(lx, @1, NULL, $1.text, NULL)); }
  | LNAME '=' expr
      { $$.head = $$.tail = NULL; ast_append(&$$.head, &$$.tail, new_decl(lx, @1, NULL, $1.text, $3)); }
  | decl_items ',' LNAME
      { $$ = $1; ast_append(&$$.head, &$$.tail, new_decl(lx, @3, NULL, $3.text, NULL)); }
  | decl_items ',' LNAME '=' expr
      { $$ = $1; ast_append(&$$.head, &$$.tail, new_decl(lx, @3, NULL, $3.text, $5)); }
  ;

/* A single instruction or a block: the arms of `if`, and handler bodies. */
branch
  : instr
  | block
  ;

expr
  : binexpr
  | IF '(' expr ')' opt_nl branch %prec LOWER_THAN_ELSE
      { $$ = fin(lx, ast_if(ARENA, @1, $3, $6, NULL)); }
  | IF '(' expr ')' opt_nl branch ELSE branch
      { $$ = fin(lx, ast_if(ARENA, @1, $3, $6, $8)); }
  | call ARROW handlers %prec HANDLED
      {
        $$ = $1;
        $$->call.handlers = $3.head; $$->call.nhandlers = $3.n;
        $$->call.has_handlers = true;
        $$ = fin(lx, $$);
      }
  ;

handlers
  : handler                     { $$.head = $$.tail = $1; $$.n = 1; }
  | handlers '|' handler        { $$ = $1; $$.tail->next = $3; $$.tail = $3; $$.n++; }
  ;

/* `x, y; body`, `x` newline body, `x { … }`, `; body` (no values). */
handler
  : hnames ';' branch           { $$ = new_handler(lx, @$, $1, $3); }
  | hnames NEWLINE branch       { $$ = new_handler(lx, @$, $1, $3); }
  | hnames block                { $$ = new_handler(lx, @$, $1, $2); }
  | ';' branch                  { $$ = new_handler(lx, @$, NULL, $2); }
  | block                       { $$ = new_handler(lx, @$, NULL, $1); }
  ;

/* `.p.a.x = e`: the fields after the variable */
apath
  : %empty                      { $$ = NULL; }
  | apath '.' LNAME             { $$ = new_name(lx, @3, $3.text, $1); }
  ;

hnames
  : LNAME                       { $$ = new_name(lx, @1, $1.text, NULL); }
  | hnames ',' LNAME            { $$ = new_name(lx, @3, $3.text, $1); }
  ;

binexpr
  : unary
  | binexpr OR binexpr          { $$ = fin(lx, ast_binary(ARENA, @2, OP_OR, $1, $3)); }
  | binexpr AND binexpr         { $$ = fin(lx, ast_binary(ARENA, @2, OP_AND, $1, $3)); }
  | binexpr '<' binexpr         { $$ = fin(lx, ast_binary(ARENA, @2, OP_LT, $1, $3)); }
  | binexpr LE binexpr          { $$ = fin(lx, ast_binary(ARENA, @2, OP_LE, $1, $3)); }
  | binexpr '>' binexpr         { $$ = fin(lx, ast_binary(ARENA, @2, OP_GT, $1, $3)); }
  | binexpr GE binexpr          { $$ = fin(lx, ast_binary(ARENA, @2, OP_GE, $1, $3)); }
  | binexpr '=' binexpr         { $$ = fin(lx, ast_binary(ARENA, @2, OP_EQ, $1, $3)); }
  | binexpr NE binexpr          { $$ = fin(lx, ast_binary(ARENA, @2, OP_NE, $1, $3)); }
  | binexpr '+' binexpr         { $$ = fin(lx, ast_binary(ARENA, @2, OP_ADD, $1, $3)); }
  | binexpr '-' binexpr         { $$ = fin(lx, ast_binary(ARENA, @2, OP_SUB, $1, $3)); }
  | binexpr '*' binexpr         { $$ = fin(lx, ast_binary(ARENA, @2, OP_MUL, $1, $3)); }
  | binexpr '/' binexpr         { $$ = fin(lx, ast_binary(ARENA, @2, OP_DIV, $1, $3)); }
  | binexpr '%' binexpr         { $$ = fin(lx, ast_binary(ARENA, @2, OP_MOD, $1, $3)); }
  | binexpr POW binexpr         { $$ = fin(lx, ast_binary(ARENA, @2, OP_POW, $1, $3)); }
  ;

/* Unary operators bind tighter than `**` (language.md §7): -2 ** 2 is 4. */
unary
  : primary
  | '-' unary                   { $$ = negate(lx, @1, $2); }
  | NOT unary                   { $$ = fin(lx, ast_unary(ARENA, @1, OP_NOT, $2)); }
  ;

primary
  : INTLIT                      { $$ = ast_int(ARENA, @1, $1); }
  | TRUE                        { $$ = ast_node(ARENA, ND_BOOL, @1); $$->boolean = true; }
  | FALSE                       { $$ = ast_node(ARENA, ND_BOOL, @1); $$->boolean = false; }
  | string                      { $$ = fin(lx, $1.node); }
  | LNAME                       { $$ = ast_node(ARENA, ND_NAME, @1); $$->name.name = $1.text; }
  | field
  | new_expr
  | struct_def
  | call
  | method
  | '(' expr ')'
      {
        $$ = $2;
        if ($$->kind == ND_INT) $$->num.parenthesized = true;
      }
  ;

/* p.x, p.at.x, f(a).x; `geometry.pi`, a public constant of another
 * module, is a field of a name too until the checker finds that geometry
 * is a module. */
field
  : LNAME '.' LNAME             { $$ = new_field(lx, name_node(lx, @1, $1.text), @3, $3.text); }
  | field '.' LNAME             { $$ = new_field(lx, $1, @3, $3.text); }
  | call '.' LNAME              { $$ = new_field(lx, $1, @3, $3.text); }
  | '(' expr ')' '.' LNAME      { $$ = new_field(lx, $2, @5, $5.text); }
  ;

/* new p(x: 1, y: 2), new geometry.square(side: 2), new n.at() */
new_expr
  : NEW new_base '(' field_inits_opt ')'
      {
        $$ = ast_node(ARENA, ND_NEW, @1);
        $$->new_.base = $2; $$->new_.inits = $4.head;
        $$ = fin(lx, $$);
      }
  ;

new_base
  : LNAME                       { $$ = name_node(lx, @1, $1.text); }
  | new_base '.' LNAME          { $$ = new_field(lx, $1, @3, $3.text); }
  ;

field_inits_opt
  : %empty                      { $$.head = $$.tail = NULL; }
  | field_inits
  ;

field_inits
  : field_init                  { $$.head = $$.tail = NULL; ast_append(&$$.head, &$$.tail, $1); }
  | field_inits ',' field_init  { $$ = $1; ast_append(&$$.head, &$$.tail, $3); }
  ;

field_init
  : LNAME ':' expr
      {
        $$ = ast_node(ARENA, ND_FIELD_INIT, @1);
        $$->init.name = $1.text; $$->init.value = $3;
        $$ = fin(lx, $$);
      }
  ;

/* new struct { int x, y ; String label = "origin" } (language.md §11) */
struct_def
  : NEW STRUCT '{' struct_body '}'
      {
        $$ = ast_node(ARENA, ND_STRUCT_DEF, @1);
        $$->struct_def.fields = $4.head; $$->struct_def.nfields = ast_count($4.head);
        $$ = fin(lx, $$);
      }
  ;

struct_body
  : opt_seps                            { $$.head = $$.tail = NULL; }
  | opt_seps struct_fields opt_seps     { $$ = $2; }
  ;

struct_fields
  : type decl_items
      {
        for (Node *d = $2.head; d; d = d->next) d->decl.tref = $1;
        $$ = $2;
      }
  | struct_fields seps type decl_items
      {
        for (Node *d = $4.head; d; d = d->next) d->decl.tref = $3;
        $$ = $1; $$.tail->next = $4.head; $$.tail = $4.tail;
      }
  ;

call
  : LNAME '(' args_opt ')'      { $$ = new_call(lx, @1, $1.text, $3.head, false); }
  | INT_KW '(' args_opt ')'     { $$ = new_call(lx, @1, "int", $3.head, false); } /* int(e) */
  | LNAME '.' LNAME '(' args_opt ')'
      { /* geometry.area(…): a public function of another module */
        $$ = new_call(lx, @3, $3.text, $5.head, false);
        $$->call.module = $1.text; $$->call.module_loc = @1;
      }
  ;

/* console!out.Puts(s): service!capability.Method(args) */
method
  : LNAME '!' LNAME '.' UNAME '(' args_opt ')'
      {
        $$ = ast_node(ARENA, ND_METHOD, @$);
        $$->method.service = $1.text; $$->method.cap = $3.text;
        $$->method.method = $5.text; $$->method.method_loc = @5;
        $$->method.args = $7.head; $$->method.nargs = ast_count($7.head);
        $$ = fin(lx, $$);
      }
  | LNAME '!' LNAME '.' LNAME '(' args_opt ')'
      { /* `puts`: no method, which the checker says with the nearest one */
        $$ = ast_node(ARENA, ND_METHOD, @$);
        $$->method.service = $1.text; $$->method.cap = $3.text;
        $$->method.method = $5.text; $$->method.method_loc = @5;
        $$->method.args = $7.head; $$->method.nargs = ast_count($7.head);
        $$ = fin(lx, $$);
      }
  ;

args_opt
  : %empty                      { $$.head = $$.tail = NULL; }
  | args
  ;

args
  : expr                        { $$.head = $$.tail = NULL; ast_append(&$$.head, &$$.tail, $1); }
  | args ',' expr               { $$ = $1; ast_append(&$$.head, &$$.tail, $3); }
  ;

/* Pieces join: "a"\n"b"(x)"c" is one string. */
string
  : STRING
      { $$.node = new_str(lx, @1); $$.tail = NULL; str_add(lx, $$.node, &$$.tail, $1.text, $1.len, NULL); }
  | SPECIAL
      { $$.node = new_str(lx, @1); $$.tail = NULL; str_add(lx, $$.node, &$$.tail, $1.text, $1.len, NULL); }
  | string STRING               { $$ = $1; str_add(lx, $$.node, &$$.tail, $2.text, $2.len, NULL); }
  | string SPECIAL              { $$ = $1; str_add(lx, $$.node, &$$.tail, $2.text, $2.len, NULL); }
  | string INTERP_OPEN expr ')' { $$ = $1; str_add(lx, $$.node, &$$.tail, NULL, 0, $3); }
  ;

%%

/* Sets the subtree height and enforces AST_MAX_DEPTH, so that every later
 * recursive walk is bounded. */
static Node *fin(Lexer *lx, Node *n) {
  int d = ast_children_depth(n);
  n->depth = d < AST_MAX_DEPTH ? d + 1 : AST_MAX_DEPTH + 1; /* saturates: 16 bits */
  if (n->depth > AST_MAX_DEPTH) nesting_error(lx, n->loc);
  return n;
}

static void nesting_error(Lexer *lx, Loc loc) {
  if (lx->ctx->abandoned) return;
  diag_error(&lx->ctx->diag, loc,
             "program is nested too deeply: more than %d levels of expressions "
             "and statements (each operator of a chain like 1+1+… is a level)",
             AST_MAX_DEPTH);
  lx->ctx->abandoned = true;
}

static Node *new_call(Lexer *lx, Loc loc, const char *name, Node *args,
                      bool keyword) {
  Node *n = ast_node(ARENA, ND_CALL, loc);
  n->call.name = name;
  n->call.args = args;
  n->call.nargs = ast_count(args);
  n->call.keyword = keyword;
  n->call.cont = -1;
  return fin(lx, n);
}

static Node *new_str(Lexer *lx, Loc loc) {
  return ast_node(ARENA, ND_STR, loc);
}

/* Appends a piece after *tail, the string's last piece, which the parser
 * keeps beside the node: walking the list to its end on every append made
 * 200,000 interpolations take minutes. Adjacent literal pieces are merged. */
static void str_add(Lexer *lx, Node *s, StrPiece **tail, const char *text, size_t len,
                    Node *expr) {
  StrPiece *last = *tail;
  if (!expr && last && !last->expr) {
    /* grow geometrically: "a""b""c"… thousands of pieces stay linear */
    if (last->len + len + 1 > last->cap) {
      size_t cap = 2 * (last->len + len + 1);
      char *joined = arena_alloc(ARENA, cap);
      memcpy(joined, last->text, last->len);
      last->text = joined;
      last->cap = cap;
    }
    memcpy((char *)last->text + last->len, text, len);
    last->len += len;
    return;
  }
  StrPiece *piece = ARENA_NEW(ARENA, StrPiece);
  piece->text = text;
  piece->len = len;
  piece->expr = expr;
  if (last) last->next = piece;
  else s->str.pieces = piece;
  *tail = piece;
  s->str.npieces++;
}

static Node *new_decl(Lexer *lx, Loc loc, TypeRef *tref, const char *name,
                      Node *init) {
  Node *n = ast_node(ARENA, ND_DECL, loc);
  n->decl.tref = tref;
  n->decl.name = name;
  n->decl.init = init;
  return fin(lx, n);
}

static TypeRef *new_tref(Lexer *lx, Loc loc, const char *name, bool ptr) {
  TypeRef *t = ARENA_NEW(ARENA, TypeRef);
  t->loc = loc;
  t->name = name;
  t->is_pointer = ptr;
  return t;
}

static NameItem *new_name(Lexer *lx, Loc loc, const char *name,
                          NameItem *prev) {
  NameItem *n = ARENA_NEW(ARENA, NameItem);
  n->name = name;
  n->loc = loc;
  if (!prev) return n;
  NameItem *p = prev;
  while (p->next) p = p->next;
  p->next = n;
  return prev;
}

static Handler *new_handler(Lexer *lx, Loc loc, NameItem *names, Node *body) {
  Handler *h = ARENA_NEW(ARENA, Handler);
  h->loc = loc;
  h->body = body;
  for (NameItem *n = names; n; n = n->next) h->nnames++;
  h->names = ARENA_ARRAY(ARENA, const char *, h->nnames);
  h->name_locs = ARENA_ARRAY(ARENA, Loc, h->nnames);
  int i = 0;
  for (NameItem *n = names; n; n = n->next, i++) {
    h->names[i] = n->name;
    h->name_locs[i] = n->loc;
  }
  return h;
}

/* Appends in source order (the parser keeps the tail: no quadratic walk). */
static void section(Lexer *lx, Section s, Loc at) {
  Program *p = lx->ctx->prog;
  if (s == SECTION_HEADER && (lx->section != SECTION_NONE || lx->last_func || lx->last_const))
    diag_error(&lx->ctx->diag, at, "'__Header__' must come before '__Main__' and the declarations");
  else if (s == SECTION_MAIN && lx->section == SECTION_MAIN)
    diag_error(&lx->ctx->diag, at, "a second '__Main__'");
  lx->section = s;
  p->has_sections = true;
  if (s == SECTION_HEADER) p->has_header = true;
}

static void add_func(Lexer *lx, Func *f) {
  if (lx->last_func) lx->last_func->next = f;
  else lx->ctx->prog->funcs = f;
  lx->last_func = f;
}

static Node *name_node(Lexer *lx, Loc loc, const char *name) {
  Node *n = ast_node(ARENA, ND_NAME, loc);
  n->name.name = name;
  return n;
}

static Node *new_field(Lexer *lx, Node *base, Loc loc, const char *name) {
  Node *n = ast_node(ARENA, ND_FIELD, loc);
  n->field.base = base;
  n->field.name = name;
  n->field.name_loc = loc;
  return fin(lx, n);
}

static void set_path(Lexer *lx, Node *assign, NameItem *path) {
  int n = 0;
  for (NameItem *p = path; p; p = p->next) n++;
  if (n == 0) return;
  FieldPath *fp = ARENA_NEW(ARENA, FieldPath);
  fp->n = n;
  fp->names = ARENA_ARRAY(ARENA, const char *, n);
  fp->locs = ARENA_ARRAY(ARENA, Loc, n);
  int i = 0;
  for (NameItem *p = path; p; p = p->next, i++) {
    fp->names[i] = p->name;
    fp->locs[i] = p->loc;
  }
  assign->assign.path = fp;
}

/* -9223372036854775808 is the one `int` literal above INT64_MAX, and only
 * directly after a unary minus: the lexer keeps 2^63 as a `too_big`
 * INT64_MIN, which this makes legal. Larger literals (a uint64's) stay
 * `too_big`, for the checker to judge against their type. */
static Node *negate(Lexer *lx, Loc loc, Node *operand) {
  if (operand->kind == ND_INT && operand->num.too_big && operand->num.value == INT64_MIN &&
      !operand->num.parenthesized) {
    operand->num.too_big = false;
    operand->loc.first_line = loc.first_line;
    operand->loc.first_column = loc.first_column;
    operand->loc.offset = loc.offset;
    return operand;
  }
  return fin(lx, ast_unary(ARENA, loc, OP_NEG, operand));
}

/* ---- Syntax error messages ---------------------------------------------- */

/* Every token (compiler/tokens.h), to map bison's symbol kinds back to the
 * token codes lex_token_name() spells. */
static const int all_tokens[] = {
#define ROW(code, text, flags) code,
    DODO_TOKENS(ROW, ROW, ROW)
#undef ROW
};

static int token_of(yysymbol_kind_t kind) {
  for (size_t i = 0; i < sizeof all_tokens / sizeof all_tokens[0]; i++)
    if (YYTRANSLATE(all_tokens[i]) == kind) return all_tokens[i];
  return -1;
}

bool parse_tokens_check(Buf *why) {
  bool seen[YYNTOKENS] = {false};
  bool ok = true;
  for (size_t i = 0; i < sizeof all_tokens / sizeof all_tokens[0]; i++) {
    yysymbol_kind_t k = YYTRANSLATE(all_tokens[i]);
    if (k == YYSYMBOL_YYUNDEF || seen[k]) {
      buf_printf(why, "token %s: %s\n", lex_token_name(all_tokens[i]),
                 seen[k] ? "two rows" : "not a token of the grammar");
      ok = false;
    }
    seen[k] = true;
  }
  for (int k = 0; k < YYNTOKENS; k++) {
    if (seen[k] || k == YYSYMBOL_YYerror || k == YYSYMBOL_YYUNDEF ||
        k == YYSYMBOL_LOWER_THAN_ELSE || k == YYSYMBOL_HANDLED)
      continue; /* bison's own, and names only precedence uses */
    buf_printf(why, "grammar token %s: no row in DODO_TOKENS\n", yysymbol_name((yysymbol_kind_t)k));
    ok = false;
  }
  return ok;
}

static bool is_binary_operator(int t) { return lex_token_flags(t) & TK_BINOP; }

static bool starts_expression(int t) { return lex_token_flags(t) & TK_EXPR; }

static bool starts_statement(int t) {
  return lex_token_flags(t) & (TK_EXPR | TK_STMT);
}

static int closer_of(int opener) {
  return opener == '{' ? '}' : opener == ':' ? DOTCLOSE : ')';
}

/* "expected X, Y or Z before W", grouping what a person would group:
 * statement and expression starters, and the binary operators, which may
 * follow any expression and would only be noise. */
static int yyreport_syntax_error(const yypcontext_t *yyctx, Lexer *lx) {
  if (lx->ctx->abandoned) return 0;
  yysymbol_kind_t kinds[YYNTOKENS];
  int n = yypcontext_expected_tokens(yyctx, kinds, YYNTOKENS);
  int toks[YYNTOKENS], ntoks = 0;
  bool has_int = false, has_loop = false, has_other = false;
  for (int i = 0; i < n; i++) {
    int t = token_of(kinds[i]);
    if (t < 0) continue;
    toks[ntoks++] = t;
    if (t == INTLIT) has_int = true;
    if (t == LOOP) has_loop = true;
  }
  const char *names[YYNTOKENS];
  int nnames = 0;
  if (has_loop) names[nnames++] = "statement";
  else if (has_int) names[nnames++] = "expression";
  for (int i = 0; i < ntoks; i++) {
    int t = toks[i];
    if (has_loop && starts_statement(t)) continue;
    if (has_int && starts_expression(t)) continue;
    if (!is_binary_operator(t)) has_other = true;
  }
  int closer = lx->has_innermost ? closer_of(lx->innermost.kind) : -1;
  for (int i = 0; i < ntoks; i++) {
    int t = toks[i];
    if ((has_loop && starts_statement(t)) || (has_int && starts_expression(t)))
      continue;
    if (has_other && is_binary_operator(t)) continue;
    if (t == closer)
      names[nnames++] = arena_printf(
          ARENA, "%s (to close %s at %d:%d)", lex_token_name(t),
          lex_token_name(lx->innermost.kind == INTERP_OPEN ? '(' : lx->innermost.kind),
          lx->innermost.loc.first_line, lx->innermost.loc.first_column);
    else
      names[nnames++] = lex_token_name(t);
  }

  int la = token_of(yypcontext_token(yyctx));
  if (la == YYEOF && lx->unterminated) return 0; /* the cause is reported */
  const char *what;
  if (la == LNAME || la == UNAME)
    what = arena_printf(ARENA, "before '%s'", lx->last_val.str.text);
  else if (la == RESERVED)
    what = arena_printf(ARENA, "before reserved word '%s'", lx->last_val.str.text);
  else if (la == NEWLINE || la == YYEOF)
    what = arena_printf(ARENA, "at %s", lex_token_name(la));
  else
    what = arena_printf(ARENA, "before %s", lex_token_name(la));

  Buf msg;
  buf_init(&msg);
  if (nnames == 0 || nnames > 5) {
    buf_printf(&msg, "unexpected %s", what + (what[0] == 'b' ? 7 : 3));
  } else {
    buf_puts(&msg, "expected ");
    for (int i = 0; i < nnames; i++) {
      if (i > 0) buf_puts(&msg, i == nnames - 1 ? " or " : ", ");
      buf_puts(&msg, names[i]);
    }
    buf_printf(&msg, " %s", what);
  }
  diag_error(&lx->ctx->diag, *yypcontext_location(yyctx), "%s", msg.data);
  buf_free(&msg);
  return 0;
}

/* Bison reports here only a full stack ("memory exhausted"). The stack grows
 * with right-nested constructs such as a long `else if` chain, whose depth
 * fin() could only measure once the whole chain is read: so it is the
 * nesting diagnostic, reported where the parser stopped. */
static void yyerror(const YYLTYPE *loc, Lexer *lx, const char *msg) {
  if (strcmp(msg, "memory exhausted") == 0) {
    nesting_error(lx, *loc);
    return;
  }
  if (lx->ctx->abandoned) return;
  diag_error(&lx->ctx->diag, *loc, "%s", msg);
  lx->ctx->abandoned = true;
}

Program *parse_program(Ctx *ctx) {
  ctx->prog = ARENA_NEW(&ctx->arena, Program);
  Lexer lx;
  lex_open(&lx, ctx);
  yyparse(&lx);
  lex_close(&lx);
  return ctx->prog;
}
