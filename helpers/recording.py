"""Record what you can reach, keep the archive: the cassette a recording session writes.

Requests to the live endpoints are recorded (vcrpy sends them and scrubs what it keeps); requests to the others are
played from the cassette as it was. kept() is the new cassette: every interaction in the order the notebook sent it,
a replayed one exactly as the old cassette held it, with the provenance of each (helpers.cassettes.origins).
"""

from .cassettes import SYNTHESIZED, origins
from .replay import ReplayCassette, Served
from .vcr_adapter import as_written


class RecordingCassette(ReplayCassette):
    def keep_from(self, archive, recorded):
        """archive: the old cassette as read (or None); recorded: the provenance of what this session records."""
        self.archive, self.recorded = archive or {"interactions": []}, recorded
        self._origins = origins(self.archive)
        self._kept = []
        return self

    writes_itself = True  # kept(), in the notebook's order, is what the session writes

    def answers(self, request):
        return self.replays(request) and super().answers(request)

    def answer(self, request):
        response = super().answer(request)
        index = self.last_played
        self._kept.append((self.archive["interactions"][index], self._origins[index]))
        return response

    def appended(self, request, response):
        """vcrpy appends the cassette's own interactions while loading it (before keep_from), then each new one."""
        if hasattr(self, "_kept"):
            self._kept.append((as_written(request, response), "recorded"))
            self._serve(Served(request, response, False, *self._running()))

    def kept(self):
        found = [origin for _, origin in self._kept]
        if found and set(found) == {"recorded"}:
            provenance = self.recorded
        else:
            old = self.archive.get("metadata", {}).get("provenance", {})
            provenance = {"source": "mixed", SYNTHESIZED: old.get(SYNTHESIZED, old), "recorded": self.recorded,
                          "origins": found}
        return {"version": 1, "metadata": {"provenance": provenance},
                "interactions": [interaction for interaction, _ in self._kept]}
