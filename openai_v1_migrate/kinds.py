"""The kinds of finding, as enums: each rule id that JSON and SARIF print, whose code it is about, and what it means.
"""

from enum import Enum, StrEnum

from openai_v1_migrate.retirements import AZURE_AI_INFERENCE


class Family(Enum):
    """Whose code a finding is about."""
    LEGACY = "openai<1.0"
    INFERENCE = "azure-ai-inference"
    V1 = "openai>=1"
    FILE = "a file the checker could not read"


class RuleId(StrEnum):
    """The kinds of finding. Each value is the rule id that JSON and SARIF print; each kind has its family and the
    description SARIF gives it."""

    def __new__(cls, value, family, description):
        member = str.__new__(cls, value)
        member._value_ = value
        member.family = family
        member.description = description
        return member

    LEGACY_CALL = "legacy-call", Family.LEGACY, "a call of the legacy openai<1.0 API, which openai>=1 removed"
    LEGACY_ERROR = "legacy-error", Family.LEGACY, "an openai.error class, which openai>=1 removed"
    LEGACY_SETTING = "legacy-setting", Family.LEGACY, "a module setting of the legacy openai<1.0 client"
    LEGACY_KEYWORD = "legacy-keyword", Family.LEGACY, "a keyword of the legacy openai<1.0 API"
    LEGACY_DICT = "legacy-dict", Family.LEGACY, "dict access on a legacy openai<1.0 answer"
    V1_SUBSCRIPT = "v1-subscript", Family.V1, "dict access on an openai>=1 object, which is not subscriptable"
    INFERENCE_IMPORT = ("inference-import", Family.INFERENCE,
                        f"an import of azure-ai-inference, which was retired on {AZURE_AI_INFERENCE.date}")
    INFERENCE_CLIENT = ("inference-client", Family.INFERENCE,
                        f"an azure-ai-inference client, retired on {AZURE_AI_INFERENCE.date}")
    INFERENCE_CALL = ("inference-call", Family.INFERENCE,
                      f"a call on an azure-ai-inference client, retired on {AZURE_AI_INFERENCE.date}")
    INFERENCE_KEYWORD = ("inference-keyword", Family.INFERENCE,
                         f"an azure-ai-inference keyword, retired on {AZURE_AI_INFERENCE.date}")
    V1_METHOD = "v1-method", Family.V1, "a method an openai>=1 client does not have"
    UNREACHABLE_HANDLER = ("unreachable-handler", Family.V1,
                           "an except clause that an earlier clause for its parent class makes unreachable")
    SYNTAX_ERROR = "syntax-error", Family.FILE, "a file or cell that Python cannot parse, so it was not checked"
    UNREADABLE = "unreadable", Family.FILE, "a file that is not UTF-8 text or not a notebook, so it was not checked"
