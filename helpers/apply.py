"""Carry out a Plan (helpers.plan) in this kernel, keeping what it takes to undo every change."""

import os

from . import ipython, masking, network
from .errors import KitError
from .modes import Mode
from .session import Record, Replay

_active = {"applied": None}  # the Applied in effect in this kernel


def active():
    return _active["applied"]


def current_session():
    if _active["applied"] is None:
        raise KitError("The kit is not started. Run the first cell of the notebook: "
                       'from helpers import start; start("NN_topic").')
    return _active["applied"].session


class Applied:
    """A plan in effect: its session, and the undo steps, newest first."""

    def __init__(self, plan):
        self.plan = plan
        self.session = None
        self._undo = []

    def undo(self):
        if _active["applied"] is self:
            _active["applied"] = None
        while self._undo:
            self._undo.pop()()


def _set_environment(values, applied):
    before = {name: os.environ.get(name) for name in values}

    def restore():
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value

    applied._undo.append(restore)
    os.environ.update(values)


def _session(plan):
    """Replay when nothing is live; otherwise replay for the replayed hosts alone, or record."""
    replay_hosts = plan.replay_hosts if plan.live else None
    if plan.mode is Mode.RECORD:
        return Record(plan.notebook, plan.cassette, plan.scrubber, plan.replay_hosts, overwrite=plan.overwrite,
                      finish_at_exit=plan.finish_at_exit)
    return Replay(plan.notebook, plan.cassette, plan.scrubber, strict=plan.strict, pace=plan.pace,
                  exercises=plan.exercises, replay_hosts=replay_hosts)


def apply(plan, shell=None):
    """Put plan in effect; on any failure, undo what was done and raise."""
    applied = Applied(plan)
    try:
        _set_environment(plan.environment, applied)
        if plan.live:
            network.unblock()
        else:
            network.block()
        applied.session = _session(plan).open()
        applied._undo.append(applied.session.close)
        if shell is not None:
            applied._undo.append(ipython.watch_cells(shell, applied.session))
        if shell is not None:
            applied._undo.append(masking.mask(shell, masking.secret_values(os.environ)))
    except BaseException:
        applied.undo()
        raise
    _active["applied"] = applied
    return applied
