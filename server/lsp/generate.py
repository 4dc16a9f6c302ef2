"""Natural-language generation in the editor: where a request is written, what to insert, and the
model that answers it.

**Where** (pure functions, `generation_actions` / `workflow_site` / `condition_site`): the code
action "Generate workflow from this comment" is offered on a `#` comment line outside any workflow
(consecutive comment lines form one request; the workflow goes right after them, so the comment
stays and documents it); "Generate workflow from the selection" / "…from this text" on selected
plain text, or on a line of plain text, outside any workflow (the text is replaced); "Generate
condition from …" on an `if` or `when` clause whose expression is plain text with errors
(`if it is dark and nobody is home`), or whose expression is a comment (`if # nobody home`, or a
bare `if` followed by comment lines). The list answer carries no edit, only `data` (uri, version,
the site); `codeAction/resolve` generates. **What** (`build_edits`): the generated text, with
`# wfl: fallback (reason) — check this` above it when the model's answer was the deterministic
fallback or does not check, and the line breaks it needs around it.

**The model** (`ModelService`): loaded after `initialized` in a worker thread, then warmed up: the
fixed prompt prefix is evaluated into llama.cpp's cache (without it the first real request runs
out of time), then one untimed request. Every model operation runs on one worker thread, so loading,
warming up and generating are serialised and never block the event loop. The client hears
`wfl/modelState` `{state, detail?}`: `loading`, then `ready` or `off` (with the reason; requests
still get the marked deterministic fallback); `generating` while a request runs; `fallback` after
a fallback answer, back to the base state a few seconds later. The `Generator` is rebuilt (cheap)
when the environment index changes; the backend and the entity tagger are reused.

**Configuration**, later layers overriding earlier ones key by key: the defaults of
`GenerationSettings`; the `[generate]` table of `wfl.toml` (`Config.generate`; a relative `model`
path is relative to that file); the initialization options; the `wfl` settings section of
`workspace/didChangeConfiguration`. In the last two, `model: {path}` and
`budget: {workflowMs, conditionMs}` (what the VS Code and Neovim clients send) come first, then
`generate: {...}` with the `GenerationSettings` fields. `enabled: false` (or `backend: "off"`)
turns the model off: nothing is loaded, the state is `off` and the actions still answer with the
marked fallback (the LSP tests of other features start the server this way, so they never pay for
a model). A layer with an invalid value is ignored with a warning in the client's log. When the
settings change (a new `wfl.toml`, new client settings) the model is loaded again.

The command `wfl.generate` takes `{description, uri?, position?}`: with an open document and a
position it applies the workflow there (after the workflow holding the position, if any) with
`workspace/applyEdit` and returns nothing; otherwise, or when the client cannot apply edits, it
returns `{text, detail}` (`clients/vscode/src/generate.ts`).

**Requests** (`run_generation`): work-done progress when the client supports it, cancellation
(`$/cancelRequest` of the resolve/command request, or cancelling the progress) sets the `cancel`
event the pipeline polls between tokens, and the edit is only applied when the document still has
the version the request was made for; otherwise the result is discarded with a message.
"""

from __future__ import annotations

import asyncio
import bisect
import logging
import re
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from lsprotocol import types
from wfl.inference.pipeline import first_error
from wfl.schemas.diagnostics import Severity
from wfl.inference.settings import ResolvedSettings, resolve_settings  # noqa: F401 (the server resolves its settings through this module)

log = logging.getLogger("wfl.lsp")

MODEL_STATE = "wfl/modelState"
COMMAND = "wfl.generate"
DATA_TAG = "wfl.generate"
MARKER = "# wfl: "
FALLBACK_HOLD_S = 5.0
"""How long `fallback` stays the reported state before the base state (`ready`/`off`) returns."""
WARMUP_REQUEST = "the light is on"
WARMUP_DEADLINE_S = 5.0
"""The warm-up only has to evaluate the prompt prefix once (which runs past any deadline); the
deadline bounds the retries the pipeline makes when the warm-up's answer does not check."""
COMMENT_TITLE = "Generate workflow from this comment"
MAX_REQUEST = 2000
"""Characters of a request passed on (a huge selection is not a description)."""
MAX_LINES = 30
"""Lines a comment or text block may reach above and below the cursor."""

Target = Literal["workflow", "condition"]
Mode = Literal["after", "replace", "insert", "condition", "condition-after"]


# ---------------------------------------------------------------- text helpers (pure)

_BREAK = re.compile(r"\r\n|\r|\n")
_WORD = re.compile(r"[^\W\d_]{2,}")


