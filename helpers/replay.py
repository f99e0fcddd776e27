"""Replay as an environment: a cassette whose answers repeat, and which can answer what was never recorded.

* A cell run again gets the answers it got the first time: each answer given is remembered under (cell, request,
  how many times this cell has sent that request in this run).
* A request a cell sends for the first time gets the first recorded answer for it that no cell has had, in
  recording order, so a top-to-bottom run replays exactly what was recorded, and a retry sequence (429, 503, 200)
  plays in order. Once every answer for it has been given, a new cell gets them again from the first.
* A request that matches nothing gets a stand-in answer (helpers.standins), or, when strict, a ReplayMissError.
"""

import copy
from collections import Counter

from . import matching, standins
from .cassettes import load
from .credentials import OFFLINE_TOKEN
from .errors import ReplayMissError
from .matching import miss_message
from .routing import host_of
from .vcr_adapter import KitCassette, add_interactions, interactions, prepare


class Served:
    """One answer a cell got: the request as sent (scrubbed), the response (of a live request, its status alone),
    whether it was a stand-in, the source of the cell that sent it, which run of a cell in the session it was (an
    index into the session's runs), and whether it went live."""

    def __init__(self, request, response, standin, cell=None, run=None, live=False):
        self.request, self.response, self.standin, self.cell, self.run = request, response, standin, cell, run
        self.live = live


def status_only(status):
    return {"status": {"code": status, "message": ""}, "headers": {}, "body": {"string": b""}}


class ReplayCassette(KitCassette):
    def configure(self, notebook, strict, extra=None, replay_hosts=None):
        """replay_hosts: None when every request replays; else the hosts whose requests replay while others go live
        (and so does a request carrying replay's offline Entra ID token)."""
        self.notebook, self.strict, self.replay_hosts = notebook, strict, replay_hosts
        if extra is not None:
            add_interactions(self, load(extra))
        self._cell = None
        self._sent = Counter()
        self._given = {}
        self._taken = set()
        self._found = {}
        self.served, self.previous = [], []
        self.history = []  # every answer of the session, in order: what check(n) reads (helpers.exercises)
        self.runs = []  # the source of every cell run in the session, in order
        return self

    def begin_cell(self, cell):
        """A cell starts running: cell is what identifies it (its source)."""
        self._cell = cell
        self.runs.append(cell)
        self._sent = Counter()
        self.previous, self.served = self.served, []

    def _candidates(self, request):
        """The recorded interactions that answer request, in order; worked out once per distinct request."""
        key = matching.key(request)
        if key not in self._found:
            self._found[key] = [index for index, (recorded, _) in enumerate(interactions(self))
                                if matching.matches(request, recorded, matching.NAMES)]
        return self._found[key]

    def replays(self, request):
        """Whether request (as sent, not yet scrubbed) is answered here rather than by the service."""
        if self.replay_hosts is None:
            return True
        authorization = next((v for k, v in request.headers.items() if k.lower() == "authorization"), "")
        return host_of(request) in self.replay_hosts or OFFLINE_TOKEN in str(authorization)

    def note_live(self, request, status):
        """A request that went to the service: keep it as sent (scrubbed) with the status it got."""
        prepared = prepare(self, copy.deepcopy(request))
        if prepared is not None:
            self._serve(Served(prepared, status_only(status), False, *self._running(), live=True))

    def answers(self, request):
        """True, or under strict replay a ReplayMissError for a request no recorded one matches."""
        request = prepare(self, request)
        if self.strict and not self._candidates(request):
            raise ReplayMissError(miss_message(self.notebook, request, [r for r, _ in interactions(self)]))
        return True

    def answer(self, request):
        request = prepare(self, request)
        candidates = self._candidates(request)
        if not candidates:
            return self._serve(Served(request, standins.answer(request, interactions(self)), True, *self._running()))
        group = candidates[0]
        turn = self._sent[group]
        self._sent[group] += 1
        key = (self._cell, group, turn)
        if key not in self._given:
            free = [index for index in candidates if index not in self._taken]
            self._given[key] = free[0] if free else candidates[min(turn, len(candidates) - 1)]
            self._taken.add(self._given[key])
        self.last_played = self._given[key]
        self.count_play(self._given[key])
        return self._serve(Served(request, interactions(self)[self._given[key]][1], False, *self._running()))

    def _running(self):
        return self._cell, len(self.runs) - 1

    def _serve(self, served):
        self.served.append(served)
        self.history.append(served)
        return served.response
