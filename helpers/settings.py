"""Which variables the notebooks read, how .env is loaded, and how each value is checked."""

import re
from dataclasses import dataclass, field
from pathlib import Path

from dotenv import dotenv_values

from . import endpoints as ep
from .errors import SettingError
from .paths import NOTEBOOKS


@dataclass(frozen=True)
class Variable:
    name: str
    secret: bool
    placeholder: str
    example: str
    description: str
    kinds: tuple = field(default=())
    opens: tuple = field(default=())  # a key's: the endpoint variables it is the key of
    service: ep.EndpointKind | None = None  # a key's whose service has fixed hosts (GitHub Models, OpenAI)

    @property
    def is_endpoint(self):
        return bool(self.kinds)

    @property
    def serves(self):
        """Whether the steps that read it run live today, and why: what every lesson's variables table says."""
        if self.service or self.kinds:
            return (self.service or self.kinds[0]).serves
        return VARIABLES[self.opens[0]].serves


def _endpoint(name, placeholder, example, description, *kinds):
    return Variable(name, False, placeholder, example, description, kinds)


def _secret(name, example, description, *opens, service=None):
    """A key or token. Its replay placeholder is its own, so replay can tell which key a request was sent with."""
    return Variable(name, True, f"replay-placeholder-{name.lower().replace('_', '-')}", example, description,
                    opens=opens, service=service)


VARIABLES = {
    v.name: v
    for v in (
        _endpoint("AZURE_AI_CHAT_ENDPOINT", "https://example-model.eastus2.models.ai.azure.com",
                  "https://<your-deployment-name>.<your-azure-region>.models.ai.azure.com",
                  "Serverless / managed compute chat endpoint (OpenAI-to-Inference guide, inference README)",
                  ep.SERVERLESS, ep.FOUNDRY),
        _secret("AZURE_AI_CHAT_KEY", "<your-model-key>", "Key of AZURE_AI_CHAT_ENDPOINT", "AZURE_AI_CHAT_ENDPOINT"),
        _endpoint("AZURE_OPENAI_CHAT_ENDPOINT", "https://example-resource.openai.azure.com/openai/deployments/gpt-4o-mini",
                  "https://<your-resource>.openai.azure.com/openai/deployments/<your-deployment>",
                  f"Azure OpenAI deployment, used with api_version=\"{ep.API_VERSION}\" "
                  "(chat tutorial, inference README)",
                  ep.AOAI_DEPLOYMENT),
        _secret("AZURE_OPENAI_CHAT_KEY", "<your-key>", "Key of AZURE_OPENAI_CHAT_ENDPOINT",
                "AZURE_OPENAI_CHAT_ENDPOINT"),
        _secret("GITHUB_TOKEN", "<your-github-token>",
                "GitHub Models personal access token, github_pat_... (inference README)", service=ep.GITHUB_MODELS),
        _endpoint("AZURE_AI_EMBEDDINGS_ENDPOINT", "https://example-embeddings.eastus2.models.ai.azure.com",
                  "https://<your-deployment-name>.<your-azure-region>.models.ai.azure.com",
                  "Serverless embeddings endpoint (inference README)", ep.SERVERLESS, ep.FOUNDRY),
        _secret("AZURE_AI_EMBEDDINGS_KEY", "<your-model-key>", "Key of AZURE_AI_EMBEDDINGS_ENDPOINT",
                "AZURE_AI_EMBEDDINGS_ENDPOINT"),
        _endpoint("AZURE_INFERENCE_ENDPOINT", "https://example-resource.services.ai.azure.com/models",
                  "https://<resource>.services.ai.azure.com/models",
                  "Foundry models endpoint for azure-ai-inference (v1 migration guide)", ep.FOUNDRY),
        _secret("AZURE_INFERENCE_CREDENTIAL", "<your-key>", "Key of AZURE_INFERENCE_ENDPOINT (v1 migration guide)",
                "AZURE_INFERENCE_ENDPOINT"),
        _endpoint("AZURE_OPENAI_BASE_URL", "https://example-resource.openai.azure.com/openai/v1/",
                  "https://<resource>.openai.azure.com/openai/v1/",
                  "Azure OpenAI v1 endpoint for OpenAI(base_url=...) (v1 migration guide)", ep.AOAI_V1),
        _endpoint("AZURE_OPENAI_ENDPOINT", "https://example-resource.openai.azure.com/",
                  "https://<resource>.openai.azure.com/",
                  "Azure OpenAI resource for AzureOpenAI(azure_endpoint=...) (legacy Completions guide, in v1)",
                  ep.AOAI_RESOURCE),
        _secret("AZURE_OPENAI_API_KEY", "<your-key>",
                "Key of the Azure OpenAI resource behind AZURE_OPENAI_BASE_URL / AZURE_OPENAI_ENDPOINT "
                "(v1 migration guide)",
                "AZURE_OPENAI_BASE_URL", "AZURE_OPENAI_ENDPOINT"),
        _secret("OPENAI_API_KEY", "<your-openai-key>",
                "OpenAI key read by OpenAI() (OpenAI-to-Inference guide) and the legacy openai<1.0 code "
                "(legacy Completions guide)",
                service=ep.OPENAI),
    )
}