def _line_at(text: str, offset: int) -> tuple[int, int, int | None]:
    """(start, end, start of the next line or None) of the line holding `offset`; `end` is before
    the line break. Lines end at `\\n`, `\\r\\n` or `\\r`, as in LSP."""
    offset = max(0, min(offset, len(text)))
    if 0 < offset < len(text) and text[offset - 1] == "\r" and text[offset] == "\n":
        offset -= 1  # inside a CRLF: the line the break ends
    start = max(text.rfind("\n", 0, offset), text.rfind("\r", 0, offset)) + 1
    match = _BREAK.search(text, offset)
    if match is None:
        return start, len(text), None
    return start, match.start(), match.end()


def _previous_line(text: str, start: int) -> tuple[int, int, int | None] | None:
    """The line before the one starting at `start`."""
    if start <= 0:
        return None
    end = start - 1
    if text[end] == "\n" and end > 0 and text[end - 1] == "\r":
        end -= 1
    return _line_at(text, end)


def _next_line(text: str, nxt: int | None) -> tuple[int, int, int | None] | None:
    if nxt is None or nxt > len(text):
        return None
    if nxt == len(text):
        return None
    return _line_at(text, nxt)


def _lines_from(text: str, first: tuple[int, int, int | None], last: tuple[int, int, int | None]):
    """Each line from `first` to `last`, both included."""
    line: tuple[int, int, int | None] | None = first
    while line is not None:
        yield line
        if line[0] >= last[0]:
            break
        line = _next_line(text, line[2])


def _starts_workflow(doc: _Doc, line: tuple[int, int, int | None]) -> bool:
    """Whether the line begins with the `workflow` keyword (a workflow being typed, not prose)."""
    token = doc.first_token(line[0], line[1])
    return token is not None and token.kind == "keyword" and token.text == "workflow"


def _one_line(text: str, limit: int = 100) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def _request_text(lines: list[str]) -> str:
    """Comment or plain lines as one request: `#` markers dropped, whitespace collapsed."""
    parts = [re.sub(r"^\s*#+\s?", "", line) for line in lines]
    return " ".join(" ".join(parts).split())[:MAX_REQUEST]


def _is_request(text: str) -> bool:
    return _WORD.search(text) is not None


def _comment_start(comment) -> int:
    return comment.span[0]


def _token_start(token) -> int:
    return token.start


class _Doc:
    """What the site finders need of a parsed document, with lookups by offset (binary searches
    over the parser's lists, which are in source order; nothing is copied)."""

    def __init__(self, text: str, parsed: Any) -> None:
        self.text = text
        self.comments = parsed.comments
        self.tokens = parsed.tokens
        self.workflows = [w.span for w in parsed.file.workflows]

    def workflow_at(self, offset: int) -> tuple[int, int] | None:
        i = bisect.bisect_right(self.workflows, offset, key=lambda span: span[0]) - 1
        if i >= 0 and self.workflows[i][0] <= offset < self.workflows[i][1]:
            return self.workflows[i]
        return None

    def overlaps_workflow(self, lo: int, hi: int) -> bool:
        """Whether `[lo, hi)` shares text with a workflow (they follow each other in order)."""
        i = bisect.bisect_left(self.workflows, hi, key=lambda span: span[0]) - 1
        return i >= 0 and self.workflows[i][1] > lo

    def comment_starting(self, offset: int):
        i = bisect.bisect_left(self.comments, offset, key=_comment_start)
        if i < len(self.comments) and self.comments[i].span[0] == offset:
            return self.comments[i]
        return None

    def comment_in(self, lo: int, hi: int):
        i = bisect.bisect_left(self.comments, lo, key=_comment_start)
        if i < len(self.comments) and self.comments[i].span[0] < hi:
            return self.comments[i]
        return None

    def first_token(self, lo: int, hi: int):
        i = bisect.bisect_left(self.tokens, lo, key=_token_start)
        if i < len(self.tokens) and self.tokens[i].start < hi and self.tokens[i].kind != "eof":
            return self.tokens[i]
        return None

    def tokens_in(self, lo: int, hi: int):
        i = bisect.bisect_left(self.tokens, lo, key=_token_start)
        while i < len(self.tokens) and self.tokens[i].start < hi:
            if self.tokens[i].kind != "eof":
                yield self.tokens[i]
            i += 1

    def line_comment(self, line: tuple[int, int, int | None]):
        """The comment filling `line` (only whitespace before it), or None."""
        start, end, _ = line
        body = self.text[start:end]
        stripped = len(body) - len(body.lstrip())
        if not body.strip():
            return None
        return self.comment_starting(start + stripped)


def _block(text: str, line, member: Callable) -> tuple:
    """The first and last line of the run of lines around `line` for which `member` holds (at
    most `MAX_LINES` either way)."""
    first = last = line
    for _ in range(MAX_LINES):
        prev = _previous_line(text, first[0])
        if prev is None or not member(prev):
            break
        first = prev
    for _ in range(MAX_LINES):
        nxt = _next_line(text, last[2])
        if nxt is None or not member(nxt):
            break
        last = nxt
    return first, last


