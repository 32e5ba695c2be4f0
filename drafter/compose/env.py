"""The sandboxed Jinja environment and the functions templates use to pull vetted entries.

Templates run in an ImmutableSandboxedEnvironment with StrictUndefined. Every value a
template prints is escaped as Markdown (`finalize`) unless it is SafeMarkdown, so user text
cannot become structure even if a template forgets a filter. Errors become TemplateError
naming the template file and line.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from drafter.compose.escape import SafeMarkdown, escape_line, escape_markdown, user_blocks
from drafter.errors import TemplateError

if TYPE_CHECKING:
    from drafter.library import Library
    from drafter.library.schema import Concept, Source


class TemplateEntryError(Exception):
    """Raised inside a template function; compose turns it into a located TemplateError."""


def make_environment(templates_dir: Path):
    from jinja2 import FileSystemLoader, StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    escaped = _Escaped()
    env = ImmutableSandboxedEnvironment(
        loader=FileSystemLoader(str(templates_dir)),
        undefined=StrictUndefined,
        autoescape=False,
        finalize=escaped.finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
        bytecode_cache=_bytecode_cache(),
    )
    env.filters["user"] = user_blocks
    env.filters["oneline"] = escaped.one_line
    return env


class _Escaped:
    """Escaping with a memory, one per environment: compose renders the template twice and
    the second pass prints the same values again (a third of a pass's time was escaping).
    The result depends only on str(value), the key."""

    def __init__(self) -> None:
        self._markdown: dict[str, str] = {}
        self._one_line: dict[str, SafeMarkdown] = {}

    def finalize(self, value: object) -> str:
        """Every printed value: escaped as Markdown unless it is SafeMarkdown."""
        if isinstance(value, SafeMarkdown):
            return value
        if value is None:
            return ""
        text = str(value)
        out = self._markdown.get(text)
        if out is None:
            out = self._markdown[text] = escape_markdown(text)
        return out

    def one_line(self, value: object) -> SafeMarkdown:
        """The `oneline` filter: escaped, on one line."""
        text = str(value)
        out = self._one_line.get(text)
        if out is None:
            out = self._one_line[text] = SafeMarkdown(escape_line(text))
        return out


def _bytecode_cache():
    """Compiled templates cached per user (keyed by template source), or None if unwritable.

    Compiling the templates is a fifth of a render's own work; the cache skips it next time.
    """
    import os

    from jinja2 import FileSystemBytecodeCache

    from drafter.cache import cache_root, prune
    from drafter.fsutil import owned_privately

    if os.environ.get("DRAFTER_NO_TEMPLATE_CACHE"):
        return None
    root = cache_root()
    folder = root / "templates"
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return None
    # compiled templates are loaded as code: only from a folder no one else can write
    if not os.access(folder, os.W_OK) or not owned_privately(folder, root):
        return None

    class PrunedBytecodeCache(FileSystemBytecodeCache):
        """Writing a newly compiled template also deletes ones unused for a month; a compiled
        template is loaded only if no one but this user could have written it."""

        def load_bytecode(self, bucket) -> None:
            if owned_privately(Path(self._get_cache_filename(bucket)), root):
                super().load_bytecode(bucket)

        def dump_bytecode(self, bucket) -> None:
            super().dump_bytecode(bucket)
            prune(folder, "__jinja2_*.cache")

    return PrunedBytecodeCache(str(folder))


class TemplateFunctions:
    """Template functions over the library; records every entry (and version) used."""

    def __init__(self, library: Library):
        self.library = library
        self.used: dict[str, int] = {}
        from drafter.library.printed import SourceList

        self._sources = SourceList()

    def _entry(self, entry_id: str, table: dict, what: str):
        entry = table.get(entry_id)
        if entry is None:
            raise TemplateEntryError(f"unknown {what} id {entry_id!r} (not in the library)")
        if entry.status != "vetted":
            raise TemplateEntryError(f"{what} {entry_id!r} is {entry.status}, not vetted")
        self.used[entry_id] = entry.version
        return entry

    def concept(self, entry_id: str) -> Concept:
        return self._entry(entry_id, self.library.concepts, "concept")

    # --- the functions templates call -------------------------------------------------
    def term(self, entry_id: str) -> str:
        """The preferred designation, e.g. 'worker co-operative'."""
        return self.concept(entry_id).preferred

    def short(self, entry_id: str) -> str:
        return self.concept(entry_id).short

    def definition(self, entry_id: str) -> SafeMarkdown:
        """The response definition (library Markdown, printed as written), then the dated
        facts still current, each with its date; never the maintainer's notes."""
        from drafter.library.printed import current_facts, fact_text

        concept = self.concept(entry_id)
        parts = [concept.printed_definition]
        parts += [fact_text(fact) for fact in current_facts(concept)]
        return SafeMarkdown(" ".join(parts))

    def quotation(self, entry_id: str) -> str:
        """A statutory or official definition quoted word for word, or ''."""
        return self.concept(entry_id).quotation or ""

    def passage(self, entry_id: str) -> SafeMarkdown:
        return SafeMarkdown(self._entry(entry_id, self.library.passages, "passage").text.strip())

    def translation(self, entry_id: str, language: str = "cy") -> str:
        """A verified translation of the term (legislation or official usage) with the English
        term's part of speech, or ''."""
        from drafter.library.printed import printed_translation

        found = printed_translation(self.concept(entry_id), language)
        return found.text if found else ""

    def cite(self, entry_id: str) -> SafeMarkdown:
        """Register the entry's sources in the numbered list; return e.g. '[1], [4]'. A
        concept cites its best two (the quoted definition's source among them)."""
        from drafter.library.printed import best_sources

        if entry_id in self.library.concepts:
            return self._numbers(best_sources(self.concept(entry_id)))
        return self._numbers(self._entry(entry_id, self.library.passages, "passage").sources)

    def quotation_cite(self, entry_id: str) -> SafeMarkdown:
        """The number of the source of the entry's quoted definition, e.g. '[7]', or ''."""
        source = self.concept(entry_id).quotation_source
        return self._numbers([source]) if source is not None else SafeMarkdown("")

    def _numbers(self, sources) -> SafeMarkdown:
        numbers = self._sources.numbers(sources)
        return SafeMarkdown(", ".join(f"\\[{n}\\]" for n in numbers))

    @staticmethod
    def link(url: str) -> SafeMarkdown:
        """A source's URL as an autolink, or as plain text if it could break out of one."""
        if url.startswith(("http://", "https://")) and not any(c in url for c in " <>\n"):
            return SafeMarkdown(f"<{url}>")
        return SafeMarkdown(escape_markdown(url))

    def cited_sources(self) -> list[Source]:
        return list(self._sources.sources)

    def functions(self) -> dict:
        return {
            "term": self.term,
            "short": self.short,
            "definition": self.definition,
            "quotation": self.quotation,
            "passage": self.passage,
            "translation": self.translation,
            "cite": self.cite,
            "quotation_cite": self.quotation_cite,
            "cited_sources": self.cited_sources,
            "link": self.link,
        }


def render_template(env, name: str, context: dict) -> str:
    """Render `name`; any error becomes a TemplateError naming the template file and line."""
    from jinja2 import TemplateNotFound, TemplateSyntaxError

    try:
        template = env.get_template(name)
    except TemplateSyntaxError as exc:
        raise TemplateError(
            f"template syntax error: {exc.message}", path=exc.filename or name, line=exc.lineno
        ) from None
    except TemplateNotFound as exc:
        raise TemplateError(f"template not found: {exc.name}", path=name) from None
    try:
        return template.render(context)
    except TemplateSyntaxError as exc:  # an include with a syntax error
        raise TemplateError(
            f"template syntax error: {exc.message}", path=exc.filename or name, line=exc.lineno
        ) from None
    except TemplateNotFound as exc:
        path, line = _template_location(sys.exc_info()[2], env)
        raise TemplateError(f"template not found: {exc.name}", path=path, line=line) from None
    except Exception as exc:  # TemplateEntryError, UndefinedError, SecurityError, TypeError...
        path, line = _template_location(exc.__traceback__, env)
        own = isinstance(exc, TemplateEntryError)
        message = str(exc) if own else f"{type(exc).__name__}: {exc}"
        raise TemplateError(message, path=path or name, line=line) from None


def _template_location(tb, env) -> tuple[str | None, int | None]:
    """The innermost traceback frame that belongs to a template file."""
    roots = [str(Path(p).resolve()) for p in getattr(env.loader, "searchpath", [])]
    found: tuple[str | None, int | None] = (None, None)
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if any(str(Path(filename).resolve()).startswith(root) for root in roots):
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found