READS = {  # the variables each notebook reads
    "00_setup": ("AZURE_AI_CHAT_ENDPOINT", "AZURE_AI_CHAT_KEY", "GITHUB_TOKEN"),
    "01_auth": ("GITHUB_TOKEN", "AZURE_AI_CHAT_ENDPOINT", "AZURE_AI_CHAT_KEY", "AZURE_OPENAI_CHAT_ENDPOINT",
                "AZURE_OPENAI_CHAT_KEY", "AZURE_OPENAI_BASE_URL", "AZURE_OPENAI_API_KEY"),
    "02_chat": ("AZURE_OPENAI_CHAT_ENDPOINT", "AZURE_OPENAI_CHAT_KEY", "AZURE_AI_CHAT_ENDPOINT", "AZURE_AI_CHAT_KEY",
                "AZURE_OPENAI_BASE_URL", "AZURE_OPENAI_API_KEY"),
    "03_streaming": ("AZURE_AI_CHAT_ENDPOINT", "AZURE_AI_CHAT_KEY", "AZURE_OPENAI_CHAT_ENDPOINT",
                     "AZURE_OPENAI_CHAT_KEY", "AZURE_OPENAI_BASE_URL", "AZURE_OPENAI_API_KEY"),
    "04_embeddings": ("AZURE_AI_EMBEDDINGS_ENDPOINT", "AZURE_AI_EMBEDDINGS_KEY", "AZURE_OPENAI_BASE_URL",
                      "AZURE_OPENAI_API_KEY", "AZURE_AI_CHAT_ENDPOINT", "AZURE_AI_CHAT_KEY"),
    "05_model_extras": ("AZURE_AI_CHAT_ENDPOINT", "AZURE_AI_CHAT_KEY", "AZURE_OPENAI_BASE_URL", "AZURE_OPENAI_API_KEY"),
    "06_errors_and_logging": ("AZURE_AI_CHAT_ENDPOINT", "AZURE_AI_CHAT_KEY", "AZURE_AI_EMBEDDINGS_ENDPOINT",
                              "AZURE_AI_EMBEDDINGS_KEY", "AZURE_OPENAI_CHAT_ENDPOINT", "AZURE_OPENAI_CHAT_KEY",
                              "AZURE_OPENAI_BASE_URL", "AZURE_OPENAI_API_KEY"),
    "07_migrate_openai_to_inference": ("OPENAI_API_KEY", "AZURE_AI_CHAT_ENDPOINT", "AZURE_AI_CHAT_KEY",
                                       "AZURE_OPENAI_BASE_URL", "AZURE_OPENAI_API_KEY"),
    "08_migrate_inference_to_openai_v1": ("AZURE_INFERENCE_ENDPOINT", "AZURE_INFERENCE_CREDENTIAL",
                                          "AZURE_OPENAI_BASE_URL", "AZURE_OPENAI_API_KEY"),
    "09_migrate_legacy_completions": ("AZURE_OPENAI_ENDPOINT", "AZURE_OPENAI_API_KEY", "AZURE_OPENAI_BASE_URL"),
    "10_beyond_chat": ("AZURE_INFERENCE_ENDPOINT", "AZURE_INFERENCE_CREDENTIAL", "AZURE_OPENAI_BASE_URL",
                       "AZURE_OPENAI_API_KEY"),
}

_EXAMPLE_PLACEHOLDER = re.compile(r"<[^<>]*>|^your[-_]|[-_]here$", re.IGNORECASE)


def find_env(start):
    """The nearest .env in start or a folder above it, or None."""
    for folder in (Path(start).resolve(), *Path(start).resolve().parents):
        if (folder / ".env").is_file():
            return folder / ".env"
    return None


