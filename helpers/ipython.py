"""What the kit adds to IPython, each with a way to take it back: cell events for the session, a short display of
errors, and refusing every cell but the kit cell while the kit cell has failed."""

import ast

from . import explain, tracebacks


def shell():
    try:
        from IPython import get_ipython
    except ImportError:
        return None
    return get_ipython()


def watch_cells(shell, session):
    """Tell the session when each cell starts (by its source) and ends; print the session's notice, if any."""
    def before(info):
        session.begin_cell(info.raw_cell)

    def after(result):
        notice = session.end_cell()
        if notice:
            print(notice)

    callbacks = [("pre_run_cell", before), ("post_run_cell", after)]
    for event, callback in callbacks:
        shell.events.register(event, callback)

    def undo():
        for event, callback in callbacks:
            shell.events.unregister(event, callback)

    return undo


def show_errors_briefly(shell, notebook):
    """Every error shows the learner's own lines and the message (or the kit's explanation), never library frames."""
    def cell_name(filename):
        label = shell.compile.format_code_name(filename)
        return label and label[1]

    def show(shell, etype, value, tb, tb_offset=None):
        if not hasattr(value, "_render_traceback_"):
            message = explain.explain(value, notebook)
            if message:
                lines = [f"{etype.__name__}, explained by the kit:", *message.splitlines()]
            else:
                lines = tracebacks.short_traceback(value, cell_name)
            value._render_traceback_ = lambda: lines
        shell.showtraceback((etype, value, tb), tb_offset=tb_offset)

    shell.set_custom_exc((Exception,), show)
    return lambda: shell.set_custom_exc((), None)


def _is_start(node):
    """start(...) or helpers.start(...) / helpers.kit.start(...)."""
    if not isinstance(node, ast.Call):
        return False
    name = node.func
    if isinstance(name, ast.Name):
        return name.id == "start"
    return isinstance(name, ast.Attribute) and name.attr == "start" and ast.unparse(name.value) in (
        "helpers", "helpers.kit", "kit")


def _sets_environ(node):
    targets = node.targets if isinstance(node, ast.Assign) else []
    return bool(targets) and all(ast.unparse(t).startswith("os.environ[") for t in targets)


def is_kit_cell(source):
    """A cell that starts the kit: a top-level start(...) of helpers, with nothing beside it but imports and
    os.environ settings. Parsed, so a comment, a string or thread.start() that mention start( is no kit cell."""
    try:
        body = ast.parse(source).body
    except SyntaxError:
        return False
    starts = [s for s in body if isinstance(s, ast.Expr) and _is_start(s.value)]
    rest = [s for s in body if s not in starts and not isinstance(s, (ast.Import, ast.ImportFrom))
            and not _sets_environ(s)]
    return bool(starts) and not rest


def refuse_cells(shell, said):
    """Until the kit cell succeeds, every other cell raises KitNotReadyError saying what the kit cell said."""
    refusal = [f"__import__('helpers.kit').kit.refuse({said!r})\n"]

    def transform(lines):
        return lines if is_kit_cell("".join(lines)) else refusal

    shell.input_transformers_post.append(transform)
    return lambda: shell.input_transformers_post.remove(transform)
