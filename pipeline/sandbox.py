"""The Jinja sandbox the templates run in, with limits on size.

Jinja's own sandbox keeps a template away from Python's internals, but a
template edited by staff (or sent by someone) can still ask for
`range(10**9)` or `'a' * 10**9`: gigabytes of memory or minutes of work for
one document. Here every operator that can grow a value (`*`, `**`, `+`),
`range`, every filter and every method call with a numeric argument are
bounded; going past a bound is a SecurityError, which render.py turns into a
message naming the template.

Loops that never end are bounded too: every `{% for %}` of a template iterates through a
counter, and one rendering may take at most MAX_STEPS loop steps all loops together (two
nested loops over 100,000 items would otherwise run for hours). A macro that calls itself
without end is refused the same way instead of ending in Python's RecursionError.
"""

from __future__ import annotations

import operator
import re
import threading

from jinja2 import nodes
from jinja2.environment import Template
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

MAX_ITEMS = 100_000  # a range, a repeat count, a filter's width
MAX_LENGTH = 1_000_000  # characters of one string (or items of one list) made in a template
MAX_EXPONENT_BITS = 256
MAX_STEPS = 1_000_000  # loop steps of one rendering, every loop together (about a second)
STEPS = "_vanban_steps"  # the counter's name among the globals
_budget = threading.local()
_WIDE_FORMAT = re.compile(r"\{[^{}]*:[^{}]*\d{6,}[^{}]*\}|%[-+ #0]*\d{6,}")


def _size(value) -> int | None:
    return len(value) if isinstance(value, (str, bytes, list, tuple)) else None


def _refuse(what: str) -> SecurityError:
    return SecurityError(f"phép tính quá lớn ({what}), môi trường khép kín của mẫu đã chặn lại")


def _bounded_number(value, what: str):
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_ITEMS:
        raise _refuse(what)
    return value


def _range(*args):
    for arg in args:
        _bounded_number(arg, f"range({', '.join(map(str, args))})")
    span = range(*args)
    if len(span) > MAX_ITEMS:
        raise _refuse(f"range có {len(span)} phần tử")
    return span


def _steps(iterable):
    """`iterable`, each item counted against the rendering's MAX_STEPS."""
    for item in iterable:
        _budget.steps = getattr(_budget, "steps", 0) + 1
        if _budget.steps > MAX_STEPS:
            raise _refuse(f"vòng lặp quá {MAX_STEPS} bước")
        yield item


class BoundedTemplate(Template):
    """A template whose rendering starts with a fresh loop budget."""

    def render(self, *args, **kwargs):
        _budget.steps = 0
        try:
            return super().render(*args, **kwargs)
        except RecursionError:
            raise _refuse("mẫu gọi lại chính nó không dừng") from None


class BoundedSandbox(SandboxedEnvironment):
    template_class = BoundedTemplate

    intercepted_binops = frozenset(["*", "**", "+", "%"])

    # Filters that can make a value far larger than their input.
    GROWING_FILTERS = ("center", "indent", "wordwrap", "batch", "slice", "format", "join")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.globals["range"] = _range
        self.globals[STEPS] = _steps
        for name in self.GROWING_FILTERS:
            if name in self.filters:
                self.filters[name] = self._bounded_filter(name, self.filters[name])

    def _generate(self, source, name, filename, defer_init=False):
        """Compile with every loop's items counted (see MAX_STEPS)."""
        for loop in source.find_all(nodes.For):
            loop.iter = nodes.Call(
                nodes.Name(STEPS, "load", lineno=loop.lineno), [loop.iter], [], None, None, lineno=loop.lineno
            )
        return super()._generate(source, name, filename, defer_init)

    @staticmethod
    def _bounded_filter(name, function):
        def bounded(*args, **kwargs):
            values = list(args) + list(kwargs.values())
            for value in values[1:]:
                if not (name == "format" and isinstance(value, (int, float))):
                    _bounded_number(value, f"bộ lọc {name} với {value}")
            if name == "format" and any(isinstance(v, str) and _WIDE_FORMAT.search(v) for v in values):
                raise _refuse("định dạng quá rộng")
            return function(*args, **kwargs)

        # Keep what Jinja reads from a filter (pass_context, pass_environment…).
        bounded.__dict__.update(getattr(function, "__dict__", {}))
        bounded.__name__ = getattr(function, "__name__", name)
        return bounded

    def call_binop(self, context, op: str, left, right):
        if op == "**":
            if isinstance(left, (int, float)) and isinstance(right, (int, float)):
                magnitude = abs(left) if left else 1
                if abs(right) * max(magnitude, 2).bit_length() > MAX_EXPONENT_BITS:
                    raise _refuse(f"{left} ** {right}")
        elif op == "*":
            for seq, count in ((left, right), (right, left)):
                if _size(seq) is not None and isinstance(count, int):
                    if _size(seq) * max(count, 0) > MAX_LENGTH:
                        raise _refuse(f"lặp {count} lần")
        elif op == "+":
            if _size(left) is not None and _size(right) is not None:
                if _size(left) + _size(right) > MAX_LENGTH:
                    raise _refuse("nối chuỗi quá dài")
        elif op == "%" and isinstance(left, str) and _WIDE_FORMAT.search(left):
            raise _refuse("định dạng quá rộng")
        return {"*": operator.mul, "**": operator.pow, "+": operator.add, "%": operator.mod}[op](left, right)

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 (Jinja's own signature)
        owner = getattr(getattr(__obj, "__wrapped__", __obj), "__self__", None)
        if isinstance(owner, (str, bytes, list, tuple)):  # "x".center(10**9), "x".zfill(…)
            for value in list(args) + list(kwargs.values()):
                _bounded_number(value, f"gọi {getattr(__obj, '__name__', 'hàm')} với {value}")
            if isinstance(owner, str) and getattr(__obj, "__name__", "") in ("format", "format_map"):
                if _WIDE_FORMAT.search(owner):
                    raise _refuse("định dạng quá rộng")
        return super().call(__context, __obj, *args, **kwargs)