def env_file_for(notebook=None):
    """The .env a notebook reads: the nearest one above the notebook's folder, else above the working directory."""
    folder = (NOTEBOOKS / notebook).parent if notebook else NOTEBOOKS
    return find_env(folder) or find_env(Path.cwd())


def read_env(path):
    """The variables a .env file sets, as python-dotenv parses them; a file that cannot be read is a SettingError."""
    if path is None:
        return {}
    try:
        values = dotenv_values(path, encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise SettingError(f"{path.name} is not UTF-8 text. Save it as UTF-8 in your editor, then run the kit cell "
                           "again.") from None
    except OSError as error:
        raise SettingError(f"{path.name} cannot be read ({error.strerror}). Check its permissions, then run the kit "
                           "cell again.") from None
    if any("\0" in (value or "") or "\0" in name for name, value in values.items()):
        raise SettingError(f"{path.name} holds a NUL character, which no variable can carry. Retype the line that "
                           "has it (it often comes from copying out of a rich-text document).")
    return {name: value for name, value in values.items() if value is not None}


def variables_for(notebook):
    """The variables a notebook reads; a solutions notebook ("solutions/02_chat") reads its lesson's."""
    try:
        return [VARIABLES[name] for name in READS[notebook.removeprefix("solutions/")]]
    except KeyError:
        known = ", ".join(READS)
        raise SettingError(f"No notebook is called {notebook!r}. Known notebooks: {known}.") from None


def check(variable, value):
    """Return value when usable; raise SettingError naming the variable and the fix otherwise.

    Secret values are never quoted back, not even in part.
    """
    name = variable.name
    reason = None
    if value is None:
        reason = f"{name} is not set. Add it to .env (see .env.example: {variable.description})."
    elif value.strip() == "":
        reason = f"{name} is set but empty. Put the value after '{name}=' in .env, or delete the line."
    elif value != value.strip():
        where = "a line break" if ("\n" in value or "\r" in value) else "spaces"
        reason = f"{name} has {where} around its value. Remove them in .env (write {name}=value with nothing after it)."
    elif len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        reason = (f"{name} has quotes inside its value (it was quoted twice). "
                  f"In .env write {name}=value or {name}=\"value\", with one pair of quotes at most.")
    elif _EXAMPLE_PLACEHOLDER.search(value) or value == variable.example:
        reason = (f"{name} still holds the .env.example placeholder. "
                  f"Replace it with your own value ({variable.description}).")
    elif any(ord(ch) < 32 or ord(ch) == 127 for ch in value):
        reason = f"{name} contains control characters. Copy the value again into .env."
    elif not value.isascii():
        reason = f"{name} contains non-ASCII characters, which HTTP cannot carry here. Copy the value again into .env."
    if reason:
        raise SettingError(reason)
    if variable.is_endpoint:
        ep.check(name, value, variable.kinds)
    return value


def problem(variable, value):
    """The message check() would raise, or None when value is usable."""
    try:
        check(variable, value)
    except SettingError as error:
        return str(error)
    return None


# Yes/no and number settings of the kit itself.

DEFAULT_PACES = {"03_streaming": 0.03}  # lessons whose replayed streams are paced when NOTEBOOK_REPLAY_PACE is unset


def replay_pace(environ, notebook=""):
    """NOTEBOOK_REPLAY_PACE: seconds before each event of a replayed stream; empty or 0 means no pause, and unset
    means the lesson's own default (DEFAULT_PACES), so a streaming lesson streams visibly for a learner."""
    if "NOTEBOOK_REPLAY_PACE" not in environ:
        return DEFAULT_PACES.get(notebook.removeprefix("solutions/"), 0)
    value = environ["NOTEBOOK_REPLAY_PACE"].strip()
    try:
        pace = float(value or 0)
    except ValueError:
        pace = -1
    if not 0 <= pace <= 5:
        raise SettingError(f"NOTEBOOK_REPLAY_PACE={value!r} cannot be used: it is a pause in seconds from 0 to 5. "
                           "Set NOTEBOOK_REPLAY_PACE=0.03 in .env or your shell, "
                           "or 0 to replay streams at once.")
    return pace


def flag(environ, name):
    """A yes/no setting: 1, true or yes (any case) is yes; unset, empty, 0, false or no is no."""
    value = environ.get(name, "").strip().lower()
    if value in ("", "0", "false", "no"):
        return False
    if value in ("1", "true", "yes"):
        return True
    raise SettingError(f"{name}={value!r} cannot be used: set {name}=1 to turn it on, or unset it.")
