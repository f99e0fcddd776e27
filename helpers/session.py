"""The HTTP layer of a notebook's kernel in each mode: replay answers from cassettes, record writes one, live has
none at all, so the SDKs talk to the service through their own transports and streams arrive as they are sent."""

import atexit
import bisect
import os

import vcr

from . import matching
from .cassettes import load, recorded_provenance, shown
from .replay import ReplayCassette, Served
from .standins import NOTICE
from .vcr_adapter import interactions, save


def _recorder(**options):
    recorder = vcr.VCR(match_on=matching.NAMES, decode_compressed_response=True, **options)
    recorder.register_matcher("auth_shape", matching.auth_shape)
    return recorder


class Live:
    mode = "live"
    served = previous = history = runs = ()

    def open(self):
        return self

    def begin_cell(self, cell):
        pass

    def end_cell(self):
        return None

    def close(self):
        pass


class Replay:
    """The notebook's cassette (and its exercises' answers) as a replay environment: see helpers.replay."""

    mode = "replay"

    def __init__(self, notebook, path, scrubber, strict=False, pace=0, exercises=None):
        self.notebook, self.path, self.scrubber, self.strict, self.pace = notebook, path, scrubber, strict, pace
        self.exercises = exercises
        self.cassette = None
        self._context = None

    def open(self):
        load(self.path)
        if self.exercises:
            load(self.exercises)
        patches = ()
        if self.pace:
            from . import pacing

            patches = pacing.patches(self.pace)
        config = _recorder(record_mode="none", before_record_request=self.scrubber.request,
                           custom_patches=patches).get_merged_config(path=str(self.path))
        self._context = ReplayCassette.use(**config)
        self.cassette = self._context.__enter__().configure(self.notebook, self.strict, self.exercises)
        return self

    @property
    def served(self):
        return self.cassette.served

    @property
    def previous(self):
        """What the cell before the running one was served: what show_requests() shows."""
        return self.cassette.previous

    @property
    def history(self):
        return self.cassette.history

    @property
    def runs(self):
        return self.cassette.runs

    def begin_cell(self, cell):
        self.cassette.begin_cell(cell)

    def end_cell(self):
        count = sum(1 for served in self.served if served.standin)
        return NOTICE.format(count=count) if count else None

    def close(self):
        if self._context is not None:
            context, self._context = self._context, None
            context.__exit__(None, None, None)


class Record:
    """Calls go to the service; what they send and get is scrubbed and written to a working file after every cell.
    finish() moves it into place; close() without finish() removes it, so a failed run leaves no stray file."""

    mode = "record"

    def __init__(self, notebook, path, scrubber, overwrite=False, finish_at_exit=True):
        self.notebook, self.final_path, self.scrubber, self.overwrite = notebook, path, scrubber, overwrite
        self.path = working_path(self.final_path)
        self.finish_at_exit = finish_at_exit
        self.cassette = None
        self._context = None
        self._start = self._previous = 0
        self.runs, self._run_starts = [], []  # each cell run's source, and its first interaction

    def open(self):
        self.path.unlink(missing_ok=True)
        self._context = _recorder(record_mode="all", before_record_request=self.scrubber.request,
                                  before_record_response=self.scrubber.response).use_cassette(str(self.path))
        self.cassette = self._context.__enter__()
        self.cassette.get_metadata("provenance", recorded_provenance(self.notebook))
        save(self.cassette)
        if self.finish_at_exit:
            atexit.register(self._finish_at_exit)
        return self

    def _served(self, start, end=None):
        return [Served(request, response, False) for request, response in interactions(self.cassette)[start:end]]

    @property
    def history(self):
        """Every interaction recorded in this session, each with the cell run that sent it."""
        served = []
        for index, (request, response) in enumerate(interactions(self.cassette)):
            run = bisect.bisect_right(self._run_starts, index) - 1
            served.append(Served(request, response, False, self.runs[run] if run >= 0 else None, run))
        return served

    @property
    def served(self):
        return self._served(self._start)

    @property
    def previous(self):
        return self._served(self._previous, self._start)

    def begin_cell(self, cell):
        self._previous, self._start = self._start, len(interactions(self.cassette))
        self.runs.append(cell)
        self._run_starts.append(self._start)

    def end_cell(self):
        save(self.cassette)
        return None

    def finish(self):
        """Move the finished recording into place, or beside it when overwriting was not asked for."""
        save(self.cassette)
        self._exit()
        return finish(self.final_path, self.overwrite)

    def _finish_at_exit(self):
        if self._context is not None:
            print(f"Recording finished: {shown(self.finish())}")

    def _exit(self):
        atexit.unregister(self._finish_at_exit)
        if self._context is not None:
            context, self._context = self._context, None
            context.__exit__(None, None, None)

    def close(self):
        self._exit()
        self.path.unlink(missing_ok=True)


def working_path(final_path):
    return final_path.with_name(f".{final_path.stem}.recording.yaml")


def finish(final_path, overwrite=False):
    """Move a recording's working file into place; the old cassette is replaced only when overwrite is set."""
    target = final_path if overwrite or not final_path.exists() else final_path.with_suffix(".new.yaml")
    os.replace(working_path(final_path), target)
    return target
