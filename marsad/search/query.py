"""Search query syntax and parser.

Syntax (case of the operators matters, so that Latin words "and"/"or" stay words)::

    انسحاب القوات            both words (implicit AND)
    "وزير الخارجية"          the phrase, words adjacent and in order
    ايران OR العراق          either
    النفط AND الأسعار        explicit AND
    النفط NOT ايران          exclude (also: النفط -ايران)
    (ايران OR العراق) النفط   grouping
    اقتصاد*                  prefix (no stemming applied to the prefix)

Every word goes through the same :class:`marsad.search.analyzer.Analyzer` as the index,
so بالانسحاب matches انسحاب.  Words that analyse to nothing (function words like في)
are dropped.  Anything malformed raises :class:`marsad.errors.QueryError` with a
message saying what is wrong and where; the parser never lets a raw query reach the
database engine.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from marsad.errors import QueryError
from marsad.search.analyzer import Analyzer
from marsad.text import drop_control_characters, fold_presentation_forms

MAX_QUERY_CHARS = 1000
MAX_TERMS = 64

_TOKEN_RE = re.compile(r'\s*(?:(?P<phrase>"[^"]*")|(?P<lp>\()|(?P<rp>\))|(?P<minus>-(?=\S))|(?P<word>[^\s()"]+))')


@dataclass
class Node:
    def fts(self) -> str:  # the FTS5 MATCH form
        raise NotImplementedError


@dataclass
class Term(Node):
    term: str
    prefix: bool = False

    def fts(self) -> str:
        return f'"{self.term}"' + ("*" if self.prefix else "")

    def __str__(self) -> str:
        return self.term + ("*" if self.prefix else "")


@dataclass
class Phrase(Node):
    terms: list[str]

    def fts(self) -> str:
        return '"' + " ".join(self.terms) + '"'

    def __str__(self) -> str:
        return '"' + " ".join(self.terms) + '"'


@dataclass
class And(Node):
    include: list[Node]
    exclude: list[Node]

    def fts(self) -> str:
        out = " AND ".join(_wrap(n) for n in self.include)
        for n in self.exclude:
            out = f"({out}) NOT {_wrap(n)}" if len(self.include) > 1 or out.startswith("(") else f"{out} NOT {_wrap(n)}"
        return out

    def __str__(self) -> str:
        parts = [str(n) if not isinstance(n, (And, Or)) else f"({n})" for n in self.include]
        parts += [f"-{n}" if not isinstance(n, (And, Or)) else f"-({n})" for n in self.exclude]
        return " ".join(parts)


@dataclass
class Or(Node):
    options: list[Node]

    def fts(self) -> str:
        return " OR ".join(_wrap(n) for n in self.options)

    def __str__(self) -> str:
        return " OR ".join(str(n) if not isinstance(n, (And, Or)) else f"({n})" for n in self.options)


def _wrap(n: Node) -> str:
    return f"({n.fts()})" if isinstance(n, (And, Or)) else n.fts()


@dataclass
class ParsedQuery:
    """A parsed query: ``root`` is None for an empty query (filters only)."""

    text: str
    root: Node | None
    positive_terms: list[str]  # analysed terms to highlight (not under NOT)
    positive_prefixes: list[str]

    def fts(self) -> str:
        return self.root.fts() if self.root is not None else ""

    def __str__(self) -> str:
        return str(self.root) if self.root is not None else ""


class _Parser:
    def __init__(self, text: str, analyzer: Analyzer):
        self.text = text
        self.analyzer = analyzer
        self.tokens = self._lex(text)
        self.pos = 0
        self.n_terms = 0

    @staticmethod
    def _lex(text: str) -> list[tuple[str, str, int]]:
        if text.count('"') % 2:
            raise QueryError('unbalanced quote: a phrase must be closed with a second " (e.g. "وزير الخارجية")')
        out = []
        pos = 0
        while pos < len(text):
            m = _TOKEN_RE.match(text, pos)
            if m is None or m.end() == pos:
                if text[pos:].strip() == "":
                    break
                raise QueryError(f"cannot read the query at character {pos + 1}: {text[pos:pos + 20]!r}")
            kind = m.lastgroup or ""
            value = m.group(kind)
            start = m.start(kind)
            if kind == "word" and value in ("AND", "OR", "NOT"):
                kind = value
            out.append((kind, value, start))
            pos = m.end()
        return out

    def peek(self) -> tuple[str, str, int] | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def parse(self) -> Node | None:
        if not self.tokens:
            return None
        node = self.or_expr()
        tok = self.peek()
        if tok is not None:
            if tok[0] == "rp":
                raise QueryError(f"unbalanced parenthesis: ')' at character {tok[2] + 1} has no matching '('")
            raise QueryError(f"unexpected {tok[1]!r} at character {tok[2] + 1}")
        return node

    def or_expr(self) -> Node | None:
        options = [self.and_expr()]
        while (tok := self.peek()) is not None and tok[0] == "OR":
            self.pos += 1
            if self.peek() is None or self.peek()[0] in ("OR", "AND", "rp"):
                raise QueryError(f"OR at character {tok[2] + 1} needs a word after it")
            options.append(self.and_expr())
        kept = [o for o in options if o is not None]
        for o in kept if len(kept) > 1 else ():
            if isinstance(o, And) and not o.include:
                raise QueryError("NOT inside OR: write the exclusion outside, e.g. (ايران OR العراق) NOT النفط")
        if not kept:
            return None
        return kept[0] if len(kept) == 1 else Or(kept)

    def and_expr(self) -> Node | None:
        include: list[Node] = []
        exclude: list[Node] = []
        first = True
        while (tok := self.peek()) is not None and tok[0] not in ("OR", "rp"):
            negate = False
            if tok[0] == "AND":
                if first:
                    raise QueryError(f"AND at character {tok[2] + 1} needs a word before it")
                self.pos += 1
                tok = self.peek()
                if tok is None or tok[0] in ("OR", "AND", "rp"):
                    raise QueryError("AND needs a word after it")
            if tok[0] in ("NOT", "minus"):
                negate = True
                self.pos += 1
                nxt = self.peek()
                if nxt is None or nxt[0] in ("OR", "AND", "NOT", "rp", "minus"):
                    raise QueryError(f"NOT at character {tok[2] + 1} needs a word or phrase after it")
            node = self.primary()
            first = False
            if node is None:
                continue
            (exclude if negate else include).append(node)
        if first:
            tok = self.peek()
            where = f" before {tok[1]!r} at character {tok[2] + 1}" if tok else " at the end"
            raise QueryError(f"missing word{where}")
        if not include and not exclude:
            return None
        if len(include) == 1 and not exclude:
            return include[0]
        return And(include, exclude)

    def primary(self) -> Node | None:
        tok = self.peek()
        assert tok is not None
        kind, value, at = tok
        self.pos += 1
        if kind == "lp":
            node = self.or_expr()
            close = self.peek()
            if close is None or close[0] != "rp":
                raise QueryError(f"unbalanced parenthesis: '(' at character {at + 1} is never closed")
            self.pos += 1
            return node
        if kind == "rp":
            raise QueryError(f"unbalanced parenthesis: ')' at character {at + 1} has no matching '('")
        if kind == "phrase":
            terms = [t.term for t in self.analyzer.terms(value[1:-1])]
            self._count(len(terms))
            if not terms:
                return None
            return Phrase(terms) if len(terms) > 1 else Term(terms[0])
        # a plain word (may hold punctuation: analyse it like text)
        prefix = value.endswith("*")
        word = value.rstrip("*")
        if prefix:
            from marsad.text import normalize, split_clitics

            stem = normalize(split_clitics(word).stem) if word else ""
            stem = re.sub(r"\W", "", stem)
            if len(stem) < 2:
                raise QueryError(f"prefix {value!r} is too short: give at least 2 letters before *")
            self._count(1)
            return Term(stem, prefix=True)
        terms = [t.term for t in self.analyzer.terms(word)]
        self._count(len(terms))
        if not terms:
            return None
        return Term(terms[0]) if len(terms) == 1 else Phrase(terms)

    def _count(self, n: int) -> None:
        self.n_terms += n
        if self.n_terms > MAX_TERMS:
            raise QueryError(f"query too long: at most {MAX_TERMS} words")


def _collect(node: Node | None, positive: bool, terms: list[str], prefixes: list[str]) -> None:
    if node is None:
        return
    if isinstance(node, Term):
        if positive:
            (prefixes if node.prefix else terms).append(node.term)
    elif isinstance(node, Phrase):
        if positive:
            terms.extend(node.terms)
    elif isinstance(node, And):
        for n in node.include:
            _collect(n, positive, terms, prefixes)
        for n in node.exclude:
            _collect(n, False, terms, prefixes)
    elif isinstance(node, Or):
        for n in node.options:
            _collect(n, positive, terms, prefixes)


def parse_query(text: str, analyzer: Analyzer | None = None) -> ParsedQuery:
    """Parse ``text`` (see module docstring); raises :class:`QueryError` when malformed.

    An empty or blank query gives ``root=None`` (the caller lists by filters only); a
    query whose words are all function words is an error, since it cannot match anything
    meaningful.
    """
    if not isinstance(text, str):
        raise QueryError("the query must be text")
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"query too long ({len(text)} characters, at most {MAX_QUERY_CHARS})")
    # as the cleaner reads an article: a query pasted from a PDF export matches the text it shows
    text = fold_presentation_forms(drop_control_characters(text))
    analyzer = analyzer or Analyzer()
    parser = _Parser(text, analyzer)
    root = parser.parse()
    if isinstance(root, And) and not root.include:
        raise QueryError("a query cannot only exclude: add a word to search for, e.g. النفط NOT ايران")
    if root is None and parser.tokens:
        raise QueryError(f"no searchable words in {text!r}: only function words or punctuation")
    terms: list[str] = []
    prefixes: list[str] = []
    _collect(root, True, terms, prefixes)
    return ParsedQuery(text, root, list(dict.fromkeys(terms)), list(dict.fromkeys(prefixes)))