def _is_marker(comment) -> bool:
    return comment.text.startswith(MARKER)


# ---------------------------------------------------------------- sites (pure)


@dataclass(frozen=True)
class Site:
    """Where a request was written and what a resolved action replaces."""

    target: Target
    request: str
    start: int
    end: int
    """The span replaced (start == end: an insertion)."""
    mode: Mode
    title: str
    keyword: str | None = None
    """`if` or `when`, for conditions."""
    clause_start: int = 0
    """Start of the clause's line (a condition's fallback marker goes there)."""

    def to_data(self, uri: str, version: int | None) -> dict:
        return {"kind": DATA_TAG, "uri": uri, "version": version, "site": asdict(self)}

    @staticmethod
    def from_data(data: object) -> tuple[str, int | None, Site] | None:
        """(uri, version, site) from a code action's `data`; None when it is not ours."""
        if not isinstance(data, dict) or data.get("kind") != DATA_TAG:
            return None
        try:
            site = Site(**data["site"])
            uri = data["uri"]
            version = data.get("version")
        except (KeyError, TypeError):
            return None
        if not isinstance(uri, str) or not isinstance(site.request, str):
            return None
        return uri, version, site


def workflow_site(text: str, parsed: Any, span: tuple[int, int]) -> Site | None:
    """Where a "Generate workflow" action applies for the range `span`, if anywhere: comment lines
    or plain text outside every workflow."""
    return _workflow_site(_Doc(text, parsed), span)


def _workflow_site(doc: _Doc, span: tuple[int, int]) -> Site | None:
    text = doc.text
    lo, hi = span
    lo, hi = max(0, min(lo, len(text))), max(0, min(hi, len(text)))
    if hi < lo:
        lo, hi = hi, lo
    selected = text[lo:hi]
    if selected.strip():
        return _selection_site(doc, lo, hi)
    return _cursor_site(doc, lo)


def _selection_site(doc: _Doc, lo: int, hi: int) -> Site | None:
    text = doc.text
    # Trim the selection to its text, so that whitespace around a workflow does not count.
    while lo < hi and text[lo].isspace():
        lo += 1
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    if doc.overlaps_workflow(lo, hi):
        return None
    first = _line_at(text, lo)
    last = _line_at(text, hi)
    lines = []
    all_comments = True
    for line in _lines_from(text, first, last):
        body = text[line[0] : line[1]]
        if body.strip():
            comment = doc.line_comment(line)
            if comment is None or _is_marker(comment):
                all_comments = False
            lines.append(text[max(line[0], lo) : min(line[1], hi)])
    request = _request_text(lines)
    if not _is_request(request):
        return None
    if all_comments:
        return Site("workflow", request, last[1], last[1], "after", COMMENT_TITLE)
    return Site("workflow", request, lo, hi, "replace", "Generate workflow from the selection")


def _cursor_site(doc: _Doc, offset: int) -> Site | None:
    text = doc.text
    line = _line_at(text, offset)
    body = text[line[0] : line[1]]
    if not body.strip() or doc.workflow_at(line[0] + len(body) - len(body.lstrip())) is not None:
        return None
    comment = doc.line_comment(line)
    if comment is not None:
        if _is_marker(comment):
            return None
        return _comment_block_site(doc, line)
    # A line of plain text outside any workflow (it is a syntax error there anyway).
    if _starts_workflow(doc, line):
        return None

    def plain(candidate) -> bool:
        b = text[candidate[0] : candidate[1]]
        if not b.strip() or doc.line_comment(candidate) is not None:
            return False
        at = candidate[0] + len(b) - len(b.lstrip())
        return doc.workflow_at(at) is None and not _starts_workflow(doc, candidate)

    first, last = _block(text, line, plain)
    lo, hi = first[0], last[1]
    lines = []
    for cur in _lines_from(text, first, last):
        b = text[cur[0] : cur[1]]
        trailing = doc.comment_in(cur[0], cur[1])
        lines.append(b[: trailing.span[0] - cur[0]] if trailing else b)
    request = _request_text(lines)
    if not _is_request(request):
        return None
    while lo < hi and text[lo].isspace():
        lo += 1
    return Site("workflow", request, lo, hi, "replace", "Generate workflow from this text")


def _comment_block_site(doc: _Doc, line: tuple[int, int, int | None]) -> Site | None:
    text = doc.text

    def is_comment(candidate) -> bool:
        comment = doc.line_comment(candidate)
        return (
            comment is not None
            and not _is_marker(comment)
            and doc.workflow_at(comment.span[0]) is None
        )

    first, last = _block(text, line, is_comment)
    lines = [text[cur[0] : cur[1]] for cur in _lines_from(text, first, last)]
    request = _request_text(lines)
    if not _is_request(request):
        return None
    return Site("workflow", request, last[1], last[1], "after", COMMENT_TITLE)


_CLAUSE_KEYWORDS = ("if", "when")


