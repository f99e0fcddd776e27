"""Reading the ast: a node's source text and column, what a module imports, and access chains (x["a"][0].b.get("c")).
"""

import ast
from dataclasses import dataclass
from enum import Enum


def segment(source_lines, node):
    """The source text of a node (ast.get_source_segment, on pre-split lines)."""
    lines = source_lines[node.lineno - 1:node.end_lineno]
    if not lines:
        return ""
    if len(lines) == 1:
        return lines[0].encode()[node.col_offset:node.end_col_offset].decode()
    first = lines[0].encode()[node.col_offset:].decode()
    last = lines[-1].encode()[:node.end_col_offset].decode()
    return "\n".join([first, *lines[1:-1], last])


def column(lines, node):
    """The 1-based character column of a node (ast counts UTF-8 bytes)."""
    line = lines[node.lineno - 1] if node.lineno <= len(lines) else ""
    return len(line.encode()[:node.col_offset].decode(errors="ignore")) + 1


def imports(tree):
    """Local name -> dotted name: import openai as oa gives oa -> openai; from openai import Completion gives
    Completion -> openai.Completion; import azure.ai.inference gives azure -> azure."""
    names = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                top = alias.name.split(".")[0]
                names[alias.asname or top] = alias.name if alias.asname else top
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            for alias in node.names:
                names[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    return names


class Step(Enum):
    KEY = "key"  # ["a"]
    INDEX = "index"  # [0]
    ATTR = "attr"  # .b
    GET = "get"  # .get("c")


@dataclass(frozen=True)
class Access:
    """One step of an access chain; an index's value is its repr."""
    step: Step
    value: str

    @property
    def reads_a_key(self):
        return self.step in (Step.KEY, Step.GET)

    @property
    def written(self):
        """As the code spells it."""
        return {Step.KEY: f"[{self.value!r}]", Step.INDEX: f"[{self.value}]", Step.ATTR: f".{self.value}",
                Step.GET: f".get({self.value!r})"}[self.step]

    @property
    def as_attribute(self):
        """As openai>=1's objects are read."""
        return f"[{self.value}]" if self.step is Step.INDEX else f".{self.value}"


def _get_call(node, arguments):
    """x.get("k") with `arguments` positional arguments, the first a string, and no keyword."""
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get"
            and len(node.args) == arguments and not node.keywords and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str))


def chain(node):
    """(root, accesses) of an access chain x["a"][0].b.get("c"). The root is where the chain stops: a name, a call,
    anything else. The outermost .get may have a default: x["a"].get("c", "")."""
    parts = []
    if _get_call(node, 2):
        parts.insert(0, Access(Step.GET, node.args[0].value))
        node = node.func.value
    while True:
        if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant):
            value = node.slice.value
            parts.insert(0, Access(Step.KEY, value) if isinstance(value, str) else Access(Step.INDEX, repr(value)))
            node = node.value
        elif isinstance(node, ast.Attribute):
            parts.insert(0, Access(Step.ATTR, node.attr))
            node = node.value
        elif _get_call(node, 1):
            parts.insert(0, Access(Step.GET, node.args[0].value))
            node = node.func.value
        else:
            return node, tuple(parts)


def attributes(root_text, parts):
    """The attribute form of an access chain: response["choices"][0]["text"] -> response.choices[0].text."""
    return root_text + "".join(part.as_attribute for part in parts)
