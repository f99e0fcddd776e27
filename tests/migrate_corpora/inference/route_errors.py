"""A web handler catches the SDK's errors around a helper that makes the call; here with a key that is not valid."""
import os

from azure.ai.inference import ChatCompletionsClient
from azure.ai.inference.models import UserMessage
from azure.core.credentials import AzureKeyCredential
from azure.core.exceptions import ClientAuthenticationError, HttpResponseError

client = ChatCompletionsClient(endpoint=os.environ["AZURE_AI_CHAT_ENDPOINT"],
                               credential=AzureKeyCredential(os.environ.get("STALE_KEY", "a-key-that-was-rotated")))


def ask(question):
    return client.complete(messages=[UserMessage(question)], model=os.environ["AZURE_AI_CHAT_MODEL"])


def handle(question):
    try:
        return 200, ask(question).choices[0].message.content
    except ClientAuthenticationError:
        return 401, "The service refused our key; rotate it."
    except HttpResponseError as error:
        return error.status_code, error.message


if __name__ == "__main__":
    print(handle("hello"))