def _prose(doc: _Doc, diagnostics: list, lo: int, hi: int) -> bool:
    """Whether `[lo, hi)` is words rather than an expression with a mistake in it: it has errors,
    and either does not parse or has no operator at all (`if dark`). A misspelt node name in
    `a.b == on` gets quick fixes, not an offer to rewrite the expression."""
    errors = [
        d for d in diagnostics
        if d.severity == Severity.ERROR and d.span[0] <= hi and d.span[1] >= lo
    ]
    if not errors:
        return False
    if any(d.code == "syntax" for d in errors):
        return True
    return all(tok.kind in ("ident", "keyword") for tok in doc.tokens_in(lo, hi))


def condition_site(
    text: str, parsed: Any, diagnostics: list, span: tuple[int, int]
) -> Site | None:
    """Where a "Generate condition" action applies at `span`'s start, if anywhere: an `if`/`when`
    clause inside a workflow whose expression is plain text with errors, or a comment."""
    return _condition_site(_Doc(text, parsed), diagnostics, span)


def _condition_site(doc: _Doc, diagnostics: list, span: tuple[int, int]) -> Site | None:
    text = doc.text
    offset = max(0, min(span[0], len(text)))
    line = _line_at(text, offset)
    keyword = doc.first_token(line[0], line[1])
    if keyword is None or keyword.kind != "keyword" or keyword.text not in _CLAUSE_KEYWORDS:
        # A comment line right under a bare `if`.
        if doc.line_comment(line) is None:
            return None
        prev = _previous_line(text, line[0])
        for _ in range(MAX_LINES):
            if prev is None or doc.line_comment(prev) is None:
                break
            prev = _previous_line(text, prev[0])
        if prev is None:
            return None
        keyword = doc.first_token(prev[0], prev[1])
        if keyword is None or keyword.kind != "keyword" or keyword.text not in _CLAUSE_KEYWORDS:
            return None
        if text[keyword.end : prev[1]].strip():
            return None  # comment lines under a clause that has its expression
        line = prev
    if doc.workflow_at(keyword.start) is None:
        return None
    rest_start, line_end = keyword.end, line[1]
    trailing = doc.comment_in(rest_start, line_end)
    code_end = trailing.span[0] if trailing is not None else line_end
    code = text[rest_start:code_end]
    title_kw = keyword.text
    if code.strip():
        lo = rest_start + len(code) - len(code.lstrip())
        hi = code_end - (len(code) - len(code.rstrip()))
        if not _prose(doc, diagnostics, lo, hi):
            return None
        request = _request_text([text[lo:hi]])
        if not _is_request(request):
            return None
        return Site(
            "condition", request, lo, hi, "condition",
            f"Generate condition from `{_one_line(request, 40)}`", title_kw, line[0],
        )
    if trailing is not None:
        if _is_marker(trailing):
            return None
        request = _request_text([trailing.text])
        if not _is_request(request):
            return None
        return Site(
            "condition", request, trailing.span[0], trailing.span[1], "condition",
            f"Generate condition from `{_one_line(request, 40)}`", title_kw, line[0],
        )
    # A bare keyword: the comment lines under it are the request.
    lines = []
    last_end = None
    nxt = _next_line(text, line[2])
    for _ in range(MAX_LINES):
        comment = doc.line_comment(nxt) if nxt is not None else None
        if comment is None or _is_marker(comment):
            break
        lines.append(comment.text)
        last_end = nxt[1]
        nxt = _next_line(text, nxt[2])
    request = _request_text(lines)
    if last_end is None or not _is_request(request):
        return None
    return Site(
        "condition", request, keyword.end, last_end, "condition-after",
        f"Generate condition from `{_one_line(request, 40)}`", title_kw, line[0],
    )


def _kind_wanted(kind: str, only: list | None) -> bool:
    if not only:
        return True
    for k in only:
        k = str(getattr(k, "value", k))
        if kind == k or kind.startswith(k + "."):
            return True
    return False


def generation_actions(
    analysis: Any, span: tuple[int, int], only: list | None = None
) -> list[types.CodeAction]:
    """The generation code actions for `span` (no edit: resolving them generates)."""
    kind = types.CodeActionKind.RefactorRewrite
    if not _kind_wanted(kind.value, only):
        return []
    doc = _Doc(analysis.text, analysis.parsed)
    actions = []
    for site in (_workflow_site(doc, span), _condition_site(doc, analysis.diagnostics, span)):
        if site is not None:
            actions.append(
                types.CodeAction(
                    title=site.title, kind=kind, data=site.to_data(analysis.uri, analysis.version)
                )
            )
    return actions


# ---------------------------------------------------------------- edits (pure)


@dataclass
class Outcome:
    """A generation's result, or why there is none."""

    text: str = ""
    fallback: bool = False
    reason: str | None = None
    diagnostics: list = field(default_factory=list)
    cancelled: bool = False
    seconds: float = 0.0


