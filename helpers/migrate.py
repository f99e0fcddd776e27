"""Find legacy OpenAI code (openai<1.0) and retired azure-ai-inference code, and say what replaces it.

    python -m helpers.migrate PATH...

PATH is a .py file, a notebook (.ipynb: its code cells, IPython magics and shell lines skipped) or a folder of
them. Each finding is one line: where it is (file:line, or file:cell N:line for a notebook, counting every cell
from the top), the legacy pattern, and what replaces it. The code is read with the standard ast module, so a
pattern inside a string or a comment is never reported, and aliases (import openai as oa, from openai import
Completion) are followed. Exit status: 1 when something is found, 0 when the code is clean, 2 on a usage error.
"""

import argparse
import ast
import json
import sys
from dataclasses import dataclass
from pathlib import Path

RETIRED = ("azure-ai-inference: retired 2026-08-26; move to OpenAI v1, "
           "see notebooks/08_migrate_inference_to_openai_v1.ipynb")
V1_URL = "https://<resource>.openai.azure.com/openai/v1/"
CALLS = {  # openai.<name>.create()
    "Completion": "client.completions.create(model=<deployment>, prompt=...)",
    "ChatCompletion": "client.chat.completions.create(model=<deployment>, messages=...)",
    "Embedding": "client.embeddings.create(model=<deployment>, input=...)",
}
SETTINGS = {  # openai.<name> = ...
    "api_type": f'create the client you mean: AzureOpenAI(azure_endpoint=..., ...) or OpenAI(base_url="{V1_URL}")',
    "api_base": "pass azure_endpoint= to AzureOpenAI(...) or base_url= to OpenAI(...) (openai>=1 ignores api_base)",
    "api_version": "pass api_version= to AzureOpenAI(...); OpenAI(base_url=\".../openai/v1/\") needs none",
    "api_key": "pass api_key= to the client, or azure_ad_token_provider=get_bearer_token_provider(...) for Entra ID",
    "requestssession": "azure_ad_token_provider=get_bearer_token_provider(...) refreshes tokens "
                       "(openai>=1 ignores requestssession)",
}
KEYWORDS = {"deployment_id": "model=<deployment name>", "engine": "model=<deployment name>"}
SUBSCRIPTS = {  # response["choices"][0]["text"] and friends
    ("choices", 0, "text"): ".choices[0].text",
    ("choices", 0, "message", "content"): ".choices[0].message.content",
    ("choices", 0, "delta", "content"): ".choices[0].delta.content",
    ("data", 0, "embedding"): ".data[0].embedding",
}
INFERENCE = {  # azure.ai.inference names, and the methods of its clients
    "ChatCompletionsClient": f'OpenAI(base_url="{V1_URL}", api_key=...)',
    "EmbeddingsClient": f'OpenAI(base_url="{V1_URL}", api_key=...)',
    "load_client": f'OpenAI(base_url="{V1_URL}", api_key=...)',
    "complete": "client.chat.completions.create(model=..., messages=...)",
    "embed": "client.embeddings.create(model=..., input=...)",
    "get_model_info": "nothing: the deployment name you pass as model= is the model",
}
CONSTRUCTORS = ("ChatCompletionsClient", "EmbeddingsClient", "load_client")
PYTHON_CELL_MAGICS = ("%%time", "%%timeit", "%%capture", "%%prun")


@dataclass(frozen=True)
class Finding:
    where: str
    pattern: str
    replacement: str

    def __str__(self):
        return f"{self.where}: {self.pattern} -> {self.replacement}"


