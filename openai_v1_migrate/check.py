"""Findings for a piece of code, a file or a notebook, in the order they appear."""

from openai_v1_migrate import rules
from openai_v1_migrate.findings import Finding, analyse
from openai_v1_migrate.sources import Module, Unreadable, read
from openai_v1_migrate.syntax import column


def check_module(module):
    trees = module.trees()
    findings = []
    for index, tree in enumerate(trees):
        if isinstance(tree, SyntaxError):
            replacement = rules.SYNTAX_ERROR.replacement.format(message=tree.msg)
            findings.append(Finding(module.path, tree.lineno or 1, tree.offset or 1, rules.SYNTAX_ERROR.id,
                                    "syntax error", replacement, rules.SYNTAX_ERROR.source, module.cells[index]))
    analysis = analyse([None if isinstance(t, SyntaxError) else t for t in trees], module.sources)
    seen = set()
    for spotted in analysis.reported():
        node, rule = spotted.node, spotted.rule
        lines = module.sources[spotted.piece].splitlines()
        finding = Finding(module.path, node.lineno, column(lines, node), rule.id, spotted.pattern,
                          spotted.replacement, rule.source, module.cells[spotted.piece])
        if finding not in seen:
            seen.add(finding)
            findings.append(finding)
    order = {cell: n for n, cell in enumerate(module.cells)}
    return sorted(findings, key=lambda f: (order[f.cell], f.line, f.column))


def check_source(source, path="<string>"):
    """Findings for one piece of Python code."""
    return check_module(Module(str(path), [source], [None]))


def check_path(path):
    """Findings for a .py file or a notebook."""
    try:
        module = read(path)
    except Unreadable:
        return [Finding(str(path), 1, 1, rules.UNREADABLE.id, "unreadable file", rules.UNREADABLE.replacement,
                        rules.UNREADABLE.source)]
    return check_module(module)