def marker_line(fallback: bool, reason: str | None, problems: str | None = None) -> str | None:
    """The comment put above generated text that needs checking, or None when it checks."""
    if fallback:
        why = _one_line(reason or "no answer from the model", 120)
        return f"{MARKER}fallback ({why}) — check this"
    if problems:
        return f"{MARKER}generated text has problems ({_one_line(problems, 120)}) — check this"
    return None


def _has_top_level_or(expression: str) -> bool:
    from wfl.grammar.lexer import tokenize

    depth = 0
    for tok in tokenize(expression)[0]:
        if tok.kind == "op" and tok.text in ("(", "["):
            depth += 1
        elif tok.kind == "op" and tok.text in (")", "]"):
            depth = max(0, depth - 1)
        elif tok.kind == "keyword" and tok.text == "or" and depth == 0:
            return True
    return False


def _surround(text: str, start: int, end: int, body: str) -> str:
    """`body` (lines of a workflow) with the line breaks it needs between `text[:start]` and
    `text[end:]`: on lines of its own, a blank line after a preceding `}`."""
    line_start = _line_at(text, start)[0]
    line_end = _line_at(text, end)[1]
    before = text[line_start:start]
    after = text[end:line_end]
    prefix = ""
    if before.strip():
        prefix = "\n\n" if before.rstrip().endswith("}") else "\n"
    else:
        previous = _previous_line(text, line_start)
        if previous is not None and text[previous[0] : previous[1]].rstrip().endswith("}"):
            prefix = "\n"  # a blank line after the workflow above
    suffix = "\n" if after.strip() or end == len(text) else ""
    return prefix + body + suffix


def build_edits(
    text: str, site: Site, outcome: Outcome
) -> list[tuple[tuple[int, int], str]] | None:
    """The edits (spans of `text` and their new text) that put a generation result in place, or
    None when there is nothing to insert (a condition the model could not produce)."""
    body = (outcome.text or "").strip("\n")
    if not body.strip():
        return None
    marker = marker_line(outcome.fallback, outcome.reason, first_error(outcome.diagnostics))
    if site.target == "condition":
        expression = " ".join(body.split())
        if site.keyword == "when" and _has_top_level_or(expression):
            expression = f"({expression})"
        new = expression if site.mode == "condition" else " " + expression
        edits = [((site.start, site.end), new)]
        if marker is not None:
            line_start = site.clause_start
            line_text = text[line_start : _line_at(text, line_start)[1]]
            indent = line_text[: len(line_text) - len(line_text.lstrip())]
            edits.insert(0, ((line_start, line_start), f"{indent}{marker}\n"))
        return edits
    block = body if marker is None else f"{marker}\n{body}"
    if site.mode == "after":
        at = site.start
        _, _, nxt = _line_at(text, at)
        following = _next_line(text, nxt)
        new = "\n" + block
        if following is not None and text[following[0] : following[1]].strip():
            new += "\n"
        elif nxt is None:
            new += "\n"
        return [((at, at), new)]
    return [((site.start, site.end), _surround(text, site.start, site.end, block))]


def insertion_site(text: str, parsed: Any, offset: int, request: str) -> Site:
    """Where `wfl.generate` puts a workflow asked for at `offset`: there, or after the workflow
    that holds it."""
    doc = _Doc(text, parsed)
    offset = max(0, min(offset, len(text)))
    inside = doc.workflow_at(offset)
    if inside is not None and offset > inside[0]:
        offset = inside[1]
    return Site("workflow", _request_text([request]), offset, offset, "insert", "Generate workflow")


def standalone_text(outcome: Outcome) -> str:
    """The workflow as text for a client that inserts it itself (marker included)."""
    marker = marker_line(outcome.fallback, outcome.reason, first_error(outcome.diagnostics))
    body = outcome.text.strip("\n")
    return (f"{marker}\n{body}" if marker else body) + "\n"


# ---------------------------------------------------------------- settings (pure)


def client_layer(options: object) -> dict:
    """The generation keys of a client's options (initialization options, or the `wfl` settings
    section): `model: {path}` and `budget: {workflowMs, conditionMs}`, then `generate: {...}`."""
    layer: dict[str, Any] = {}
    if not isinstance(options, dict):
        return layer
    model = options.get("model")
    if isinstance(model, dict) and isinstance(model.get("path"), str) and model["path"].strip():
        layer["model"] = model["path"].strip()
    budget = options.get("budget")
    if isinstance(budget, dict):
        for key, name in (
            ("workflowMs", "workflow_deadline"),
            ("conditionMs", "condition_deadline"),
        ):
            value = budget.get(key)
            if isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0:
                layer[name] = value / 1000
    generate = options.get("generate")
    if isinstance(generate, dict):
        layer.update(generate)
    elif generate is False:
        layer["enabled"] = False
    return layer


