"""Carry out a Plan (helpers.plan) in this kernel, keeping what it takes to undo every change."""

import contextlib
import os

from . import ipython, masking, network
from .errors import KitError
from .session import SESSIONS

_changes = contextlib.ExitStack()  # every change the kit made in this kernel, undone newest first
_active = {"applied": None}  # the Applied in effect in this kernel


def active():
    return _active["applied"]


def current_session():
    if _active["applied"] is None:
        raise KitError("The kit is not started. Run the first cell of the notebook: "
                       'from helpers import start; start("NN_topic").')
    return _active["applied"].session


def keep(undo):
    """Remember how to undo a change made in this kernel."""
    _changes.callback(undo)


def undo_all():
    """Undo every change the kit made in this kernel, newest first: the kernel is as a fresh one."""
    _active["applied"] = None
    _changes.close()


class Applied:
    """A plan in effect, and its session."""

    def __init__(self, plan):
        self.plan = plan
        self.session = None


def _set_environment(values, changes):
    before = {name: os.environ.get(name) for name in values}

    def restore():
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value

    changes.callback(restore)
    os.environ.update(values)


def apply(plan, shell=None):
    """Put plan in effect, keeping each undo step (helpers.apply.undo_all); on any failure, undo what it did and
    raise."""
    applied = Applied(plan)
    with contextlib.ExitStack() as changes:
        _set_environment(plan.environment, changes)
        if plan.live:
            network.unblock()
        else:
            network.block()
        applied.session = SESSIONS[plan.mode].for_plan(plan).open()
        changes.callback(applied.session.close)
        if shell is not None:
            changes.callback(ipython.watch_cells(shell, applied.session))
            changes.callback(masking.mask(shell, masking.secret_values(os.environ)))
        _changes.enter_context(changes.pop_all())
    _active["applied"] = applied
    return applied