class _Checker(ast.NodeVisitor):
    def __init__(self, names, clients):
        self.names = names  # local name -> the dotted name it was imported as
        self.clients = clients  # local names that hold an azure-ai-inference client
        self.found = set()  # (line, column, pattern, replacement)

    def qualname(self, node):
        """The dotted name an expression refers to, through imports; None when unknown.
        A bare `openai` that was never imported is the module: guide snippets often leave the import out."""
        if isinstance(node, ast.Name):
            return self.names.get(node.id, "openai" if node.id == "openai" else None)
        if isinstance(node, ast.Attribute):
            base = self.qualname(node.value)
            return f"{base}.{node.attr}" if base else None
        return None

    def report(self, node, pattern, replacement):
        self.found.add((node.lineno, node.col_offset, pattern, replacement))

    def visit_Import(self, node):
        for alias in node.names:
            if alias.name.startswith("azure.ai.inference"):
                self.report(node, f"import {alias.name}", f"import openai ({RETIRED})")

    def visit_ImportFrom(self, node):
        module = node.module or ""
        if node.level == 0 and module.startswith("azure.ai.inference"):
            instead = "from openai import OpenAI"
            if module.endswith(".models"):
                instead = 'plain message dicts such as {"role": "user", "content": ...}'
            self.report(node, f"from {module} import ...", f"{instead} ({RETIRED})")

    def visit_Assign(self, node):
        if isinstance(node.value, ast.Call) and self.inference_name(node.value.func) in CONSTRUCTORS:
            self.clients.update(t.id for t in node.targets if isinstance(t, ast.Name))
        self.generic_visit(node)

    def visit_Attribute(self, node):
        name = self.qualname(node) or ""
        setting = name.removeprefix("openai.") if name.startswith("openai.") else None
        if setting == "requestssession":
            self.report(node, name, SETTINGS[setting])
        elif setting in SETTINGS and isinstance(node.ctx, ast.Store):  # = , += and annotated assignments
            self.report(node, f"{name} = ...", SETTINGS[setting])
        self.generic_visit(node)

    def inference_name(self, func):
        """ChatCompletionsClient, complete, ... when func is azure-ai-inference's, else None."""
        name = self.qualname(func) or ""
        if name.startswith("azure.ai.inference.") and name.rsplit(".", 1)[1] in INFERENCE:
            return name.rsplit(".", 1)[1]
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id in self.clients:
            return func.attr if func.attr in INFERENCE else None
        return None

    def visit_Call(self, node):
        parts = (self.qualname(node.func) or "").split(".")
        if parts[0] == "openai":
            if len(parts) >= 3 and parts[-2] in CALLS and parts[-1] in ("create", "acreate"):
                self.report(node, f"openai.{parts[-2]}.{parts[-1]}()", CALLS[parts[-2]])
            for keyword in node.keywords:
                if keyword.arg in KEYWORDS:
                    self.report(keyword.value, f"{keyword.arg}=", KEYWORDS[keyword.arg])
        inference = self.inference_name(node.func)
        if inference:
            shown = f"{inference}()" if inference in CONSTRUCTORS else f".{inference}()"
            self.report(node, shown, f"{INFERENCE[inference]} ({RETIRED})")
        for keyword in node.keywords:
            if keyword.arg == "model_extras":
                self.report(keyword.value, "model_extras=", f"extra_body={{...}} ({RETIRED})")
        self.generic_visit(node)

    def visit_Subscript(self, node):
        keys, inner = [], node
        while isinstance(inner, ast.Subscript) and isinstance(inner.slice, ast.Constant):
            keys.insert(0, inner.slice.value)
            inner = inner.value
        for pattern, replacement in SUBSCRIPTS.items():
            if tuple(keys[-len(pattern):]) == pattern:
                shown = "".join(f"[{key!r}]" for key in pattern)
                self.report(node, shown, f"{replacement} (openai>=1 returns objects, not dicts)")
                return self.visit(inner)  # the shorter chains inside this one are the same finding
        self.generic_visit(node)


def _imports(tree):
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


def check_sources(sources, where):
    """Check pieces of code that share imports and names (a file, or a notebook's code cells, in order).
    where(index, line) names the place of a finding."""
    trees, findings = [], []
    for index, source in enumerate(sources):
        try:
            trees.append(compile(source, "<code>", "exec", ast.PyCF_ONLY_AST | ast.PyCF_ALLOW_TOP_LEVEL_AWAIT))
        except SyntaxError as error:
            trees.append(None)
            findings.append(Finding(where(index, error.lineno or 1), "syntax error", f"{error.msg}; not checked"))
    names, clients = {}, set()
    for tree in filter(None, trees):
        names.update(_imports(tree))
    for index, tree in enumerate(trees):
        if tree is not None:
            checker = _Checker(names, clients)
            checker.visit(tree)
            findings += [Finding(where(index, line), p, r) for line, _, p, r in sorted(checker.found)]
    return findings


def check_source(source, path="<string>"):
    """Findings for one piece of Python code."""
    return check_sources([source], lambda _, line: f"{path}:{line}")


def _is_ipython(line):
    """!pip ..., %magic, files = !ls, ?obj and obj? are IPython, not Python."""
    code = line.strip()
    target, equals, value = code.partition("=")
    assigned = equals and target.strip().isidentifier() and value.lstrip().startswith(("!", "%"))
    return code.startswith(("!", "%", "?")) or code.endswith("?") or bool(assigned)


def _cell_code(source):
    """A code cell's Python with IPython lines blanked (line numbers stay), or "" for a cell of another language."""
    lines = source.splitlines()
    if lines and lines[0].startswith("%%"):
        if lines[0].split()[0] not in PYTHON_CELL_MAGICS:
            return ""
        lines[0] = ""
    return "\n".join("" if _is_ipython(line) else line for line in lines)


def check_path(path):
    """Findings for a .py file or a notebook."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
        cells = json.loads(text)["cells"] if path.suffix == ".ipynb" else None
    except (ValueError, KeyError, TypeError):  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        return [Finding(f"{path}:1", "unreadable file", "save it as UTF-8 text (or a valid notebook); not checked")]
    if cells is None:
        return check_source(text, str(path))
    code = [(n, "".join(c.get("source", ""))) for n, c in enumerate(cells, 1) if c.get("cell_type") == "code"]
    return check_sources([_cell_code(source) for _, source in code], lambda i, line: f"{path}:cell {code[i][0]}:{line}")


def _files(paths, parser):
    for path in map(Path, paths):
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.suffix in (".py", ".ipynb")
                              and not any(part.startswith(".") for part in p.relative_to(path).parts))
        elif path.is_file() and path.suffix in (".py", ".ipynb"):
            yield path
        else:
            parser.error(f"{path} is not a .py file, a notebook (.ipynb) or a folder")


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m helpers.migrate",
                                     description="Report legacy openai<1.0 and azure-ai-inference code.")
    parser.add_argument("paths", nargs="+", metavar="PATH", help=".py files, notebooks (.ipynb) or folders")
    files = list(_files(parser.parse_args(argv).paths, parser))
    findings = [finding for path in files for finding in check_path(path)]
    for finding in findings:
        print(finding)
    checked = f"{len(files)} file{'s' if len(files) != 1 else ''}"
    if findings:
        print(f"{len(findings)} to migrate in {checked}; see notebooks/09_migrate_legacy_completions.ipynb.")
        return 1
    print(f"No legacy patterns in {checked}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