# ---------------------------------------------------------------- the model


class ModelService:
    """The backend, the `Generator` for the current environment and the state the client sees.

    Model work runs on one worker thread (`_executor`), in submission order; the attributes it
    sets (`_backend`, `_generator`) are only touched from that thread."""

    def __init__(self, send_state: Callable[[str, str | None], None]) -> None:
        self._send_state = send_state
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="wfl-generate")
        self._backend = None
        self._generator = None
        self._generator_index = None
        self._tagger = None
        self._warm = False
        self._shutdown = threading.Event()
        self.settings = None
        """The `GenerationSettings` in use (None before the first configuration)."""
        self.enabled = False
        self.base: tuple[str, str | None] = ("off", "not started")
        """`ready` or `off`, with its detail: what the client sees when nothing is going on."""
        self.state: tuple[str, str | None] = ("off", None)
        self.loading: asyncio.Task | None = None
        self._active = 0
        self._restore: asyncio.TimerHandle | None = None

    # ------------------------------------------------------------ state

    def _set(self, state: str, detail: str | None = None) -> None:
        self.state = (state, detail)
        try:
            self._send_state(state, detail)
        except Exception:  # pragma: no cover - the transport may be gone
            log.debug("wfl: cannot send the model state", exc_info=True)

    def _set_base(self, state: str, detail: str | None) -> None:
        self.base = (state, detail)
        if self._active == 0 and self._restore is None:
            self._set(state, detail)

    def _restore_base(self) -> None:
        self._restore = None
        if self._active == 0:
            self._set(*self.base)

    # ------------------------------------------------------------ loading

    def configure(
        self, resolved: ResolvedSettings, index_of: Callable[[], Any]
    ) -> asyncio.Task | None:
        """Use these settings; (re)load the model in the background when they changed."""
        for problem in resolved.problems:
            log.warning("wfl: %s", problem)
        same = resolved.settings == self.settings and resolved.enabled == self.enabled
        if self.loading is not None and same:
            return None
        self.settings, self.enabled = resolved.settings, resolved.enabled
        self.loading = asyncio.ensure_future(self._load(resolved, index_of))
        return self.loading

    async def _load(self, resolved: ResolvedSettings, index_of: Callable[[], Any]) -> None:
        loop = asyncio.get_running_loop()
        if not resolved.enabled:
            await loop.run_in_executor(self._executor, self._use_backend, None)
            self._set_base("off", f"generation is off ({resolved.off_reason or 'configuration'}); "
                           "actions insert the deterministic fallback")
            return
        settings = resolved.settings
        what = settings.url if settings.backend == "openai" else settings.model
        self._set_base("loading", f"{settings.backend}: {what}")
        started = time.monotonic()
        backend, problem = await loop.run_in_executor(self._executor, self._open, settings)
        if backend is None:
            log.warning("wfl: no generation model: %s", problem)
            self._set_base("off", f"{problem}; actions insert the deterministic fallback")
            return
        loaded = time.monotonic() - started
        detail = f"{backend.name} ({settings.backend}), loaded in {loaded:.1f} s"
        index = index_of()
        if index is not None:
            warm = await loop.run_in_executor(self._executor, self._warm_up, index)
            if warm is not None:
                detail += f", warmed up in {warm:.1f} s"
        log.info("wfl: generation model %s", detail)
        self._set_base("ready", detail)

    def _open(self, settings):
        try:
            from wfl.inference.settings import open_backend

            backend = open_backend(settings)
        except Exception as exc:  # BackendError, ModelNotFound, an import failing
            self._use_backend(None)
            return None, str(exc) or type(exc).__name__
        self._use_backend(backend)
        return backend, None

    def _use_backend(self, backend) -> None:
        old = self._backend
        self._backend = backend
        self._generator = None
        self._generator_index = None
        self._warm = False
        if old is not None and old is not backend:
            try:
                old.close()
            except Exception:  # pragma: no cover
                log.debug("wfl: closing the old backend failed", exc_info=True)

    def _generator_for(self, index):
        if self._generator is None or self._generator_index is not index:
            from wfl.inference.pipeline import Generator

            self._generator = Generator(index, self._backend, tagger=self._tagger)
            self._generator_index = index
            self._tagger = self._generator.tagger
        return self._generator

    def _warm_up(self, index) -> float | None:
        """One untimed request: llama.cpp keeps the prompt prefix it computes for the next ones."""
        if self._backend is None or self._warm:
            return None
        started = time.monotonic()
        try:
            generator = self._generator_for(index)
            generator.warm_up()  # the request below may be decided without asking the model
            generator.generate(
                WARMUP_REQUEST,
                target="condition",
                deadline_s=WARMUP_DEADLINE_S,
                cancel=self._shutdown,
            )
        except Exception:
            log.warning("wfl: warming up the model failed", exc_info=True)
        self._warm = True
        return time.monotonic() - started

    # ------------------------------------------------------------ generating

    async def generate(
        self, request: str, target: Target, index, cancel: threading.Event, clause: str = "if"
    ) -> Outcome:
        """Generate in the worker thread; reports `generating`, then `fallback` or the base
        state."""
        if self.loading is not None and not self.loading.done():
            try:
                await asyncio.shield(self.loading)
            except asyncio.CancelledError:
                raise
            except Exception:  # reported by the task's owner
                pass
        settings = self.settings
        deadline = None
        if settings is not None:
            workflow = target == "workflow"
            deadline = settings.workflow_deadline if workflow else settings.condition_deadline
        if self._restore is not None:
            self._restore.cancel()
            self._restore = None
        self._active += 1
        self._set("generating", _one_line(request, 80))
        loop = asyncio.get_running_loop()
        outcome = Outcome()
        started = time.monotonic()
        try:
            result = await loop.run_in_executor(
                self._executor, self._generate, request, target, index, deadline, cancel, clause
            )
            outcome = Outcome(
                text=result.text,
                fallback=result.fallback,
                reason=result.reason,
                diagnostics=list(result.diagnostics),
                cancelled=cancel.is_set() or result.reason == "cancelled",
            )
        except Exception as exc:
            log.exception("wfl: generation failed")
            outcome = Outcome(fallback=True, reason=f"generation failed: {exc}")
        finally:
            outcome.seconds = time.monotonic() - started
            self._active -= 1
            if outcome.fallback and not outcome.cancelled:
                self._set("fallback", outcome.reason)
                self._restore = loop.call_later(FALLBACK_HOLD_S, self._restore_base)
            elif self._active == 0:
                self._set(*self.base)
        return outcome

    def _generate(self, request, target, index, deadline, cancel, clause="if"):
        if self._backend is not None and not self._warm and not cancel.is_set():
            self._warm_up(index)
        generator = self._generator_for(index)
        return generator.generate(request, target=target, deadline_s=deadline, cancel=cancel, clause=clause)

    @property
    def backend_name(self) -> str | None:
        backend = self._backend
        return getattr(backend, "name", None) if backend is not None else None

    def shutdown(self) -> None:
        self._shutdown.set()
        if self._restore is not None:
            self._restore.cancel()
        self._executor.shutdown(wait=False, cancel_futures=True)


