"""Record what you can reach, keep the archive: the cassette a recording session writes.

Requests to the live endpoints are recorded (vcrpy sends them and scrubs what it keeps); requests to the others are
played from the cassette as it was. kept() is the new cassette: every interaction in the order the notebook sent it,
a replayed one exactly as the old cassette held it, with the provenance of each (helpers.cassettes.origins).
"""

from .cassettes import SYNTHESIZED, origins
from .replay import ReplayCassette, Served
from .vcr_adapter import as_written, interactions


class RecordingCassette(ReplayCassette):
    def keep_from(self, archive, recorded):
        """archive: the old cassette as read (or None); recorded: the provenance of what this session records."""
        self.archive, self.recorded = archive or {"interactions": []}, recorded
        self._origins = origins(self.archive)
        self._kept = []
        return self

    def can_play_response_for(self, request):
        return self.replays(request) and super().can_play_response_for(request)

    def play_response(self, request):
        response = super().play_response(request)
        index = self.last_played
        self._kept.append((self.archive["interactions"][index], self._origins[index]))
        return response

    def append(self, request, response):
        """vcrpy appends the cassette's own interactions while loading it, then each new one it records."""
        before = len(interactions(self))
        super().append(request, response)
        if hasattr(self, "_kept") and len(interactions(self)) > before:
            self._kept.append((as_written(*interactions(self)[-1]), "recorded"))
            self._serve(Served(*interactions(self)[-1], False, *self._running()))

    def _save(self, force=False):
        """vcrpy's own save would write its data to the old cassette: the session writes kept() instead."""

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
