"""The lessons' figures, drawn with matplotlib: a similarity heatmap (04) and a retry timeline (06)."""


def similarity_heatmap(labels, vectors, title="Cosine similarity"):
    """Draw the cosine-similarity matrix of vectors as a labelled heatmap."""
    import matplotlib.pyplot as plt
    import numpy as np

    matrix = np.asarray(vectors, dtype=float)
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True)
    similarity = matrix @ matrix.T
    figure, axes = plt.subplots(figsize=(5, 4))
    image = axes.imshow(similarity, vmin=-1, vmax=1, cmap="RdBu_r")
    axes.set_xticks(range(len(labels)), labels, rotation=30, ha="right")
    axes.set_yticks(range(len(labels)), labels)
    for i in range(len(labels)):
        for j in range(len(labels)):
            axes.text(j, i, f"{similarity[i, j]:.2f}", ha="center", va="center")
    axes.set_title(title)
    figure.colorbar(image)
    figure.tight_layout()
    plt.show()
    return similarity


def retry_timeline(answers, title="A retried 429, as the SDK handled it"):
    """Draw answers, (seconds since the call started, status, Retry-After) as a cell measured them, on a time line:
    each answer a dot labelled with its status and Retry-After, each wait before a retry a shaded span."""
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(figsize=(7, 2.8))
    nexts = [*answers[1:], None]
    for attempt, ((at, status, retry_after), following) in enumerate(zip(answers, nexts, strict=True), start=1):
        axes.scatter(at, attempt, s=80, color="tab:red" if status >= 400 else "tab:green", zorder=3)
        label = f"{status}" + (f", Retry-After: {retry_after} s" if retry_after else "")
        axes.annotate(label, (at, attempt), textcoords="offset points", xytext=(8, 6))
        if following:
            axes.axvspan(at, following[0], color="tab:blue", alpha=0.12)
            axes.annotate(f"waited {following[0] - at:.2f} s", ((at + following[0]) / 2, attempt + 0.5),
                          ha="center", color="tab:blue")
    axes.set_xlim(-0.1, max(at for at, _, _ in answers) * 1.3 + 0.2)
    axes.set_ylim(0.5, len(answers) + 0.7)
    axes.set_yticks(range(1, len(answers) + 1))
    axes.set_xlabel("seconds since the call started")
    axes.set_ylabel("attempt")
    axes.set_title(title)
    figure.tight_layout()
    plt.show()
