"""A LangChain-era helper: it sets the legacy module's settings for LangChain's AzureOpenAI to read."""
import os

import openai

openai.api_type = "azure"
openai.api_base = os.environ["AZURE_OPENAI_ENDPOINT"]
openai.api_version = "2023-05-15"
openai.api_key = os.environ["AZURE_OPENAI_API_KEY"]


def make_llm():
    from langchain.llms import AzureOpenAI

    return AzureOpenAI(deployment_name=os.environ["AZURE_OPENAI_DEPLOYMENT"], temperature=0)