# ---------------------------------------------------------------- requests (server glue)


def _workspace_edit(ls, uri: str, version: int | None, text: str, edits) -> types.WorkspaceEdit:
    from .positions import Positions

    positions = Positions(text, ls.encoding)
    text_edits = [types.TextEdit(range=positions.range(span), new_text=new) for span, new in edits]
    if ls.document_changes:
        document = types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version)
        return types.WorkspaceEdit(
            document_changes=[types.TextDocumentEdit(text_document=document, edits=text_edits)]
        )
    return types.WorkspaceEdit(changes={uri: text_edits})


def _show(ls, message: str, kind: types.MessageType = types.MessageType.Warning) -> None:
    try:
        ls.window_show_message(types.ShowMessageParams(type=kind, message=message))
    except Exception:  # pragma: no cover
        log.debug("wfl: showMessage failed", exc_info=True)


CHANGED_BEFORE = "wfl: the document changed before generation started; nothing was generated"
CHANGED_DURING = "wfl: the document changed while generating; the generated {} was discarded"
NO_ENVIRONMENT = "wfl: generation needs an environment (wfl.toml or the `environment` setting)"


async def run_generation(ls, request: str, target: Target, index, clause: str = "if") -> Outcome:
    """One generation for the current request: progress, cancellation, model state. `clause` is
    the keyword a condition is for (`if` or `when`)."""
    cancel = threading.Event()
    msg_id = ls.protocol.msg_id
    if msg_id is not None:
        ls.protocol.cancel_events[msg_id] = cancel
    token = None
    begun = False
    try:
        if ls.work_done_progress_supported:
            token = f"wfl-generate-{uuid.uuid4()}"
            try:
                await asyncio.wait_for(ls.work_done_progress.create_async(token), 5)
                ls.work_done_progress.begin(
                    token,
                    types.WorkDoneProgressBegin(
                        title=f"wfl: generating a {target}",
                        message=_one_line(request, 80),
                        cancellable=True,
                    ),
                )
                begun = True
                future = ls.work_done_progress.tokens.get(token)
                if future is not None:  # the client cancelled the progress
                    future.add_done_callback(lambda f: cancel.set() if f.cancelled() else None)
            except Exception as exc:  # no answer, or an error: go on without progress
                log.info("wfl: no work-done progress: %s", exc)
        if cancel.is_set():
            raise asyncio.CancelledError
        task = ls.spawn(ls.model.generate(request, target, index, cancel, clause))
        return await asyncio.shield(task)
    except asyncio.CancelledError:
        cancel.set()  # the worker thread stops between two tokens
        raise
    finally:
        if msg_id is not None:
            ls.protocol.cancel_events.pop(msg_id, None)
        if token is not None:
            ls.work_done_progress.tokens.pop(token, None)
            if begun:
                try:
                    ls.work_done_progress.end(token, types.WorkDoneProgressEnd())
                except Exception:  # pragma: no cover - the transport may be gone
                    pass


