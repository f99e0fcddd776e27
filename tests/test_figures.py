"""The figures lessons draw from their own data have a title, axis labels and what the data says."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402

from helpers.figures import retry_timeline  # noqa: E402


def test_the_retry_timeline_marks_each_answer_and_shades_each_wait(monkeypatch):
    monkeypatch.setattr(plt, "show", lambda: None)
    retry_timeline([(0.01, 429, "1"), (1.02, 429, "2"), (3.05, 200, None)])
    axes = plt.gcf().axes[0]
    labels = [text.get_text() for text in axes.texts]
    assert axes.get_title() and axes.get_xlabel() == "seconds since the call started" and axes.get_ylabel() == "attempt"
    assert labels == ["429, Retry-After: 1 s", "waited 1.01 s", "429, Retry-After: 2 s", "waited 2.03 s", "200"]
    assert len(axes.patches) == 2 and len(axes.collections) == 3
    plt.close("all")
