"""What is retired, since when, the public record that says so, and the lesson that moves code off it: the one table
every message about a retirement reads, the checker's and the kit's (helpers reads it from here, since the checker is
packaged alone and may import nothing of helpers).
"""

from dataclasses import dataclass

MIGRATION = "notebooks/08_migrate_inference_to_openai_v1.ipynb"  # the lesson that moves code to the OpenAI v1 API


@dataclass(frozen=True)
class Retirement:
    name: str
    date: str  # the day it was retired, ISO; "" when no retirement of it is public
    what: str  # what exactly stopped, or what is known when nothing did
    source: str  # the public record
    lesson: str = ""  # the kit's lesson that moves code off it, when there is one

    @property
    def fact(self):
        """One clause a message can quote: 'X was retired on <date>', or that no retirement of X is public."""
        return f"{self.name} was retired on {self.date}" if self.date else f"no retirement of {self.name} is public"


MODEL_INFERENCE_API = Retirement(
    "the Azure AI Model Inference API", "2026-08-26",
    "the /models routes of Foundry resources (https://<resource>.services.ai.azure.com/models/**), and the SDK made "
    "for them, azure-ai-inference",
    "Microsoft's retirement notices, cited in Azure/azure-rest-api-specs PR #43907 (2026-06-10), which marks the API "
    "deprecated in specification/ai/data-plane/ModelInference",
    MIGRATION,
)
AZURE_AI_INFERENCE = Retirement(
    "azure-ai-inference", "2026-08-26", "the Azure AI Inference beta SDK",
    "Microsoft Learn, Foundry (classic) Models, 'supported languages' "
    "(https://learn.microsoft.com/azure/foundry-classic/foundry-models/supported-languages)",
    MIGRATION,
)
GITHUB_MODELS = Retirement(
    "GitHub Models", "2026-07-30",
    "its inference API, playground and catalog (models.inference.ai.azure.com had stopped answering on 2025-10-17)",
    "GitHub changelog, 2026-07-30 'GitHub Models is now retired' (announced 2026-07-01), and 2025-07-17 "
    "'Deprecation of Azure endpoint for GitHub Models'",
)
SERVERLESS = Retirement(
    "serverless API endpoints", "",
    "they serve the Model Inference API's routes at their root (https://<name>.<region>.models.ai.azure.com), not "
    f"under /models, and the notices of 2026 name /models/**; and {AZURE_AI_INFERENCE.fact}. Whether one still "
    "answers is what the doctor checks",
    "Microsoft Learn, 'Azure AI Model Inference API' (its list of models deployed to serverless API endpoints), and "
    "Azure/azure-rest-api-specs PR #43907",
)

RETIREMENTS = (MODEL_INFERENCE_API, AZURE_AI_INFERENCE, GITHUB_MODELS, SERVERLESS)
