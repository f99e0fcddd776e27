"""The HTTP layer of a notebook's kernel, one class per mode (SESSIONS): Replay answers every request from the
cassette; Live answers the replayed endpoints from it while the live ones talk to the service through their own
transports, so streams arrive as they are sent; Record writes a cassette that keeps the replayed interactions and
records the live ones."""

import atexit
import os

import vcr
from vcr.record_mode import RecordMode

from . import matching, routing
from .cassettes import load, recorded_provenance, shown, write
from .modes import Mode
from .recording import RecordingCassette
from .replay import ReplayCassette
from .standins import NOTICE
from .vcr_adapter import persister


def _recorder(**options):
    recorder = vcr.VCR(match_on=matching.NAMES, decode_compressed_response=True, **options)
    recorder.register_matcher("auth_shape", matching.auth_shape)
    recorder.register_persister(persister(load))
    return recorder


class Replay:
    """The notebook's cassette (and its exercises' answers) as a replay environment: see helpers.replay. No request
    leaves the kernel."""

    mode = Mode.REPLAY
    record_mode = RecordMode.NONE
    cassette_class = ReplayCassette

    def __init__(self, notebook, path, scrubber, strict=False, pace=0, exercises=None, replay_hosts=None):
        self.notebook, self.path, self.scrubber, self.strict, self.pace = notebook, path, scrubber, strict, pace
        self.exercises, self.replay_hosts = exercises, replay_hosts
        self.cassette = None
        self._exits = []

    @classmethod
    def for_plan(cls, plan):
        return cls(plan.notebook, plan.cassette, plan.scrubber, strict=plan.strict, pace=plan.pace,
                   exercises=plan.exercises)

    def open(self):
        if self.record_mode is RecordMode.NONE or self.path.exists():
            load(self.path)
        if self.exercises:
            load(self.exercises)
        patches = ()
        if self.pace:
            from . import pacing

            patches = pacing.patches(self.pace)
        scrubbing = dict(before_record_request=self.scrubber.request)
        if self.record_mode is not RecordMode.NONE:
            scrubbing.update(before_record_response=self.scrubber.response)
        config = _recorder(record_mode=self.record_mode, custom_patches=patches,
                           **scrubbing).get_merged_config(path=str(self.path))
        context = self.cassette_class.use(**config)
        self.cassette = context.__enter__().configure(self.notebook, self.strict, self.exercises, self.replay_hosts)
        self._exits.append(lambda: context.__exit__(None, None, None))
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
        while self._exits:
            self._exits.pop()()


class Live(Replay):
    """Requests to replay_hosts replay from the cassette; every other request goes to the service through the
    library's own transport (helpers.routing), so streams arrive as they are sent, and is only noted."""

    mode = Mode.LIVE

    @classmethod
    def for_plan(cls, plan):
        return cls(plan.notebook, plan.cassette, plan.scrubber, strict=plan.strict, pace=plan.pace,
                   exercises=plan.exercises, replay_hosts=plan.replay_hosts)

    def open(self):
        super().open()
        self._exits.append(routing.route(self.cassette.replays, self.cassette.note_live))
        return self


class Record(Replay):
    """Requests to the live endpoints go to the service and are recorded, scrubbed; requests to the others replay
    from the cassette, strictly. After every cell the working file holds, in the order the notebook sent them, each
    replayed interaction as the cassette had it and each new one, with the provenance of each. finish() moves it into
    place; close() without finish() removes it, so a failed run leaves no stray file."""

    mode = Mode.RECORD
    record_mode = RecordMode.NEW_EPISODES
    cassette_class = RecordingCassette

    def __init__(self, notebook, path, scrubber, replay_hosts=frozenset(), overwrite=False, finish_at_exit=True):
        super().__init__(notebook, path, scrubber, strict=True, replay_hosts=replay_hosts)
        self.final_path, self.overwrite, self.finish_at_exit = path, overwrite, finish_at_exit
        self.working = working_path(path)

    @classmethod
    def for_plan(cls, plan):
        return cls(plan.notebook, plan.cassette, plan.scrubber, plan.replay_hosts, overwrite=plan.overwrite,
                   finish_at_exit=plan.finish_at_exit)

    def open(self):
        self.working.unlink(missing_ok=True)
        super().open()
        self.cassette.keep_from(load(self.path) if self.path.exists() else None, recorded_provenance(self.notebook))
        self.end_cell()
        if self.finish_at_exit:
            atexit.register(self._finish_at_exit)
        return self

    def end_cell(self):
        write(self.working, self.cassette.kept())
        return super().end_cell()

    def finish(self):
        """Move the finished recording into place, or beside it when overwriting was not asked for."""
        self.end_cell()
        self._exit()
        return finish(self.final_path, self.overwrite)

    def _finish_at_exit(self):
        if self.cassette is not None and self._exits:
            print(f"Recording finished: {shown(self.finish())}")

    def _exit(self):
        atexit.unregister(self._finish_at_exit)
        super().close()

    def close(self):
        self._exit()
        self.working.unlink(missing_ok=True)


SESSIONS = {Mode.REPLAY: Replay, Mode.LIVE: Live, Mode.RECORD: Record}  # the HTTP layer of each mode


def working_path(final_path):
    return final_path.with_name(f".{final_path.stem}.recording.yaml")


def finish(final_path, overwrite=False):
    """Move a recording's working file into place; the old cassette is replaced only when overwrite is set."""
    target = final_path if overwrite or not final_path.exists() else final_path.with_suffix(".new.yaml")
    os.replace(working_path(final_path), target)
    return target
