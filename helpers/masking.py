"""The kit writes the learner's keys nowhere a cell's output lands: each exact value of a secret variable (live and
record mode use them; replay sets placeholders instead, but a .env may hold others) becomes <ITS_NAME> in stdout
and stderr, in every log record, and in displayed data, so an unredacted log still shows where the key went, and a
saved notebook holds no key.

    undo = mask(shell, {"AZURE_AI_CHAT_KEY": "..."})   # in effect until undo()

Streams are wrapped (sys.stdout, sys.stderr), log records go through a record factory (logging's public hook: it runs
for every record of every logger, whatever handler and stream a cell gave it), and displayed data through the kernel's
own message hooks (ipykernel's display publisher and display hook).
"""

import logging
import sys

SHORTEST = 8  # a shorter value would mask ordinary words; no key or token the kit reads is that short


def secret_values(environ):
    """{name: value} of the kit's secret variables that environ sets to a usable value of the learner's. A replay
    placeholder is the kit's own and stays as it is (06 shows what an unredacted log holds with it), and an
    .env.example placeholder such as <your-key> is no secret."""
    from .settings import VARIABLES, problem

    return {v.name: environ[v.name] for v in VARIABLES.values()
            if v.secret and environ.get(v.name) and environ[v.name] != v.placeholder
            and problem(v, environ[v.name]) is None}


class Masker:
    """Replaces each value with <ITS_NAME>, the longest first, so a value inside another is not half-masked."""

    def __init__(self, secrets):
        pairs = [(value, f"<{name}>") for name, value in secrets.items() if len(value) >= SHORTEST]
        self.pairs = sorted(pairs, key=lambda pair: -len(pair[0]))

    def __call__(self, text):
        for value, placeholder in self.pairs:
            if value in text:
                text = text.replace(value, placeholder)
        return text

    def data(self, value):
        """A mime bundle, with every string in it masked."""
        if isinstance(value, str):
            return self(value)
        if isinstance(value, dict):
            return {key: self.data(item) for key, item in value.items()}
        if isinstance(value, list):
            return [self.data(item) for item in value]
        return value


class MaskedStream:
    """A text stream whose writes are masked; everything else is the stream's own."""

    def __init__(self, stream, masker):
        self._stream, self._masker = stream, masker

    def write(self, text):
        self._stream.write(self._masker(text))
        return len(text)

    def writelines(self, lines):
        self._stream.writelines(self._masker(line) for line in lines)

    def __getattr__(self, name):
        return getattr(self._stream, name)


def _streams(masker):
    wrapped = {name: MaskedStream(getattr(sys, name), masker) for name in ("stdout", "stderr")}
    originals = {name: getattr(sys, name) for name in wrapped}
    for name, stream in wrapped.items():
        setattr(sys, name, stream)

    def undo():
        for name, stream in wrapped.items():
            if getattr(sys, name) is stream:
                setattr(sys, name, originals[name])

    return undo


def _log_records(masker):
    previous = logging.getLogRecordFactory()

    def factory(*args, **kwargs):
        record = previous(*args, **kwargs)
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # a record whose arguments do not fit its format: logging reports it itself
            return record
        masked = masker(message)
        if masked != message:
            record.msg, record.args = masked, ()
        return record

    logging.setLogRecordFactory(factory)

    def undo():
        if logging.getLogRecordFactory() is factory:
            logging.setLogRecordFactory(previous)

    return undo


def _displayed(shell, masker):
    """The hooks of ipykernel's display publisher (display()) and display hook (a cell's last value), where present."""
    def hook(message):
        content = message["content"]
        if "data" in content:
            content["data"] = masker.data(content["data"])
        return message

    hooked = [each for each in (shell.display_pub, shell.displayhook) if hasattr(each, "register_hook")]
    for each in hooked:
        each.register_hook(hook)
    return lambda: [each.unregister_hook(hook) for each in hooked]


def mask(shell, secrets):
    """Mask secrets ({name: value}) in what cells show from now on; returns the undo. shell: IPython's, or None."""
    masker = Masker(secrets)
    if not masker.pairs:
        return lambda: None
    undo = [_streams(masker), _log_records(masker)]
    if shell is not None:
        undo.append(_displayed(shell, masker))

    def undo_all():
        while undo:
            undo.pop()()

    return undo_all