def _version_of(ls, uri: str) -> int | None | bool:
    """The open document's version; False when it is not open."""
    doc = ls.workspace.text_documents.get(uri)
    return False if doc is None else doc.version


async def resolve_action(ls, action: types.CodeAction) -> types.CodeAction:
    """`codeAction/resolve` of a generation action: generate and attach the edit. The action comes
    back without an edit when the document changed, the request was cancelled or nothing could be
    generated (the user is told why)."""
    ours = Site.from_data(action.data)
    if ours is None or action.edit is not None:
        return action
    uri, version, site = ours
    if _version_of(ls, uri) != version:
        _show(ls, CHANGED_BEFORE)
        return action
    index = ls.env.index
    if index is None:
        _show(ls, NO_ENVIRONMENT)
        return action
    outcome = await run_generation(ls, site.request, site.target, index, site.keyword or "if")
    if outcome.cancelled:
        return action
    doc = ls.workspace.text_documents.get(uri)
    if doc is None or doc.version != version:
        _show(ls, CHANGED_DURING.format(site.target))
        return action
    edits = build_edits(doc.source, site, outcome)
    if edits is None:
        _show(ls, f"wfl: no {site.target} could be generated ({outcome.reason or 'no answer'})")
        return action
    action.edit = _workspace_edit(ls, uri, version, doc.source, edits)
    return action


def _command_argument(args: list) -> tuple[str, str | None, types.Position | None]:
    from pygls.exceptions import JsonRpcInvalidParams

    arg = args[0] if args else None
    if isinstance(arg, str):
        arg = {"description": arg}
    description = arg.get("description") if isinstance(arg, dict) else None
    if not isinstance(description, str) or not description.strip():
        raise JsonRpcInvalidParams(
            f"{COMMAND} expects one argument {{description, uri?, position?}}"
        )
    uri = arg.get("uri") if isinstance(arg.get("uri"), str) else None
    raw = arg.get("position")
    position = None
    if raw is not None:
        try:
            position = types.Position(line=int(raw["line"]), character=int(raw["character"]))
        except (KeyError, TypeError, ValueError):
            raise JsonRpcInvalidParams(
                f"{COMMAND}: `position` must be {{line, character}}"
            ) from None
    return description, uri, position


async def execute_command(ls, args: list) -> object:
    """`wfl.generate` with `{description, uri?, position?}`: apply the workflow at the position with
    `workspace/applyEdit` and return nothing, or return `{text, detail}` when there is no open
    document and position to put it in, or the client cannot apply edits."""
    description, uri, position = _command_argument(args)
    index = ls.env.index
    if index is None:
        _show(ls, NO_ENVIRONMENT)
        return None
    version = _version_of(ls, uri) if uri else False
    outcome = await run_generation(ls, _request_text([description]), "workflow", index)
    if outcome.cancelled:
        return None
    if not outcome.text.strip():
        _show(ls, f"wfl: no workflow could be generated ({outcome.reason or 'no answer'})")
        return None
    if outcome.fallback:
        detail = f"fallback: {outcome.reason}"
    else:
        detail = f"generated by {ls.model.backend_name or 'the model'} in {outcome.seconds:.1f} s"
    answer = {"text": standalone_text(outcome), "detail": detail}
    if version is False or position is None or not ls.apply_edit_supported:
        return answer
    doc = ls.workspace.text_documents.get(uri)
    if doc is None or doc.version != version:
        _show(ls, CHANGED_DURING.format("workflow"))
        return None
    from wfl.grammar.parser import parse

    from .positions import Positions

    offset = Positions(doc.source, ls.encoding).offset(position)
    site = insertion_site(doc.source, parse(doc.source), offset, description)
    edits = build_edits(doc.source, site, outcome)
    if edits is None:  # pragma: no cover - the text is not empty
        return None
    edit = _workspace_edit(ls, uri, version, doc.source, edits)
    try:
        result = await asyncio.wait_for(
            ls.workspace_apply_edit_async(
                types.ApplyWorkspaceEditParams(edit=edit, label="wfl: generate workflow")
            ),
            30,
        )
    except Exception as exc:
        log.warning("wfl: workspace/applyEdit failed: %s", exc)
        return answer
    if not getattr(result, "applied", False):
        why = getattr(result, "failure_reason", None)
        because = f" ({why})" if why else ""
        _show(ls, f"wfl: the editor did not apply the generated workflow{because}")
    return None
