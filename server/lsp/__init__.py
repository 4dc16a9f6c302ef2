"""The wfl language server (pygls 2, lsprotocol 2025).

`server.py` holds the pygls server and its thin handlers; everything they answer with comes from
pure functions of (document text / parse result, environment index, position):

| module | feature |
|---|---|
| `analysis` | parse + check one snapshot; diagnostics as LSP objects |
| `positions` | offsets <-> LSP positions in UTF-8/16/32 |
| `context` | what the cursor is in, from the tokens (for half-typed documents) |
| `search` | fuzzy node ranking (ids, names, aliases, areas), built once per environment |
| `completion`, `hover`, `signature_help` | typing help |
| `navigation`, `envtext` | definition into the environment file, references, rename |
| `symbols`, `folding`, `semantic_tokens`, `inlay_hints`, `formatting` | presentation |
| `code_actions` | quick fixes from diagnostic data |
| `environment` | which environment files, loading, the last good index |
| `cli` | `wfl serve` (`add_serve_command`), also `python -m wfl.lsp` |
"""
