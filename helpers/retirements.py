"""What Microsoft and GitHub retired, when, and where they said so: the one table every message about it reads."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Retirement:
    what: str
    date: str
    source: str

    @property
    def summary(self):
        return f"{self.what} was retired on {self.date}"


MODEL_INFERENCE = Retirement(
    "the Azure AI Model Inference API (the /models routes) and its SDK, azure-ai-inference", "2026-08-26",
    "Microsoft's retirement notices, cited in Azure/azure-rest-api-specs pull request #43907 (2026-06-10)")
GITHUB_MODELS = Retirement(
    "GitHub Models", "2026-07-30",
    "https://github.blog/changelog/2026-07-01-github-models-is-being-fully-retired-on-july-30-2026/")
SERVERLESS = ("serverless endpoints (<name>.<region>.models.ai.azure.com) speak the same Model Inference API; no "
              "public notice names their date, so the doctor checks what yours answers")
SUPPORTED_PATH = "https://<resource>.openai.azure.com/openai/v1/"
